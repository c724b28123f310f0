-- Users' passwords as slow salted hashes (bcrypt over the password's SHA-256, cost 10), never the password, never
-- in the log; the previous ones for the password policy's reuse prevention; and each account's password policy as
-- the command side enforces it (its history is in the log). Written in the same transaction as the event.
create table if not exists login_password (
    user_id       varchar(128) primary key,
    account_id    varchar(12)  not null,
    password_hash varchar(128) not null,
    changed_at    timestamptz  not null
);
create table if not exists login_password_history (
    user_id       varchar(128) not null,
    changed_at    timestamptz  not null,
    password_hash varchar(128) not null,
    primary key (user_id, changed_at)
);
create table if not exists account_password_policy (
    account_id varchar(12) primary key,
    policy     text        not null,
    updated_at timestamptz not null
);
