package io.iamledger.query.readmodel;

import io.iamledger.events.identity.Tag;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What decides the identity-based permissions of some users and roles at one moment, as one consistent read:
 * each principal with its tags, boundary, inline policies, attachments and groups, each of those groups with its
 * inline policies and attachments, and the default version of every customer managed policy any of them attaches
 * or has as its boundary. AWS managed policies are not here (their documents are built in). Immutable.
 *
 * @param principals      users and roles, users first, each kind by name (case-insensitively)
 * @param groups          the groups of those users, by group id
 * @param managedPolicies the default version of each customer managed policy the principals or groups use, by
 *                        ARN; a policy that no longer exists is absent
 */
public record PermissionFacts(List<Holder> principals, Map<String, Holder> groups,
                              Map<String, ManagedPolicyVersion> managedPolicies) {

    public PermissionFacts {
        principals = List.copyOf(principals);
        groups = Map.copyOf(groups);
        managedPolicies = Map.copyOf(managedPolicies);
    }

    /** What holds policies: a user, group or role. */
    public enum Kind { USER, GROUP, ROLE }

    /**
     * A user, group or role with what it holds.
     *
     * @param inlinePolicies   by name
     * @param attachedPolicies ARNs, by the policy's name then ARN (as ListAttached*Policies orders them)
     * @param groupIds         a user's groups, by group name; empty for groups and roles
     * @param trustPolicy      a role's trust policy document; empty for users and groups
     * @param tags             a user's or role's tags, by key; empty for groups
     */
    public record Holder(Kind kind, String id, String name, String arn, List<Tag> tags,
                         Optional<String> boundaryArn, List<InlinePolicy> inlinePolicies,
                         List<String> attachedPolicies, List<String> groupIds, Optional<String> trustPolicy) {
        public Holder {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(arn, "arn");
            tags = List.copyOf(tags);
            Objects.requireNonNull(boundaryArn, "boundaryArn");
            inlinePolicies = List.copyOf(inlinePolicies);
            attachedPolicies = List.copyOf(attachedPolicies);
            groupIds = List.copyOf(groupIds);
            Objects.requireNonNull(trustPolicy, "trustPolicy");
        }
    }

    /** The default version of a customer managed policy. */
    public record ManagedPolicyVersion(String arn, String policyId, String versionId, String document) {
        public ManagedPolicyVersion {
            Objects.requireNonNull(arn, "arn");
            Objects.requireNonNull(policyId, "policyId");
            Objects.requireNonNull(versionId, "versionId");
            Objects.requireNonNull(document, "document");
        }
    }

    /** The only principal, when these facts were read for one. */
    public Optional<Holder> only() {
        return principals.size() == 1 ? Optional.of(principals.get(0)) : Optional.empty();
    }
}
