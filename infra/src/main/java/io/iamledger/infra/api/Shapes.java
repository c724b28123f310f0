package io.iamledger.infra.api;

import io.iamledger.events.identity.Tag;
import io.iamledger.infra.protocol.XmlResponseWriter;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The IAM response shapes (member order as in the botocore model), written from the same values whether they come
 * from a command just handled or from the read model.
 */
final class Shapes {
    private Shapes() {}

    record UserShape(String path, String userName, String userId, String arn, Instant createDate,
                     Optional<String> permissionsBoundaryArn, List<Tag> tags) {}

    record GroupShape(String path, String groupName, String groupId, String arn, Instant createDate) {}

    record RoleShape(String path, String roleName, String roleId, String arn, Instant createDate,
                     String assumeRolePolicyDocument, Optional<String> description, int maxSessionDuration,
                     Optional<String> permissionsBoundaryArn, List<Tag> tags) {}

    record PolicyShape(String policyName, String policyId, String arn, String path, String defaultVersionId,
                       int attachmentCount, int permissionsBoundaryUsageCount, boolean attachable,
                       Optional<String> description, Instant createDate, Instant updateDate) {}

    /** GetUser/CreateUser write boundary and tags; ListUsers omits both (AWS's list/get asymmetry). */
    static void user(XmlResponseWriter out, UserShape user, boolean full) {
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

    static void group(XmlResponseWriter out, GroupShape group) {
        out.element("Path", group.path())
                .element("GroupName", group.groupName())
                .element("GroupId", group.groupId())
                .element("Arn", group.arn())
                .element("CreateDate", group.createDate());
    }

    /** GetRole/CreateRole write boundary and tags; ListRoles omits them. */
    static void role(XmlResponseWriter out, RoleShape role, boolean full) {
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

    static void policy(XmlResponseWriter out, PolicyShape policy) {
        out.element("PolicyName", policy.policyName())
                .element("PolicyId", policy.policyId())
                .element("Arn", policy.arn())
                .element("Path", policy.path())
                .element("DefaultVersionId", policy.defaultVersionId())
                .element("AttachmentCount", policy.attachmentCount())
                .element("PermissionsBoundaryUsageCount", policy.permissionsBoundaryUsageCount())
                .element("IsAttachable", policy.attachable());
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

    static String userArn(String accountId, String path, String userName) {
        return "arn:aws:iam::" + accountId + ":user" + path + userName;
    }

    static String groupArn(String accountId, String path, String groupName) {
        return "arn:aws:iam::" + accountId + ":group" + path + groupName;
    }

    static String roleArn(String accountId, String path, String roleName) {
        return "arn:aws:iam::" + accountId + ":role" + path + roleName;
    }

    static String policyArn(String accountId, String path, String policyName) {
        return "arn:aws:iam::" + accountId + ":policy" + path + policyName;
    }
}
