-- Login profiles: which user could sign in with a password, from when to when, and whether a reset was required.
-- Never the password or its hash (those stay in the command side's vault).
create table {schema}.login_profiles (
    account_id               text not null,
    user_id                  text collate "C" not null,
    create_date              timestamptz not null,
    reset_required  integer not null,
    valid_from_seq           bigint not null,
    valid_from_time          timestamptz not null,
    valid_to_seq             bigint,
    valid_to_time            timestamptz,
    primary key (user_id, valid_from_seq),
    check (valid_to_seq is null or valid_to_seq > valid_from_seq)
);
create unique index login_profiles_current_id on {schema}.login_profiles (user_id) where valid_to_seq is null;

insert into {schema}.read_model_version (version) values (5);
