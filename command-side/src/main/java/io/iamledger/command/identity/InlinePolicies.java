package io.iamledger.command.identity;

import io.iamledger.command.validation.IamNames;
import io.iamledger.events.document.PolicySize;
import io.iamledger.events.error.IamException;
import io.iamledger.events.identity.IdentityKind;
import io.iamledger.events.identity.IdentityRef;
import java.util.Locale;
import java.util.Map;

/**
 * Inline policy rules for users, groups and roles. An identity holds the AWS size of each of its inline policies
 * by policy name; AWS limits their sum. Stateless.
 */
public final class InlinePolicies {
    /** Largest sum of inline policy sizes per user. */
    public static final int MAX_USER_TOTAL = 2048;
    /** Largest sum of inline policy sizes per group. */
    public static final int MAX_GROUP_TOTAL = 5120;
    /** Largest sum of inline policy sizes per role. */
    public static final int MAX_ROLE_TOTAL = 10240;

    private InlinePolicies() {
    }

    /**
     * Checks putting (creating or replacing) inline policy {@code policyName} of {@code size} on an identity.
     *
     * @param sizes the identity's inline policy sizes by name
     * @param size  the document's AWS size: its characters, whitespace not counted
     * @throws IamException ValidationError for a bad policy name; LimitExceeded when the sum would exceed the
     *                      identity kind's limit
     */
    public static void checkPut(IdentityRef identity, Map<String, Integer> sizes, String policyName, int size) {
        IamNames.check().policyName("policyName", policyName).orThrow();
        int limit = limit(identity.kind());
        long total = size;
        for (Map.Entry<String, Integer> entry : sizes.entrySet()) {
            if (!entry.getKey().equals(policyName)) {
                total += entry.getValue();
            }
        }
        if (total > limit) {
            throw IamException.limitExceeded("Maximum policy size of " + limit + " bytes exceeded for "
                    + word(identity.kind()) + " " + identity.name());
        }
    }

    /** @throws IamException NoSuchEntity when the identity has no inline policy {@code policyName} */
    public static void checkHeld(IdentityRef identity, Map<String, Integer> sizes, String policyName) {
        if (!sizes.containsKey(policyName)) {
            throw IamException.noSuchEntity("The " + word(identity.kind()) + " policy with name " + policyName
                    + " cannot be found.");
        }
    }

    /** @throws IamException DeleteConflict when the identity still has inline policies */
    public static void checkNoneLeft(Map<String, Integer> sizes) {
        if (!sizes.isEmpty()) {
            throw IamException.deleteConflict("Cannot delete entity, must delete policies first.");
        }
    }

    /** A document's size as AWS counts it against the limits (whitespace outside strings not counted). */
    public static int size(String document) {
        return PolicySize.count(document);
    }

    private static int limit(IdentityKind kind) {
        return switch (kind) {
            case USER -> MAX_USER_TOTAL;
            case GROUP -> MAX_GROUP_TOTAL;
            case ROLE -> MAX_ROLE_TOTAL;
            case ROOT -> throw new IllegalArgumentException("the root has no inline policies");
        };
    }

    private static String word(IdentityKind kind) {
        return kind.name().toLowerCase(Locale.ROOT);
    }
}
