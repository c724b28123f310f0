-- When each long-term access key was last used to sign a request, for which service and region
-- (GetAccessKeyLastUsed, the credential report). Not an event: a use changes nobody's permissions, and a row per
-- request would dwarf the log. Uses are gathered in memory and written at most every second, newest use winning.
create table if not exists access_key_last_used (
    access_key_id varchar(128) primary key,
    last_used_at  timestamptz  not null,
    service_name  varchar(64)  not null,
    region        varchar(64)  not null
);

-- Each account's latest credential report (GenerateCredentialReport), kept as the CSV it answered with.
create table if not exists credential_report (
    account_id   varchar(12) primary key,
    generated_at timestamptz not null,
    content      bytea       not null
);
