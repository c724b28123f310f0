-- Which user each virtual MFA device is enabled for (EntityRegistry): a device serves one user, a user has at most
-- eight. Written in the same transaction as the MfaDeviceEnabled / MfaDeviceDeactivated event.
create table if not exists registry_mfa_assignment (
    account_id varchar(12)  not null,
    device_id  varchar(128) not null,
    user_id    varchar(128) not null,
    primary key (account_id, device_id)
);
create index if not exists registry_mfa_assignment_user on registry_mfa_assignment (account_id, user_id);

-- Virtual MFA seeds, sealed (AES-GCM) under the key-encryption key in the data directory, never in the log; with
-- the user the device is enabled for, the clock drift ResyncMFADevice measured (in 30-second steps) and the last
-- time step whose code was accepted, so that a code is accepted once (a replayed code, or an older one, is refused).
create table if not exists mfa_seed (
    device_id          varchar(128) primary key,
    account_id         varchar(12)  not null,
    serial_number      varchar(256) not null,
    sealed_seed        bytea        not null,
    user_id            varchar(128),
    last_accepted_step bigint       not null default -1,
    drift_steps        integer      not null default 0,
    created_at         timestamptz  not null
);
