package io.iamledger.infra.history;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.iamledger.events.arn.Arn;
import io.iamledger.events.identity.Tag;
import io.iamledger.infra.authz.HistoricalEvaluator;
import io.iamledger.query.evaluator.ContextValue;
import io.iamledger.query.evaluator.Evaluation;
import io.iamledger.query.evaluator.MatchedStatement;
import io.iamledger.query.readmodel.AttachedPolicy;
import io.iamledger.query.readmodel.AuthorizationDetails;
import io.iamledger.query.readmodel.IamReadModel;
import io.iamledger.query.readmodel.InlinePolicy;
import io.iamledger.query.readmodel.PageRequest;
import io.iamledger.query.readmodel.PolicyVersion;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The time-travel questions over one server's ledger, each answered as of an instant with its evidence:
 * {@link #can} (could a principal do an action on a resource, through which statements, put there by which calls)
 * and {@link #state} (the whole account, shaped like {@code GetAccountAuthorizationDetails}). Thread-safe.
 */
public final class TimeTravel {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final IamReadModel readModel;
    private final HistoricalEvaluator evaluator;
    private final Provenance provenance;

    public TimeTravel(IamReadModel readModel, JdbcTemplate jdbc, String readSchema) {
        this.readModel = readModel;
        this.evaluator = new HistoricalEvaluator(readModel);
        this.provenance = new Provenance(jdbc, readSchema);
    }

    /**
     * Could {@code principal} do {@code action} on {@code resource} at {@code at}? {@code decision} is
     * {@code allowed}, {@code explicitDeny} or {@code implicitDeny} (also when the principal did not exist then);
     * {@code evidence} holds the deciding statements, each with the events and calls that put its policy in place,
     * or for an implicit deny the reason.
     */
    public ObjectNode can(Arn principal, String action, String resource, Instant at,
                          Map<String, ContextValue> context) {
        ObjectNode answer = JSON.objectNode();
        answer.put("principal", principal.toString()).put("action", action).put("resource", resource)
                .put("at", at.toString());
        Optional<HistoricalEvaluator.Outcome> outcome = evaluator.evaluate(principal, action, resource, at, context);
        ObjectNode evidence = JSON.objectNode();
        if (outcome.isEmpty()) {
            answer.put("decision", "implicitDeny");
            evidence.put("principalExisted", false);
            evidence.put("reason", "no " + principal.resourceType() + " with this ARN existed at " + at);
            answer.set("evidence", evidence);
            return answer;
        }
        Evaluation evaluation = outcome.get().evaluation();
        answer.put("decision", evaluation.decision().wireName());
        evidence.put("principalExisted", true).put("principalId", outcome.get().principalId());
        evaluation.accessDeniedReason().ifPresent(reason -> evidence.put("reason", reason));
        ArrayNode statements = evidence.putArray("statements");
        for (MatchedStatement statement : evaluation.decidingStatements()) {
            statements.add(provenance.statement(statement, principal.account(), outcome.get().principalId(), at));
        }
        answer.set("evidence", evidence);
        return answer;
    }

    /**
     * The account as it stood at {@code at}, with AWS's member names of {@code GetAccountAuthorizationDetails}
     * ({@code UserDetailList}, {@code GroupDetailList}, {@code RoleDetailList}, {@code Policies}); every page.
     */
    public ObjectNode state(String accountId, Instant at) {
        IamReadModel then = readModel.asOf(at);
        ObjectNode answer = JSON.objectNode().put("account", accountId).put("at", at.toString());
        ArrayNode users = answer.putArray("UserDetailList");
        ArrayNode groups = answer.putArray("GroupDetailList");
        ArrayNode roles = answer.putArray("RoleDetailList");
        ArrayNode policies = answer.putArray("Policies");
        PageRequest page = PageRequest.first(PageRequest.MAX_MAX_ITEMS);
        while (true) {
            AuthorizationDetails details = then.getAccountAuthorizationDetails(accountId, Set.of(), page);
            for (AuthorizationDetails.UserDetail detail : details.users()) {
                ObjectNode user = users.addObject().put("Path", detail.user().path())
                        .put("UserName", detail.user().userName()).put("UserId", detail.user().userId())
                        .put("Arn", detail.user().arn()).put("CreateDate", detail.user().createDate().toString());
                inline(user.putArray("UserPolicyList"), detail.inlinePolicies());
                detail.groupNames().forEach(user.putArray("GroupList")::add);
                attached(user.putArray("AttachedManagedPolicies"), detail.attachedPolicies());
                detail.user().permissionsBoundaryArn().ifPresent(arn -> boundary(user, arn));
                tags(user, detail.user().tags());
            }
            for (AuthorizationDetails.GroupDetail detail : details.groups()) {
                ObjectNode group = groups.addObject().put("Path", detail.group().path())
                        .put("GroupName", detail.group().groupName()).put("GroupId", detail.group().groupId())
                        .put("Arn", detail.group().arn()).put("CreateDate", detail.group().createDate().toString());
                inline(group.putArray("GroupPolicyList"), detail.inlinePolicies());
                attached(group.putArray("AttachedManagedPolicies"), detail.attachedPolicies());
            }
            for (AuthorizationDetails.RoleDetail detail : details.roles()) {
                ObjectNode role = roles.addObject().put("Path", detail.role().path())
                        .put("RoleName", detail.role().roleName()).put("RoleId", detail.role().roleId())
                        .put("Arn", detail.role().arn()).put("CreateDate", detail.role().createDate().toString())
                        .put("AssumeRolePolicyDocument", detail.role().assumeRolePolicyDocument());
                inline(role.putArray("RolePolicyList"), detail.inlinePolicies());
                attached(role.putArray("AttachedManagedPolicies"), detail.attachedPolicies());
                detail.role().permissionsBoundaryArn().ifPresent(arn -> boundary(role, arn));
                tags(role, detail.role().tags());
            }
            for (AuthorizationDetails.ManagedPolicyDetail detail : details.policies()) {
                ObjectNode policy = policies.addObject().put("PolicyName", detail.policy().policyName())
                        .put("PolicyId", detail.policy().policyId()).put("Arn", detail.policy().arn())
                        .put("Path", detail.policy().path())
                        .put("DefaultVersionId", detail.policy().defaultVersionId())
                        .put("AttachmentCount", detail.policy().attachmentCount())
                        .put("PermissionsBoundaryUsageCount", detail.policy().permissionsBoundaryUsageCount())
                        .put("IsAttachable", detail.policy().isAttachable())
                        .put("CreateDate", detail.policy().createDate().toString())
                        .put("UpdateDate", detail.policy().updateDate().toString());
                detail.policy().description().ifPresent(text -> policy.put("Description", text));
                ArrayNode versions = policy.putArray("PolicyVersionList");
                for (PolicyVersion version : detail.versions()) {
                    versions.addObject().put("Document", version.document()).put("VersionId", version.versionId())
                            .put("IsDefaultVersion", version.isDefaultVersion())
                            .put("CreateDate", version.createDate().toString());
                }
            }
            if (details.marker().isEmpty()) {
                return answer;
            }
            page = new PageRequest(details.marker(), page.maxItems());
        }
    }

    private static void inline(ArrayNode out, List<InlinePolicy> policies) {
        for (InlinePolicy policy : policies) {
            out.addObject().put("PolicyName", policy.policyName()).put("PolicyDocument", policy.policyDocument());
        }
    }

    private static void attached(ArrayNode out, List<AttachedPolicy> policies) {
        for (AttachedPolicy policy : policies) {
            out.addObject().put("PolicyName", policy.policyName()).put("PolicyArn", policy.policyArn());
        }
    }

    private static void boundary(ObjectNode out, String arn) {
        out.putObject("PermissionsBoundary").put("PermissionsBoundaryType", "Policy")
                .put("PermissionsBoundaryArn", arn);
    }

    private static void tags(ObjectNode out, List<Tag> tags) {
        if (!tags.isEmpty()) {
            ArrayNode list = out.putArray("Tags");
            tags.forEach(tag -> list.addObject().put("Key", tag.key()).put("Value", tag.value()));
        }
    }
}
