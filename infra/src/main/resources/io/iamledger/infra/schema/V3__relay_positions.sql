-- How far each relay that is not an Axon processor has published: the audit relay stores the audit_index of the
-- last record Kafka acknowledged, so a restart resumes after it (a crash in between publishes a batch twice;
-- consumers deduplicate by eventID).
create table if not exists relay_position (
    relay_name  text    primary key,
    position    bigint  not null
);
