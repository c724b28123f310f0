package io.iamledger.events.document;

import io.iamledger.events.error.IamException;
import java.util.Objects;

/**
 * Policy sizes as AWS counts them for its quotas: every character except whitespace (space, tab, CR, LF)
 * outside JSON strings — "IAM does not count white space when calculating the size of a policy". Counting
 * never parses, so it works on any text. Stateless and thread-safe.
 */
public final class PolicySize {
    /** The most characters any policy document parameter may have, whitespace included (AWS API model). */
    public static final int DOCUMENT_MAX_CHARS = 131_072;
    /** Quota for one customer managed policy version ({@code PolicySize}). */
    public static final int MANAGED_POLICY_MAX = 6_144;
    /** Default quota for a role's trust policy ({@code ACLSizePerRole}); adjustable in AWS. */
    public static final int TRUST_POLICY_DEFAULT_MAX = 2_048;
    /** Quota for all inline policies of one user together. */
    public static final int USER_INLINE_AGGREGATE_MAX = 2_048;
    /** Quota for all inline policies of one group together. */
    public static final int GROUP_INLINE_AGGREGATE_MAX = 5_120;
    /** Quota for all inline policies of one role together. */
    public static final int ROLE_INLINE_AGGREGATE_MAX = 10_240;

    private PolicySize() {
    }

    /** The document's size for quota purposes. {@code document} must not be null. */
    public static int count(String document) {
        Objects.requireNonNull(document, "document");
        int size = 0;
        boolean inString = false;
        for (int i = 0; i < document.length(); i++) {
            char c = document.charAt(i);
            if (inString) {
                size++;
                if (c == '\\' && i + 1 < document.length()) {
                    size++;
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                size++;
                inString = c == '"';
            }
        }
        return size;
    }

    /**
     * Rejects a managed policy document above {@link #MANAGED_POLICY_MAX}.
     *
     * @throws IamException {@code LimitExceeded} "Cannot exceed quota for PolicySize: 6144"
     */
    public static void checkManagedPolicy(String document) {
        if (count(document) > MANAGED_POLICY_MAX) {
            throw IamException.limitExceeded("Cannot exceed quota for PolicySize: " + MANAGED_POLICY_MAX);
        }
    }

    /**
     * Rejects a trust policy document above the account's {@code ACLSizePerRole} quota, normally
     * {@link #TRUST_POLICY_DEFAULT_MAX}.
     *
     * @throws IamException {@code LimitExceeded} "Cannot exceed quota for ACLSizePerRole: &lt;quota&gt;"
     */
    public static void checkTrustPolicy(String document, int quota) {
        if (count(document) > quota) {
            throw IamException.limitExceeded("Cannot exceed quota for ACLSizePerRole: " + quota);
        }
    }
}
