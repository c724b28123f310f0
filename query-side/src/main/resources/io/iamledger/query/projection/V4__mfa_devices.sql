-- Virtual MFA devices (from creation to deletion) and their assignments to users (from EnableMFADevice to
-- DeactivateMFADevice): which user held which device when. Device tags live in tags (identity_kind MFA_DEVICE).
create table {schema}.mfa_devices (
    account_id       text not null,
    device_id        text collate "C" not null,
    serial_number    text not null,
    create_date      timestamptz not null,
    valid_from_seq   bigint not null,
    valid_from_time  timestamptz not null,
    valid_to_seq     bigint,
    valid_to_time    timestamptz,
    primary key (device_id, valid_from_seq),
    check (valid_to_seq is null or valid_to_seq > valid_from_seq)
);
create unique index mfa_devices_current_id on {schema}.mfa_devices (device_id) where valid_to_seq is null;
create index mfa_devices_current_account on {schema}.mfa_devices (account_id) where valid_to_seq is null;

create table {schema}.mfa_assignments (
    account_id       text not null,
    device_id        text collate "C" not null,
    user_id          text collate "C" not null,
    enable_date      timestamptz not null,
    valid_from_seq   bigint not null,
    valid_from_time  timestamptz not null,
    valid_to_seq     bigint,
    valid_to_time    timestamptz,
    primary key (device_id, valid_from_seq),
    check (valid_to_seq is null or valid_to_seq > valid_from_seq)
);
create unique index mfa_assignments_current_id on {schema}.mfa_assignments (device_id) where valid_to_seq is null;
create index mfa_assignments_current_user on {schema}.mfa_assignments (user_id) where valid_to_seq is null;

insert into {schema}.read_model_version (version) values (4);
