package io.iamledger.query.readmodel;

import java.util.Objects;

/** {@code GetGroup}'s answer: the group and one page of its members, by name. Immutable. */
public record GroupWithUsers(Group group, Page<User> users) {
    public GroupWithUsers {
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(users, "users");
    }
}
