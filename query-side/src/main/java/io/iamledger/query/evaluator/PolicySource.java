package io.iamledger.query.evaluator;

import java.util.Objects;
import java.util.Optional;

/**
 * Where a compiled policy comes from, carried into every statement an evaluation reports.
 *
 * @param id the policy's identity in the store: a managed policy's ARN, or an inline policy's name; not blank
 * @param kind what sort of policy it is
 * @param group for {@link Kind#GROUP_INLINE} and for managed policies attached through a group, the group's name;
 *     otherwise empty
 * @throws NullPointerException if a component is null
 * @throws IllegalArgumentException if {@code id} is blank or a group is named for a kind that cannot have one
 */
public record PolicySource(String id, Kind kind, Optional<String> group) {
    /** The sorts of policy IAM stores; our own closed set. */
    public enum Kind {
        /** An inline policy embedded in a user. */
        USER_INLINE,
        /** An inline policy embedded in a group the user belongs to. */
        GROUP_INLINE,
        /** An inline policy embedded in a role. */
        ROLE_INLINE,
        /** A managed policy owned by AWS ({@code arn:aws:iam::aws:policy/...}). */
        AWS_MANAGED,
        /** A managed policy owned by an account (AWS calls these customer managed policies). */
        CUSTOMER_MANAGED,
        /** The inline policy passed to {@code AssumeRole*} or {@code GetFederationToken}. */
        SESSION_INLINE,
        /** A resource-based policy other than a trust policy. */
        RESOURCE,
        /** A role's trust (assume-role) policy. */
        TRUST
    }

    public PolicySource {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(group, "group");
        if (id.isBlank()) {
            throw new IllegalArgumentException("policy source id must not be blank");
        }
        boolean groupAllowed = kind == Kind.GROUP_INLINE || kind == Kind.AWS_MANAGED || kind == Kind.CUSTOMER_MANAGED;
        if (group.isPresent() && !groupAllowed) {
            throw new IllegalArgumentException("a " + kind + " policy cannot come from group " + group.get());
        }
        if (kind == Kind.GROUP_INLINE && group.isEmpty()) {
            throw new IllegalArgumentException("group inline policy " + id + " needs its group");
        }
    }

    /** A policy with no group. */
    public static PolicySource of(String id, Kind kind) {
        return new PolicySource(id, kind, Optional.empty());
    }

    /** An inline policy of {@code group}. */
    public static PolicySource groupInline(String group, String id) {
        return new PolicySource(id, Kind.GROUP_INLINE, Optional.of(group));
    }
}
