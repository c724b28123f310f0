package io.iamledger.infra.authz;

import io.iamledger.events.identity.Tag;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What authorization needs to know about an existing user, group or role a call acts on. Immutable.
 *
 * @param arn                    the ARN, with the entity's path
 * @param permissionsBoundaryArn the boundary of a user or role, for {@code iam:PermissionsBoundary}
 * @param tags                   the tags of a user or role, for {@code aws:ResourceTag/KEY}; empty for groups
 */
record TargetFacts(String arn, Optional<String> permissionsBoundaryArn, List<Tag> tags) {
    TargetFacts {
        Objects.requireNonNull(arn, "arn");
        Objects.requireNonNull(permissionsBoundaryArn, "permissionsBoundaryArn");
        tags = List.copyOf(tags);
    }
}
