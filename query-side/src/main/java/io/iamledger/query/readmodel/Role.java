package io.iamledger.query.readmodel;

import io.iamledger.events.identity.Tag;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An IAM role as AWS's {@code Role} shape describes it ({@code RoleLastUsed} is not tracked). Immutable; no
 * component is null.
 *
 * @param assumeRolePolicyDocument the trust policy as JSON text, as submitted; the wire layer URL-encodes it
 * @param maxSessionDuration       seconds, 3600–43200
 * @param permissionsBoundaryArn   the boundary policy (type {@code Policy}), if one is set
 * @param tags                     in key order, case-insensitively
 */
public record Role(String path, String roleName, String roleId, String arn, Instant createDate,
                   String assumeRolePolicyDocument, Optional<String> description, int maxSessionDuration,
                   Optional<String> permissionsBoundaryArn, List<Tag> tags) {
    public Role {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(roleName, "roleName");
        Objects.requireNonNull(roleId, "roleId");
        Objects.requireNonNull(arn, "arn");
        Objects.requireNonNull(createDate, "createDate");
        Objects.requireNonNull(assumeRolePolicyDocument, "assumeRolePolicyDocument");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(permissionsBoundaryArn, "permissionsBoundaryArn");
        tags = List.copyOf(tags);
    }
}
