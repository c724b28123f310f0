package io.iamledger.query.evaluator;

import io.iamledger.events.arn.Arn;
import java.util.Collections;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A typed request to authorize: who ({@link Principal}), what ({@code service:Action}), on which resource and in
 * whose account, with which request context, and the policies that apply (the principal's compiled policies and
 * the resource's policy). Immutable and thread-safe; build one with {@link #builder} or {@link #assumeRole}.
 *
 * <p>Context keys compare case-insensitively ({@code aws:CurrentTime} is {@code AWS:currenttime}); {@link #context}
 * holds them lower-cased.
 */
public final class AuthorizationRequest {
    private final Principal principal;
    private final String action;
    private final String service;
    private final String actionName;
    private final String resource;
    /** The resource's ISO-8859-1 bytes, or null when it has other characters (see ResourcePattern). */
    private final byte[] resourceLatin1;
    private final String resourceAccount;
    private final Map<String, ContextValue> context;
    private final StringTable contextTable;
    private final CompiledPrincipalPolicies policies;
    private final CompiledPolicy resourcePolicy;
    private final boolean resourcePolicyRequired;

    private AuthorizationRequest(Builder builder) {
        this.principal = builder.principal;
        this.action = builder.action;
        int colon = action.indexOf(':');
        // Interned: compiled policies intern their service prefixes and action names, so matching compares
        // references (exact for interned strings) without reading either string (see CompiledStatement).
        this.service = action.substring(0, colon).toLowerCase(Locale.ROOT).intern();
        this.actionName = action.substring(colon + 1).toLowerCase(Locale.ROOT).intern();
        this.resource = builder.resource;
        this.resourceLatin1 = ResourcePattern.latin1(resource);
        this.resourceAccount = builder.resourceAccount != null ? builder.resourceAccount : defaultAccount(builder);
        Map<String, ContextValue> derived = builder.principalContextKeys ? principal.derivedContext() : Map.of();
        if (builder.context.isEmpty()) {
            this.context = derived;
        } else {
            Map<String, ContextValue> merged = new HashMap<>(builder.context);
            derived.forEach(merged::putIfAbsent);
            this.context = Collections.unmodifiableMap(merged);
        }
        this.contextTable = StringTable.of(context);
        this.policies = builder.policies;
        this.resourcePolicy = builder.resourcePolicy;
        this.resourcePolicyRequired = builder.resourcePolicyRequired;
    }

    private static String defaultAccount(Builder builder) {
        return Arn.accountOf(builder.resource).filter(Principal::isAccount)
                .orElseGet(() -> builder.principal.account().orElse(""));
    }

    /**
     * A builder for {@code principal} performing {@code action}.
     *
     * @param action {@code service:ActionName}, e.g. {@code iam:CreateUser}; compared case-insensitively
     * @throws IllegalArgumentException if the action is not {@code service:name} or holds a wildcard
     */
    public static Builder builder(Principal principal, String action) {
        return new Builder(principal, action);
    }

    /**
     * A builder for {@code sts:AssumeRole} of {@code roleArn} by {@code caller}, with the role's trust policy as
     * the resource-based policy that must explicitly allow (trust policies are the exception to "an identity-based
     * or a resource-based allow suffices"). The role's account owns the resource.
     *
     * @throws IllegalArgumentException if {@code roleArn} is not a role ARN
     */
    public static Builder assumeRole(Principal caller, String roleArn, CompiledPolicy trustPolicy) {
        Arn role = Arn.tryParse(roleArn)
                .filter(arn -> arn.service().equals("iam") && Principal.isAccount(arn.account())
                        && arn.resource().startsWith("role/"))
                .orElseThrow(() -> new IllegalArgumentException("not a role ARN: " + roleArn));
        return new Builder(caller, "sts:AssumeRole").resource(roleArn, role.account())
                .requiredResourcePolicy(trustPolicy);
    }

    public Principal principal() {
        return principal;
    }

    /** The action as given, e.g. {@code iam:CreateUser}. */
    public String action() {
        return action;
    }

    /** The resource ARN, or {@code *} for actions that take no resource. */
    public String resource() {
        return resource;
    }

    /** The account that owns the resource (and its resource-based policy). */
    public String resourceAccount() {
        return resourceAccount;
    }

    /** The request context by lower-cased key, including the keys derived from the principal. */
    public Map<String, ContextValue> context() {
        return context;
    }

    public CompiledPrincipalPolicies principalPolicies() {
        return policies;
    }

    public Optional<CompiledPolicy> resourcePolicy() {
        return Optional.ofNullable(resourcePolicy);
    }

    /** Whether the resource-based policy must allow explicitly, as a trust policy or KMS key policy must. */
    public boolean resourcePolicyRequired() {
        return resourcePolicyRequired;
    }

    /** Whether principal and resource are in the same account. */
    public boolean sameAccount() {
        return principal.rawAccount() != null && principal.rawAccount().equals(resourceAccount);
    }

    String service() {
        return service;
    }

    byte[] resourceLatin1() {
        return resourceLatin1;
    }

    String actionName() {
        return actionName;
    }

    ContextValue contextValue(String keyLower) {
        return contextValue(keyLower, keyLower.hashCode());
    }

    /** As {@link #contextValue(String)}, given the key's hash code (so the caller need not load the key). */
    ContextValue contextValue(String keyLower, int keyHash) {
        return (ContextValue) contextTable.get(keyLower, keyHash);
    }

    /** The text a policy variable for {@code keyLower} stands for, or null: absent and multivalued keys have none. */
    String variable(String keyLower) {
        ContextValue value = contextValue(keyLower);
        return value == null || value.multivalued() ? null : value.textAt(0);
    }

    CompiledPolicy rawResourcePolicy() {
        return resourcePolicy;
    }

    @Override
    public String toString() {
        return principal.name() + " " + action + " " + resource;
    }

    /**
     * Builds a request. Defaults: no principal policies ({@link CompiledPrincipalPolicies#empty()}); resource
     * {@code *}; resource account taken from the resource ARN's account segment when it is 12 digits, else the
     * principal's account; empty context; the keys AWS derives from the principal added
     * ({@code aws:PrincipalArn}, {@code aws:PrincipalAccount}, {@code aws:PrincipalType}, {@code aws:userid},
     * {@code aws:username}, {@code aws:PrincipalTag/*}, {@code aws:PrincipalServiceName}) unless the context
     * already has them; no resource-based policy. Not thread-safe.
     */
    public static final class Builder {
        private final Principal principal;
        private final String action;
        private String resource = "*";
        private String resourceAccount;
        private final Map<String, ContextValue> context = new HashMap<>();
        private boolean principalContextKeys = true;
        private CompiledPrincipalPolicies policies = CompiledPrincipalPolicies.empty();
        private CompiledPolicy resourcePolicy;
        private boolean resourcePolicyRequired;

        private Builder(Principal principal, String action) {
            this.principal = Objects.requireNonNull(principal, "principal");
            Objects.requireNonNull(action, "action");
            int colon = action.indexOf(':');
            if (colon <= 0 || colon == action.length() - 1 || action.indexOf(':', colon + 1) >= 0
                    || action.indexOf('*') >= 0 || action.indexOf('?') >= 0) {
                throw new IllegalArgumentException("action must be service:Name without wildcards: " + action);
            }
            this.action = action;
        }

        /** The resource ARN ({@code *} for actions without resources). */
        public Builder resource(String resource) {
            this.resource = Objects.requireNonNull(resource, "resource");
            return this;
        }

        /**
         * The resource ARN and the account that owns it, for resources whose ARN has no account (S3) or whose
         * owner differs from the ARN's account segment.
         *
         * @throws IllegalArgumentException if the account is not 12 digits
         */
        public Builder resource(String resource, String ownerAccount) {
            if (!Principal.isAccount(Objects.requireNonNull(ownerAccount, "ownerAccount"))) {
                throw new IllegalArgumentException("resource owner account must be 12 digits: " + ownerAccount);
            }
            this.resource = Objects.requireNonNull(resource, "resource");
            this.resourceAccount = ownerAccount;
            return this;
        }

        /** Sets one context key (any case), replacing a previous value for the same key in any case. */
        public Builder context(String key, ContextValue value) {
            Objects.requireNonNull(value, "value");
            if (Objects.requireNonNull(key, "key").isEmpty()) {
                throw new IllegalArgumentException("context key must not be empty");
            }
            context.put(key.toLowerCase(Locale.ROOT), value);
            return this;
        }

        /** Sets several context keys. */
        public Builder context(Map<String, ContextValue> values) {
            values.forEach(this::context);
            return this;
        }

        /** Whether to add the keys derived from the principal (default true); simulations of raw input turn it off. */
        public Builder principalContextKeys(boolean add) {
            this.principalContextKeys = add;
            return this;
        }

        /** The principal's identity-based policies, boundary and session policies. */
        public Builder principalPolicies(CompiledPrincipalPolicies policies) {
            this.policies = Objects.requireNonNull(policies, "policies");
            return this;
        }

        /** The resource's resource-based policy, owned by the resource account. */
        public Builder resourcePolicy(CompiledPolicy policy) {
            this.resourcePolicy = Objects.requireNonNull(policy, "policy");
            this.resourcePolicyRequired = false;
            return this;
        }

        /**
         * A resource-based policy that must explicitly allow the caller even in its own account: a role's trust
         * policy, or a KMS key policy (AWS: "IAM role trust policies and KMS key policies are exceptions to this
         * logic, because they must explicitly allow access for principals").
         */
        public Builder requiredResourcePolicy(CompiledPolicy policy) {
            this.resourcePolicy = Objects.requireNonNull(policy, "policy");
            this.resourcePolicyRequired = true;
            return this;
        }

        public AuthorizationRequest build() {
            return new AuthorizationRequest(this);
        }
    }
}
