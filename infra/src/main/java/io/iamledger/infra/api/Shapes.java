package io.iamledger.infra.api;

import io.iamledger.events.arn.Arn;
import io.iamledger.events.identity.Tag;
import io.iamledger.infra.protocol.XmlResponseWriter;
import io.iamledger.query.readmodel.AttachedPolicy;
import io.iamledger.query.readmodel.Group;
import io.iamledger.query.readmodel.InlinePolicy;
import io.iamledger.query.readmodel.InstanceProfile;
import io.iamledger.query.readmodel.ManagedPolicy;
import io.iamledger.query.readmodel.Page;
import io.iamledger.query.readmodel.Role;
import io.iamledger.query.readmodel.User;
import java.util.List;

/**
 * The IAM response shapes (member order as in the botocore model), written from the read model's views; create
 * actions build the same views from the command they just sent.
 */
final class Shapes {
    private Shapes() {}

    /** GetUser/CreateUser write boundary and tags; ListUsers omits both (AWS's list/get asymmetry). */
    static void user(XmlResponseWriter out, User user, boolean full) {
        out.element("Path", user.path())
                .element("UserName", user.userName())
                .element("UserId", user.userId())
                .element("Arn", user.arn())
                .element("CreateDate", user.createDate());
        if (full) {
            user.permissionsBoundaryArn().ifPresent(arn -> boundary(out, arn));
            tags(out, user.tags());
        }
    }

    static void group(XmlResponseWriter out, Group group) {
        out.element("Path", group.path())
                .element("GroupName", group.groupName())
                .element("GroupId", group.groupId())
                .element("Arn", group.arn())
                .element("CreateDate", group.createDate());
    }

    /** GetRole/CreateRole write boundary and tags; ListRoles omits them. */
    static void role(XmlResponseWriter out, Role role, boolean full) {
        out.element("Path", role.path())
                .element("RoleName", role.roleName())
                .element("RoleId", role.roleId())
                .element("Arn", role.arn())
                .element("CreateDate", role.createDate())
                .urlEncodedElement("AssumeRolePolicyDocument", role.assumeRolePolicyDocument());
        role.description().ifPresent(description -> out.element("Description", description));
        out.element("MaxSessionDuration", role.maxSessionDuration());
        if (full) {
            role.permissionsBoundaryArn().ifPresent(arn -> boundary(out, arn));
            tags(out, role.tags());
        }
    }

    static void instanceProfile(XmlResponseWriter out, InstanceProfile profile) {
        out.element("Path", profile.path())
                .element("InstanceProfileName", profile.instanceProfileName())
                .element("InstanceProfileId", profile.instanceProfileId())
                .element("Arn", profile.arn())
                .element("CreateDate", profile.createDate())
                .list("Roles", profile.roles(), (member, role) -> role(member, role, false));
        tags(out, profile.tags());
    }

    /** A List*Tags answer: every tag of the entity (at most 50, so never truncated). */
    static XmlResponseWriter tagList(XmlResponseWriter out, List<Tag> tags) {
        return out.list("Tags", tags, (member, tag) -> member.element("Key", tag.key()).element("Value", tag.value()))
                .element("IsTruncated", false);
    }

    static void policy(XmlResponseWriter out, ManagedPolicy policy) {
        out.element("PolicyName", policy.policyName())
                .element("PolicyId", policy.policyId())
                .element("Arn", policy.arn())
                .element("Path", policy.path())
                .element("DefaultVersionId", policy.defaultVersionId())
                .element("AttachmentCount", policy.attachmentCount())
                .element("PermissionsBoundaryUsageCount", policy.permissionsBoundaryUsageCount())
                .element("IsAttachable", policy.isAttachable());
        policy.description().ifPresent(description -> out.element("Description", description));
        out.element("CreateDate", policy.createDate())
                .element("UpdateDate", policy.updateDate());
    }

    static void boundary(XmlResponseWriter out, String boundaryArn) {
        out.start("PermissionsBoundary")
                .element("PermissionsBoundaryType", "Policy")
                .element("PermissionsBoundaryArn", boundaryArn)
                .end();
    }

    static void tags(XmlResponseWriter out, List<Tag> tags) {
        if (!tags.isEmpty()) {
            out.list("Tags", tags, (member, tag) -> member.element("Key", tag.key()).element("Value", tag.value()));
        }
    }

    static void attachedPolicies(XmlResponseWriter out, String name, List<AttachedPolicy> policies) {
        out.list(name, policies, (member, policy) -> member.element("PolicyName", policy.policyName())
                .element("PolicyArn", policy.policyArn()));
    }

    static void inlinePolicies(XmlResponseWriter out, String name, List<InlinePolicy> policies) {
        out.list(name, policies, (member, policy) -> member.element("PolicyName", policy.policyName())
                .urlEncodedElement("PolicyDocument", policy.policyDocument()));
    }

    /** {@code <IsTruncated>} and, when truncated, the {@code <Marker>} to continue from. */
    static XmlResponseWriter paging(XmlResponseWriter out, Page<?> page) {
        out.element("IsTruncated", page.isTruncated());
        page.marker().ifPresent(marker -> out.element("Marker", marker));
        return out;
    }

    static String userArn(String accountId, String path, String userName) {
        return Arn.user(accountId, path, userName).toString();
    }

    static String groupArn(String accountId, String path, String groupName) {
        return Arn.group(accountId, path, groupName).toString();
    }

    static String roleArn(String accountId, String path, String roleName) {
        return Arn.role(accountId, path, roleName).toString();
    }

    static String policyArn(String accountId, String path, String policyName) {
        return Arn.policy(accountId, path, policyName).toString();
    }
}
