package io.iamledger.infra.authz;

import io.iamledger.events.arn.Arn;
import io.iamledger.events.identity.IdentityKind;
import io.iamledger.events.identity.IdentityRef;
import io.iamledger.events.identity.Tag;
import io.iamledger.events.document.PolicyKind;
import io.iamledger.infra.credentials.SessionTokens;
import io.iamledger.infra.credentials.TemporarySession;
import io.iamledger.query.evaluator.CompiledPolicy;
import io.iamledger.query.evaluator.PolicySource;
import java.util.ArrayList;
import java.util.List;
import io.iamledger.query.evaluator.CompiledPrincipalPolicies;
import io.iamledger.query.evaluator.Principal;
import io.iamledger.query.projection.ProjectionConsumer;
import io.iamledger.query.readmodel.IamReadModel;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.ToLongFunction;
import javax.sql.DataSource;

/**
 * The authorization index: per account, the compiled policies of each calling IAM user (a {@link Principal} and its
 * {@link CompiledPrincipalPolicies}) and the facts of the users, groups and roles calls act on, built from the read
 * model on first use, with compiled managed policy versions and group inline policies shared among principals.
 *
 * <p><b>Current when a write returns.</b> Before an account's entries are used, the index waits until the read
 * model holds every event this server wrote for the account that can change authorization, then compares the
 * account's position in the read model (its last such event) with the one its entries were built at; when the
 * model has moved on, all the account's entries are dropped at once and rebuilt lazily. Role sessions issued are
 * not such events: a session's limits travel in its token. Positions are cheap to check (see
 * {@code ProjectionPositions}): in memory while nothing is applied, one indexed read otherwise. Changes applied by another server instance's consumer are
 * seen within the position time to live. Invalidation is per account, not per principal: any change in an
 * account rebuilds the entries of its principals that call afterwards (compiled managed policies survive).
 *
 * <p><b>Memory.</b> An entry holds the user's ARN, id and tags and its {@code CompiledPrincipalPolicies}: the
 * merged statement index plus the user's own inline policies; managed policies and group inline policies are
 * shared. Entries per account are capped ({@link Builder#maxEntriesPerAccount});
 * past the cap the account's table is emptied and refilled on demand.
 *
 * <p>Thread-safe. Build one with {@link #builder()}.
 */
public final class AuthorizationIndex {
    private static final String ALLOWS_NOTHING =
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"NotAction\":\"*\",\"Resource\":\"*\"}]}";
    /**
     * A calling IAM user as the evaluator needs it. The {@link Principal} is made per call rather than kept: with
     * the context keys it derives it would cost about 2 KB per cached user, more than half the entry.
     *
     * @param arn    the user's ARN, with its path
     * @param userId the user's unique id
     * @param tags   the user's tags, for {@code aws:PrincipalTag/KEY}
     */
    record CallerEntry(String arn, String userId, Map<String, String> tags, CompiledPrincipalPolicies policies,
                       Optional<AssumedRole> role) {
        CallerEntry(String arn, String userId, Map<String, String> tags, CompiledPrincipalPolicies policies) {
            this(arn, userId, tags, policies, Optional.empty());
        }

        Principal principal() {
            Principal principal = role.map(assumed -> Principal.roleSession(arn, assumed.roleArn(), assumed.roleId()))
                    .orElseGet(() -> Principal.iamUser(arn, userId));
            return tags.isEmpty() ? principal : principal.withTags(tags);
        }
    }

    /** The role behind an assumed-role session caller. */
    record AssumedRole(String roleArn, String roleId) {}

    /**
     * A role as AssumeRole and its sessions need it: its identity and policies, its trust policy compiled, the
     * digest of the trust policy's text (sessions remember it), and its maximum session duration.
     */
    record RoleEntry(LoadedIdentity identity, CompiledPolicy trust, String trustDigest, int maxSessionDuration) {
        String arn() {
            return identity.arn();
        }

        String roleId() {
            return identity.id();
        }
    }

    /** One account's entries, valid while the read model stays at {@link #position}. */
    static final class AccountView {
        final long position;
        final ConcurrentHashMap<String, CallerEntry> callers = new ConcurrentHashMap<>();
        final ConcurrentHashMap<String, Optional<TargetFacts>> targets = new ConcurrentHashMap<>();
        final ConcurrentHashMap<String, Optional<RoleEntry>> roles = new ConcurrentHashMap<>();

        AccountView(long position) {
            this.position = position;
        }
    }

    private final PolicyLoader loader;
    private final AccountPositions positions;
    private final Consumer<String> awaitOwnChanges;
    private final ToLongFunction<String> lastChange;
    private final int maxEntriesPerAccount;
    private final ConcurrentHashMap<String, AccountView> views = new ConcurrentHashMap<>();
    private final LongAdder viewsBuilt = new LongAdder();

    AuthorizationIndex(PolicyLoader loader, AccountPositions positions, Consumer<String> awaitOwnChanges,
                       ToLongFunction<String> lastChange, int maxEntriesPerAccount) {
        this.loader = loader;
        this.positions = positions;
        this.awaitOwnChanges = awaitOwnChanges;
        this.lastChange = lastChange;
        this.maxEntriesPerAccount = maxEntriesPerAccount;
    }

    /** A builder; see {@link Builder} for what is required and the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** How many calling principals have entries now, over all accounts (for metrics and tests). */
    public int cachedPrincipals() {
        int total = 0;
        for (AccountView view : views.values()) {
            total += view.callers.size();
        }
        return total;
    }

    /**
     * How many account views were started since start, over all accounts: one per account on first use and one
     * each time a change in the read model invalidated the previous one (for metrics and tests).
     */
    public long accountViewsBuilt() {
        return viewsBuilt.sum();
    }

    /** Waits for the caller's own authorization-changing writes to the account to be in the read model. */
    void awaitOwnChanges(String accountId) {
        awaitOwnChanges.accept(accountId);
    }

    PolicyLoader loader() {
        return loader;
    }

    /**
     * The account's entries as of now: after the caller's own writes, and never older than the read model.
     *
     * @throws io.iamledger.events.error.IamException ServiceUnavailable when the read model cannot catch up
     */
    AccountView view(String accountId) {
        awaitOwnChanges.accept(accountId);
        long position = positions.position(accountId, lastChange.applyAsLong(accountId));
        AccountView current = views.get(accountId);
        if (current != null && current.position >= position) {
            return current;
        }
        return views.compute(accountId, (id, old) -> {
            if (old != null && old.position >= position) {
                return old;
            }
            viewsBuilt.increment();
            return new AccountView(position);
        });
    }

    /**
     * The calling user's entry. A user the read model does not know (or knows under another id) gets no policies,
     * so it is allowed nothing.
     */
    CallerEntry caller(AccountView view, String accountId, IdentityRef user) {
        if (user.kind() != IdentityKind.USER) {
            throw new IllegalArgumentException("not an IAM user: " + user);
        }
        CallerEntry known = view.callers.get(user.id());
        if (known != null) {
            return known;
        }
        Optional<LoadedIdentity> loaded = loader.user(accountId, user.name())
                .filter(identity -> identity.id().equals(user.id()));
        CallerEntry entry = loaded.map(AuthorizationIndex::entry).orElseGet(() -> new CallerEntry(
                Arn.user(accountId, "/", user.name()).toString(), user.id(), Map.of(),
                CompiledPrincipalPolicies.empty()));
        return putCapped(view.callers, user.id(), entry);
    }

    /** The role, with its trust policy, or empty when the account has no role by that name. */
    Optional<RoleEntry> role(AccountView view, String accountId, String roleName) {
        String key = roleName.toLowerCase(Locale.ROOT);
        Optional<RoleEntry> known = view.roles.get(key);
        if (known != null) {
            return known;
        }
        Optional<RoleEntry> loaded = loader.role(accountId, roleName).flatMap(identity ->
                loader.trust(accountId, roleName).map(trust -> new RoleEntry(identity,
                        SharedPolicies.compile(PolicySource.of(identity.arn(), PolicySource.Kind.TRUST),
                                trust.trustPolicyDocument(), PolicyKind.TRUST),
                        SessionTokens.trustDigest(trust.trustPolicyDocument()), trust.maxSessionDuration())));
        return putCapped(view.roles, key, loaded);
    }

    /**
     * The entry of a caller signing with an assumed role's credentials: the role's policies limited by the session
     * policies, and the role's tags overridden by the session's. A session whose role is gone, or is another role by
     * now, is allowed nothing.
     */
    CallerEntry session(AccountView view, TemporarySession session) {
        CallerEntry known = view.callers.get(session.accessKeyId());
        if (known != null) {
            return known;
        }
        String roleArn = session.roleArn().orElseThrow(() -> new IllegalArgumentException("not a role session"));
        Optional<RoleEntry> role = role(view, session.accountId(), session.identity().name())
                .filter(entry -> entry.roleId().equals(session.identity().id()));
        Map<String, String> tags = new LinkedHashMap<>();
        role.ifPresent(entry -> entry.identity().tags().forEach(tag -> tags.put(tag.key(), tag.value())));
        // AWS: a session tag overrides the role's tag of the same key, compared case-insensitively
        session.tags().forEach((key, value) -> {
            tags.keySet().removeIf(existing -> existing.equalsIgnoreCase(key));
            tags.put(key, value);
        });
        CompiledPrincipalPolicies policies = role.map(entry -> sessionLimited(entry.identity().policies(), session))
                .orElseGet(CompiledPrincipalPolicies::empty);
        CallerEntry entry = new CallerEntry(session.arn(), session.principalId(), Map.copyOf(tags), policies,
                Optional.of(new AssumedRole(role.map(RoleEntry::arn).orElse(roleArn), session.identity().id())));
        return putCapped(view.callers, session.accessKeyId(), entry);
    }

    private CompiledPrincipalPolicies sessionLimited(CompiledPrincipalPolicies rolePolicies, TemporarySession session) {
        List<CompiledPolicy> sessionPolicies = new ArrayList<>();
        session.sessionPolicy().ifPresent(document -> sessionPolicies.add(SharedPolicies.compile(
                PolicySource.of("session policy", PolicySource.Kind.SESSION_INLINE), document)));
        for (String arn : session.policyArns()) {
            // a session policy deleted since must still limit the session: it then allows nothing
            sessionPolicies.add(loader.managedPolicy(session.accountId(), arn).orElseGet(() -> SharedPolicies.compile(
                    PolicySource.of(arn, PolicySource.Kind.CUSTOMER_MANAGED), ALLOWS_NOTHING)));
        }
        return sessionPolicies.isEmpty() ? rolePolicies : rolePolicies.withSessionPolicies(sessionPolicies);
    }

    /** The facts of an existing user, group or role, or empty when there is none by that name. */
    Optional<TargetFacts> target(AccountView view, String accountId, IamActionTable.Target target, String name) {
        // names are unique case-insensitively; ASCII folding is what IAM names allow
        String key = target.name() + '\u0000' + name.toLowerCase(Locale.ROOT);
        Optional<TargetFacts> known = view.targets.get(key);
        if (known != null) {
            return known;
        }
        return putCapped(view.targets, key, loader.target(accountId, target, name));
    }

    private <V> V putCapped(ConcurrentHashMap<String, V> map, String key, V value) {
        if (map.size() >= maxEntriesPerAccount) {
            map.clear();
        }
        V raced = map.putIfAbsent(key, value);
        return raced != null ? raced : value;
    }

    private static CallerEntry entry(LoadedIdentity identity) {
        Map<String, String> tags = new LinkedHashMap<>();
        for (Tag tag : identity.tags()) {
            tags.put(tag.key(), tag.value());
        }
        return new CallerEntry(identity.arn(), identity.id(), Map.copyOf(tags), identity.policies());
    }

    /**
     * Configures an {@link AuthorizationIndex}. Required: {@link #readModel}, {@link #positions} and
     * {@link #ownWrites}. Defaults: positions read from the database are trusted for 1 s without local progress
     * ({@link #positionTtl}); at most 10,000 principals and 10,000 target entities cached per account
     * ({@link #maxEntriesPerAccount}). Not thread-safe.
     */
    public static final class Builder {
        private IamReadModel readModel;
        private DataSource dataSource;
        private String schema;
        private ProjectionConsumer projection;
        private Consumer<String> awaitOwnChanges;
        private ToLongFunction<String> lastChange;
        private Duration positionTtl = Duration.ofSeconds(1);
        private int maxEntriesPerAccount = 10_000;

        private Builder() {}

        /** The read model the policies are read from. Required. */
        public Builder readModel(IamReadModel readModel) {
            this.readModel = Objects.requireNonNull(readModel, "readModel");
            return this;
        }

        /**
         * Where account positions are read: the read model's database and schema ({@code projection_state}), and
         * the local projection consumer whose progress says when to read them again. Required.
         */
        public Builder positions(DataSource dataSource, String schema, ProjectionConsumer projection) {
            this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
            this.schema = Objects.requireNonNull(schema, "schema");
            this.projection = Objects.requireNonNull(projection, "projection");
            return this;
        }

        /**
         * Read-your-writes, for the writes that can change authorization (a role session issued cannot, and waiting
         * for it would make every call after an AssumeRole wait for the projection). Required.
         *
         * @param await      blocks until the read model holds every such event this server wrote for the account,
         *                   or throws the {@code IamException} to answer with
         * @param lastChange the global sequence of the newest such event this server wrote for the account, -1 for
         *                   none
         */
        public Builder ownWrites(Consumer<String> await, ToLongFunction<String> lastChange) {
            this.awaitOwnChanges = Objects.requireNonNull(await, "await");
            this.lastChange = Objects.requireNonNull(lastChange, "lastChange");
            return this;
        }

        /** How long a position read from the database is trusted while the local consumer applies nothing. */
        public Builder positionTtl(Duration ttl) {
            if (ttl.isNegative() || ttl.isZero()) {
                throw new IllegalArgumentException("positionTtl must be positive: " + ttl);
            }
            this.positionTtl = ttl;
            return this;
        }

        /** The most principals, and separately target entities, cached per account. */
        public Builder maxEntriesPerAccount(int max) {
            if (max < 1) {
                throw new IllegalArgumentException("maxEntriesPerAccount must be positive: " + max);
            }
            this.maxEntriesPerAccount = max;
            return this;
        }

        /** @throws IllegalStateException naming the missing setting */
        public AuthorizationIndex build() {
            if (readModel == null) {
                throw new IllegalStateException("AuthorizationIndex: readModel is required");
            }
            if (dataSource == null) {
                throw new IllegalStateException("AuthorizationIndex: positions are required");
            }
            if (awaitOwnChanges == null) {
                throw new IllegalStateException("AuthorizationIndex: ownWrites is required");
            }
            ProjectionConsumer consumer = projection;
            AccountPositions accountPositions = ProjectionPositions.fromDatabase(dataSource, schema,
                    consumer::authorizationChangesApplied, positionTtl);
            return new AuthorizationIndex(new ReadModelPolicyLoader(readModel, new SharedPolicies()),
                    accountPositions, awaitOwnChanges, lastChange, maxEntriesPerAccount);
        }
    }
}
