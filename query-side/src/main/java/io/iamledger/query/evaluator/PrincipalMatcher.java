package io.iamledger.query.evaluator;

import io.iamledger.events.document.PrincipalBlock;
import io.iamledger.events.document.PrincipalType;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A resource-based statement's {@code Principal} or {@code NotPrincipal}, answering how closely it names the
 * caller: the caller itself (or everyone), the role or user that issued its session, or its account. AWS accepts
 * no wildcards inside principal values, so every comparison is an exact set lookup. Immutable and thread-safe.
 */
final class PrincipalMatcher {
    static final int NONE = 0;
    static final int ACCOUNT = 1;
    static final int SESSION_ISSUER = 2;
    static final int PRINCIPAL = 3;
    static final int ANYONE = 4;

    private final boolean negated;
    private final boolean anyone;
    private final Set<String> arns;
    private final Set<String> accounts;
    private final Set<String> services;
    private final Set<String> federated;
    private final Set<String> canonicalUsers;

    private PrincipalMatcher(boolean negated, boolean anyone, Set<String> arns, Set<String> accounts,
            Set<String> services, Set<String> federated, Set<String> canonicalUsers) {
        this.negated = negated;
        this.anyone = anyone;
        this.arns = arns;
        this.accounts = accounts;
        this.services = services;
        this.federated = federated;
        this.canonicalUsers = canonicalUsers;
    }

    static PrincipalMatcher compile(PrincipalBlock block) {
        boolean anyone = block.anyone();
        Set<String> arns = new HashSet<>();
        Set<String> accounts = new HashSet<>();
        for (String value : block.principals(PrincipalType.AWS)) {
            if (value.equals("*")) {
                anyone = true;
            } else if (Principal.isAccount(value)) {
                accounts.add(value);
            } else {
                arns.add(value);
            }
        }
        return new PrincipalMatcher(block.negated(), anyone, compact(arns), compact(accounts),
                compact(block.principals(PrincipalType.SERVICE)), compact(block.principals(PrincipalType.FEDERATED)),
                compact(block.principals(PrincipalType.CANONICAL_USER)));
    }

    private static Set<String> compact(Set<String> values) {
        return Set.copyOf(values);
    }

    private static Set<String> compact(List<String> values) {
        return Set.copyOf(values);
    }

    boolean negated() {
        return negated;
    }

    /**
     * How closely the listed values name {@code principal}: {@link #ANYONE}, {@link #PRINCIPAL},
     * {@link #SESSION_ISSUER}, {@link #ACCOUNT} or {@link #NONE}. For {@code NotPrincipal} this is how closely the
     * exclusion names it; see {@link #applies}.
     */
    int level(Principal principal) {
        if (anyone) {
            return ANYONE;
        }
        String arn = principal.rawArn();
        switch (principal.kind()) {
            case AWS_SERVICE:
                return services.contains(principal.name()) ? PRINCIPAL : NONE;
            case WEB_IDENTITY_USER:
            case SAML_USER:
                return federated.contains(principal.name()) ? PRINCIPAL : NONE;
            default:
                break;
        }
        if (!arns.isEmpty()) {
            if (principal.kind() != Principal.Kind.ROOT && arns.contains(arn)) {
                return PRINCIPAL;
            }
            String issuer = principal.rawIssuerArn();
            if (issuer != null && arns.contains(issuer)) {
                return SESSION_ISSUER;
            }
            String root = principal.accountRootArn();
            if (root != null && arns.contains(root)) {
                return ACCOUNT;
            }
        }
        String account = principal.rawAccount();
        if (account != null && accounts.contains(account)) {
            return ACCOUNT;
        }
        String canonical = principal.rawCanonicalUserId();
        if (canonical != null && canonicalUsers.contains(canonical)) {
            return ACCOUNT;
        }
        return NONE;
    }

    /**
     * The level at which the statement applies to {@code principal}: for {@code Principal} the match level; for
     * {@code NotPrincipal} {@link #PRINCIPAL} unless a listed value names the caller itself (its user, session,
     * federated user, service or provider ARN or name, or for root its account), else {@link #NONE}. Naming only
     * the caller's account or role does not exempt it: AWS's example "all principals except the user named Bob in
     * AWS account 444455556666 are explicitly denied" lists Bob and his account and still denies Bob's colleagues.
     */
    int applies(Principal principal) {
        int level = level(principal);
        if (!negated) {
            return level;
        }
        boolean named = level >= PRINCIPAL || principal.kind() == Principal.Kind.ROOT && level == ACCOUNT;
        return named ? NONE : PRINCIPAL;
    }
}
