-- OpenID Connect providers (from registration to deletion), each change to their client ids or thumbprints a new
-- version: whose tokens could open which roles when. Lists are one entry per line. Their tags live in tags
-- (identity_kind OIDC_PROVIDER).
create table {schema}.oidc_providers (
    account_id      text not null,
    provider_id     text collate "C" not null,
    arn             text collate "C" not null,
    url             text not null,
    client_ids      text not null,
    thumbprints     text not null,
    create_date     timestamptz not null,
    valid_from_seq  bigint not null,
    valid_from_time timestamptz not null,
    valid_to_seq    bigint,
    valid_to_time   timestamptz,
    primary key (provider_id, valid_from_seq),
    check (valid_to_seq is null or valid_to_seq > valid_from_seq)
);
create unique index oidc_providers_current_id on {schema}.oidc_providers (provider_id) where valid_to_seq is null;
create index oidc_providers_current_arn on {schema}.oidc_providers (account_id, arn) where valid_to_seq is null;

insert into {schema}.read_model_version (version) values (7);
