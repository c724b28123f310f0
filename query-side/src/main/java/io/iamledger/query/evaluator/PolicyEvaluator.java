package io.iamledger.query.evaluator;

import java.util.Objects;

/**
 * Decides requests with AWS's policy evaluation logic. Stateless and thread-safe; evaluating never throws.
 *
 * <p>The logic, from the IAM User Guide's "Policy evaluation logic" and "Cross-account policy evaluation logic":
 * <ol>
 *   <li>An applicable {@code Deny} in any policy (resource-based, identity-based, permissions boundary, session)
 *       is final.
 *   <li>Same account: an Allow in an identity-based policy, or in the resource-based policy, grants. A
 *       resource-based Allow that names the caller itself (IAM user, role session or federated user ARN, or
 *       {@code "*"}) grants on its own, unlimited by boundary and session policies; one that names the session's
 *       role (or the IAM user behind a federated user) grants only what the boundary and session policies also
 *       allow; one that names only the account grants nothing an identity-based policy does not.
 *   <li>A permissions boundary, when set, must also allow identity-based grants; session policies, when present,
 *       must too. A federated user session without session policies is denied (a role session without them is
 *       not limited).
 *   <li>Cross account: the principal's side (identity-based policies, boundary, session policies) must allow and
 *       the resource-based policy in the resource's account must name the caller or its account.
 *   <li>A resource-based policy marked required (a role's trust policy, see
 *       {@link AuthorizationRequest#assumeRole}) must explicitly allow even within the account.
 *   <li>The root user is allowed everything in its own account that no explicit deny (in practice a
 *       resource-based policy's) forbids; identity-based policies cannot be attached to root, so any given are
 *       ignored. Outside its account it needs a resource-based policy naming its account. Service and identity
 *       provider principals have no identity side and need a resource-based Allow naming them.
 * </ol>
 * Service control and resource control policies are out of scope (IAM Ledger has no Organizations).
 */
public final class PolicyEvaluator {
    private PolicyEvaluator() {
    }

    /** The decision alone: no allocation when no Like pattern holds a variable and no value needs converting. */
    public static Decision decide(AuthorizationRequest request) {
        Objects.requireNonNull(request, "request");
        return Engine.decision(Engine.evaluate(request, null));
    }

    /** The decision with its explanation, which is worked out when first asked for. */
    public static Evaluation evaluate(AuthorizationRequest request) {
        Objects.requireNonNull(request, "request");
        return new Evaluation(request, Engine.evaluate(request, null));
    }
}
