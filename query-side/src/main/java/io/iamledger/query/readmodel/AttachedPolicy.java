package io.iamledger.query.readmodel;

import java.util.Objects;

/** A managed policy attached to an identity, as AWS's {@code AttachedPolicy} shape describes it. Immutable. */
public record AttachedPolicy(String policyName, String policyArn) {
    public AttachedPolicy {
        Objects.requireNonNull(policyName, "policyName");
        Objects.requireNonNull(policyArn, "policyArn");
    }
}
