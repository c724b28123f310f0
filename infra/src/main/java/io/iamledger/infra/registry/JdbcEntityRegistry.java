package io.iamledger.infra.registry;

import io.iamledger.command.registry.EntityKind;
import io.iamledger.command.registry.EntityRegistry;
import io.iamledger.events.error.IamException;
import io.iamledger.events.identity.IdentityRef;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@link EntityRegistry} on PostgreSQL. It runs on the transaction of the command being handled (Spring binds
 * the connection to the thread, and Axon's unit of work uses the same transaction manager), so a name claimed
 * here and the event that claims it commit or roll back together. Unique keys make concurrent claims of one
 * name fail for all but the first; {@code for share}/{@code for update} row locks order a join or attachment
 * against a concurrent delete.
 */
public final class JdbcEntityRegistry implements EntityRegistry {
    private final JdbcTemplate jdbc;
    private final Predicate<String> builtInPolicy;

    /**
     * @param jdbc          template on the data source of the event store
     * @param builtInPolicy whether an ARN names a built-in AWS managed policy, which exists in every account
     */
    public JdbcEntityRegistry(JdbcTemplate jdbc, Predicate<String> builtInPolicy) {
        this.jdbc = jdbc;
        this.builtInPolicy = builtInPolicy;
    }

    @Override
    public void claim(String accountId, EntityKind kind, String name, String entityId) {
        int inserted = jdbc.update("insert into registry_name (account_id, kind, name_key, name, entity_id) "
                        + "values (?, ?, ?, ?, ?) on conflict do nothing",
                accountId, kind.name(), key(name), name, entityId);
        if (inserted == 0) {
            throw IamException.alreadyExists(kind.alreadyExistsMessage(name));
        }
    }

    @Override
    public void rename(String accountId, EntityKind kind, String oldName, String newName) {
        if (key(oldName).equals(key(newName))) {
            jdbc.update("update registry_name set name = ? where account_id = ? and kind = ? and name_key = ?",
                    newName, accountId, kind.name(), key(oldName));
            return;
        }
        String entityId = find(accountId, kind, oldName)
                .orElseThrow(() -> IamException.noSuchEntity("The " + kind.name().toLowerCase(Locale.ROOT)
                        + " with name " + oldName + " cannot be found."));
        claim(accountId, kind, newName, entityId);
        release(accountId, kind, oldName);
    }

    @Override
    public void release(String accountId, EntityKind kind, String name) {
        jdbc.update("delete from registry_name where account_id = ? and kind = ? and name_key = ?",
                accountId, kind.name(), key(name));
    }

    @Override
    public Optional<String> find(String accountId, EntityKind kind, String name) {
        List<String> ids = jdbc.queryForList("select entity_id from registry_name "
                        + "where account_id = ? and kind = ? and name_key = ? for share",
                String.class, accountId, kind.name(), key(name));
        return ids.stream().findFirst();
    }

    @Override
    public void addMember(String accountId, String groupId, String userId) {
        lockEntity(accountId, EntityKind.GROUP, groupId, "for share");
        jdbc.update("insert into registry_membership (account_id, group_id, user_id) values (?, ?, ?) "
                + "on conflict do nothing", accountId, groupId, userId);
    }

    @Override
    public void removeMember(String accountId, String groupId, String userId) {
        jdbc.update("delete from registry_membership where account_id = ? and group_id = ? and user_id = ?",
                accountId, groupId, userId);
    }

    @Override
    public boolean hasMembers(String accountId, String groupId) {
        lockEntity(accountId, EntityKind.GROUP, groupId, "for update");
        Boolean any = jdbc.queryForObject("select exists (select 1 from registry_membership "
                + "where account_id = ? and group_id = ?)", Boolean.class, accountId, groupId);
        return Boolean.TRUE.equals(any);
    }

    @Override
    public boolean policyExists(String accountId, String policyArn) {
        if (builtInPolicy.test(policyArn)) {
            return true;
        }
        return find(accountId, EntityKind.POLICY, policyArn).isPresent();
    }

    @Override
    public void addAttachment(String accountId, String policyArn, IdentityRef identity) {
        jdbc.update("insert into registry_attachment (account_id, policy_arn, identity_kind, identity_id) "
                        + "values (?, ?, ?, ?) on conflict do nothing",
                accountId, policyArn, identity.kind().name(), identity.id());
    }

    @Override
    public void removeAttachment(String accountId, String policyArn, IdentityRef identity) {
        jdbc.update("delete from registry_attachment where account_id = ? and policy_arn = ? "
                        + "and identity_kind = ? and identity_id = ?",
                accountId, policyArn, identity.kind().name(), identity.id());
    }

    @Override
    public int attachmentCount(String accountId, String policyArn) {
        jdbc.queryForList("select 1 from registry_name where account_id = ? and kind = ? and name_key = ? "
                + "for update", Integer.class, accountId, EntityKind.POLICY.name(), key(policyArn));
        Integer count = jdbc.queryForObject("select count(*) from registry_attachment "
                + "where account_id = ? and policy_arn = ?", Integer.class, accountId, policyArn);
        return count == null ? 0 : count;
    }

    @Override
    public void assignMfaDevice(String accountId, String deviceId, String userId) {
        jdbc.update("insert into registry_mfa_assignment (account_id, device_id, user_id) values (?, ?, ?)",
                accountId, deviceId, userId);
    }

    @Override
    public void unassignMfaDevice(String accountId, String deviceId) {
        jdbc.update("delete from registry_mfa_assignment where account_id = ? and device_id = ?", accountId, deviceId);
    }

    @Override
    public int mfaDeviceCount(String accountId, String userId) {
        lockEntity(accountId, EntityKind.USER, userId, "for update");
        Integer count = jdbc.queryForObject("select count(*) from registry_mfa_assignment "
                + "where account_id = ? and user_id = ?", Integer.class, accountId, userId);
        return count == null ? 0 : count;
    }

    @Override
    public void addRoleToInstanceProfile(String accountId, String instanceProfileId, String roleId) {
        jdbc.update("insert into registry_instance_profile_role (account_id, instance_profile_id, role_id)"
                + " values (?, ?, ?)", accountId, instanceProfileId, roleId);
    }

    @Override
    public void removeRoleFromInstanceProfile(String accountId, String instanceProfileId, String roleId) {
        jdbc.update("delete from registry_instance_profile_role where account_id = ? and instance_profile_id = ?"
                + " and role_id = ?", accountId, instanceProfileId, roleId);
    }

    @Override
    public int instanceProfileCount(String accountId, String roleId) {
        lockEntity(accountId, EntityKind.ROLE, roleId, "for update");
        Integer count = jdbc.queryForObject("select count(*) from registry_instance_profile_role "
                + "where account_id = ? and role_id = ?", Integer.class, accountId, roleId);
        return count == null ? 0 : count;
    }

    private void lockEntity(String accountId, EntityKind kind, String entityId, String lockClause) {
        jdbc.queryForList("select 1 from registry_name where account_id = ? and kind = ? and entity_id = ? "
                + lockClause, Integer.class, accountId, kind.name(), entityId);
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
