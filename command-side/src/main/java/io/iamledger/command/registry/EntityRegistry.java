package io.iamledger.command.registry;

import io.iamledger.events.identity.IdentityRef;
import java.util.Optional;

/**
 * The command side's lookup table for set-based rules that no single aggregate can check: name uniqueness within
 * an account, which users are in a group, which identities a managed policy is attached to. Implementations
 * write in the same transaction as the event append, so a rule holds under concurrent requests; they are never
 * the query model, which lags.
 *
 * <p>Names compare case-insensitively ({@code ADMINS} and {@code admins} are the same name). Managed policies are
 * registered by ARN as their name. Built-in AWS managed policies ({@code arn:aws:iam::aws:policy/...}) exist in
 * every account without being claimed.
 *
 * <p>Implementations are thread-safe; methods that check a rule lock what they read until the transaction ends.
 */
public interface EntityRegistry {

    /**
     * Claims {@code name} for a new entity.
     *
     * @throws io.iamledger.events.error.IamException EntityAlreadyExists when the name is taken in the account
     */
    void claim(String accountId, EntityKind kind, String name, String entityId);

    /** Moves an entity to a new name (UpdateUser); same errors as {@link #claim}. */
    void rename(String accountId, EntityKind kind, String oldName, String newName);

    /** Forgets a deleted entity's name, so it can be used again. */
    void release(String accountId, EntityKind kind, String name);

    /** The id of the entity with this name (case-insensitive), locked against concurrent deletion. */
    Optional<String> find(String accountId, EntityKind kind, String name);

    /** Records that a user joined a group. */
    void addMember(String accountId, String groupId, String userId);

    void removeMember(String accountId, String groupId, String userId);

    /** Whether a group has members, locking the group against concurrent joins. */
    boolean hasMembers(String accountId, String groupId);

    /**
     * Whether the managed policy exists (customer policy claimed in this account, or a built-in AWS policy),
     * locking it against concurrent deletion.
     */
    boolean policyExists(String accountId, String policyArn);

    void addAttachment(String accountId, String policyArn, IdentityRef identity);

    void removeAttachment(String accountId, String policyArn, IdentityRef identity);

    /** How many identities the policy is attached to, locking it against concurrent attachment. */
    int attachmentCount(String accountId, String policyArn);

    /** Records that an MFA device was enabled for a user (the device aggregate knows it serves one user). */
    void assignMfaDevice(String accountId, String deviceId, String userId);

    void unassignMfaDevice(String accountId, String deviceId);

    /** How many MFA devices are enabled for a user, locking the user against concurrent enables and deletion. */
    int mfaDeviceCount(String accountId, String userId);

    /** Records that a role was put in an instance profile, the role locked against deletion until commit. */
    void addRoleToInstanceProfile(String accountId, String instanceProfileId, String roleId);

    void removeRoleFromInstanceProfile(String accountId, String instanceProfileId, String roleId);

    /** How many instance profiles hold a role, locking the role against concurrent additions. */
    int instanceProfileCount(String accountId, String roleId);
}
