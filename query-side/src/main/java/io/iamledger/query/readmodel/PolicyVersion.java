package io.iamledger.query.readmodel;

import java.time.Instant;
import java.util.Objects;

/**
 * One version of a managed policy, as AWS's {@code PolicyVersion} shape describes it. Immutable; no component is
 * null.
 *
 * @param document the policy JSON as submitted; the wire layer URL-encodes it (and leaves it out of lists)
 */
public record PolicyVersion(String versionId, String document, boolean isDefaultVersion, Instant createDate) {
    public PolicyVersion {
        Objects.requireNonNull(versionId, "versionId");
        Objects.requireNonNull(document, "document");
        Objects.requireNonNull(createDate, "createDate");
    }
}
