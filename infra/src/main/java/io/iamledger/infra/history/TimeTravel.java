package io.iamledger.infra.history;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.iamledger.events.arn.Arn;
import io.iamledger.events.error.ErrorCode;
import io.iamledger.events.error.IamException;
import io.iamledger.events.identity.Tag;
import io.iamledger.infra.authz.HistoricalEvaluator;
import io.iamledger.query.awsmanaged.AwsManagedPolicies;
import io.iamledger.query.awsmanaged.AwsManagedPolicy;
import io.iamledger.query.evaluator.ContextValue;
import io.iamledger.query.evaluator.Decision;
import io.iamledger.query.evaluator.Evaluation;
import io.iamledger.query.evaluator.MatchedStatement;
import io.iamledger.query.readmodel.AttachedPolicy;
import io.iamledger.query.readmodel.AuthorizationDetails;
import io.iamledger.query.readmodel.Group;
import io.iamledger.query.readmodel.IamReadModel;
import io.iamledger.query.readmodel.InlinePolicy;
import io.iamledger.query.readmodel.Page;
import io.iamledger.query.readmodel.PageRequest;
import io.iamledger.query.readmodel.PermissionHistory;
import io.iamledger.query.readmodel.PermissionsReadModel;
import io.iamledger.query.readmodel.PolicyVersion;
import io.iamledger.query.readmodel.Role;
import io.iamledger.query.readmodel.User;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The time-travel questions over one server's ledger, each answered with its evidence: {@link #can} (could a
 * principal do an action on a resource at an instant, through which statements, put there by which calls),
 * {@link #whoCan}, {@link #timeline} (when it could, opened and closed by which events), {@link #diff} (what it
 * gained and lost between two instants) and {@link #state} (the whole account, shaped like
 * {@code GetAccountAuthorizationDetails}). Thread-safe.
 */
public final class TimeTravel {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final IamReadModel readModel;
    private final HistoricalEvaluator evaluator;
    private final Provenance provenance;
    private final ChangePoints changes;
    private final ObjectMapper json = new ObjectMapper();

    public TimeTravel(IamReadModel readModel, JdbcTemplate jdbc, String readSchema) {
        this.readModel = readModel;
        this.evaluator = new HistoricalEvaluator(readModel);
        this.provenance = new Provenance(jdbc, readSchema);
        this.changes = new ChangePoints(jdbc, readSchema);
    }

    /**
     * The intervals within [from, to] in which {@code principal} could do {@code action} on {@code resource}, each
     * with the event (and call) that opened it and the one that closed it. An interval already open at
     * {@code from} has {@code openedBefore} and, as {@code openedBy}, the latest event among those that put its
     * deciding statements in place; one still open at {@code to} has no {@code to} and no {@code closedBy}.
     */
    public ObjectNode timeline(Arn principal, String action, String resource, Instant from, Instant to,
                               Map<String, ContextValue> context) {
        requireOrdered(from, to);
        ObjectNode answer = JSON.objectNode().put("principal", principal.toString()).put("action", action)
                .put("resource", resource).put("from", from.toString()).put("to", to.toString());
        Intervals intervals = new Intervals(answer.putArray("intervals"));
        ObjectNode first = can(principal, action, resource, from, context);
        if (first.path("decision").asText().equals("allowed")) {
            long latest = -1;
            for (JsonNode statement : first.path("evidence").path("statements")) {
                for (JsonNode link : statement.path("putThereBy")) {
                    latest = Math.max(latest, link.path("event").path("sequence").asLong(-1));
                }
            }
            intervals.openBefore(from, latest);
        }
        // one read for the whole window, then every change evaluated in memory
        PermissionsReadModel permissions = readModel.permissions();
        Optional<PermissionHistory> history = switch (principal.resourceType()) {
            case "user" -> Optional.of(permissions.userHistory(principal.account(), principal.resourceName(), from,
                    to));
            case "role" -> Optional.of(permissions.roleHistory(principal.account(), principal.resourceName(), from,
                    to));
            default -> Optional.empty();
        };
        history.ifPresent(changes -> changes.forEachChange((change, facts) -> intervals.at(change,
                evaluator.evaluate(facts, principal, action, resource, change.time(), context)
                        .map(outcome -> outcome.evaluation().decision() == Decision.ALLOWED).orElse(false))));
        answer.put("changePointsEvaluated", intervals.evaluated);
        return answer;
    }

    /** A timeline's intervals as the decisions at its changes open and close them. Not thread-safe. */
    private final class Intervals {
        private final ArrayNode list;
        private ObjectNode open;
        private int evaluated;

        Intervals(ArrayNode list) {
            this.list = list;
        }

        /** Opens the first interval at the window's start, put in place by the event at {@code latest} if any. */
        void openBefore(Instant from, long latest) {
            open = list.addObject().put("from", from.toString()).put("openedBefore", true);
            if (latest >= 0) {
                open.set("openedBy", provenance.event(latest));
            }
        }

        void at(PermissionHistory.Change change, boolean allowed) {
            evaluated++;
            if (allowed && open == null) {
                open = list.addObject().put("from", change.time().toString());
                open.set("openedBy", provenance.event(change.sequence()));
            } else if (!allowed && open != null) {
                open.put("to", change.time().toString());
                open.set("closedBy", provenance.event(change.sequence()));
                open = null;
            }
        }
    }

    /**
     * What {@code principal} gained and lost between {@code from} and {@code to}: groups, policies (by name or ARN
     * and version, with where they come from), their statements, the boundary and tags; and every event in between
     * that touched any of them.
     */
    public ObjectNode diff(Arn principal, Instant from, Instant to) {
        requireOrdered(from, to);
        Map<String, JsonNode> before = grants(principal, from);
        Map<String, JsonNode> after = grants(principal, to);
        ObjectNode answer = JSON.objectNode().put("principal", principal.toString()).put("from", from.toString())
                .put("to", to.toString());
        ArrayNode gained = answer.putArray("gained");
        ArrayNode lost = answer.putArray("lost");
        after.forEach((key, grant) -> {
            if (!before.containsKey(key)) {
                gained.add(grant);
            }
        });
        before.forEach((key, grant) -> {
            if (!after.containsKey(key)) {
                lost.add(grant);
            }
        });
        ArrayNode events = answer.putArray("events");
        List<String> ids = changes.identityIds(principal.account(), principal.toString(), from, to);
        if (!ids.isEmpty()) {
            for (ChangePoints.Point point : changes.between(principal.account(), ids, from, to)) {
                events.add(provenance.event(point.sequence()));
            }
        }
        return answer;
    }

    /**
     * Every user and role of the account that could do {@code action} on {@code resource} at {@code at}, with the
     * policies of the statements that allowed it; then every other user or role of the account that could assume
     * such a role (directly or by role chaining), with the roles it {@code assumes} in order and the statements
     * that allow the last of them.
     */
    public ObjectNode whoCan(String accountId, String action, String resource, Instant at,
                             Map<String, ContextValue> context) {
        ObjectNode answer = JSON.objectNode().put("account", accountId).put("action", action)
                .put("resource", resource).put("at", at.toString());
        ArrayNode principals = answer.putArray("principals");
        HistoricalEvaluator.Everyone everyone = evaluator.evaluateEveryone(accountId, action, resource, at, context);
        Map<String, HistoricalEvaluator.Outcome> allowedRoles = new TreeMap<>();
        for (HistoricalEvaluator.Outcome outcome : everyone.outcomes()) {
            if (outcome.evaluation().decision() != Decision.ALLOWED) {
                continue;
            }
            ObjectNode principal = principals.addObject().put("arn", outcome.principalArn())
                    .put("type", outcome.principalArn().contains(":role/") ? "role" : "user")
                    .put("id", outcome.principalId());
            principal.set("through", through(outcome));
            if (outcome.principalArn().contains(":role/")) {
                allowedRoles.put(outcome.principalArn(), outcome);
            }
        }
        for (HistoricalEvaluator.Assumer assumer : everyone.assumers()) {
            ObjectNode principal = principals.addObject().put("arn", assumer.principalArn())
                    .put("type", assumer.principalArn().contains(":role/") ? "role" : "user")
                    .put("id", assumer.principalId());
            ArrayNode chain = principal.putArray("assumes");
            assumer.chain().forEach(chain::add);
            principal.set("through", through(allowedRoles.get(assumer.chain().get(assumer.chain().size() - 1))));
        }
        List<HistoricalEvaluator.Outcome> outcomes = everyone.outcomes();
        answer.put("trustChecks", everyone.trustChecks());
        answer.put("principalsEvaluated", outcomes.size());
        return answer;
    }

    /** The statements that allowed an outcome, each with its policy. */
    private static ArrayNode through(HistoricalEvaluator.Outcome outcome) {
        ArrayNode through = JSON.arrayNode();
        for (MatchedStatement statement : outcome.evaluation().decidingStatements()) {
            ObjectNode item = through.addObject().put("policy", statement.source().id())
                    .put("policyKind", statement.source().kind().name());
            statement.source().group().ifPresent(group -> item.put("group", group));
            statement.sid().ifPresent(sid -> item.put("sid", sid));
        }
        return through;
    }

    /** Everything that shapes a principal's permissions at an instant, keyed by a canonical text of each. */
    private Map<String, JsonNode> grants(Arn principal, Instant at) {
        IamReadModel then = readModel.asOf(at);
        Map<String, JsonNode> grants = new TreeMap<>();
        String account = principal.account();
        String name = principal.resourceName();
        boolean role = principal.resourceType().equals("role");
        try {
            if (role) {
                Role found = then.getRole(account, name);
                if (!found.arn().equals(principal.toString())) {
                    return grants;
                }
                found.permissionsBoundaryArn().ifPresent(arn -> add(grants, grant("boundary").put("policy", arn)));
                found.tags().forEach(tag -> add(grants, grant("tag").put("key", tag.key()).put("value", tag.value())));
                for (String policy : Page.all(page -> then.listRolePolicies(account, name, page))) {
                    inlineGrant(grants, policy, "", then.getRolePolicy(account, name, policy).policyDocument());
                }
                for (AttachedPolicy policy : Page.all(page -> then.listAttachedRolePolicies(account, name, "/", page))) {
                    managedGrant(grants, then, account, policy.policyArn(), "");
                }
                return grants;
            }
            User found = then.getUser(account, name);
            if (!found.arn().equals(principal.toString())) {
                return grants;
            }
            found.permissionsBoundaryArn().ifPresent(arn -> add(grants, grant("boundary").put("policy", arn)));
            found.tags().forEach(tag -> add(grants, grant("tag").put("key", tag.key()).put("value", tag.value())));
            for (String policy : Page.all(page -> then.listUserPolicies(account, name, page))) {
                inlineGrant(grants, policy, "", then.getUserPolicy(account, name, policy).policyDocument());
            }
            for (AttachedPolicy policy : Page.all(page -> then.listAttachedUserPolicies(account, name, "/", page))) {
                managedGrant(grants, then, account, policy.policyArn(), "");
            }
            for (Group group : Page.all(page -> then.listGroupsForUser(account, name, page))) {
                String groupName = group.groupName();
                add(grants, grant("group").put("group", groupName));
                for (String policy : Page.all(page -> then.listGroupPolicies(account, groupName, page))) {
                    inlineGrant(grants, policy, groupName,
                            then.getGroupPolicy(account, groupName, policy).policyDocument());
                }
                for (AttachedPolicy policy : Page.all(page -> then.listAttachedGroupPolicies(account, groupName, "/",
                        page))) {
                    managedGrant(grants, then, account, policy.policyArn(), groupName);
                }
            }
        } catch (IamException e) {
            if (e.code() != ErrorCode.NO_SUCH_ENTITY) {
                throw e;
            }
        }
        return grants;
    }

    private void inlineGrant(Map<String, JsonNode> grants, String policy, String group, String document) {
        ObjectNode grant = grant("inlinePolicy").put("policy", policy);
        if (!group.isEmpty()) {
            grant.put("group", group);
        }
        add(grants, grant);
        statements(grants, grant, document);
    }

    private void managedGrant(Map<String, JsonNode> grants, IamReadModel then, String account, String arn,
                              String group) {
        ObjectNode grant = grant("managedPolicy").put("policy", arn);
        if (!group.isEmpty()) {
            grant.put("group", group);
        }
        Optional<AwsManagedPolicy> aws = AwsManagedPolicies.byArn(arn);
        String version;
        String document;
        if (aws.isPresent()) {
            version = aws.get().defaultVersionId();
            document = aws.get().document();
        } else {
            version = then.getPolicy(account, arn).defaultVersionId();
            document = then.getPolicyVersion(account, arn, version).document();
        }
        grant.put("version", version);
        add(grants, grant);
        statements(grants, grant, document);
    }

    /** One grant per statement of {@code document}, named after the policy that holds it. */
    private void statements(Map<String, JsonNode> grants, ObjectNode policy, String document) {
        JsonNode statements;
        try {
            statements = json.readTree(document).path("Statement");
        } catch (JsonProcessingException e) {
            return; // stored documents were validated when written; one that is not JSON has no statements to show
        }
        List<JsonNode> list = new ArrayList<>();
        if (statements.isArray()) {
            statements.forEach(list::add);
        } else if (statements.isObject()) {
            list.add(statements);
        }
        for (int i = 0; i < list.size(); i++) {
            ObjectNode statement = grant("statement").put("policy", policy.path("policy").asText());
            if (policy.has("group")) {
                statement.put("group", policy.path("group").asText());
            }
            statement.put("index", i).set("statement", list.get(i));
            add(grants, statement);
        }
    }

    private static ObjectNode grant(String kind) {
        return JSON.objectNode().put("kind", kind);
    }

    private static void add(Map<String, JsonNode> grants, JsonNode grant) {
        grants.put(grant.toString(), grant);
    }

    private static void requireOrdered(Instant from, Instant to) {
        if (from.isAfter(to)) {
            throw new IamException(ErrorCode.INVALID_PARAMETER_VALUE, "from " + from + " is after to " + to + ".");
        }
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
