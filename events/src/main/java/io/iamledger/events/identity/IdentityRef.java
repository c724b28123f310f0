package io.iamledger.events.identity;

import java.util.Objects;

/**
 * Names one identity at the moment of an event: its kind, its unique id ({@code AIDA…}, {@code AGPA…},
 * {@code AROA…}, or the account id for the root) and its name then (names can change, ids cannot).
 */
public record IdentityRef(IdentityKind kind, String id, String name) {
    public IdentityRef {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
    }

    public static IdentityRef root(String accountId) {
        return new IdentityRef(IdentityKind.ROOT, accountId, "root");
    }

    public static IdentityRef user(String userId, String userName) {
        return new IdentityRef(IdentityKind.USER, userId, userName);
    }

    public static IdentityRef group(String groupId, String groupName) {
        return new IdentityRef(IdentityKind.GROUP, groupId, groupName);
    }

    public static IdentityRef role(String roleId, String roleName) {
        return new IdentityRef(IdentityKind.ROLE, roleId, roleName);
    }
}
