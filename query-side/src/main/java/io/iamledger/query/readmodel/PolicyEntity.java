package io.iamledger.query.readmodel;

import io.iamledger.events.identity.IdentityKind;
import java.util.Objects;

/**
 * A user, group or role a managed policy is attached to ({@code ListEntitiesForPolicy}'s PolicyUsers,
 * PolicyGroups and PolicyRoles, in one list). Immutable.
 *
 * @param kind USER, GROUP or ROLE
 */
public record PolicyEntity(IdentityKind kind, String name, String id) {
    public PolicyEntity {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(id, "id");
    }
}
