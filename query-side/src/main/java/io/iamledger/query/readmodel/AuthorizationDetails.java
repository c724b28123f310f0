package io.iamledger.query.readmodel;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One page of {@code GetAccountAuthorizationDetails}: users, groups, roles and managed policies with their
 * relationships. Sections are paged as one sequence (users, then groups, roles, customer managed policies, AWS
 * managed policies), so a page may end inside any of them. Immutable.
 */
public record AuthorizationDetails(List<UserDetail> users, List<GroupDetail> groups, List<RoleDetail> roles,
                                   List<ManagedPolicyDetail> policies, boolean isTruncated, Optional<String> marker) {
    public AuthorizationDetails {
        users = List.copyOf(users);
        groups = List.copyOf(groups);
        roles = List.copyOf(roles);
        policies = List.copyOf(policies);
        Objects.requireNonNull(marker, "marker");
    }

    /** A user with its inline policies, group names and attached managed policies ({@code UserDetail}). */
    public record UserDetail(User user, List<InlinePolicy> inlinePolicies, List<String> groupNames,
                             List<AttachedPolicy> attachedPolicies) {
        public UserDetail {
            Objects.requireNonNull(user, "user");
            inlinePolicies = List.copyOf(inlinePolicies);
            groupNames = List.copyOf(groupNames);
            attachedPolicies = List.copyOf(attachedPolicies);
        }
    }

    /** A group with its inline and attached managed policies ({@code GroupDetail}). */
    public record GroupDetail(Group group, List<InlinePolicy> inlinePolicies, List<AttachedPolicy> attachedPolicies) {
        public GroupDetail {
            Objects.requireNonNull(group, "group");
            inlinePolicies = List.copyOf(inlinePolicies);
            attachedPolicies = List.copyOf(attachedPolicies);
        }
    }

    /** A role with its inline and attached managed policies ({@code RoleDetail}; instance profiles not tracked). */
    public record RoleDetail(Role role, List<InlinePolicy> inlinePolicies, List<AttachedPolicy> attachedPolicies) {
        public RoleDetail {
            Objects.requireNonNull(role, "role");
            inlinePolicies = List.copyOf(inlinePolicies);
            attachedPolicies = List.copyOf(attachedPolicies);
        }
    }

    /** A managed policy with all its versions, newest first ({@code ManagedPolicyDetail}). */
    public record ManagedPolicyDetail(ManagedPolicy policy, List<PolicyVersion> versions) {
        public ManagedPolicyDetail {
            Objects.requireNonNull(policy, "policy");
            versions = List.copyOf(versions);
        }
    }
}
