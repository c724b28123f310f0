-- The audit trail and the hash chains over both logs. Idempotent: run at every start, after V1.
--
-- Chain rule, for the event log and the audit trail alike: every row stores the hash of the row before it
-- (chain_prev; 32 zero bytes for the first row) and its own hash, chain_hash = SHA-256(chain_prev || canonical bytes
-- of the row). The canonical bytes are the row's fields in a fixed order, each as a 4-byte big-endian length
-- (-1 for null) followed by its bytes (text as UTF-8); io.iamledger.infra.ledger.LogChain computes the same bytes
-- in Java, so that verify-log needs nothing from this server. Rows are chained as they are inserted, under the
-- append lock of V1, so chain order is commit order whoever inserts.

create or replace function iamledger_field(value bytea) returns bytea language sql immutable as $$
    select case when value is null then int4send(-1) else int4send(octet_length(value)) || value end
$$;

create or replace function iamledger_text_field(value text) returns bytea language sql immutable as $$
    select iamledger_field(convert_to(value, 'UTF8'))
$$;

create or replace function iamledger_chain_start() returns bytea language sql immutable as $$
    select decode(repeat('00', 32), 'hex')
$$;

-- Domain events: the chain columns beside Axon's own (Axon names its columns, so it never reads or writes these).
alter table domain_event_entry add column if not exists chain_prev bytea;
alter table domain_event_entry add column if not exists chain_hash bytea;

-- A row-level BEFORE trigger sees the rows its own statement inserted before (PostgreSQL's documented visibility
-- for row triggers), and the append lock keeps every other writer out until commit: the row with the highest
-- index so far is this row's predecessor.
create or replace function iamledger_chain_event() returns trigger language plpgsql as $$
declare
    previous bytea;
begin
    select chain_hash into previous from domain_event_entry order by global_index desc limit 1;
    new.chain_prev := coalesce(previous, iamledger_chain_start());
    new.chain_hash := sha256(new.chain_prev
        || iamledger_text_field(new.event_identifier)
        || iamledger_text_field(new.aggregate_identifier)
        || int8send(new.sequence_number)
        || iamledger_text_field(new.type)
        || iamledger_text_field(new.time_stamp)
        || iamledger_text_field(new.payload_type)
        || iamledger_text_field(new.payload_revision)
        || iamledger_field(new.payload)
        || iamledger_field(new.meta_data));
    return new;
end $$;

drop trigger if exists domain_event_entry_chain on domain_event_entry;
create trigger domain_event_entry_chain before insert on domain_event_entry
    for each row execute function iamledger_chain_event();

-- The audit trail: one record per API call, CloudTrail's JSON as the record. The lookup columns are generated from
-- the record, so they can never disagree with it.
create table if not exists audit_record (
    audit_index        bigserial primary key,
    event_id           uuid         not null unique,
    account_id         varchar(12)  not null,
    event_time         timestamptz  not null,
    record             jsonb        not null,
    resources          jsonb        not null,
    event_name         text generated always as (record ->> 'eventName') stored,
    event_source       text generated always as (record ->> 'eventSource') stored,
    read_only          boolean generated always as ((record ->> 'readOnly')::boolean) stored,
    -- CloudTrail's Username: the IAM user's name, "root" for the account root
    username           text generated always as (coalesce(record -> 'userIdentity' ->> 'userName',
                           case when record -> 'userIdentity' ->> 'type' = 'Root' then 'root' end)) stored,
    access_key_id      text generated always as (record -> 'userIdentity' ->> 'accessKeyId') stored,
    event_positions    jsonb generated always as (record -> 'additionalEventData' -> 'eventSequenceNumbers') stored,
    chain_prev         bytea        not null,
    chain_hash         bytea        not null
);
create index if not exists audit_record_time on audit_record (account_id, event_time desc, audit_index desc);
create index if not exists audit_record_name on audit_record (account_id, event_name, event_time desc);
create index if not exists audit_record_username on audit_record (account_id, username, event_time desc);
create index if not exists audit_record_access_key on audit_record (account_id, access_key_id, event_time desc);
create index if not exists audit_record_source on audit_record (account_id, event_source, event_time desc);
create index if not exists audit_record_read_only on audit_record (account_id, read_only, event_time desc);
create index if not exists audit_record_resources on audit_record using gin (resources jsonb_path_ops);
create index if not exists audit_record_positions on audit_record using gin (event_positions jsonb_path_ops);

drop trigger if exists audit_record_append_only on audit_record;
create trigger audit_record_append_only before update or delete on audit_record
    for each row execute function iamledger_reject_change();
drop trigger if exists audit_record_no_truncate on audit_record;
create trigger audit_record_no_truncate before truncate on audit_record
    for each statement execute function iamledger_reject_change();
drop trigger if exists audit_record_append_lock on audit_record;
create trigger audit_record_append_lock before insert on audit_record
    for each statement execute function iamledger_take_append_lock();

create or replace function iamledger_chain_audit() returns trigger language plpgsql as $$
declare
    previous bytea;
begin
    select chain_hash into previous from audit_record order by audit_index desc limit 1;
    new.chain_prev := coalesce(previous, iamledger_chain_start());
    new.chain_hash := sha256(new.chain_prev
        || iamledger_text_field(new.event_id::text)
        || iamledger_text_field(new.account_id)
        || iamledger_text_field(to_char(new.event_time at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'))
        || iamledger_text_field(new.record::text)
        || iamledger_text_field(new.resources::text));
    return new;
end $$;

drop trigger if exists audit_record_chain on audit_record;
create trigger audit_record_chain before insert on audit_record
    for each row execute function iamledger_chain_audit();

-- As for events: records are written here within their transaction and moved into audit_record as it commits, so
-- the append lock is held for the move and the commit only. A write's record names the events its call appended
-- by identifier; their global sequence numbers exist only once the events are moved, so this move runs V1's event
-- move first (whichever deferred trigger fires first, the events are numbered before any record names them).
create unlogged table if not exists audit_append_buffer (
    append_order      bigint generated always as identity,
    transaction_id    xid8         not null default pg_current_xact_id(),
    event_id          uuid         not null,
    account_id        varchar(12)  not null,
    event_time        timestamptz  not null,
    record            jsonb        not null,
    resources         jsonb        not null,
    event_identifiers text[]       not null
);
create index if not exists audit_append_buffer_transaction on audit_append_buffer (transaction_id);

-- No sequential scans, for the same reason as in V1's event move.
create or replace function iamledger_move_audit() returns trigger language plpgsql set enable_seqscan = off as $$
begin
    if current_setting('iamledger.audit_moved', true) = 'yes' then
        return null;
    end if;
    perform iamledger_move_event_buffer();
    perform set_config('iamledger.audit_moved', 'yes', true);
    with moved as (
        delete from audit_append_buffer where transaction_id = pg_current_xact_id() returning *
    )
    insert into audit_record (event_id, account_id, event_time, record, resources)
    select m.event_id, m.account_id, m.event_time,
           case when cardinality(m.event_identifiers) = 0 then m.record
                else jsonb_set(m.record, '{additionalEventData}',
                        coalesce(m.record -> 'additionalEventData', '{}'::jsonb) || jsonb_build_object(
                            'eventSequenceNumbers',
                            (select coalesce(jsonb_agg(e.global_index order by e.global_index), '[]'::jsonb)
                             from domain_event_entry e where e.event_identifier = any(m.event_identifiers))))
           end,
           m.resources
    from moved m order by m.append_order;
    return null;
end $$;

drop trigger if exists audit_append_buffer_move on audit_append_buffer;
create constraint trigger audit_append_buffer_move after insert on audit_append_buffer
    deferrable initially deferred for each row execute function iamledger_move_audit();

-- Signed checkpoints over the heads of both chains (Ed25519; the key pair lives in the data directory).
create table if not exists log_checkpoint (
    checkpoint_id      bigserial primary key,
    signed_at          timestamptz  not null,
    event_count        bigint       not null,
    event_head_index   bigint       not null,
    event_head_hash    bytea        not null,
    audit_count        bigint       not null,
    audit_head_index   bigint       not null,
    audit_head_hash    bytea        not null,
    key_fingerprint    text         not null,
    signature          bytea        not null
);
drop trigger if exists log_checkpoint_append_only on log_checkpoint;
create trigger log_checkpoint_append_only before update or delete on log_checkpoint
    for each row execute function iamledger_reject_change();
drop trigger if exists log_checkpoint_no_truncate on log_checkpoint;
create trigger log_checkpoint_no_truncate before truncate on log_checkpoint
    for each statement execute function iamledger_reject_change();
