package io.iamledger.query.readmodel;

import io.iamledger.events.identity.Tag;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * An instance profile as AWS's {@code InstanceProfile} shape describes it. Immutable; no component is null.
 *
 * @param roles the role it holds (AWS allows one), or none
 * @param tags  in key order, case-insensitively
 */
public record InstanceProfile(String path, String instanceProfileName, String instanceProfileId, String arn,
                              Instant createDate, List<Role> roles, List<Tag> tags) {
    public InstanceProfile {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(instanceProfileName, "instanceProfileName");
        Objects.requireNonNull(instanceProfileId, "instanceProfileId");
        Objects.requireNonNull(arn, "arn");
        Objects.requireNonNull(createDate, "createDate");
        roles = List.copyOf(roles);
        tags = List.copyOf(tags);
    }
}
