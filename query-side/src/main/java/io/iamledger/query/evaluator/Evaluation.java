package io.iamledger.query.evaluator;

import io.iamledger.events.document.Effect;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A decision that explains itself. {@link #decision()} and {@link #denial()} are known at once; the rest (matched
 * statements, per-policy-type details, missing context values) is worked out on first use by a second, recording
 * pass over the same compiled policies, so deciding stays cheap for callers that only need the answer.
 *
 * <p>Thread-safe: threads racing for the explanation may each compute it, and every result is the same.
 */
public final class Evaluation {
    private final AuthorizationRequest request;
    private final int outcome;
    private volatile Explanation explanation;

    Evaluation(AuthorizationRequest request, int outcome) {
        this.request = request;
        this.outcome = outcome;
    }

    public AuthorizationRequest request() {
        return request;
    }

    public Decision decision() {
        return Engine.decision(outcome);
    }

    /**
     * Why the request was denied, if it was: the policy type that explicitly denied it, or the first that had to
     * allow it and did not.
     */
    public Optional<Denial> denial() {
        PolicyType type = Engine.reason(outcome);
        return type == null ? Optional.empty() : Optional.of(new Denial(type, decision() == Decision.EXPLICIT_DENY));
    }

    /**
     * The end of AWS's AccessDenied message for a denied request, e.g.
     * {@code because no identity-based policy allows the iam:CreateUser action} or
     * {@code with an explicit deny in a resource-based policy}; empty when allowed.
     */
    public Optional<String> accessDeniedReason() {
        return denial().map(denial -> denial.reason(request.action()));
    }

    /** Every statement that applied, allows and denies, grouped by policy type in evaluation order. */
    public List<MatchedStatement> matchedStatements() {
        return explanation().matched;
    }

    /**
     * The statements that decided: for an explicit deny the applicable Deny statements, when allowed the
     * applicable Allow statements, for an implicit deny none.
     */
    public List<MatchedStatement> decidingStatements() {
        Decision decision = decision();
        if (decision == Decision.IMPLICIT_DENY) {
            return List.of();
        }
        Effect wanted = decision == Decision.ALLOWED ? Effect.ALLOW : Effect.DENY;
        List<MatchedStatement> deciding = new ArrayList<>();
        for (MatchedStatement statement : matchedStatements()) {
            if (statement.effect() == wanted) {
                deciding.add(statement);
            }
        }
        return Collections.unmodifiableList(deciding);
    }

    /**
     * The decision of each policy type taken alone, for the types the request has (as the simulator's
     * {@code EvalDecisionDetails}): explicitly denied, allowed by some statement (for the resource-based policy:
     * some statement naming the caller at any level), or implicitly denied. For a role session or federated user
     * without session policies the entry for {@link PolicyType#SESSION} is absent.
     */
    public Map<PolicyType, Decision> decisionDetails() {
        return explanation().details;
    }

    /**
     * When the principal has a permissions boundary, whether it allows the request (an Allow applies and no Deny
     * does), as the simulator's {@code PermissionsBoundaryDecisionDetail.AllowedByPermissionsBoundary}; empty
     * without a boundary.
     */
    public Optional<Boolean> allowedByPermissionsBoundary() {
        Decision boundary = decisionDetails().get(PolicyType.PERMISSIONS_BOUNDARY);
        return boundary == null ? Optional.empty() : Optional.of(boundary == Decision.ALLOWED);
    }

    /**
     * Context keys that applicable statements (whose action, and for resource-based statements principal, cover
     * the request) read in conditions or policy variables but the request does not have, as first written, each
     * once: the simulator's {@code MissingContextValues}.
     */
    public List<String> missingContextValues() {
        return explanation().missing;
    }

    private Explanation explanation() {
        Explanation known = explanation;
        if (known == null) {
            Engine.Recorder recorder = new Engine.Recorder();
            Engine.evaluate(request, recorder);
            known = new Explanation(recorder);
            explanation = known;
        }
        return known;
    }

    @Override
    public String toString() {
        return decision().wireName() + accessDeniedReason().map(reason -> " " + reason).orElse("") + " for " + request;
    }

    /**
     * Which policy type denied a request.
     *
     * @param policyType the type that explicitly denied, or that had to allow and did not
     * @param explicit whether a Deny statement applied
     */
    public record Denial(PolicyType policyType, boolean explicit) {
        public Denial {
            Objects.requireNonNull(policyType, "policyType");
        }

        /** AWS's wording, e.g. {@code because no permissions boundary allows the s3:GetObject action}. */
        public String reason(String action) {
            return explicit ? "with an explicit deny in " + policyType.withArticle()
                    : "because no " + policyType.text() + " allows the " + action + " action";
        }
    }

    private static final class Explanation {
        final List<MatchedStatement> matched;
        final Map<PolicyType, Decision> details;
        final List<String> missing;

        Explanation(Engine.Recorder recorder) {
            this.matched = List.copyOf(recorder.matched);
            this.missing = recorder.missing();
            EnumMap<PolicyType, Decision> details = new EnumMap<>(PolicyType.class);
            put(details, PolicyType.IDENTITY_BASED, recorder.hasIdentity, recorder.identityAllows);
            put(details, PolicyType.PERMISSIONS_BOUNDARY, recorder.hasBoundary, recorder.boundaryAllows);
            put(details, PolicyType.SESSION, recorder.hasSession, recorder.sessionAllows);
            put(details, PolicyType.RESOURCE_BASED, recorder.hasResource, recorder.resourceLevel > 0);
            this.details = Collections.unmodifiableMap(details);
        }

        private void put(Map<PolicyType, Decision> details, PolicyType type, boolean present, boolean allows) {
            if (!present) {
                return;
            }
            boolean denies = false;
            for (MatchedStatement statement : matched) {
                denies |= statement.policyType() == type && statement.effect() == Effect.DENY;
            }
            details.put(type, denies ? Decision.EXPLICIT_DENY : allows ? Decision.ALLOWED : Decision.IMPLICIT_DENY);
        }
    }
}
