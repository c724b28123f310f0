-- Instance profiles (from creation to deletion) and the role each held (from AddRoleToInstanceProfile to
-- RemoveRoleFromInstanceProfile): which role a machine could be handed when. Their tags live in tags
-- (identity_kind INSTANCE_PROFILE).
create table {schema}.instance_profiles (
    account_id            text not null,
    instance_profile_id   text collate "C" not null,
    instance_profile_name text collate "C" not null,
    path                  text collate "C" not null,
    arn                   text not null,
    create_date           timestamptz not null,
    valid_from_seq        bigint not null,
    valid_from_time       timestamptz not null,
    valid_to_seq          bigint,
    valid_to_time         timestamptz,
    primary key (instance_profile_id, valid_from_seq),
    check (valid_to_seq is null or valid_to_seq > valid_from_seq)
);
create unique index instance_profiles_current_id on {schema}.instance_profiles (instance_profile_id)
    where valid_to_seq is null;
create index instance_profiles_current_name on {schema}.instance_profiles (account_id, lower(instance_profile_name))
    where valid_to_seq is null;

create table {schema}.instance_profile_roles (
    account_id          text not null,
    instance_profile_id text collate "C" not null,
    role_id             text collate "C" not null,
    valid_from_seq      bigint not null,
    valid_from_time     timestamptz not null,
    valid_to_seq        bigint,
    valid_to_time       timestamptz,
    primary key (instance_profile_id, valid_from_seq),
    check (valid_to_seq is null or valid_to_seq > valid_from_seq)
);
create unique index instance_profile_roles_current_id on {schema}.instance_profile_roles (instance_profile_id)
    where valid_to_seq is null;
create index instance_profile_roles_current_role on {schema}.instance_profile_roles (role_id)
    where valid_to_seq is null;

insert into {schema}.read_model_version (version) values (6);
