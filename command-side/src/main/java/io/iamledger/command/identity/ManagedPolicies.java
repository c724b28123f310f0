package io.iamledger.command.identity;

import io.iamledger.command.registry.EntityRegistry;
import io.iamledger.events.error.IamException;
import io.iamledger.events.identity.IdentityKind;
import java.util.Set;

/**
 * Managed policy rules for users, groups and roles: attachments (an identity holds the ARNs attached to it) and
 * permissions boundaries. Stateless.
 */
public final class ManagedPolicies {
    /** Most managed policies attached to one user, group or role (AWS's default quota). */
    public static final int MAX_ATTACHED = 10;

    private ManagedPolicies() {
    }

    /**
     * Checks that a managed policy exists (customer or AWS), locking it in the registry against deletion.
     *
     * @throws IamException NoSuchEntity {@code Policy <arn> does not exist or is not attachable.}
     */
    public static void checkExists(EntityRegistry registry, String accountId, String policyArn) {
        if (!registry.policyExists(accountId, policyArn)) {
            throw IamException.noSuchEntity("Policy " + policyArn + " does not exist or is not attachable.");
        }
    }

    /** @throws IamException LimitExceeded {@code Cannot exceed quota for PoliciesPerUser: 10} (or Group, Role) */
    public static void checkRoomFor(IdentityKind kind, Set<String> attached) {
        if (attached.size() >= MAX_ATTACHED) {
            throw IamException.limitExceeded("Cannot exceed quota for " + quota(kind) + ": " + MAX_ATTACHED);
        }
    }

    /** @throws IamException NoSuchEntity {@code Policy <arn> was not found.} when it is not attached */
    public static void checkAttached(Set<String> attached, String policyArn) {
        if (!attached.contains(policyArn)) {
            throw IamException.noSuchEntity("Policy " + policyArn + " was not found.");
        }
    }

    /** @throws IamException DeleteConflict when managed policies are still attached */
    public static void checkNoneAttached(Set<String> attached) {
        if (!attached.isEmpty()) {
            throw IamException.deleteConflict("Cannot delete entity, must detach all policies first.");
        }
    }

    private static String quota(IdentityKind kind) {
        return switch (kind) {
            case USER -> "PoliciesPerUser";
            case GROUP -> "PoliciesPerGroup";
            case ROLE -> "PoliciesPerRole";
            case ROOT -> throw new IllegalArgumentException("the root has no attached policies");
        };
    }
}
