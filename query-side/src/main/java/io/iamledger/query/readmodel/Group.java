package io.iamledger.query.readmodel;

import java.time.Instant;
import java.util.Objects;

/** An IAM group as AWS's {@code Group} shape describes it. Immutable; no component is null. */
public record Group(String path, String groupName, String groupId, String arn, Instant createDate) {
    public Group {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(groupName, "groupName");
        Objects.requireNonNull(groupId, "groupId");
        Objects.requireNonNull(arn, "arn");
        Objects.requireNonNull(createDate, "createDate");
    }
}
