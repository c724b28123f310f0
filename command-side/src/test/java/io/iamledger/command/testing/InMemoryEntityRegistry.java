package io.iamledger.command.testing;

import io.iamledger.command.registry.EntityKind;
import io.iamledger.command.registry.EntityRegistry;
import io.iamledger.events.error.IamException;
import io.iamledger.events.identity.IdentityKind;
import io.iamledger.events.identity.IdentityRef;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The registry as infra's JDBC implementation behaves, in memory and without locks, for aggregate tests. Names
 * compare case-insensitively; built-in AWS policies always exist.
 */
public final class InMemoryEntityRegistry implements EntityRegistry {
    private static final String AWS_POLICY_PREFIX = "arn:aws:iam::aws:policy/";

    private final Map<NameKey, String> ids = new HashMap<>();
    private final Map<String, Set<String>> membersByGroup = new HashMap<>();
    private final Map<String, Set<Holder>> holdersByPolicy = new HashMap<>();
    private final Map<String, String> userByMfaDevice = new HashMap<>();
    private final Map<String, String> roleByInstanceProfile = new HashMap<>();

    private record NameKey(String accountId, EntityKind kind, String name) {
        NameKey {
            name = name.toLowerCase(Locale.ROOT);
        }
    }

    /** Attachments are held by identity, not by name, so that a rename does not orphan them. */
    private record Holder(IdentityKind kind, String id) {
    }

    @Override
    public void claim(String accountId, EntityKind kind, String name, String entityId) {
        NameKey key = new NameKey(accountId, kind, name);
        if (ids.containsKey(key)) {
            throw IamException.alreadyExists(kind.alreadyExistsMessage(name));
        }
        ids.put(key, entityId);
    }

    @Override
    public void rename(String accountId, EntityKind kind, String oldName, String newName) {
        String id = ids.get(new NameKey(accountId, kind, oldName));
        NameKey newKey = new NameKey(accountId, kind, newName);
        String holder = ids.get(newKey);
        if (holder != null && !holder.equals(id)) {
            throw IamException.alreadyExists(kind.alreadyExistsMessage(newName));
        }
        ids.remove(new NameKey(accountId, kind, oldName));
        ids.put(newKey, id);
    }

    @Override
    public void release(String accountId, EntityKind kind, String name) {
        ids.remove(new NameKey(accountId, kind, name));
    }

    @Override
    public Optional<String> find(String accountId, EntityKind kind, String name) {
        return Optional.ofNullable(ids.get(new NameKey(accountId, kind, name)));
    }

    @Override
    public void addMember(String accountId, String groupId, String userId) {
        membersByGroup.computeIfAbsent(accountId + "/" + groupId, k -> new HashSet<>()).add(userId);
    }

    @Override
    public void removeMember(String accountId, String groupId, String userId) {
        membersByGroup.getOrDefault(accountId + "/" + groupId, new HashSet<>()).remove(userId);
    }

    @Override
    public boolean hasMembers(String accountId, String groupId) {
        return !membersByGroup.getOrDefault(accountId + "/" + groupId, Set.of()).isEmpty();
    }

    @Override
    public boolean policyExists(String accountId, String policyArn) {
        return policyArn.startsWith(AWS_POLICY_PREFIX) || find(accountId, EntityKind.POLICY, policyArn).isPresent();
    }

    @Override
    public void addAttachment(String accountId, String policyArn, IdentityRef identity) {
        holdersByPolicy.computeIfAbsent(policyKey(accountId, policyArn), k -> new HashSet<>())
                .add(new Holder(identity.kind(), identity.id()));
    }

    @Override
    public void removeAttachment(String accountId, String policyArn, IdentityRef identity) {
        holdersByPolicy.getOrDefault(policyKey(accountId, policyArn), new HashSet<>())
                .remove(new Holder(identity.kind(), identity.id()));
    }

    @Override
    public int attachmentCount(String accountId, String policyArn) {
        return holdersByPolicy.getOrDefault(policyKey(accountId, policyArn), Set.of()).size();
    }

    @Override
    public void assignMfaDevice(String accountId, String deviceId, String userId) {
        if (userByMfaDevice.putIfAbsent(accountId + "/" + deviceId, userId) != null) {
            throw new IllegalStateException("device " + deviceId + " is assigned already");
        }
    }

    @Override
    public void unassignMfaDevice(String accountId, String deviceId) {
        userByMfaDevice.remove(accountId + "/" + deviceId);
    }

    @Override
    public int mfaDeviceCount(String accountId, String userId) {
        return (int) userByMfaDevice.entrySet().stream()
                .filter(e -> e.getKey().startsWith(accountId + "/") && e.getValue().equals(userId))
                .count();
    }

    @Override
    public void addRoleToInstanceProfile(String accountId, String instanceProfileId, String roleId) {
        if (roleByInstanceProfile.putIfAbsent(accountId + "/" + instanceProfileId, roleId) != null) {
            throw new IllegalStateException("instance profile " + instanceProfileId + " holds a role already");
        }
    }

    @Override
    public void removeRoleFromInstanceProfile(String accountId, String instanceProfileId, String roleId) {
        roleByInstanceProfile.remove(accountId + "/" + instanceProfileId, roleId);
    }

    @Override
    public int instanceProfileCount(String accountId, String roleId) {
        return (int) roleByInstanceProfile.entrySet().stream()
                .filter(e -> e.getKey().startsWith(accountId + "/") && e.getValue().equals(roleId))
                .count();
    }

    /** Whether {@code userId} is recorded as a member of the group. */
    public boolean isMember(String accountId, String groupId, String userId) {
        return membersByGroup.getOrDefault(accountId + "/" + groupId, Set.of()).contains(userId);
    }

    /** Whether the policy is recorded as attached to the identity (by kind and id). */
    public boolean isAttached(String accountId, String policyArn, IdentityRef identity) {
        return holdersByPolicy.getOrDefault(policyKey(accountId, policyArn), Set.of())
                .contains(new Holder(identity.kind(), identity.id()));
    }

    private static String policyKey(String accountId, String policyArn) {
        return accountId + "/" + policyArn.toLowerCase(Locale.ROOT);
    }

}
