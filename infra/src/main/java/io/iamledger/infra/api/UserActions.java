package io.iamledger.infra.api;

import io.iamledger.command.user.AddUserToGroupCommand;
import io.iamledger.command.user.AttachUserPolicyCommand;
import io.iamledger.command.user.CreateUserCommand;
import io.iamledger.command.user.DeleteUserCommand;
import io.iamledger.command.user.DeleteUserPermissionsBoundaryCommand;
import io.iamledger.command.user.DeleteUserPolicyCommand;
import io.iamledger.command.user.DetachUserPolicyCommand;
import io.iamledger.command.user.PutUserPermissionsBoundaryCommand;
import io.iamledger.command.user.PutUserPolicyCommand;
import io.iamledger.command.user.RemoveUserFromGroupCommand;
import io.iamledger.command.user.TagUserCommand;
import io.iamledger.command.user.UntagUserCommand;
import io.iamledger.command.user.UpdateUserCommand;
import io.iamledger.events.identity.Tag;
import io.iamledger.infra.credentials.CredentialVault;
import io.iamledger.infra.credentials.IdGenerator;
import io.iamledger.infra.protocol.QueryParameters;
import io.iamledger.infra.protocol.QueryService;
import io.iamledger.infra.protocol.XmlResponseWriter;
import io.iamledger.query.readmodel.User;
import java.util.List;
import java.util.Optional;

/** IAM user actions that change state: create, update, delete, groups, policies, boundary, tags. */
final class UserActions {
    private final CommandSender commands;
    private final Edge edge;
    private final IdGenerator ids;
    private final CredentialVault vault;

    UserActions(CommandSender commands, Edge edge, IdGenerator ids, CredentialVault vault) {
        this.commands = commands;
        this.edge = edge;
        this.ids = ids;
        this.vault = vault;
    }

    void register(Actions actions) {
        actions.write(QueryService.IAM, "CreateUser", this::createUser)
                .write(QueryService.IAM, "UpdateUser", this::updateUser)
                .write(QueryService.IAM, "DeleteUser", this::deleteUser)
                .write(QueryService.IAM, "AddUserToGroup", this::addUserToGroup)
                .write(QueryService.IAM, "RemoveUserFromGroup", this::removeUserFromGroup)
                .write(QueryService.IAM, "AttachUserPolicy", this::attachUserPolicy)
                .write(QueryService.IAM, "DetachUserPolicy", this::detachUserPolicy)
                .write(QueryService.IAM, "PutUserPolicy", this::putUserPolicy)
                .write(QueryService.IAM, "DeleteUserPolicy", this::deleteUserPolicy)
                .write(QueryService.IAM, "PutUserPermissionsBoundary", this::putUserPermissionsBoundary)
                .write(QueryService.IAM, "DeleteUserPermissionsBoundary", this::deleteUserPermissionsBoundary)
                .write(QueryService.IAM, "TagUser", this::tagUser)
                .write(QueryService.IAM, "UntagUser", this::untagUser);
    }

    private String createUser(ApiCall call) {
        QueryParameters p = call.parameters();
        String userName = p.requiredString("UserName");
        String path = Edge.path(p);
        Optional<String> boundary = p.optionalString("PermissionsBoundary");
        boundary.ifPresent(Edge::checkPolicyArn);
        List<Tag> tags = Edge.tags(p);
        String userId = ids.userId();
        commands.send(call.accountId(), new CreateUserCommand(call.accountId(), userId, userName, path, boundary, tags,
                call.receivedAt()));
        XmlResponseWriter out = call.result().start("User");
        Shapes.user(out, new User(path, userName, userId,
                Shapes.userArn(call.accountId(), path, userName), call.receivedAt(), boundary, tags), true);
        return call.finish(out.end());
    }

    private String updateUser(ApiCall call) {
        QueryParameters p = call.parameters();
        String userName = p.requiredString("UserName");
        Optional<String> newUserName = p.optionalString("NewUserName");
        Optional<String> newPath = p.optionalString("NewPath");
        String userId = edge.userId(call.accountId(), userName);
        commands.inTransaction(call.accountId(), () -> {
            commands.dispatch(new UpdateUserCommand(call.accountId(), userId, userName, newUserName, newPath,
                    call.receivedAt()));
            newUserName.ifPresent(name -> vault.renameOwner(userId, name));
            return null;
        });
        return call.noResult();
    }

    private String deleteUser(ApiCall call) {
        String userName = call.parameters().requiredString("UserName");
        commands.send(call.accountId(), new DeleteUserCommand(call.accountId(), edge.userId(call.accountId(), userName),
                userName, call.receivedAt()));
        return call.noResult();
    }

    private String addUserToGroup(ApiCall call) {
        QueryParameters p = call.parameters();
        String userName = p.requiredString("UserName");
        String groupName = p.requiredString("GroupName");
        String groupId = edge.groupId(call.accountId(), groupName);
        commands.send(call.accountId(), new AddUserToGroupCommand(call.accountId(),
                edge.userId(call.accountId(), userName), userName, groupId, groupName, call.receivedAt()));
        return call.noResult();
    }

    private String removeUserFromGroup(ApiCall call) {
        QueryParameters p = call.parameters();
        String userName = p.requiredString("UserName");
        String groupName = p.requiredString("GroupName");
        String groupId = edge.groupId(call.accountId(), groupName);
        commands.send(call.accountId(), new RemoveUserFromGroupCommand(call.accountId(),
                edge.userId(call.accountId(), userName), userName, groupId, groupName, call.receivedAt()));
        return call.noResult();
    }

    private String attachUserPolicy(ApiCall call) {
        QueryParameters p = call.parameters();
        String userName = p.requiredString("UserName");
        String policyArn = p.requiredString("PolicyArn");
        Edge.checkPolicyArn(policyArn);
        commands.send(call.accountId(), new AttachUserPolicyCommand(call.accountId(),
                edge.userId(call.accountId(), userName), userName, policyArn, call.receivedAt()));
        return call.noResult();
    }

    private String detachUserPolicy(ApiCall call) {
        QueryParameters p = call.parameters();
        String userName = p.requiredString("UserName");
        String policyArn = p.requiredString("PolicyArn");
        Edge.checkPolicyArn(policyArn);
        commands.send(call.accountId(), new DetachUserPolicyCommand(call.accountId(),
                edge.userId(call.accountId(), userName), userName, policyArn, call.receivedAt()));
        return call.noResult();
    }

    private String putUserPolicy(ApiCall call) {
        QueryParameters p = call.parameters();
        String userName = p.requiredString("UserName");
        String policyName = p.requiredString("PolicyName");
        String document = p.requiredString("PolicyDocument");
        int size = Edge.identityPolicy(document);
        commands.send(call.accountId(), new PutUserPolicyCommand(call.accountId(),
                edge.userId(call.accountId(), userName), userName, policyName, document, size, call.receivedAt()));
        return call.noResult();
    }

    private String deleteUserPolicy(ApiCall call) {
        QueryParameters p = call.parameters();
        String userName = p.requiredString("UserName");
        String policyName = p.requiredString("PolicyName");
        commands.send(call.accountId(), new DeleteUserPolicyCommand(call.accountId(),
                edge.userId(call.accountId(), userName), userName, policyName, call.receivedAt()));
        return call.noResult();
    }

    private String putUserPermissionsBoundary(ApiCall call) {
        QueryParameters p = call.parameters();
        String userName = p.requiredString("UserName");
        String boundary = p.requiredString("PermissionsBoundary");
        Edge.checkPolicyArn(boundary);
        commands.send(call.accountId(), new PutUserPermissionsBoundaryCommand(call.accountId(),
                edge.userId(call.accountId(), userName), userName, boundary, call.receivedAt()));
        return call.noResult();
    }

    private String deleteUserPermissionsBoundary(ApiCall call) {
        String userName = call.parameters().requiredString("UserName");
        commands.send(call.accountId(), new DeleteUserPermissionsBoundaryCommand(call.accountId(),
                edge.userId(call.accountId(), userName), userName, call.receivedAt()));
        return call.noResult();
    }

    private String tagUser(ApiCall call) {
        QueryParameters p = call.parameters();
        String userName = p.requiredString("UserName");
        List<Tag> tags = Edge.tags(p);
        commands.send(call.accountId(), new TagUserCommand(call.accountId(), edge.userId(call.accountId(), userName),
                userName, tags, call.receivedAt()));
        return call.noResult();
    }

    private String untagUser(ApiCall call) {
        QueryParameters p = call.parameters();
        String userName = p.requiredString("UserName");
        List<String> keys = p.stringList("TagKeys");
        commands.send(call.accountId(), new UntagUserCommand(call.accountId(), edge.userId(call.accountId(), userName),
                userName, keys, call.receivedAt()));
        return call.noResult();
    }
}
