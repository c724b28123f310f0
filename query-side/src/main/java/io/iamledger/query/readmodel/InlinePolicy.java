package io.iamledger.query.readmodel;

import java.util.Objects;

/**
 * An inline policy of a user, group or role.
 *
 * @param policyDocument the JSON as submitted; the wire layer URL-encodes it
 */
public record InlinePolicy(String policyName, String policyDocument) {
    public InlinePolicy {
        Objects.requireNonNull(policyName, "policyName");
        Objects.requireNonNull(policyDocument, "policyDocument");
    }
}
