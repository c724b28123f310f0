package io.iamledger.query.evaluator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * AWS's evaluation logic over compiled statements. One code path serves both uses: deciding (no recorder: stop at
 * the first statement that settles a question, allocate nothing) and explaining (a {@link Recorder}: visit every
 * statement and note what applied), so an explanation can never disagree with a decision.
 *
 * <p>The outcome is packed in an int: bits 0-1 the {@link Decision} ordinal, bits 2-4 the policy type that denied
 * or failed to allow (its ordinal plus one; 0 when allowed).
 */
final class Engine {
    private static final Decision[] DECISIONS = Decision.values();
    private static final PolicyType[] TYPES = PolicyType.values();

    private Engine() {
    }

    static Decision decision(int outcome) {
        return DECISIONS[outcome & 3];
    }

    /** The policy type that denied or did not allow, or null when allowed. */
    static PolicyType reason(int outcome) {
        int type = outcome >>> 2 & 7;
        return type == 0 ? null : TYPES[type - 1];
    }

    private static int outcome(Decision decision, PolicyType reason) {
        return decision.ordinal() | (reason == null ? 0 : reason.ordinal() + 1) << 2;
    }

    static int evaluate(AuthorizationRequest request, Recorder recorder) {
        Principal principal = request.principal();
        Principal.Kind kind = principal.kind();
        boolean iam = kind.hasIdentityPolicies();
        CompiledPrincipalPolicies policies = request.principalPolicies();
        StatementIndex identity = iam ? policies.identityIndex() : null;
        StatementIndex boundary = iam ? policies.boundaryIndex() : null;
        StatementIndex session = iam ? policies.sessionIndex() : null;
        CompiledPolicy resourcePolicy = request.rawResourcePolicy();
        StatementIndex resource = resourcePolicy == null ? null : resourcePolicy.index();
        boolean hasBoundary = boundary != null;
        String service = request.service();

        // Explicit denies first, in the order AWS's evaluation logic lists the policy types.
        PolicyType denied = null;
        if (resource != null && scan(resource.denies(service), request, PolicyType.RESOURCE_BASED, hasBoundary, recorder) > 0) {
            denied = PolicyType.RESOURCE_BASED;
        }
        if ((denied == null || recorder != null) && identity != null
                && scan(identity.denies(service), request, PolicyType.IDENTITY_BASED, hasBoundary, recorder) > 0) {
            denied = denied == null ? PolicyType.IDENTITY_BASED : denied;
        }
        if ((denied == null || recorder != null) && boundary != null
                && scan(boundary.denies(service), request, PolicyType.PERMISSIONS_BOUNDARY, hasBoundary, recorder) > 0) {
            denied = denied == null ? PolicyType.PERMISSIONS_BOUNDARY : denied;
        }
        if ((denied == null || recorder != null) && session != null
                && scan(session.denies(service), request, PolicyType.SESSION, hasBoundary, recorder) > 0) {
            denied = denied == null ? PolicyType.SESSION : denied;
        }
        if (denied != null && recorder == null) {
            return outcome(Decision.EXPLICIT_DENY, denied);
        }

        int resourceLevel = resource == null ? 0
                : scan(resource.allows(service), request, PolicyType.RESOURCE_BASED, hasBoundary, recorder);
        boolean identityAllows = identity != null
                && scan(identity.allows(service), request, PolicyType.IDENTITY_BASED, hasBoundary, recorder) > 0;
        boolean limitsMatter = recorder != null || identityAllows || resourceLevel == PrincipalMatcher.SESSION_ISSUER;
        boolean boundaryAllows = boundary == null || limitsMatter
                && scan(boundary.allows(service), request, PolicyType.PERMISSIONS_BOUNDARY, hasBoundary, recorder) > 0;
        // AWS: with no session policy a role session is allowed, a GetFederationToken session is not.
        boolean sessionAllows = session == null ? kind != Principal.Kind.FEDERATED_USER
                : limitsMatter && scan(session.allows(service), request, PolicyType.SESSION, hasBoundary, recorder) > 0;
        if (recorder != null) {
            recorder.flags(identity != null, identityAllows, boundary != null, boundaryAllows, session != null,
                    sessionAllows, resource != null, resourceLevel);
        }
        if (denied != null) {
            return outcome(Decision.EXPLICIT_DENY, denied);
        }

        boolean sameAccount = request.sameAccount();
        boolean required = request.resourcePolicyRequired();
        if (kind == Principal.Kind.ROOT) {
            boolean allowed = sameAccount && !required || resourceLevel >= PrincipalMatcher.ACCOUNT;
            return allowed ? outcome(Decision.ALLOWED, null) : outcome(Decision.IMPLICIT_DENY, PolicyType.RESOURCE_BASED);
        }
        if (!iam) {
            boolean allowed = resourceLevel >= PrincipalMatcher.PRINCIPAL;
            return allowed ? outcome(Decision.ALLOWED, null) : outcome(Decision.IMPLICIT_DENY, PolicyType.RESOURCE_BASED);
        }
        boolean limitsAllow = boundaryAllows && sessionAllows;
        boolean identitySide = identityAllows && limitsAllow;
        boolean allowed;
        if (sameAccount) {
            boolean resourceGrant = resourceLevel >= PrincipalMatcher.PRINCIPAL
                    || resourceLevel == PrincipalMatcher.SESSION_ISSUER && limitsAllow;
            allowed = resourceGrant || identitySide && (!required || resourceLevel >= PrincipalMatcher.ACCOUNT);
        } else {
            allowed = identitySide && resourceLevel >= PrincipalMatcher.ACCOUNT;
        }
        if (allowed) {
            return outcome(Decision.ALLOWED, null);
        }
        PolicyType reason;
        if (required && resourceLevel == 0) {
            reason = PolicyType.RESOURCE_BASED;
        } else if (!identityAllows && (!sameAccount || resourceLevel < PrincipalMatcher.SESSION_ISSUER)) {
            reason = PolicyType.IDENTITY_BASED;
        } else if (!boundaryAllows) {
            reason = PolicyType.PERMISSIONS_BOUNDARY;
        } else if (!sessionAllows) {
            reason = PolicyType.SESSION;
        } else {
            reason = PolicyType.RESOURCE_BASED;
        }
        return outcome(Decision.IMPLICIT_DENY, reason);
    }

    /**
     * The closest principal level among the statements that apply ({@link PrincipalMatcher#PRINCIPAL} for
     * statements without a principal), 0 when none does. Without a recorder it returns as soon as the answer
     * cannot improve.
     */
    private static int scan(CompiledStatement[] statements, AuthorizationRequest request, PolicyType type,
            boolean hasBoundary, Recorder recorder) {
        int best = 0;
        String service = request.service();
        String name = request.actionName();
        for (CompiledStatement statement : statements) {
            if (!statement.coversAction(service, name)) {
                continue;
            }
            int level = PrincipalMatcher.PRINCIPAL;
            if (statement.principal != null) {
                // AWS: a Deny with NotPrincipal always denies an IAM principal that has a permissions boundary.
                level = statement.deny && hasBoundary && statement.principal.negated() ? PrincipalMatcher.PRINCIPAL
                        : statement.principal.applies(request.principal());
                if (level == PrincipalMatcher.NONE) {
                    continue;
                }
            }
            if (recorder != null) {
                recorder.considered(statement, request);
            }
            if (!statement.coversResource(request) || !statement.conditionsHold(request)) {
                continue;
            }
            if (recorder != null) {
                recorder.matched(type, statement, level);
            }
            best = Math.max(best, level);
            if (recorder == null && best >= PrincipalMatcher.PRINCIPAL) {
                return best;
            }
        }
        return best;
    }

    /** What an explaining evaluation noticed. Not thread-safe; one per evaluation. */
    static final class Recorder {
        final List<MatchedStatement> matched = new ArrayList<>();
        private final Map<String, String> missing = new LinkedHashMap<>();
        private final List<String> scratch = new ArrayList<>();
        boolean hasIdentity;
        boolean identityAllows;
        boolean hasBoundary;
        boolean boundaryAllows;
        boolean hasSession;
        boolean sessionAllows;
        boolean hasResource;
        int resourceLevel;

        void considered(CompiledStatement statement, AuthorizationRequest request) {
            scratch.clear();
            statement.addContextKeys(scratch);
            for (String key : scratch) {
                String lower = key.toLowerCase(Locale.ROOT);
                if (request.contextValue(lower) == null) {
                    missing.putIfAbsent(lower, key);
                }
            }
        }

        void matched(PolicyType type, CompiledStatement statement, int level) {
            matched.add(MatchedStatement.of(type, statement, level));
        }

        void flags(boolean hasIdentity, boolean identityAllows, boolean hasBoundary, boolean boundaryAllows,
                boolean hasSession, boolean sessionAllows, boolean hasResource, int resourceLevel) {
            this.hasIdentity = hasIdentity;
            this.identityAllows = identityAllows;
            this.hasBoundary = hasBoundary;
            this.boundaryAllows = boundaryAllows;
            this.hasSession = hasSession;
            this.sessionAllows = sessionAllows;
            this.hasResource = hasResource;
            this.resourceLevel = resourceLevel;
        }

        List<String> missing() {
            return List.copyOf(missing.values());
        }
    }
}
