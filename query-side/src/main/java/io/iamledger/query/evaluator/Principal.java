package io.iamledger.query.evaluator;

import io.iamledger.events.arn.Arn;
import java.util.Collections;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The authenticated caller of a request, as the evaluator needs it: what kind of principal it is, its ARN and
 * account, the ARN of what issued its session, the identifiers AWS exposes as {@code aws:userid} and
 * {@code aws:username}, and its principal tags. Immutable and thread-safe; build one with a static factory.
 *
 * <p>How each kind is evaluated (see {@link PolicyEvaluator}): {@link Kind#ROOT} is never limited by
 * identity-based policies, boundaries or session policies, only by explicit denies; the IAM kinds need their
 * identity-based policies (or a resource-based grant); the service and identity-provider kinds have no identity
 * side at all and can only be granted by a resource-based policy.
 */
public final class Principal {
    /** The kinds of caller, named after CloudTrail's {@code userIdentity.type}. */
    public enum Kind {
        /** The account's root user, {@code arn:aws:iam::ACCOUNT:root}. */
        ROOT("Account"),
        /** An IAM user, {@code arn:aws:iam::ACCOUNT:user/path/name}. */
        IAM_USER("User"),
        /** A role session, {@code arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION} (CloudTrail: AssumedRole). */
        ROLE_SESSION("AssumedRole"),
        /** A {@code GetFederationToken} session, {@code arn:aws:sts::ACCOUNT:federated-user/NAME}. */
        FEDERATED_USER("FederatedUser"),
        /** An AWS service principal such as {@code ec2.amazonaws.com}, matched by {@code "Service"}. */
        AWS_SERVICE("AWSService"),
        /** A user of an OIDC provider calling {@code AssumeRoleWithWebIdentity}, matched by {@code "Federated"}. */
        WEB_IDENTITY_USER("WebIdentityUser"),
        /** A user of a SAML provider calling {@code AssumeRoleWithSAML}, matched by {@code "Federated"}. */
        SAML_USER("SAMLUser");

        private final String principalType;

        Kind(String principalType) {
            this.principalType = principalType;
        }

        /** The value of {@code aws:PrincipalType} for this kind, e.g. {@code AssumedRole}. */
        public String principalType() {
            return principalType;
        }

        boolean hasIdentityPolicies() {
            return this == IAM_USER || this == ROLE_SESSION || this == FEDERATED_USER;
        }
    }

    private final Kind kind;
    private final String arn;
    private final String account;
    private final String issuerArn;
    private final String userId;
    private final String userName;
    private final String name;
    private final String canonicalUserId;
    private final Map<String, String> tags;
    private final String accountRootArn;
    private final Map<String, ContextValue> derivedContext;

    private Principal(Kind kind, String arn, String account, String issuerArn, String userId, String userName,
            String name, String canonicalUserId, Map<String, String> tags) {
        this.kind = kind;
        this.arn = arn;
        this.account = account;
        this.issuerArn = issuerArn;
        this.userId = userId;
        this.userName = userName;
        this.name = name;
        this.canonicalUserId = canonicalUserId;
        this.tags = tags;
        this.accountRootArn = account == null ? null
                : new Arn(partition(), "iam", "", account, "root").toString();
        this.derivedContext = deriveContext();
    }

    /** The request context keys AWS derives from the principal, by lower-cased key. */
    private Map<String, ContextValue> deriveContext() {
        Map<String, ContextValue> context = new HashMap<>();
        String principalArn = kind == Kind.ROLE_SESSION ? issuerArn : arn;
        if (principalArn != null) {
            context.put("aws:principalarn", ContextValue.string(principalArn));
        }
        if (account != null) {
            context.put("aws:principalaccount", ContextValue.string(account));
        }
        if (kind == Kind.AWS_SERVICE) {
            context.put("aws:principalservicename", ContextValue.string(name));
        } else {
            context.put("aws:principaltype", ContextValue.string(kind.principalType()));
        }
        if (userId != null) {
            context.put("aws:userid", ContextValue.string(userId));
        }
        if (userName != null) {
            context.put("aws:username", ContextValue.string(userName));
        }
        for (Map.Entry<String, String> tag : tags.entrySet()) {
            context.put(("aws:PrincipalTag/" + tag.getKey()).toLowerCase(Locale.ROOT), ContextValue.string(tag.getValue()));
        }
        return Collections.unmodifiableMap(context);
    }

    /**
     * The keys AWS puts in the request context for this principal: {@code aws:PrincipalArn} (the role ARN for a
     * role session), {@code aws:PrincipalAccount}, {@code aws:PrincipalType}, {@code aws:userid},
     * {@code aws:username} (IAM users only), {@code aws:PrincipalTag/KEY}, and {@code aws:PrincipalServiceName}
     * for services; by lower-cased key, unmodifiable.
     */
    Map<String, ContextValue> derivedContext() {
        return derivedContext;
    }

    /**
     * The root user of {@code accountId} in the {@code aws} partition.
     *
     * @throws IllegalArgumentException if the account id is not 12 digits
     */
    public static Principal root(String accountId) {
        requireAccount(accountId, accountId);
        String arn = Arn.root(accountId).toString();
        return new Principal(Kind.ROOT, arn, accountId, null, accountId, null, arn, null, Map.of());
    }

    /**
     * An IAM user.
     *
     * @param userArn {@code arn:PARTITION:iam::ACCOUNT:user/[path/]name}
     * @param userId the user's unique id ({@code AIDA...}), the value of {@code aws:userid}
     * @throws IllegalArgumentException if the ARN is not an IAM user ARN or the id is blank
     */
    public static Principal iamUser(String userArn, String userId) {
        Arn parsed = arnParts(userArn, "iam", "user/");
        requireText(userId, "userId");
        return new Principal(Kind.IAM_USER, userArn, parsed.account(), null, userId, parsed.resourceName(), userArn,
                null, Map.of());
    }

    /**
     * A role session.
     *
     * @param sessionArn {@code arn:PARTITION:sts::ACCOUNT:assumed-role/ROLE/SESSION}
     * @param roleArn the ARN of the assumed role, {@code arn:PARTITION:iam::ACCOUNT:role/[path/]ROLE}; a
     *     resource-based policy naming it grants only what the boundary and session policies also allow
     * @param roleId the role's unique id ({@code AROA...}); {@code aws:userid} is {@code roleId:SESSION}
     * @throws IllegalArgumentException if the ARNs are malformed, name different accounts or roles, or the id is
     *     blank
     */
    public static Principal roleSession(String sessionArn, String roleArn, String roleId) {
        Arn session = arnParts(sessionArn, "sts", "assumed-role/");
        Arn role = arnParts(roleArn, "iam", "role/");
        requireText(roleId, "roleId");
        String[] names = session.resource().substring("assumed-role/".length()).split("/", -1);
        if (names.length != 2 || names[0].isEmpty() || names[1].isEmpty()) {
            throw new IllegalArgumentException("not an assumed-role session ARN: " + sessionArn);
        }
        if (!session.account().equals(role.account()) || !names[0].equalsIgnoreCase(role.resourceName())) {
            throw new IllegalArgumentException("session " + sessionArn + " is not a session of role " + roleArn);
        }
        return new Principal(Kind.ROLE_SESSION, sessionArn, session.account(), roleArn, roleId + ":" + names[1], null,
                sessionArn, null, Map.of());
    }

    /**
     * A federated user session created with {@code GetFederationToken}.
     *
     * @param federatedUserArn {@code arn:PARTITION:sts::ACCOUNT:federated-user/NAME}
     * @param sourceUserArn the IAM user who called {@code GetFederationToken}, if known; a resource-based policy
     *     naming that user grants only what the boundary and session policies also allow
     * @throws IllegalArgumentException if an ARN is malformed or the two name different accounts
     */
    public static Principal federatedUser(String federatedUserArn, Optional<String> sourceUserArn) {
        Arn parsed = arnParts(federatedUserArn, "sts", "federated-user/");
        String callerName = parsed.resource().substring("federated-user/".length());
        if (callerName.isEmpty() || callerName.indexOf('/') >= 0) {
            throw new IllegalArgumentException("not a federated user ARN: " + federatedUserArn);
        }
        String issuer = null;
        if (sourceUserArn.isPresent()) {
            Arn source = arnParts(sourceUserArn.get(), "iam", "user/");
            if (!source.account().equals(parsed.account())) {
                throw new IllegalArgumentException(
                        "federated user " + federatedUserArn + " and user " + sourceUserArn.get() + " are in different accounts");
            }
            issuer = sourceUserArn.get();
        }
        return new Principal(Kind.FEDERATED_USER, federatedUserArn, parsed.account(), issuer,
                parsed.account() + ":" + callerName,
                null, federatedUserArn, null, Map.of());
    }

    /**
     * An AWS service acting as itself, e.g. {@code lambda.amazonaws.com}.
     *
     * @throws IllegalArgumentException if the name is blank
     */
    public static Principal awsService(String servicePrincipal) {
        requireText(servicePrincipal, "servicePrincipal");
        return new Principal(Kind.AWS_SERVICE, null, null, null, null, null, servicePrincipal, null, Map.of());
    }

    /**
     * A user of an OIDC identity provider, e.g. {@code accounts.google.com} or
     * {@code arn:aws:iam::ACCOUNT:oidc-provider/HOST}.
     *
     * @throws IllegalArgumentException if the provider is blank
     */
    public static Principal webIdentityUser(String provider) {
        requireText(provider, "provider");
        return new Principal(Kind.WEB_IDENTITY_USER, null, null, null, null, null, provider, null, Map.of());
    }

    /**
     * A user of a SAML provider, {@code arn:aws:iam::ACCOUNT:saml-provider/NAME}.
     *
     * @throws IllegalArgumentException if the provider is blank
     */
    public static Principal samlUser(String providerArn) {
        requireText(providerArn, "providerArn");
        return new Principal(Kind.SAML_USER, null, null, null, null, null, providerArn, null, Map.of());
    }

    /**
     * The principal for a principal ARN alone, for callers (simulation, tests) that have nothing else: root, IAM
     * user, role session (its role ARN is derived without a path) or federated user (no source user). Unique ids
     * are unknown, so {@code aws:userid} is absent except for root.
     *
     * @throws IllegalArgumentException if the ARN is none of those
     */
    public static Principal fromArn(String principalArn) {
        Arn parsed = arnParts(principalArn, null, "");
        String resource = parsed.resource();
        String account = parsed.account();
        if (parsed.service().equals("iam") && resource.equals("root")) {
            Principal root = root(account);
            return parsed.partition().equals(Arn.AWS_PARTITION) ? root
                    : new Principal(Kind.ROOT, principalArn, account, null, account, null, principalArn, null, Map.of());
        }
        if (parsed.service().equals("iam") && resource.startsWith("user/")) {
            return new Principal(Kind.IAM_USER, principalArn, account, null, null, parsed.resourceName(), principalArn,
                    null, Map.of());
        }
        if (parsed.service().equals("sts") && resource.startsWith("assumed-role/")) {
            String[] names = resource.substring("assumed-role/".length()).split("/", -1);
            if (names.length == 2 && !names[0].isEmpty() && !names[1].isEmpty()) {
                String roleArn = new Arn(parsed.partition(), "iam", "", account, "role/" + names[0]).toString();
                return new Principal(Kind.ROLE_SESSION, principalArn, account, roleArn, null, null, principalArn, null,
                        Map.of());
            }
        }
        if (parsed.service().equals("sts") && resource.startsWith("federated-user/")) {
            return federatedUser(principalArn, Optional.empty());
        }
        throw new IllegalArgumentException("not a root, IAM user, role session or federated user ARN: " + principalArn);
    }

    /**
     * This principal with {@code tags} as its principal tags ({@code aws:PrincipalTag/KEY}); keys compare
     * case-insensitively, so two keys differing only in case are rejected.
     *
     * @throws IllegalArgumentException if two keys differ only in case
     */
    public Principal withTags(Map<String, String> tags) {
        TreeMap<String, String> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (Map.Entry<String, String> tag : tags.entrySet()) {
            String previous = copy.put(Objects.requireNonNull(tag.getKey(), "tag key"),
                    Objects.requireNonNull(tag.getValue(), "tag value"));
            if (previous != null) {
                throw new IllegalArgumentException("tag keys differ only in case: " + tag.getKey());
            }
        }
        return new Principal(kind, arn, account, issuerArn, userId, userName, name, canonicalUserId,
                Collections.unmodifiableMap(copy));
    }

    /** This principal with the S3 canonical user id of its account, matched by {@code "CanonicalUser"}. */
    public Principal withCanonicalUserId(String canonicalUserId) {
        requireText(canonicalUserId, "canonicalUserId");
        return new Principal(kind, arn, account, issuerArn, userId, userName, name, canonicalUserId, tags);
    }

    public Kind kind() {
        return kind;
    }

    /** The principal's ARN; empty for service and identity-provider principals. */
    public Optional<String> arn() {
        return Optional.ofNullable(arn);
    }

    /** The 12-digit account the principal belongs to; empty for service and identity-provider principals. */
    public Optional<String> account() {
        return Optional.ofNullable(account);
    }

    /** The role of a role session, or the IAM user behind a federated user session, if known. */
    public Optional<String> issuerArn() {
        return Optional.ofNullable(issuerArn);
    }

    /** The value of {@code aws:userid}, if known. */
    public Optional<String> userId() {
        return Optional.ofNullable(userId);
    }

    /** The value of {@code aws:username}: present for IAM users only, as in AWS. */
    public Optional<String> userName() {
        return Optional.ofNullable(userName);
    }

    /** The ARN, or the service or provider name for principals without an ARN; what messages print. */
    public String name() {
        return name;
    }

    public Optional<String> canonicalUserId() {
        return Optional.ofNullable(canonicalUserId);
    }

    /** Principal tags, keys case-insensitive; unmodifiable. */
    public Map<String, String> tags() {
        return tags;
    }

    String rawArn() {
        return arn;
    }

    String rawAccount() {
        return account;
    }

    String rawIssuerArn() {
        return issuerArn;
    }

    /** {@code arn:PARTITION:iam::ACCOUNT:root} for the principal's account, or null without an account. */
    String accountRootArn() {
        return accountRootArn;
    }

    String rawCanonicalUserId() {
        return canonicalUserId;
    }

    /** The partition of the principal's ARN, {@code aws} when it has none. */
    String partition() {
        return Arn.tryParse(arn).map(Arn::partition).orElse(Arn.AWS_PARTITION);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Principal that && kind == that.kind && name.equals(that.name)
                && Objects.equals(issuerArn, that.issuerArn) && Objects.equals(userId, that.userId)
                && Objects.equals(canonicalUserId, that.canonicalUserId) && tags.equals(that.tags);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, name, issuerArn, userId);
    }

    @Override
    public String toString() {
        return kind + " " + name;
    }

    /**
     * {@code arn} parsed and checked to be {@code arn:PARTITION:SERVICE::ACCOUNT:RESOURCE} with the resource
     * starting with {@code resourcePrefix}.
     */
    private static Arn arnParts(String arn, String service, String resourcePrefix) {
        Objects.requireNonNull(arn, "arn");
        return Arn.tryParse(arn)
                .filter(parsed -> (service == null || parsed.service().equals(service)) && parsed.region().isEmpty()
                        && isAccount(parsed.account()) && parsed.resource().startsWith(resourcePrefix)
                        && parsed.resource().length() > resourcePrefix.length())
                .orElseThrow(() -> {
                    String what = service == null ? "principal" : service + " " + resourcePrefix.replace("/", "");
                    return new IllegalArgumentException("not a valid " + what + " ARN: " + arn);
                });
    }

    private static void requireAccount(String account, String context) {
        if (account == null || !isAccount(account)) {
            throw new IllegalArgumentException("account id must be 12 digits: " + context);
        }
    }

    static boolean isAccount(String text) {
        if (text.length() != 12) {
            return false;
        }
        for (int i = 0; i < 12; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static void requireText(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank");
        }
    }
}
