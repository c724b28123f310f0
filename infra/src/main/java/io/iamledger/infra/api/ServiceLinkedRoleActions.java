package io.iamledger.infra.api;

import io.iamledger.command.role.CreateServiceLinkedRoleCommand;
import io.iamledger.command.role.DeleteServiceLinkedRoleCommand;
import io.iamledger.command.role.ServiceLinkedRoles;
import io.iamledger.events.arn.Arn;
import io.iamledger.events.error.IamException;
import io.iamledger.infra.authz.Authorizer;
import io.iamledger.infra.credentials.IdGenerator;
import io.iamledger.infra.protocol.QueryParameters;
import io.iamledger.infra.protocol.QueryService;
import io.iamledger.infra.protocol.XmlResponseWriter;
import io.iamledger.query.readmodel.Role;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Service-linked roles: CreateServiceLinkedRole (AWS's name, path and trust for the service, its managed policy
 * attached), DeleteServiceLinkedRole and GetServiceLinkedRoleDeletionStatus. Here the service is the ledger itself,
 * so a deletion is done within the call (its policies detached, then the role deleted, in one transaction) and its
 * task has {@code SUCCEEDED} at once. Roles made so cannot be changed through the ordinary role actions.
 */
final class ServiceLinkedRoleActions {
    private final CommandSender commands;
    private final Edge edge;
    private final IdGenerator ids;
    private final Authorizer authorizer;
    private final JdbcTemplate jdbc;

    ServiceLinkedRoleActions(CommandSender commands, Edge edge, IdGenerator ids, Authorizer authorizer,
                             JdbcTemplate jdbc) {
        this.commands = commands;
        this.edge = edge;
        this.ids = ids;
        this.authorizer = authorizer;
        this.jdbc = jdbc;
    }

    void register(Actions actions) {
        actions.write(QueryService.IAM, "CreateServiceLinkedRole", this::create)
                .write(QueryService.IAM, "DeleteServiceLinkedRole", this::delete)
                .read(QueryService.IAM, "GetServiceLinkedRoleDeletionStatus", this::deletionStatus);
    }

    private String create(ApiCall call) {
        QueryParameters p = call.parameters();
        ServiceLinkedRoles.Definition definition = ServiceLinkedRoles.define(p.requiredString("AWSServiceName"),
                p.optionalString("CustomSuffix"));
        String arn = Arn.role(call.accountId(), definition.path(), definition.roleName()).toString();
        // the role's ARN is known only once the service is: its handler checks the permission, not the table
        authorizer.authorizePermission(call.access(), "iam:CreateServiceLinkedRole", arn);
        Optional<String> description = p.optionalString("Description");
        String roleId = ids.roleId();
        commands.send(call.accountId(), new CreateServiceLinkedRoleCommand(call.accountId(), roleId, definition,
                Edge.trustPolicy(definition.trustPolicy()), description, call.receivedAt()));
        XmlResponseWriter out = call.result().start("Role");
        Shapes.role(out, new Role(definition.path(), definition.roleName(), roleId, arn, call.receivedAt(),
                definition.trustPolicy(), description, 3600, Optional.empty(), List.of()), true);
        return call.finish(out.end());
    }

    private String delete(ApiCall call) {
        String roleName = call.parameters().requiredString("RoleName");
        String roleId = edge.roleId(call.accountId(), roleName);
        String taskId = "task" + ServiceLinkedRoles.PATH_PREFIX + roleName + "/" + UUID.randomUUID();
        commands.inTransaction(call.accountId(), () -> {
            commands.dispatch(new DeleteServiceLinkedRoleCommand(call.accountId(), roleId, roleName,
                    call.receivedAt()));
            jdbc.update("insert into service_linked_role_deletion (deletion_task_id, account_id, role_name,"
                    + " deleted_at) values (?, ?, ?, ?)", taskId, call.accountId(), roleName,
                    Timestamp.from(call.receivedAt()));
            return null;
        });
        return call.finish(call.result().element("DeletionTaskId", taskId));
    }

    private String deletionStatus(ApiCall call) {
        String taskId = call.parameters().requiredString("DeletionTaskId");
        if (!taskId.startsWith("task" + ServiceLinkedRoles.PATH_PREFIX)) {
            throw IamException.invalidInput("DeletionTaskId " + taskId + " is not valid.");
        }
        List<String> found = jdbc.queryForList("select role_name from service_linked_role_deletion"
                + " where deletion_task_id = ? and account_id = ?", String.class, taskId, call.accountId());
        if (found.isEmpty()) {
            throw IamException.noSuchEntity("Deletion task " + taskId + " cannot be found.");
        }
        return call.finish(call.result().element("Status", "SUCCEEDED"));
    }
}
