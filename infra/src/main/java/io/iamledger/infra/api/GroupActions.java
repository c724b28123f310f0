package io.iamledger.infra.api;

import io.iamledger.command.group.AttachGroupPolicyCommand;
import io.iamledger.command.group.CreateGroupCommand;
import io.iamledger.command.group.DeleteGroupCommand;
import io.iamledger.command.group.DeleteGroupPolicyCommand;
import io.iamledger.command.group.DetachGroupPolicyCommand;
import io.iamledger.command.group.PutGroupPolicyCommand;
import io.iamledger.infra.credentials.IdGenerator;
import io.iamledger.infra.protocol.QueryParameters;
import io.iamledger.infra.protocol.QueryService;
import io.iamledger.infra.protocol.XmlResponseWriter;
import io.iamledger.query.readmodel.Group;

/** IAM group actions that change state. */
final class GroupActions {
    private final CommandSender commands;
    private final Edge edge;
    private final IdGenerator ids;

    GroupActions(CommandSender commands, Edge edge, IdGenerator ids) {
        this.commands = commands;
        this.edge = edge;
        this.ids = ids;
    }

    void register(Actions actions) {
        actions.write(QueryService.IAM, "CreateGroup", this::createGroup)
                .write(QueryService.IAM, "DeleteGroup", this::deleteGroup)
                .write(QueryService.IAM, "AttachGroupPolicy", this::attachGroupPolicy)
                .write(QueryService.IAM, "DetachGroupPolicy", this::detachGroupPolicy)
                .write(QueryService.IAM, "PutGroupPolicy", this::putGroupPolicy)
                .write(QueryService.IAM, "DeleteGroupPolicy", this::deleteGroupPolicy);
    }

    private String createGroup(ApiCall call) {
        QueryParameters p = call.parameters();
        String groupName = p.requiredString("GroupName");
        String path = Edge.path(p);
        String groupId = ids.groupId();
        commands.send(call.accountId(), new CreateGroupCommand(call.accountId(), groupId, groupName, path,
                call.receivedAt()));
        XmlResponseWriter out = call.result().start("Group");
        Shapes.group(out, new Group(path, groupName, groupId,
                Shapes.groupArn(call.accountId(), path, groupName), call.receivedAt()));
        return call.finish(out.end());
    }

    private String deleteGroup(ApiCall call) {
        String groupName = call.parameters().requiredString("GroupName");
        commands.send(call.accountId(), new DeleteGroupCommand(call.accountId(),
                edge.groupId(call.accountId(), groupName), groupName, call.receivedAt()));
        return call.noResult();
    }

    private String attachGroupPolicy(ApiCall call) {
        QueryParameters p = call.parameters();
        String groupName = p.requiredString("GroupName");
        String policyArn = p.requiredString("PolicyArn");
        Edge.checkPolicyArn(policyArn);
        commands.send(call.accountId(), new AttachGroupPolicyCommand(call.accountId(),
                edge.groupId(call.accountId(), groupName), groupName, policyArn, call.receivedAt()));
        return call.noResult();
    }

    private String detachGroupPolicy(ApiCall call) {
        QueryParameters p = call.parameters();
        String groupName = p.requiredString("GroupName");
        String policyArn = p.requiredString("PolicyArn");
        Edge.checkPolicyArn(policyArn);
        commands.send(call.accountId(), new DetachGroupPolicyCommand(call.accountId(),
                edge.groupId(call.accountId(), groupName), groupName, policyArn, call.receivedAt()));
        return call.noResult();
    }

    private String putGroupPolicy(ApiCall call) {
        QueryParameters p = call.parameters();
        String groupName = p.requiredString("GroupName");
        String policyName = p.requiredString("PolicyName");
        String document = p.requiredString("PolicyDocument");
        int size = Edge.identityPolicy(document);
        commands.send(call.accountId(), new PutGroupPolicyCommand(call.accountId(),
                edge.groupId(call.accountId(), groupName), groupName, policyName, document, size, call.receivedAt()));
        return call.noResult();
    }

    private String deleteGroupPolicy(ApiCall call) {
        QueryParameters p = call.parameters();
        String groupName = p.requiredString("GroupName");
        String policyName = p.requiredString("PolicyName");
        commands.send(call.accountId(), new DeleteGroupPolicyCommand(call.accountId(),
                edge.groupId(call.accountId(), groupName), groupName, policyName, call.receivedAt()));
        return call.noResult();
    }
}
