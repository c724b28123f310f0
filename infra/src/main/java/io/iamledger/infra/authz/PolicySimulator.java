package io.iamledger.infra.authz;

import io.iamledger.events.arn.Arn;
import io.iamledger.events.document.PolicyDocuments;
import io.iamledger.events.document.PolicyKind;
import io.iamledger.events.error.ErrorCode;
import io.iamledger.events.error.IamException;
import io.iamledger.query.evaluator.AuthorizationRequest;
import io.iamledger.query.evaluator.CompiledPolicy;
import io.iamledger.query.evaluator.CompiledPrincipalPolicies;
import io.iamledger.query.evaluator.ContextValue;
import io.iamledger.query.evaluator.Decision;
import io.iamledger.query.evaluator.Evaluation;
import io.iamledger.query.evaluator.MatchedStatement;
import io.iamledger.query.evaluator.PolicyEvaluator;
import io.iamledger.query.evaluator.PolicySource;
import io.iamledger.query.evaluator.PolicyType;
import io.iamledger.query.evaluator.Principal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * IAM's policy simulator: {@code SimulatePrincipalPolicy} (the policies of a user, with its groups', of a group or
 * of a role, plus any given) and {@code SimulateCustomPolicy} (the given policies alone), each optionally with a
 * permissions boundary and a resource-based policy, evaluated by the same evaluator that authorizes calls; and its
 * helpers {@code GetContextKeysForPrincipalPolicy} and {@code GetContextKeysForCustomPolicy}, which list the context
 * keys those policies read.
 *
 * <p>As AWS's simulator does, it fills in no context keys of its own: conditions and policy variables see only the
 * {@code ContextEntries}, and the keys they lack are reported as missing. There is one result per action; with
 * resources, each resource has its own result under it and the action's decision is the most restrictive of
 * theirs. Thread-safe.
 */
public final class PolicySimulator {
    private static final String POLICY_INPUT = "PolicyInputList";
    private static final String BOUNDARY_INPUT = "PermissionsBoundaryPolicyInputList";
    private static final String RESOURCE_POLICY = "ResourcePolicy";

    private final AuthorizationIndex index;

    private PolicySimulator(AuthorizationIndex index) {
        this.index = index;
    }

    /** A simulator reading principals' policies through {@code index}. */
    public static PolicySimulator create(AuthorizationIndex index) {
        return new PolicySimulator(Objects.requireNonNull(index, "index"));
    }

    /**
     * Validates the request and loads the policies; evaluation happens per action, in {@link Simulation#result}.
     *
     * @throws IamException {@code NoSuchEntity} for a policy source that does not exist in the account;
     *     {@code InvalidInput} for a policy input that is not a valid policy ({@code PolicyInputList.1 is not a valid
     *     policy. ...}), a malformed ARN, action name or context value, more than one boundary, or a resource
     *     policy without a caller; {@code ValidationError} for an unknown {@code ContextKeyType} or no actions
     */
    public Simulation prepare(SimulationRequest request) {
        String accountId = request.accountId();
        index.awaitOwnChanges(accountId);
        if (request.actionNames().isEmpty()) {
            throw IamException.validation("1 validation error detected: Value null at 'actionNames' failed to "
                    + "satisfy constraint: Member must not be null");
        }
        if (request.permissionsBoundaryInputs().size() > 1) {
            throw IamException.invalidInput("Only one permissions boundary can be simulated; "
                    + BOUNDARY_INPUT + " has " + request.permissionsBoundaryInputs().size() + ".");
        }
        CompiledPrincipalPolicies.Builder policies = CompiledPrincipalPolicies.builder();
        Optional<CompiledPolicy> boundary = request.permissionsBoundaryInputs().isEmpty() ? Optional.empty()
                : Optional.of(input(BOUNDARY_INPUT + ".1", request.permissionsBoundaryInputs().get(0)));
        String sourceUser = null;
        if (request.policySourceArn().isPresent()) {
            String sourceArn = request.policySourceArn().get();
            LoadedIdentity source = source(accountId, sourceArn);
            policies.identityPolicies(source.policies().identityPolicies());
            if (boundary.isEmpty()) {
                boundary = source.policies().permissionsBoundary();
            }
            if (sourceArn.contains(":user/")) {
                sourceUser = source.arn();
            }
        }
        for (int i = 0; i < request.policyInputs().size(); i++) {
            policies.identityPolicy(input(POLICY_INPUT + "." + (i + 1), request.policyInputs().get(i)));
        }
        boundary.ifPresent(policies::permissionsBoundary);
        Optional<CompiledPolicy> resourcePolicy = request.resourcePolicy().map(PolicySimulator::resourcePolicy);

        Optional<String> callerArn = request.callerArn().map(PolicySimulator::checkCaller);
        if (callerArn.isEmpty()) {
            callerArn = Optional.ofNullable(sourceUser);
        }
        if (resourcePolicy.isPresent() && callerArn.isEmpty()) {
            throw IamException.invalidInput("CallerArn is required when ResourcePolicy is given and PolicySourceArn "
                    + "is not a user.");
        }
        // Without a caller nothing reads the principal: context keys come only from ContextEntries.
        Principal principal = Principal.fromArn(callerArn.orElseGet(() -> Arn.user(accountId, "/", "simulated").toString()));
        for (String action : request.actionNames()) {
            checkAction(principal, action);
        }
        String owner = request.resourceOwner().map(PolicySimulator::ownerAccount)
                .orElse(principal.account().orElse(accountId));
        List<String> resources = request.resourceArns();
        boolean perResource = !resources.isEmpty() && !resources.equals(List.of("*"));
        for (String resource : resources) {
            if (resource.isEmpty()) {
                throw IamException.invalidInput("Resource ARNs must not be empty.");
            }
        }
        return new Simulation(principal, policies.build(), resourcePolicy, context(request.contextEntries()),
                request.actionNames(), perResource ? resources : List.of("*"), perResource, owner);
    }

    /**
     * The context keys referenced in the policies, as {@code GetContextKeysForPrincipalPolicy} (with a policy
     * source: its identity-based policies, a user's with those of its groups; its permissions boundary is set, not
     * attached, and is left out) and {@code GetContextKeysForCustomPolicy} (without) report them: condition keys and
     * policy variables, the source's policies first and then each input, in order of first appearance, spelled as
     * first written, each once whatever its case (context keys are case-insensitive).
     *
     * @throws IamException {@code NoSuchEntity} for a policy source that does not exist in the account;
     *     {@code InvalidInput} for a source that is not the ARN of a user, group or role, or a policy input that is
     *     not a valid policy ({@code PolicyInputList.1 is not a valid policy. ...})
     */
    public List<String> contextKeys(String accountId, Optional<String> policySourceArn, List<String> policyInputs) {
        index.awaitOwnChanges(accountId);
        List<CompiledPolicy> policies = new ArrayList<>();
        if (policySourceArn.isPresent()) {
            policies.addAll(source(accountId, policySourceArn.get()).policies().identityPolicies());
        }
        for (int i = 0; i < policyInputs.size(); i++) {
            policies.add(input(POLICY_INPUT + "." + (i + 1), policyInputs.get(i)));
        }
        Map<String, String> keys = new LinkedHashMap<>();
        for (CompiledPolicy policy : policies) {
            for (String key : policy.contextKeys()) {
                keys.putIfAbsent(key.toLowerCase(Locale.ROOT), key);
            }
        }
        return List.copyOf(keys.values());
    }

    /**
     * A validated simulation: one result per action, worked out when asked for, so a page evaluates only its own.
     * Immutable and thread-safe.
     */
    public static final class Simulation {
        private final Principal principal;
        private final CompiledPrincipalPolicies policies;
        private final Optional<CompiledPolicy> resourcePolicy;
        private final Map<String, ContextValue> context;
        private final List<String> actions;
        private final List<String> resources;
        private final boolean perResource;
        private final String owner;

        private Simulation(Principal principal, CompiledPrincipalPolicies policies,
                           Optional<CompiledPolicy> resourcePolicy, Map<String, ContextValue> context,
                           List<String> actions, List<String> resources, boolean perResource, String owner) {
            this.principal = principal;
            this.policies = policies;
            this.resourcePolicy = resourcePolicy;
            this.context = context;
            this.actions = List.copyOf(actions);
            this.resources = List.copyOf(resources);
            this.perResource = perResource;
            this.owner = owner;
        }

        /** How many results: one per action. */
        public int size() {
            return actions.size();
        }

        /**
         * The result for the {@code index}th action (0-based), in request order.
         *
         * @throws IndexOutOfBoundsException when there is no such action
         */
        public SimulationResult result(int index) {
            String action = actions.get(index);
            List<SimulationResult.ResourceResult> perResourceResults = new ArrayList<>(resources.size());
            for (String resource : resources) {
                perResourceResults.add(evaluate(action, resource));
            }
            if (!perResource) {
                SimulationResult.ResourceResult only = perResourceResults.get(0);
                return new SimulationResult(action, only.resourceName(), only.decision(), only.matchedStatements(),
                        only.missingContextValues(), only.allowedByPermissionsBoundary(), only.decisionDetails(),
                        List.of());
            }
            return aggregate(action, perResourceResults);
        }

        private SimulationResult.ResourceResult evaluate(String action, String resource) {
            AuthorizationRequest.Builder builder = AuthorizationRequest.builder(principal, action)
                    .principalContextKeys(false)
                    .principalPolicies(policies)
                    .context(context);
            if (hasAccount(resource)) {
                builder.resource(resource);
            } else {
                builder.resource(resource, owner);
            }
            resourcePolicy.ifPresent(builder::resourcePolicy);
            AuthorizationRequest request = builder.build();
            Evaluation evaluation = PolicyEvaluator.evaluate(request);
            List<SimulationResult.Statement> matched = new ArrayList<>();
            for (MatchedStatement statement : evaluation.decidingStatements()) {
                matched.add(new SimulationResult.Statement(sourcePolicyId(statement.source()),
                        sourcePolicyType(statement.source()), statement.start(), statement.end()));
            }
            Optional<Map<String, Decision>> details;
            if (resourcePolicy.isPresent() || !request.sameAccount()) {
                details = Optional.of(details(evaluation.decisionDetails()));
            } else {
                // AWS: present but empty for a resource in the same account, absent over "*"
                details = perResource ? Optional.of(Map.of()) : Optional.empty();
            }
            return new SimulationResult.ResourceResult(resource, evaluation.decision(), matched,
                    evaluation.missingContextValues(), details, evaluation.allowedByPermissionsBoundary());
        }

        private static SimulationResult aggregate(String action, List<SimulationResult.ResourceResult> results) {
            Decision decision = Decision.ALLOWED;
            for (SimulationResult.ResourceResult result : results) {
                decision = stricter(decision, result.decision());
            }
            Set<SimulationResult.Statement> matched = new LinkedHashSet<>();
            Optional<Boolean> boundary = Optional.empty();
            Map<String, Decision> details = new LinkedHashMap<>();
            for (SimulationResult.ResourceResult result : results) {
                if (result.decision() == decision) {
                    matched.addAll(result.matchedStatements());
                }
                if (result.allowedByPermissionsBoundary().isPresent()) {
                    boolean allowed = result.allowedByPermissionsBoundary().get();
                    boundary = Optional.of(boundary.orElse(true) && allowed);
                }
                result.decisionDetails().ifPresent(each -> each.forEach((type, value) ->
                        details.merge(type, value, Simulation::stricter)));
            }
            String resourceName = results.size() == 1 ? results.get(0).resourceName() : "*";
            return new SimulationResult(action, resourceName, decision, List.copyOf(matched), List.of(), boundary,
                    Optional.of(details), results);
        }

        private static Decision stricter(Decision a, Decision b) {
            return rank(a) >= rank(b) ? a : b;
        }

        private static int rank(Decision decision) {
            return switch (decision) {
                case ALLOWED -> 0;
                case IMPLICIT_DENY -> 1;
                case EXPLICIT_DENY -> 2;
            };
        }

        private static Map<String, Decision> details(Map<PolicyType, Decision> byType) {
            Map<String, Decision> details = new LinkedHashMap<>();
            Decision identity = byType.get(PolicyType.IDENTITY_BASED);
            if (identity != null) {
                details.put("IAM Policy", identity);
            }
            Decision resource = byType.get(PolicyType.RESOURCE_BASED);
            if (resource != null) {
                details.put("Resource Policy", resource);
            }
            return details;
        }
    }

    private LoadedIdentity source(String accountId, String arn) {
        Arn parsed = Arn.tryParse(arn)
                .filter(candidate -> candidate.service().equals("iam") && candidate.region().isEmpty()
                        && candidate.path().isPresent())
                .orElseThrow(() -> IamException.invalidInput("Invalid ARN: " + arn
                        + " is not the ARN of a user, group or role."));
        String type = parsed.resourceType();
        String name = parsed.resourceName();
        boolean own = parsed.account().equals(accountId);
        PolicyLoader loader = index.loader();
        Optional<LoadedIdentity> loaded = switch (type) {
            case "user" -> own ? loader.user(accountId, name) : Optional.empty();
            case "group" -> own ? loader.group(accountId, name) : Optional.empty();
            case "role" -> own ? loader.role(accountId, name) : Optional.empty();
            default -> throw IamException.invalidInput("Invalid ARN: " + arn
                    + " is not the ARN of a user, group or role.");
        };
        // the ARN carries the path: a user of that name at another path is not the one asked for
        return loaded.filter(identity -> identity.arn().equalsIgnoreCase(arn)).orElseThrow(() ->
                IamException.noSuchEntity("The " + type + " with name " + name + " cannot be found."));
    }

    private static CompiledPolicy input(String id, String document) {
        try {
            // labelled as session policies only so that the result can tell inputs from stored policies, whose
            // sources are never of that kind; where a policy sits in the request decides how it is evaluated
            return CompiledPolicy.compile(PolicySource.of(id, PolicySource.Kind.SESSION_INLINE),
                    PolicyDocuments.read(document, PolicyKind.IDENTITY));
        } catch (IamException e) {
            throw notAPolicy(id, e);
        }
    }

    private static CompiledPolicy resourcePolicy(String document) {
        try {
            return CompiledPolicy.compile(PolicySource.of(RESOURCE_POLICY, PolicySource.Kind.RESOURCE),
                    PolicyDocuments.read(document, PolicyKind.RESOURCE));
        } catch (IamException e) {
            throw notAPolicy(RESOURCE_POLICY, e);
        }
    }

    private static IamException notAPolicy(String id, IamException cause) {
        if (cause.code() != ErrorCode.MALFORMED_POLICY_DOCUMENT) {
            return cause;
        }
        // the simulator's operations have no MalformedPolicyDocument error: AWS answers InvalidInput
        return IamException.invalidInput(id + " is not a valid policy. " + cause.getMessage());
    }

    private static String checkCaller(String callerArn) {
        Principal caller;
        try {
            caller = Principal.fromArn(callerArn);
        } catch (IllegalArgumentException e) {
            caller = null;
        }
        if (caller == null || caller.kind() != Principal.Kind.IAM_USER) {
            throw IamException.invalidInput("Invalid CallerArn: " + callerArn + " is not the ARN of an IAM user.");
        }
        return callerArn;
    }

    private static void checkAction(Principal principal, String action) {
        try {
            AuthorizationRequest.builder(principal, action);
        } catch (IllegalArgumentException e) {
            throw IamException.invalidInput("Action name " + action + " is not valid: it must be service:Action "
                    + "without wildcards.");
        }
    }

    private static String ownerAccount(String owner) {
        String account = Arn.tryParse(owner)
                .filter(arn -> arn.equals(Arn.root(arn.account())))
                .map(Arn::account)
                .orElse(owner);
        if (!isAccount(account)) {
            throw IamException.invalidInput("Invalid ResourceOwner: " + owner + " is not an account id or "
                    + "arn:aws:iam::ACCOUNT:root.");
        }
        return account;
    }

    private static boolean hasAccount(String resource) {
        return Arn.accountOf(resource).filter(PolicySimulator::isAccount).isPresent();
    }

    private static boolean isAccount(String text) {
        return text.length() == 12 && text.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    private static Map<String, ContextValue> context(List<SimulationRequest.ContextEntry> entries) {
        Map<String, ContextValue> context = new HashMap<>();
        for (SimulationRequest.ContextEntry entry : entries) {
            if (entry.keyName().isEmpty()) {
                throw IamException.invalidInput("ContextKeyName must not be empty.");
            }
            String type = entry.type().orElse(entry.values().size() == 1 ? "string" : "stringList");
            boolean list = type.endsWith("List");
            ContextValue.Type valueType = switch (list ? type.substring(0, type.length() - 4) : type) {
                case "string" -> ContextValue.Type.STRING;
                case "numeric" -> ContextValue.Type.NUMBER;
                case "boolean" -> ContextValue.Type.BOOLEAN;
                case "ip" -> ContextValue.Type.IP;
                case "binary" -> ContextValue.Type.BINARY;
                case "date" -> ContextValue.Type.DATE;
                default -> throw IamException.validation("1 validation error detected: Value '" + type
                        + "' at 'contextEntries.member.contextKeyType' failed to satisfy constraint: Member must "
                        + "satisfy enum value set: [string, stringList, numeric, numericList, boolean, booleanList, "
                        + "ip, ipList, binary, binaryList, date, dateList]");
            };
            try {
                context.put(entry.keyName(), ContextValue.parse(valueType, list, entry.values()));
            } catch (IllegalArgumentException e) {
                throw IamException.invalidInput("Invalid value for context key " + entry.keyName() + ": "
                        + e.getMessage());
            }
        }
        return context;
    }

    /** The policy's name as the simulator shows it: a managed policy by its name, not its ARN. */
    static String sourcePolicyId(PolicySource source) {
        return switch (source.kind()) {
            case AWS_MANAGED, CUSTOMER_MANAGED -> source.id().substring(source.id().lastIndexOf('/') + 1);
            default -> source.id();
        };
    }

    /** {@code SourcePolicyType}: the documented values of AWS's {@code PolicySourceType}. */
    static String sourcePolicyType(PolicySource source) {
        return switch (source.kind()) {
            case USER_INLINE -> "user";
            case GROUP_INLINE -> "group";
            case ROLE_INLINE -> "role";
            case AWS_MANAGED -> "aws-managed";
            case CUSTOMER_MANAGED -> "user-managed";
            case RESOURCE, TRUST -> "resource";
            case SESSION_INLINE -> "none";
        };
    }
}
