-- The event store (Axon's JDBC layout) and the command side's lookup tables. Idempotent: run at every start.
create table if not exists domain_event_entry (
    global_index         bigserial primary key,
    event_identifier     varchar(255) not null unique,
    aggregate_identifier varchar(255) not null,
    sequence_number      bigint       not null,
    type                 varchar(255),
    time_stamp           varchar(255) not null,
    payload_type         varchar(255) not null,
    payload_revision     varchar(255),
    payload              bytea        not null,
    meta_data            bytea,
    unique (aggregate_identifier, sequence_number)
);

create table if not exists snapshot_event_entry (
    aggregate_identifier varchar(255) not null,
    sequence_number      bigint       not null,
    type                 varchar(255) not null,
    event_identifier     varchar(255) not null unique,
    time_stamp           varchar(255) not null,
    payload_type         varchar(255) not null,
    payload_revision     varchar(255),
    payload              bytea        not null,
    meta_data            bytea,
    primary key (aggregate_identifier, sequence_number)
);

create table if not exists token_entry (
    processor_name varchar(255) not null,
    segment        integer      not null,
    token          bytea,
    token_type     varchar(255),
    timestamp      varchar(255),
    owner          varchar(255),
    primary key (processor_name, segment)
);

-- The log is append-only: no UPDATE, DELETE or TRUNCATE, whoever asks.
create or replace function iamledger_reject_change() returns trigger language plpgsql as $$
begin
    raise exception 'the event log is append-only: % on % is not allowed', tg_op, tg_table_name
        using errcode = 'insufficient_privilege';
end $$;

drop trigger if exists domain_event_entry_append_only on domain_event_entry;
create trigger domain_event_entry_append_only before update or delete on domain_event_entry
    for each row execute function iamledger_reject_change();
drop trigger if exists domain_event_entry_no_truncate on domain_event_entry;
create trigger domain_event_entry_no_truncate before truncate on domain_event_entry
    for each statement execute function iamledger_reject_change();

-- Appends serialize on this transaction-scoped advisory lock (key fixed, shared by every writer of the store), so
-- global sequence order is commit order. A statement-level BEFORE trigger takes it: it fires before the statement's
-- rows are produced, so before any of them draws its global_index from the sequence, whoever inserts.
drop function if exists iamledger_lock_appends();
create or replace function iamledger_take_append_lock() returns trigger language plpgsql as $$
begin
    perform pg_advisory_xact_lock(1895204926506663937);
    return null;
end $$;

drop trigger if exists domain_event_entry_append_lock on domain_event_entry;
create trigger domain_event_entry_append_lock before insert on domain_event_entry
    for each statement execute function iamledger_take_append_lock();

-- The server does not insert into domain_event_entry while its transaction runs: that would hold the append lock
-- from the insert until the commit, through every later round trip of the transaction, and make every other
-- writer wait for this one's client. It writes its events here instead, and a deferred trigger moves them into
-- domain_event_entry as the transaction commits: the lock is then held only for that move and the commit itself,
-- inside PostgreSQL. Rows live here only within their own transaction (unlogged: nothing to recover after a crash).
create unlogged table if not exists event_append_buffer (
    append_order         bigint generated always as identity,
    transaction_id       xid8         not null default pg_current_xact_id(),
    event_identifier     varchar(255) not null,
    aggregate_identifier varchar(255) not null,
    sequence_number      bigint       not null,
    type                 varchar(255),
    time_stamp           varchar(255) not null,
    payload_type         varchar(255) not null,
    payload_revision     varchar(255),
    payload              bytea        not null,
    meta_data            bytea
);
create index if not exists event_append_buffer_transaction on event_append_buffer (transaction_id);

-- Fires once per buffered row at commit; the first firing moves all of the transaction's rows, in append order (a
-- duplicate aggregate sequence fails the commit: optimistic concurrency), and marks the transaction as done. The
-- move is a function of its own so that the audit trail's move (V2) can run it first.
-- No sequential scans in it: the buffer is empty between transactions, so once vacuum has recorded it as empty the
-- planner prefers a sequential scan for the delete, and each session keeps that plan (the statement has no
-- parameters to replan for) while the dead rows of earlier transactions pile up until the next vacuum. Every commit
-- then read the whole bloated table under the append lock: writes fell from about 200/s to 100/s within two minutes,
-- and jumped back whenever autovacuum emptied it.
create or replace function iamledger_move_event_buffer() returns void language plpgsql set enable_seqscan = off as $$
begin
    if current_setting('iamledger.appends_moved', true) = 'yes' then
        return;
    end if;
    perform set_config('iamledger.appends_moved', 'yes', true);
    with moved as (
        delete from event_append_buffer where transaction_id = pg_current_xact_id() returning *
    )
    insert into domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type, time_stamp,
                                    payload_type, payload_revision, payload, meta_data)
    select event_identifier, aggregate_identifier, sequence_number, type, time_stamp,
           payload_type, payload_revision, payload, meta_data
    from moved order by append_order;
end $$;

create or replace function iamledger_move_appends() returns trigger language plpgsql as $$
begin
    perform iamledger_move_event_buffer();
    return null;
end $$;

drop trigger if exists event_append_buffer_move on event_append_buffer;
create constraint trigger event_append_buffer_move after insert on event_append_buffer
    deferrable initially deferred for each row execute function iamledger_move_appends();

-- Command-side lookup tables (EntityRegistry): written in the same transaction as the event append.
create table if not exists registry_name (
    account_id varchar(12)  not null,
    kind       varchar(16)  not null,
    name_key   varchar(2048) not null,
    name       varchar(2048) not null,
    entity_id  varchar(128) not null,
    primary key (account_id, kind, name_key)
);
create table if not exists registry_membership (
    account_id varchar(12)  not null,
    group_id   varchar(128) not null,
    user_id    varchar(128) not null,
    primary key (account_id, group_id, user_id)
);
create table if not exists registry_attachment (
    account_id    varchar(12)   not null,
    policy_arn    varchar(2048) not null,
    identity_kind varchar(8)    not null,
    identity_id   varchar(128)  not null,
    primary key (account_id, policy_arn, identity_kind, identity_id)
);

-- Access-key secrets, sealed (AES-GCM) under the key-encryption key in the data directory. Never in the log.
create table if not exists credential (
    access_key_id  varchar(128) primary key,
    account_id     varchar(12)  not null,
    owner_kind     varchar(8)   not null,
    owner_id       varchar(128) not null,
    owner_name     varchar(128) not null,
    status         varchar(16)  not null,
    sealed_secret  bytea        not null,
    created_at     timestamptz  not null
);

create table if not exists ledger_account (
    account_id varchar(12) primary key,
    is_default boolean     not null,
    created_at timestamptz not null
);
