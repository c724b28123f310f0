package io.iamledger.query.evaluator;

import io.iamledger.events.document.Effect;
import io.iamledger.events.document.SourcePosition;
import java.util.Objects;
import java.util.Optional;

/**
 * A statement that applied to a request (its action, resource, principal and conditions all matched), located the
 * way AWS's simulator locates {@code MatchedStatements}: policy, type, Sid, index and source positions.
 *
 * @param policyType the role the policy played in this evaluation
 * @param source the policy's source id and kind
 * @param effect the statement's effect
 * @param sid the statement's {@code Sid}, if any
 * @param index the statement's 0-based position in the document
 * @param start where the statement starts in the policy text
 * @param end just past where the statement ends
 * @param principalMatch for resource-based statements, how closely {@code Principal} named the caller; empty for
 *     identity-based, boundary and session statements
 */
public record MatchedStatement(
        PolicyType policyType,
        PolicySource source,
        Effect effect,
        Optional<String> sid,
        int index,
        SourcePosition start,
        SourcePosition end,
        Optional<PrincipalMatch> principalMatch) {

    /** How a resource-based statement's {@code Principal} (or {@code NotPrincipal}) applied to the caller. */
    public enum PrincipalMatch {
        /** It names the caller's account ({@code "AWS":"ACCOUNT"}, the account's root ARN, or its canonical user). */
        ACCOUNT,
        /** It names the role of a role session, or the IAM user behind a federated user session. */
        SESSION_ISSUER,
        /** It names the caller itself (user, session, service or identity provider), or excludes it by NotPrincipal. */
        PRINCIPAL,
        /** It is {@code "*"} or {@code {"AWS":"*"}}. */
        ANYONE
    }

    public MatchedStatement {
        Objects.requireNonNull(policyType, "policyType");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(effect, "effect");
        Objects.requireNonNull(sid, "sid");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        Objects.requireNonNull(principalMatch, "principalMatch");
    }

    static MatchedStatement of(PolicyType type, CompiledStatement statement, int level) {
        Optional<PrincipalMatch> match = statement.principal == null ? Optional.empty()
                : Optional.of(PrincipalMatch.values()[level - 1]);
        return new MatchedStatement(type, statement.policy.source(), statement.deny ? Effect.DENY : Effect.ALLOW,
                Optional.ofNullable(statement.sid), statement.index, statement.start, statement.end, match);
    }
}
