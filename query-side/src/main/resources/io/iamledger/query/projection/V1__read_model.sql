-- IAM Ledger temporal read model, schema version 1.
--
-- {schema} is replaced by the (validated) schema name before this script runs; every table lives there so a
-- rebuild can replay the log into a fresh schema beside the live one and compare checksums.
--
-- Every entity row is one version of one entity, true from the event that opened it to the event that closed
-- it: valid_from_seq / valid_from_time are the global sequence and event time of the opening event,
-- valid_to_seq / valid_to_time those of the closing event (null while the version is current). A change closes
-- the current version and inserts the next one, so nothing is ever updated in place except the closing columns.
-- State as of an instant t is
--     valid_from_time <= t and (valid_to_time is null or valid_to_time > t)
-- and as of a sequence s the same with valid_*_seq. Rows are keyed by the entity's id (names can change).
-- Times have microsecond resolution (timestamptz); event instants are truncated to the microsecond.
-- Name and path columns use the "C" collation so ordering (AWS sorts names case-insensitively) is the same
-- byte order on every server whatever its locale.
-- No surrogate keys: the checksum compares schemas row by row, so every column must come from the log.
-- Secrets never enter this schema: access keys are stored by id, owner, status and create date only.

create table {schema}.read_model_version (
    version     integer primary key,
    applied_at  timestamptz not null default now()
);

create table {schema}.users (
    account_id       text not null,
    user_id          text not null,
    user_name        text collate "C" not null,
    path             text collate "C" not null,
    arn              text not null,
    create_date      timestamptz not null,
    valid_from_seq   bigint not null,
    valid_from_time  timestamptz not null,
    valid_to_seq     bigint,
    valid_to_time    timestamptz,
    primary key (user_id, valid_from_seq),
    check (valid_to_seq is null or valid_to_seq > valid_from_seq)
);
create unique index users_current_id on {schema}.users (user_id) where valid_to_seq is null;
create index users_current_name on {schema}.users (account_id, lower(user_name)) where valid_to_seq is null;
create index users_history_name on {schema}.users (account_id, lower(user_name), valid_from_time);

create table {schema}.groups (
    account_id       text not null,
    group_id         text not null,
    group_name       text collate "C" not null,
    path             text collate "C" not null,
    arn              text not null,
    create_date      timestamptz not null,
    valid_from_seq   bigint not null,
    valid_from_time  timestamptz not null,
    valid_to_seq     bigint,
    valid_to_time    timestamptz,
    primary key (group_id, valid_from_seq),
    check (valid_to_seq is null or valid_to_seq > valid_from_seq)
);
create unique index groups_current_id on {schema}.groups (group_id) where valid_to_seq is null;
create index groups_current_name on {schema}.groups (account_id, lower(group_name)) where valid_to_seq is null;
create index groups_history_name on {schema}.groups (account_id, lower(group_name), valid_from_time);

create table {schema}.roles (
    account_id                   text not null,
    role_id                      text not null,
    role_name                    text collate "C" not null,
    path                         text collate "C" not null,
    arn                          text not null,
    create_date                  timestamptz not null,
    assume_role_policy_document  text not null,
    description                  text,
    max_session_duration         integer not null,
    valid_from_seq               bigint not null,
    valid_from_time              timestamptz not null,
    valid_to_seq                 bigint,
    valid_to_time                timestamptz,
    primary key (role_id, valid_from_seq),
    check (valid_to_seq is null or valid_to_seq > valid_from_seq)
);
create unique index roles_current_id on {schema}.roles (role_id) where valid_to_seq is null;
create index roles_current_name on {schema}.roles (account_id, lower(role_name)) where valid_to_seq is null;
create index roles_history_name on {schema}.roles (account_id, lower(role_name), valid_from_time);

-- Customer managed policies. Attachment and boundary-usage counts are not stored: they are counted from
-- policy_attachments / permissions_boundaries at read time, so attaching does not version the policy row.
create table {schema}.managed_policies (
    account_id          text not null,
    policy_id           text not null,
    policy_name         text collate "C" not null,
    path                text collate "C" not null,
    arn                 text not null,
    description         text,
    default_version_id  text not null,
    create_date         timestamptz not null,
    update_date         timestamptz not null,
    valid_from_seq      bigint not null,
    valid_from_time     timestamptz not null,
    valid_to_seq        bigint,
    valid_to_time       timestamptz,
    primary key (policy_id, valid_from_seq),
    check (valid_to_seq is null or valid_to_seq > valid_from_seq)
);
create unique index managed_policies_current_id on {schema}.managed_policies (policy_id) where valid_to_seq is null;
create index managed_policies_current_arn on {schema}.managed_policies (arn) where valid_to_seq is null;
create index managed_policies_current_name on {schema}.managed_policies (account_id, lower(policy_name)) where valid_to_seq is null;
create index managed_policies_history_arn on {schema}.managed_policies (arn, valid_from_time);
create index managed_policies_history_name on {schema}.managed_policies (account_id, lower(policy_name), valid_from_time);

-- Whether a version is the default is not stored here; it is managed_policies.default_version_id at the same instant.
create table {schema}.policy_versions (
    account_id       text not null,
    policy_id        text not null,
    version_id       text collate "C" not null,
    document         text not null,
    create_date      timestamptz not null,
    valid_from_seq   bigint not null,
    valid_from_time  timestamptz not null,
    valid_to_seq     bigint,
    valid_to_time    timestamptz,
    primary key (policy_id, version_id, valid_from_seq),
    check (valid_to_seq is null or valid_to_seq > valid_from_seq)
);
create index policy_versions_current on {schema}.policy_versions (policy_id, version_id) where valid_to_seq is null;

create table {schema}.group_memberships (
    account_id       text not null,
    user_id          text not null,
    group_id         text not null,
    valid_from_seq   bigint not null,
    valid_from_time  timestamptz not null,
    valid_to_seq     bigint,
    valid_to_time    timestamptz,
    primary key (user_id, group_id, valid_from_seq),
    check (valid_to_seq is null or valid_to_seq > valid_from_seq)
);
create index group_memberships_current_user on {schema}.group_memberships (user_id) where valid_to_seq is null;
create index group_memberships_current_group on {schema}.group_memberships (group_id) where valid_to_seq is null;
create index group_memberships_history_group on {schema}.group_memberships (group_id, valid_from_time);

-- identity_kind is USER, GROUP or ROLE (io.iamledger.events.identity.IdentityKind names).
create table {schema}.policy_attachments (
    account_id       text not null,
    identity_kind    text not null,
    identity_id      text not null,
    policy_arn       text collate "C" not null,
    valid_from_seq   bigint not null,
    valid_from_time  timestamptz not null,
    valid_to_seq     bigint,
    valid_to_time    timestamptz,
    primary key (identity_id, policy_arn, valid_from_seq),
    check (valid_to_seq is null or valid_to_seq > valid_from_seq)
);
create index policy_attachments_current_identity on {schema}.policy_attachments (identity_id) where valid_to_seq is null;
create index policy_attachments_current_policy on {schema}.policy_attachments (account_id, policy_arn) where valid_to_seq is null;
create index policy_attachments_history_policy on {schema}.policy_attachments (account_id, policy_arn, valid_from_time);

-- Inline policy names are compared exactly (AWS keeps them unique per principal, case-sensitively).
create table {schema}.inline_policies (
    account_id       text not null,
    identity_kind    text not null,
    identity_id      text not null,
    policy_name      text collate "C" not null,
    document         text not null,
    valid_from_seq   bigint not null,
    valid_from_time  timestamptz not null,
    valid_to_seq     bigint,
    valid_to_time    timestamptz,
    primary key (identity_id, policy_name, valid_from_seq),
    check (valid_to_seq is null or valid_to_seq > valid_from_seq)
);
create index inline_policies_current on {schema}.inline_policies (identity_id, policy_name) where valid_to_seq is null;

create table {schema}.permissions_boundaries (
    account_id       text not null,
    identity_kind    text not null,
    identity_id      text not null,
    boundary_arn     text not null,
    valid_from_seq   bigint not null,
    valid_from_time  timestamptz not null,
    valid_to_seq     bigint,
    valid_to_time    timestamptz,
    primary key (identity_id, valid_from_seq),
    check (valid_to_seq is null or valid_to_seq > valid_from_seq)
);
create unique index permissions_boundaries_current on {schema}.permissions_boundaries (identity_id) where valid_to_seq is null;
create index permissions_boundaries_current_arn on {schema}.permissions_boundaries (account_id, boundary_arn) where valid_to_seq is null;

-- Tag keys are unique per identity case-insensitively; the key keeps the case it was last written with.
create table {schema}.tags (
    account_id       text not null,
    identity_kind    text not null,
    identity_id      text not null,
    tag_key          text collate "C" not null,
    tag_value        text not null,
    valid_from_seq   bigint not null,
    valid_from_time  timestamptz not null,
    valid_to_seq     bigint,
    valid_to_time    timestamptz,
    check (valid_to_seq is null or valid_to_seq > valid_from_seq)
);
create unique index tags_key on {schema}.tags (identity_id, lower(tag_key), valid_from_seq);
create index tags_current on {schema}.tags (identity_id, lower(tag_key)) where valid_to_seq is null;

-- owner_kind is ROOT (owner_id = account id) or USER. Never a secret or its fingerprint.
create table {schema}.access_keys (
    account_id       text not null,
    owner_kind       text not null,
    owner_id         text not null,
    access_key_id    text collate "C" not null,
    status           text not null,
    create_date      timestamptz not null,
    valid_from_seq   bigint not null,
    valid_from_time  timestamptz not null,
    valid_to_seq     bigint,
    valid_to_time    timestamptz,
    primary key (access_key_id, valid_from_seq),
    check (valid_to_seq is null or valid_to_seq > valid_from_seq)
);
create unique index access_keys_current_id on {schema}.access_keys (access_key_id) where valid_to_seq is null;
create index access_keys_current_owner on {schema}.access_keys (owner_id) where valid_to_seq is null;
create index access_keys_history_owner on {schema}.access_keys (owner_id, valid_from_time);

-- Dedupe high-water mark per account: every account's events sit in one Kafka partition (key = account id) in
-- global-sequence order, so an envelope at or below its account's mark was applied already. -1 = nothing yet.
create table {schema}.projection_state (
    account_id         text primary key,
    last_applied_seq   bigint not null,
    last_applied_time  timestamptz
);

-- Where each partition's consumer resumes; written in the same transaction as the rows the records produced.
create table {schema}.consumer_offsets (
    topic                 text not null,
    partition             integer not null,
    next_offset           bigint not null,
    last_global_sequence  bigint,
    last_event_time       timestamptz,
    primary key (topic, partition)
);

insert into {schema}.read_model_version (version) values (1);
