package io.iamledger.query.readmodel;

import io.iamledger.events.identity.Tag;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An IAM user as AWS's {@code User} shape describes it ({@code PasswordLastUsed} is not tracked). Lists carry
 * the boundary and tags too; it is the wire layer that leaves them out of {@code ListUsers}, as AWS does.
 * Immutable; no component is null.
 *
 * @param permissionsBoundaryArn the boundary policy (type {@code Policy}), if one is set
 * @param tags                   in key order, case-insensitively
 */
public record User(String path, String userName, String userId, String arn, Instant createDate,
                   Optional<String> permissionsBoundaryArn, List<Tag> tags) {
    public User {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(userName, "userName");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(arn, "arn");
        Objects.requireNonNull(createDate, "createDate");
        Objects.requireNonNull(permissionsBoundaryArn, "permissionsBoundaryArn");
        tags = List.copyOf(tags);
    }
}
