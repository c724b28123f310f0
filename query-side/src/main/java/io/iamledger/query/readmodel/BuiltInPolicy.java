package io.iamledger.query.readmodel;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * An AWS managed policy as the read model needs it: what {@code GetPolicy} shows, and the document of its default
 * version (the only version the built-in catalog carries). Immutable; no component is null.
 *
 * @param arn {@code arn:aws:iam::aws:policy<path><name>}
 */
public record BuiltInPolicy(String policyName, String path, String arn, String policyId, String defaultVersionId,
                            Optional<String> description, Instant createDate, Instant updateDate, String document,
                            boolean isAttachable) {
    public BuiltInPolicy {
        Objects.requireNonNull(policyName, "policyName");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(arn, "arn");
        Objects.requireNonNull(policyId, "policyId");
        Objects.requireNonNull(defaultVersionId, "defaultVersionId");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(createDate, "createDate");
        Objects.requireNonNull(updateDate, "updateDate");
        Objects.requireNonNull(document, "document");
    }
}
