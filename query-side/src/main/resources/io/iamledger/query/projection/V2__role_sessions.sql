-- Sessions of roles issued by AssumeRole: who held which role, from when (valid_from_time) until it expired
-- (expiration) or was cut short (valid_to_time: the role was deleted or its trust policy changed, after which the
-- server refuses the session's credentials).
create table {schema}.role_sessions (
    account_id         text not null,
    role_id            text not null,
    access_key_id      text collate "C" not null,
    session_name       text not null,
    session_arn        text not null,
    issuer_arn         text not null,
    issuer_account_id  text not null,
    source_identity    text,
    expiration         timestamptz not null,
    valid_from_seq     bigint not null,
    valid_from_time    timestamptz not null,
    valid_to_seq       bigint,
    valid_to_time      timestamptz,
    primary key (access_key_id, valid_from_seq),
    check (valid_to_seq is null or valid_to_seq > valid_from_seq)
);
create unique index role_sessions_current_id on {schema}.role_sessions (access_key_id) where valid_to_seq is null;
create index role_sessions_current_role on {schema}.role_sessions (role_id) where valid_to_seq is null;
create index role_sessions_history_role on {schema}.role_sessions (role_id, valid_from_time);

insert into {schema}.read_model_version (version) values (2);
