-- Instance profiles and service-linked roles.
-- Which role each instance profile holds (EntityRegistry): at most one per profile; a role in one cannot be deleted.
-- Written in the same transaction as the RoleAddedToInstanceProfile / RoleRemovedFromInstanceProfile event.
create table if not exists registry_instance_profile_role (
    account_id          varchar(12)  not null,
    instance_profile_id varchar(128) not null,
    role_id             varchar(128) not null,
    primary key (account_id, instance_profile_id)
);
create index if not exists registry_instance_profile_role_role
    on registry_instance_profile_role (account_id, role_id);

-- DeleteServiceLinkedRole's deletion tasks: deletion happens in the call itself, so every task recorded here
-- succeeded; GetServiceLinkedRoleDeletionStatus finds its task here. Written in the same transaction as the events.
create table if not exists service_linked_role_deletion (
    deletion_task_id varchar(1000) primary key,
    account_id       varchar(12)   not null,
    role_name        varchar(64)   not null,
    deleted_at       timestamptz   not null
);
