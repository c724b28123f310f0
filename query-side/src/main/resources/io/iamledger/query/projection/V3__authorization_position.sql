-- The last applied event of each account that can change authorization (everything but records such as a role
-- session issued). Caches of authorization state are keyed to it rather than to last_applied_seq, so recording
-- sessions leaves them valid. Existing rows start at their last applied event: possibly a change.
alter table {schema}.projection_state add column last_change_seq bigint not null default -1;
update {schema}.projection_state set last_change_seq = last_applied_seq;

insert into {schema}.read_model_version (version) values (3);
