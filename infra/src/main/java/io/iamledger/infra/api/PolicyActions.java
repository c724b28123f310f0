package io.iamledger.infra.api;

import io.iamledger.command.policy.CreatePolicyCommand;
import io.iamledger.command.policy.CreatePolicyVersionCommand;
import io.iamledger.command.policy.DeletePolicyCommand;
import io.iamledger.command.policy.DeletePolicyVersionCommand;
import io.iamledger.command.policy.SetDefaultPolicyVersionCommand;
import io.iamledger.events.arn.Arn;
import io.iamledger.events.error.IamException;
import io.iamledger.infra.credentials.IdGenerator;
import io.iamledger.infra.protocol.QueryParameters;
import io.iamledger.infra.protocol.QueryService;
import io.iamledger.infra.protocol.XmlResponseWriter;
import io.iamledger.query.readmodel.ManagedPolicy;
import java.util.Optional;

/** Customer managed policy actions that change state. AWS managed policies cannot be changed. */
final class PolicyActions {
    private final CommandSender commands;
    private final Edge edge;
    private final IdGenerator ids;

    PolicyActions(CommandSender commands, Edge edge, IdGenerator ids) {
        this.commands = commands;
        this.edge = edge;
        this.ids = ids;
    }

    void register(Actions actions) {
        actions.write(QueryService.IAM, "CreatePolicy", this::createPolicy)
                .write(QueryService.IAM, "DeletePolicy", this::deletePolicy)
                .write(QueryService.IAM, "CreatePolicyVersion", this::createPolicyVersion)
                .write(QueryService.IAM, "SetDefaultPolicyVersion", this::setDefaultPolicyVersion)
                .write(QueryService.IAM, "DeletePolicyVersion", this::deletePolicyVersion);
    }

    private String createPolicy(ApiCall call) {
        QueryParameters p = call.parameters();
        String policyName = p.requiredString("PolicyName");
        String path = Edge.path(p);
        String document = p.requiredString("PolicyDocument");
        Optional<String> description = p.optionalString("Description");
        int size = Edge.identityPolicy(document);
        String policyId = ids.policyId();
        commands.send(call.accountId(), new CreatePolicyCommand(call.accountId(), policyId, policyName, path,
                description, document, size, call.receivedAt()));
        XmlResponseWriter out = call.result().start("Policy");
        Shapes.policy(out, new ManagedPolicy(policyName, policyId,
                Shapes.policyArn(call.accountId(), path, policyName), path, "v1", 0, 0, true, description,
                call.receivedAt(), call.receivedAt()));
        return call.finish(out.end());
    }

    private String deletePolicy(ApiCall call) {
        String policyArn = customerPolicyArn(call);
        commands.send(call.accountId(), new DeletePolicyCommand(call.accountId(),
                edge.policyId(call.accountId(), policyArn), policyArn, call.receivedAt()));
        return call.noResult();
    }

    private String createPolicyVersion(ApiCall call) {
        QueryParameters p = call.parameters();
        String policyArn = customerPolicyArn(call);
        String document = p.requiredString("PolicyDocument");
        boolean setAsDefault = p.optionalBoolean("SetAsDefault").orElse(false);
        int size = Edge.identityPolicy(document);
        String versionId = commands.send(call.accountId(), new CreatePolicyVersionCommand(call.accountId(),
                edge.policyId(call.accountId(), policyArn), policyArn, document, size, setAsDefault,
                call.receivedAt()));
        XmlResponseWriter out = call.result().start("PolicyVersion")
                .element("VersionId", versionId)
                .element("IsDefaultVersion", setAsDefault)
                .element("CreateDate", call.receivedAt())
                .end();
        return call.finish(out);
    }

    private String setDefaultPolicyVersion(ApiCall call) {
        String policyArn = customerPolicyArn(call);
        String versionId = versionId(call.parameters());
        commands.send(call.accountId(), new SetDefaultPolicyVersionCommand(call.accountId(),
                edge.policyId(call.accountId(), policyArn), policyArn, versionId, call.receivedAt()));
        return call.noResult();
    }

    private String deletePolicyVersion(ApiCall call) {
        String policyArn = customerPolicyArn(call);
        String versionId = versionId(call.parameters());
        commands.send(call.accountId(), new DeletePolicyVersionCommand(call.accountId(),
                edge.policyId(call.accountId(), policyArn), policyArn, versionId, call.receivedAt()));
        return call.noResult();
    }

    /** The PolicyArn parameter, refusing AWS managed policies, which only AWS may change. */
    private static String customerPolicyArn(ApiCall call) {
        String policyArn = call.parameters().requiredString("PolicyArn");
        Edge.checkPolicyArn(policyArn);
        String owner = Arn.parse(policyArn).account();
        if (owner.equals(Arn.AWS_ACCOUNT)) {
            throw IamException.invalidInput("Policy " + policyArn + " is an AWS managed policy and cannot be changed.");
        }
        if (!owner.equals(call.accountId())) {
            throw IamException.noSuchEntity("Policy " + policyArn + " does not exist or is not attachable.");
        }
        return policyArn;
    }

    private static String versionId(QueryParameters p) {
        String versionId = p.requiredString("VersionId");
        if (!versionId.matches("v[1-9][0-9]*(\\.[A-Za-z0-9-]*)?")) {
            throw IamException.validation("1 validation error detected: Value '" + versionId + "' at 'versionId' "
                    + "failed to satisfy constraint: Member must satisfy regular expression pattern: "
                    + "v[1-9][0-9]*(\\.[A-Za-z0-9-]*)?");
        }
        return versionId;
    }
}
