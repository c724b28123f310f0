package io.iamledger.query.readmodel;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A managed policy (customer managed or AWS managed) as AWS's {@code Policy} shape describes it, with the
 * counts as seen from the account asked about. Immutable; no component is null.
 *
 * @param attachmentCount               users, groups and roles it is attached to
 * @param permissionsBoundaryUsageCount users and roles that have it as their permissions boundary
 * @param updateDate                    when the newest version was created (the create date while there is one)
 */
public record ManagedPolicy(String policyName, String policyId, String arn, String path, String defaultVersionId,
                            int attachmentCount, int permissionsBoundaryUsageCount, boolean isAttachable,
                            Optional<String> description, Instant createDate, Instant updateDate) {
    public ManagedPolicy {
        Objects.requireNonNull(policyName, "policyName");
        Objects.requireNonNull(policyId, "policyId");
        Objects.requireNonNull(arn, "arn");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(defaultVersionId, "defaultVersionId");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(createDate, "createDate");
        Objects.requireNonNull(updateDate, "updateDate");
    }
}
