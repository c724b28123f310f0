package io.iamledger.infra.authz;

import io.iamledger.events.arn.Arn;
import io.iamledger.events.identity.Tag;
import io.iamledger.events.document.Effect;
import io.iamledger.events.document.PolicyDocument;
import io.iamledger.events.document.PolicyDocuments;
import io.iamledger.events.document.PolicyKind;
import io.iamledger.events.document.PrincipalBlock;
import io.iamledger.events.document.PrincipalType;
import io.iamledger.events.document.Statement;
import io.iamledger.query.evaluator.CompiledPolicy;
import io.iamledger.query.evaluator.Decision;
import io.iamledger.query.evaluator.PolicySource;
import io.iamledger.query.evaluator.AuthorizationRequest;
import io.iamledger.query.evaluator.ContextValue;
import io.iamledger.query.evaluator.Evaluation;
import io.iamledger.query.evaluator.PolicyEvaluator;
import io.iamledger.query.evaluator.Principal;
import io.iamledger.query.readmodel.IamReadModel;
import io.iamledger.query.readmodel.PermissionFacts;
import io.iamledger.query.readmodel.PermissionsReadModel;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Evaluates a request of an IAM user or role as the account stood at an instant: the identity, its groups, inline
 * policies, attachments, the default version of each managed policy, its boundary and tags, all read from the
 * temporal read model as of that instant. A role is evaluated as a session of it with no session policy (what the
 * role grants whoever holds it). Thread-safe.
 */
public final class HistoricalEvaluator {
    /** The session name a role is evaluated under; it shows only in {@code aws:userid}. */
    static final String SESSION_NAME = "iamledger-history";

    private final IamReadModel readModel;
    private final SharedPolicies shared = new SharedPolicies();
    private final IdentityCompiler compiler = new IdentityCompiler(shared);

    public HistoricalEvaluator(IamReadModel readModel) {
        this.readModel = readModel;
    }

    /** The principal as it stood, and the evaluation of the request against its policies of that instant. */
    public record Outcome(String principalArn, String principalId, Evaluation evaluation) {}

    /**
     * @param principal an IAM user or role ARN; a user's or role's path in it must be the one it had at {@code at}
     * @param context   request context keys (as a caller would send them); {@code aws:CurrentTime} and
     *                  {@code aws:EpochTime} default to {@code at}
     * @return empty when no such user or role existed at {@code at}
     */
    public Optional<Outcome> evaluate(Arn principal, String action, String resource, Instant at,
                                      Map<String, ContextValue> context) {
        PermissionsReadModel then = readModel.asOf(at).permissions();
        return switch (principal.resourceType()) {
            case "user" -> evaluate(then.user(principal.account(), principal.resourceName()), principal, action,
                    resource, at, context);
            case "role" -> evaluate(then.role(principal.account(), principal.resourceName()), principal, action,
                    resource, at, context);
            default -> Optional.empty();
        };
    }

    /**
     * As {@link #evaluate(Arn, String, String, Instant, Map)}, against facts already read for that principal as
     * they stood at {@code at} (one instant of a {@link io.iamledger.query.readmodel.PermissionHistory}, say).
     */
    public Optional<Outcome> evaluate(PermissionFacts facts, Arn principal, String action, String resource,
                                      Instant at, Map<String, ContextValue> context) {
        return facts.only().filter(holder -> holder.arn().equals(principal.toString()))
                .map(holder -> evaluate(principal.resourceType(), principal, compiler.compile(facts, holder), action,
                        resource, at, context));
    }

    /**
     * Every user and role of the account, each with the evaluation of a request against its policies at an instant
     * (users first, each kind by name), and the principals that reach an allowed role through trust policies.
     */
    public record Everyone(List<Outcome> outcomes, List<Assumer> assumers, int trustChecks) {}

    /**
     * A user or role of the account that is not allowed the request itself but may assume, in turn, the roles of
     * {@code chain}, the last of which is allowed it.
     */
    public record Assumer(String principalArn, String principalId, List<String> chain) {}

    /** How many roles a chain may hold: AWS does not bound role chaining, so this bounds the search. */
    static final int MAX_CHAIN = 4;

    /**
     * Every user and role of the account as it stood at {@code at} (users first, each kind by name), each with the
     * evaluation of the request against its policies of that instant, read in one snapshot with each shared policy
     * compiled once; and every other user or role of the account that could reach an allowed role by
     * {@code sts:AssumeRole}, directly or by role chaining (at most {@link #MAX_CHAIN} roles), as AssumeRole decides
     * it: the role's trust policy must allow it and, unless that names it, so must its own policies.
     */
    public Everyone evaluateEveryone(String accountId, String action, String resource, Instant at,
                                     Map<String, ContextValue> context) {
        PermissionFacts facts = readModel.asOf(at).permissions().account(accountId);
        List<Outcome> outcomes = new ArrayList<>(facts.principals().size());
        List<Subject> subjects = new ArrayList<>(facts.principals().size());
        for (PermissionFacts.Holder holder : facts.principals()) {
            String type = holder.kind() == PermissionFacts.Kind.USER ? "user" : "role";
            Arn arn = Arn.parse(holder.arn());
            LoadedIdentity identity = compiler.compile(facts, holder);
            Outcome outcome = evaluate(type, arn, identity, action, resource, at, context);
            outcomes.add(outcome);
            subjects.add(new Subject(holder, subject(type, arn, identity), identity,
                    outcome.evaluation().decision() == Decision.ALLOWED,
                    identity.policies().mayAllow("sts:AssumeRole")));
        }
        List<Assumer> assumers = new ArrayList<>();
        int trustChecks = assumers(subjects, accountId, at, context, assumers);
        return new Everyone(outcomes, assumers, trustChecks);
    }

    private record Subject(PermissionFacts.Holder holder, Principal principal, LoadedIdentity identity,
                           boolean allowed, boolean mayAssume) {}

    /**
     * Whether every Allow statement of a trust policy names its AWS principals as accounts (an account id or its
     * root ARN) and nothing else that could be an IAM user or role: no {@code *}, no NotPrincipal, no user or role
     * ARN. Such a policy lets a user or role of the account assume the role only if its own policies allow
     * {@code sts:AssumeRole}, which {@link io.iamledger.query.evaluator.CompiledPrincipalPolicies#mayAllow} rules
     * out for most principals without an evaluation.
     */
    static boolean trustsAccountsOnly(String trustDocument) {
        PolicyDocument document = PolicyDocuments.read(trustDocument, PolicyKind.TRUST);
        for (Statement statement : document.statements()) {
            if (statement.effect() != Effect.ALLOW) {
                continue;
            }
            Optional<PrincipalBlock> principal = statement.principal();
            if (principal.isEmpty() || principal.get().negated() || principal.get().anyone()) {
                return false;
            }
            for (String value : principal.get().principals(PrincipalType.AWS)) {
                if (!ACCOUNT.matcher(value).matches()) {
                    return false;
                }
            }
        }
        return true;
    }

    private static final Pattern ACCOUNT = Pattern.compile("\\d{12}|arn:aws:iam::\\d{12}:root");

    /** Searches back from the allowed roles, one more assumption at a time; returns how many trust checks it made. */
    private static int assumers(List<Subject> subjects, String accountId, Instant at,
                                Map<String, ContextValue> context, List<Assumer> found) {
        Map<String, List<String>> chains = new LinkedHashMap<>(); // principal ARN -> roles it assumes, in order
        List<Subject> frontier = new ArrayList<>();
        for (Subject subject : subjects) {
            if (subject.allowed() && subject.holder().kind() == PermissionFacts.Kind.ROLE) {
                frontier.add(subject);
            }
        }
        Map<String, ContextValue> keys = requestContext(at, context);
        int checks = 0;
        for (int depth = 1; depth <= MAX_CHAIN && !frontier.isEmpty(); depth++) {
            List<Subject> next = new ArrayList<>();
            for (Subject role : frontier) {
                String roleArn = role.holder().arn();
                List<String> tail = chains.getOrDefault(roleArn, List.of());
                String trustDocument = role.holder().trustPolicy().orElseThrow();
                CompiledPolicy trust = SharedPolicies.compile(PolicySource.of(roleArn, PolicySource.Kind.TRUST),
                        trustDocument, PolicyKind.TRUST);
                boolean trustsAccountsOnly = trustsAccountsOnly(trustDocument);
                for (Subject candidate : subjects) {
                    String candidateArn = candidate.holder().arn();
                    if (candidate.allowed() || candidate == role || chains.containsKey(candidateArn)) {
                        continue;
                    }
                    if (trustsAccountsOnly && !candidate.mayAssume()) {
                        continue; // a trust policy naming accounts needs the candidate's own policies to allow it
                    }
                    checks++;
                    AuthorizationRequest assume = AuthorizationRequest.builder(candidate.principal(), "sts:AssumeRole")
                            .resource(roleArn, accountId)
                            .requiredResourcePolicy(trust)
                            .principalPolicies(candidate.identity().policies())
                            .context(keys)
                            .build();
                    if (PolicyEvaluator.decide(assume).isAllowed()) {
                        List<String> chain = new ArrayList<>();
                        chain.add(roleArn);
                        chain.addAll(tail);
                        chains.put(candidateArn, chain);
                        found.add(new Assumer(candidateArn, candidate.holder().id(), chain));
                        if (candidate.holder().kind() == PermissionFacts.Kind.ROLE) {
                            next.add(candidate);
                        }
                    }
                }
            }
            frontier = next;
        }
        return checks;
    }

    private static Outcome evaluate(String type, Arn principal, LoadedIdentity identity, String action,
                                    String resource, Instant at, Map<String, ContextValue> context) {
        Principal subject = subject(type, principal, identity);
        Map<String, ContextValue> keys = requestContext(at, context);
        AuthorizationRequest request = AuthorizationRequest.builder(subject, action)
                .resource(resource)
                .principalPolicies(identity.policies())
                .context(keys)
                .build();
        return new Outcome(identity.arn(), identity.id(), PolicyEvaluator.evaluate(request));
    }

    /** The caller's context keys over the request time's: {@code aws:CurrentTime} and {@code aws:EpochTime}. */
    private static Map<String, ContextValue> requestContext(Instant at, Map<String, ContextValue> context) {
        Map<String, ContextValue> keys = new HashMap<>();
        keys.put("aws:CurrentTime", ContextValue.date(at));
        keys.put("aws:EpochTime", ContextValue.number(at.getEpochSecond()));
        keys.putAll(context);
        return keys;
    }

    private static Principal subject(String type, Arn principal, LoadedIdentity identity) {
        Principal subject = type.equals("user") ? Principal.iamUser(identity.arn(), identity.id())
                : Principal.roleSession(Arn.assumedRole(principal.account(), principal.resourceName(), SESSION_NAME)
                        .toString(), identity.arn(), identity.id());
        if (identity.tags().isEmpty()) {
            return subject;
        }
        Map<String, String> tags = new LinkedHashMap<>();
        for (Tag tag : identity.tags()) {
            tags.put(tag.key(), tag.value());
        }
        return subject.withTags(tags);
    }
}
