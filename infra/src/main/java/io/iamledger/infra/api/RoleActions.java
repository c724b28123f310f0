package io.iamledger.infra.api;

import io.iamledger.command.role.AttachRolePolicyCommand;
import io.iamledger.command.role.CreateRoleCommand;
import io.iamledger.command.role.DeleteRoleCommand;
import io.iamledger.command.role.DeleteRolePermissionsBoundaryCommand;
import io.iamledger.command.role.DeleteRolePolicyCommand;
import io.iamledger.command.role.DetachRolePolicyCommand;
import io.iamledger.command.role.PutRolePermissionsBoundaryCommand;
import io.iamledger.command.role.PutRolePolicyCommand;
import io.iamledger.command.role.TagRoleCommand;
import io.iamledger.command.role.UntagRoleCommand;
import io.iamledger.command.role.UpdateAssumeRolePolicyCommand;
import io.iamledger.command.role.UpdateRoleCommand;
import io.iamledger.events.identity.Tag;
import io.iamledger.infra.credentials.IdGenerator;
import io.iamledger.infra.protocol.QueryParameters;
import io.iamledger.infra.protocol.QueryService;
import io.iamledger.infra.protocol.XmlResponseWriter;
import io.iamledger.query.readmodel.Role;
import java.util.List;
import java.util.Optional;

/** IAM role actions that change state. */
final class RoleActions {
    static final int DEFAULT_MAX_SESSION_DURATION = 3600;

    private final CommandSender commands;
    private final Edge edge;
    private final IdGenerator ids;

    RoleActions(CommandSender commands, Edge edge, IdGenerator ids) {
        this.commands = commands;
        this.edge = edge;
        this.ids = ids;
    }

    void register(Actions actions) {
        actions.write(QueryService.IAM, "CreateRole", this::createRole)
                .write(QueryService.IAM, "UpdateRole", this::updateRole)
                .write(QueryService.IAM, "UpdateAssumeRolePolicy", this::updateAssumeRolePolicy)
                .write(QueryService.IAM, "DeleteRole", this::deleteRole)
                .write(QueryService.IAM, "AttachRolePolicy", this::attachRolePolicy)
                .write(QueryService.IAM, "DetachRolePolicy", this::detachRolePolicy)
                .write(QueryService.IAM, "PutRolePolicy", this::putRolePolicy)
                .write(QueryService.IAM, "DeleteRolePolicy", this::deleteRolePolicy)
                .write(QueryService.IAM, "PutRolePermissionsBoundary", this::putRolePermissionsBoundary)
                .write(QueryService.IAM, "DeleteRolePermissionsBoundary", this::deleteRolePermissionsBoundary)
                .write(QueryService.IAM, "TagRole", this::tagRole)
                .write(QueryService.IAM, "UntagRole", this::untagRole);
    }

    private String createRole(ApiCall call) {
        QueryParameters p = call.parameters();
        String roleName = p.requiredString("RoleName");
        String path = Edge.path(p);
        String trustPolicy = p.requiredString("AssumeRolePolicyDocument");
        int trustSize = Edge.trustPolicy(trustPolicy);
        Optional<String> description = p.optionalString("Description");
        Optional<Integer> maxSession = p.optionalInt("MaxSessionDuration", Integer.MIN_VALUE, Integer.MAX_VALUE);
        Optional<String> boundary = p.optionalString("PermissionsBoundary");
        boundary.ifPresent(Edge::checkPolicyArn);
        List<Tag> tags = Edge.tags(p);
        String roleId = ids.roleId();
        commands.send(call.accountId(), new CreateRoleCommand(call.accountId(), roleId, roleName, path, trustPolicy,
                trustSize, description, maxSession, boundary, tags, call.receivedAt()));
        XmlResponseWriter out = call.result().start("Role");
        Shapes.role(out, new Role(path, roleName, roleId, Shapes.roleArn(call.accountId(), path, roleName),
                call.receivedAt(), trustPolicy, description, maxSession.orElse(DEFAULT_MAX_SESSION_DURATION), boundary,
                tags), true);
        return call.finish(out.end());
    }

    private String updateRole(ApiCall call) {
        QueryParameters p = call.parameters();
        String roleName = p.requiredString("RoleName");
        commands.send(call.accountId(), new UpdateRoleCommand(call.accountId(), edge.roleId(call.accountId(), roleName),
                roleName, p.optionalString("Description"),
                p.optionalInt("MaxSessionDuration", Integer.MIN_VALUE, Integer.MAX_VALUE), call.receivedAt()));
        return call.finish(call.result());
    }

    private String updateAssumeRolePolicy(ApiCall call) {
        QueryParameters p = call.parameters();
        String roleName = p.requiredString("RoleName");
        String document = p.requiredString("PolicyDocument");
        int size = Edge.trustPolicy(document);
        commands.send(call.accountId(), new UpdateAssumeRolePolicyCommand(call.accountId(),
                edge.roleId(call.accountId(), roleName), roleName, document, size, call.receivedAt()));
        return call.noResult();
    }

    private String deleteRole(ApiCall call) {
        String roleName = call.parameters().requiredString("RoleName");
        commands.send(call.accountId(), new DeleteRoleCommand(call.accountId(), edge.roleId(call.accountId(), roleName),
                roleName, call.receivedAt()));
        return call.noResult();
    }

    private String attachRolePolicy(ApiCall call) {
        QueryParameters p = call.parameters();
        String roleName = p.requiredString("RoleName");
        String policyArn = p.requiredString("PolicyArn");
        Edge.checkPolicyArn(policyArn);
        commands.send(call.accountId(), new AttachRolePolicyCommand(call.accountId(),
                edge.roleId(call.accountId(), roleName), roleName, policyArn, call.receivedAt()));
        return call.noResult();
    }

    private String detachRolePolicy(ApiCall call) {
        QueryParameters p = call.parameters();
        String roleName = p.requiredString("RoleName");
        String policyArn = p.requiredString("PolicyArn");
        Edge.checkPolicyArn(policyArn);
        commands.send(call.accountId(), new DetachRolePolicyCommand(call.accountId(),
                edge.roleId(call.accountId(), roleName), roleName, policyArn, call.receivedAt()));
        return call.noResult();
    }

    private String putRolePolicy(ApiCall call) {
        QueryParameters p = call.parameters();
        String roleName = p.requiredString("RoleName");
        String policyName = p.requiredString("PolicyName");
        String document = p.requiredString("PolicyDocument");
        int size = Edge.identityPolicy(document);
        commands.send(call.accountId(), new PutRolePolicyCommand(call.accountId(),
                edge.roleId(call.accountId(), roleName), roleName, policyName, document, size, call.receivedAt()));
        return call.noResult();
    }

    private String deleteRolePolicy(ApiCall call) {
        QueryParameters p = call.parameters();
        String roleName = p.requiredString("RoleName");
        String policyName = p.requiredString("PolicyName");
        commands.send(call.accountId(), new DeleteRolePolicyCommand(call.accountId(),
                edge.roleId(call.accountId(), roleName), roleName, policyName, call.receivedAt()));
        return call.noResult();
    }

    private String putRolePermissionsBoundary(ApiCall call) {
        QueryParameters p = call.parameters();
        String roleName = p.requiredString("RoleName");
        String boundary = p.requiredString("PermissionsBoundary");
        Edge.checkPolicyArn(boundary);
        commands.send(call.accountId(), new PutRolePermissionsBoundaryCommand(call.accountId(),
                edge.roleId(call.accountId(), roleName), roleName, boundary, call.receivedAt()));
        return call.noResult();
    }

    private String deleteRolePermissionsBoundary(ApiCall call) {
        String roleName = call.parameters().requiredString("RoleName");
        commands.send(call.accountId(), new DeleteRolePermissionsBoundaryCommand(call.accountId(),
                edge.roleId(call.accountId(), roleName), roleName, call.receivedAt()));
        return call.noResult();
    }

    private String tagRole(ApiCall call) {
        QueryParameters p = call.parameters();
        String roleName = p.requiredString("RoleName");
        commands.send(call.accountId(), new TagRoleCommand(call.accountId(), edge.roleId(call.accountId(), roleName),
                roleName, Edge.tags(p), call.receivedAt()));
        return call.noResult();
    }

    private String untagRole(ApiCall call) {
        QueryParameters p = call.parameters();
        String roleName = p.requiredString("RoleName");
        commands.send(call.accountId(), new UntagRoleCommand(call.accountId(), edge.roleId(call.accountId(), roleName),
                roleName, p.stringList("TagKeys"), call.receivedAt()));
        return call.noResult();
    }
}
