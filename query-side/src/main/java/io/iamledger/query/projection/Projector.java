package io.iamledger.query.projection;

import io.iamledger.events.EventEnvelope;
import io.iamledger.events.IamEvent;
import io.iamledger.events.account.AccountCreatedEvent;
import io.iamledger.events.account.AccountPasswordPolicyDeletedEvent;
import io.iamledger.events.account.AccountPasswordPolicyUpdatedEvent;
import io.iamledger.events.group.GroupCreatedEvent;
import io.iamledger.events.group.GroupDeletedEvent;
import io.iamledger.events.identity.AccessKeyCreatedEvent;
import io.iamledger.events.identity.AccessKeyDeletedEvent;
import io.iamledger.events.identity.AccessKeyRotatedEvent;
import io.iamledger.events.identity.AccessKeyStatus;
import io.iamledger.events.identity.AccessKeyStatusChangedEvent;
import io.iamledger.events.identity.IdentityRef;
import io.iamledger.events.identity.InlinePolicyDeletedEvent;
import io.iamledger.events.identity.InlinePolicyPutEvent;
import io.iamledger.events.identity.ManagedPolicyAttachedEvent;
import io.iamledger.events.identity.ManagedPolicyDetachedEvent;
import io.iamledger.events.identity.PermissionsBoundaryDeletedEvent;
import io.iamledger.events.identity.PermissionsBoundaryPutEvent;
import io.iamledger.events.identity.Tag;
import io.iamledger.events.identity.TagsAddedEvent;
import io.iamledger.events.identity.TagsRemovedEvent;
import io.iamledger.events.instanceprofile.InstanceProfileCreatedEvent;
import io.iamledger.events.instanceprofile.InstanceProfileDeletedEvent;
import io.iamledger.events.instanceprofile.RoleAddedToInstanceProfileEvent;
import io.iamledger.events.instanceprofile.RoleRemovedFromInstanceProfileEvent;
import io.iamledger.events.mfa.MfaDeviceDeactivatedEvent;
import io.iamledger.events.mfa.MfaDeviceEnabledEvent;
import io.iamledger.events.mfa.VirtualMfaDeviceCreatedEvent;
import io.iamledger.events.mfa.VirtualMfaDeviceDeletedEvent;
import io.iamledger.events.oidc.OpenIdConnectProviderCreatedEvent;
import io.iamledger.events.oidc.OpenIdConnectProviderDeletedEvent;
import io.iamledger.events.oidc.OpenIdConnectProviderUpdatedEvent;
import io.iamledger.events.policy.PolicyCreatedEvent;
import io.iamledger.events.policy.PolicyDefaultVersionSetEvent;
import io.iamledger.events.policy.PolicyDeletedEvent;
import io.iamledger.events.policy.PolicyVersionCreatedEvent;
import io.iamledger.events.policy.PolicyVersionDeletedEvent;
import io.iamledger.events.role.RoleCreatedEvent;
import io.iamledger.events.role.RoleDeletedEvent;
import io.iamledger.events.role.RoleSessionIssuedEvent;
import io.iamledger.events.role.RoleTrustPolicyUpdatedEvent;
import io.iamledger.events.role.RoleUpdatedEvent;
import io.iamledger.events.user.LoginProfileCreatedEvent;
import io.iamledger.events.user.LoginProfileDeletedEvent;
import io.iamledger.events.user.LoginProfileUpdatedEvent;
import io.iamledger.events.user.UserAddedToGroupEvent;
import io.iamledger.events.user.UserCreatedEvent;
import io.iamledger.events.user.UserDeletedEvent;
import io.iamledger.events.user.UserRemovedFromGroupEvent;
import io.iamledger.events.user.UserUpdatedEvent;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Applies committed events to the temporal read model of one schema.
 *
 * <p><b>Transactions.</b> {@link #apply} runs on the caller's connection inside the caller's transaction
 * (auto-commit must be off) and never commits or rolls back: the consumer stores its Kafka offsets in the same
 * transaction, so the rows and the position they correspond to become visible together or not at all. It sets
 * three planner options with {@code SET LOCAL} (custom plans, no hash or merge joins), which last until that
 * transaction ends; see the constructor for why.
 *
 * <p><b>Deduplication.</b> The schema keeps, per account, the global sequence of the last event applied
 * ({@code projection_state}). An envelope at or below its account's mark is skipped. This is correct for Kafka
 * because the topic is keyed by account id: all of an account's events sit in one partition, and the relay
 * publishes every partition in global-sequence order, so within an account sequences only grow however the
 * partitions interleave. (A per-partition mark would break when partitions are added and an account moves;
 * a single global mark would wrongly skip a slower partition's events.) The marks of the batch's accounts are
 * locked ({@code select ... for update}) for the rest of the transaction, so two consumers that briefly both
 * hold a partition during a rebalance cannot both apply the same event: the second waits, then sees the first's
 * mark. The caller must hand each account's envelopes over in increasing sequence (any interleaving of
 * accounts is fine), as a Kafka partition or a replay of the event store in sequence order does. Beside that mark
 * sits {@code last_change_seq}, the last applied event that {@linkplain IamEvent#changesAuthorization() can change
 * authorization}: caches of authorization state are valid while it stays put, however many sessions are recorded.
 *
 * <p><b>Speed.</b> A batch costs at most three round trips however many events it holds: lock and read the
 * marks; read the current rows that partial updates copy forward (only when the batch has such events); then one
 * multi-statement write with an UPDATE per table and key kind (closing rows), an INSERT per table (new versions)
 * and the new marks, each passing all its values as arrays to {@code unnest}. Replaying 200,000 events into fresh
 * tables runs at roughly 17,000–40,000 events/s on two cores (the shared VM varies) in batches of 500–5,000 (see
 * {@code ReplayBenchmark} under src/jmh); batches of a few hundred to a few thousand events are the sweet spot.
 *
 * <p>Times are event times ({@link IamEvent#occurredAt()}) truncated to the microsecond; the projector never reads
 * a clock, so a replay produces identical rows. Instances are immutable and thread-safe; concurrent calls must use
 * different connections.
 */
public final class Projector {

    /**
     * What one {@link #apply} call did.
     *
     * @param authorizationChanges how many of the applied events can change authorization
     */
    public record Result(int applied, int skipped, int authorizationChanges) {
        public Result {
            if (applied < 0 || skipped < 0 || authorizationChanges < 0 || authorizationChanges > applied) {
                throw new IllegalArgumentException("counts must be >= 0 (changes <= applied): " + applied + ", "
                        + skipped + ", " + authorizationChanges);
            }
        }
    }

    private static final String USER = "USER";
    private static final String ROOT = "ROOT";
    private static final String ROLE = "ROLE";
    /** The owner kind of a virtual MFA device's tags. */
    private static final String MFA_DEVICE = "MFA_DEVICE";
    /** The owner kind of an instance profile's tags. */
    private static final String INSTANCE_PROFILE = "INSTANCE_PROFILE";
    /** The owner kind of an OpenID Connect provider's tags. */
    private static final String OIDC_PROVIDER = "OIDC_PROVIDER";
    /** The tables whose current rows some events copy forward (see {@link #loadCurrentRows}). */
    private static final List<Table> COPIED = List.of(Table.USERS, Table.ROLES, Table.MANAGED_POLICIES, Table.ACCESS_KEYS);

    private final String schema;
    // Each of these is several statements sent as one: pgjdbc pipelines them in a single round trip and the
    // server runs them in order, each seeing the effects of the ones before.
    private final String marksSql;
    private final String loadSql;
    private final String writeSql;

    /**
     * @param schema the read-model schema to write, created by {@link ReadModelSchema#create}
     * @throws IllegalArgumentException when the schema name is not valid
     */
    public Projector(String schema) {
        this.schema = ReadModelSchema.checkName(schema);
        String s = ReadModelSchema.quoted(schema);
        // Planner settings first, for the rest of the caller's transaction only. Every statement here touches a
        // few rows by key through an index, but a replay writes into tables that have never been analyzed, and
        // without statistics the planner guesses that each key matches 0.5% of a table: it then prefers hashing a
        // sequential scan of the whole (growing) table to probing the index, and a 200k-event replay slows down
        // fourfold. Custom plans see the real table sizes; without hash and merge joins the joins of the closes
        // against their key arrays stay index nested loops.
        // Then the marks: rows first, so that the lock also covers accounts seen for the first time; a concurrent
        // transaction inserting the same account makes the insert wait until that transaction ends.
        this.marksSql = "set local plan_cache_mode = force_custom_plan;\n"
                + "set local enable_hashjoin = off;\n"
                + "set local enable_mergejoin = off;\n"
                + "insert into " + s + ".projection_state (account_id, last_applied_seq)"
                + " select a, -1 from unnest(?::text[]) as u(a) order by a on conflict (account_id) do nothing;\n"
                + "select account_id, last_applied_seq from " + s + ".projection_state"
                + " where account_id = any(?::text[]) order by account_id for update";
        StringBuilder loads = new StringBuilder();
        for (Table table : COPIED) {
            loads.append(loads.length() == 0 ? "" : ";\n").append(loadSql(s, table));
        }
        this.loadSql = loads.toString();
        // One statement text for every batch (tables without changes get empty arrays), so that pgjdbc and the
        // server parse it once per connection; leaving out the idle statements makes the text vary and costs more.
        StringBuilder writes = new StringBuilder();
        // Closes first: they must only ever touch rows from before the batch (see ChangeSet).
        for (Table table : Table.values()) {
            for (Table.Key key : table.keys) {
                writes.append(closeSql(s, table, key)).append(";\n");
            }
        }
        for (Table table : Table.values()) {
            writes.append(insertSql(s, table)).append(";\n");
        }
        writes.append("update ").append(s).append(".projection_state p set last_applied_seq = u.seq,")
                .append(" last_applied_time = ").append(time("u.micros")).append(",")
                .append(" last_change_seq = greatest(p.last_change_seq, u.change)")
                .append(" from unnest(?::text[], ?::bigint[], ?::bigint[], ?::bigint[]) as u(a, seq, micros, change)")
                .append(" where p.account_id = u.a");
        this.writeSql = writes.toString();
    }

    /** The schema this projector writes. */
    public String schema() {
        return schema;
    }

    /**
     * Applies the envelopes that are new for their accounts and skips the rest.
     *
     * @param connection a connection with auto-commit off; the caller commits or rolls back
     * @param envelopes  in increasing global sequence per account; may be empty
     * @throws SQLException          on a database error (the caller should roll back; nothing is half-applied once
     *                               it does)
     * @throws IllegalStateException when auto-commit is on, or when the log is inconsistent (an event changes an
     *                               entity that has no current row, say): applying it would make the model wrong
     */
    public Result apply(Connection connection, List<EventEnvelope> envelopes) throws SQLException {
        Objects.requireNonNull(connection, "connection");
        if (envelopes.isEmpty()) {
            return new Result(0, 0, 0);
        }
        if (connection.getAutoCommit()) {
            throw new IllegalStateException("Projector.apply needs a transaction: auto-commit is on");
        }
        Map<String, Long> marks = lockMarks(connection, envelopes);
        List<EventEnvelope> fresh = new ArrayList<>(envelopes.size());
        Map<String, Instant> lastTimes = new HashMap<>();
        Map<String, Long> lastChanges = new HashMap<>();
        int changes = 0;
        for (EventEnvelope envelope : envelopes) {
            String account = envelope.accountId();
            if (envelope.globalSequence() > marks.get(account)) {
                marks.put(account, envelope.globalSequence());
                lastTimes.put(account, envelope.occurredAt());
                if (envelope.event().changesAuthorization()) {
                    lastChanges.put(account, envelope.globalSequence());
                    changes++;
                }
                fresh.add(envelope);
            }
        }
        if (!fresh.isEmpty()) {
            ChangeSet changeSet = new ChangeSet();
            loadCurrentRows(connection, fresh, changeSet);
            for (EventEnvelope envelope : fresh) {
                project(envelope, changeSet);
            }
            write(connection, changeSet, marks, lastTimes, lastChanges);
        }
        return new Result(fresh.size(), envelopes.size() - fresh.size(), changes);
    }

    // ---- deduplication marks ----

    private Map<String, Long> lockMarks(Connection connection, List<EventEnvelope> envelopes) throws SQLException {
        Set<String> accounts = new TreeSet<>();
        for (EventEnvelope envelope : envelopes) {
            accounts.add(envelope.accountId());
        }
        Array accountArray = connection.createArrayOf("text", accounts.toArray());
        Map<String, Long> marks = new HashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(marksSql)) {
            statement.setArray(1, accountArray);
            statement.setArray(2, accountArray);
            boolean isResultSet = statement.execute();
            while (!isResultSet) {
                if (statement.getUpdateCount() == -1) {
                    throw new IllegalStateException("no result from " + marksSql);
                }
                isResultSet = statement.getMoreResults();
            }
            try (ResultSet rs = statement.getResultSet()) {
                while (rs.next()) {
                    marks.put(rs.getString(1), rs.getLong(2));
                }
            }
        }
        if (marks.size() != accounts.size()) {
            throw new IllegalStateException("projection_state rows missing for some of " + accounts);
        }
        return marks;
    }

    // ---- reading rows that events copy forward ----

    /**
     * Some events change part of an entity (UpdateUser renames, UpdateRole changes the description); the new
     * version copies the other columns from the current one. Those rows are read here in one query per table.
     */
    private void loadCurrentRows(Connection connection, List<EventEnvelope> fresh, ChangeSet changes)
            throws SQLException {
        Map<Table, Set<String>> wanted = new EnumMap<>(Table.class);
        for (EventEnvelope envelope : fresh) {
            IamEvent event = envelope.event();
            if (event instanceof UserUpdatedEvent e) {
                want(wanted, Table.USERS, e.userId());
            } else if (event instanceof RoleUpdatedEvent e) {
                want(wanted, Table.ROLES, e.roleId());
            } else if (event instanceof RoleTrustPolicyUpdatedEvent e) {
                want(wanted, Table.ROLES, e.roleId());
            } else if (event instanceof PolicyVersionCreatedEvent e) {
                want(wanted, Table.MANAGED_POLICIES, e.policyId());
            } else if (event instanceof PolicyDefaultVersionSetEvent e) {
                want(wanted, Table.MANAGED_POLICIES, e.policyId());
            } else if (event instanceof AccessKeyStatusChangedEvent e) {
                want(wanted, Table.ACCESS_KEYS, e.accessKeyId());
            } else if (event instanceof AccessKeyRotatedEvent e) {
                want(wanted, Table.ACCESS_KEYS, e.replacedAccessKeyId());
            }
        }
        if (wanted.isEmpty()) {
            return;
        }
        try (PreparedStatement load = connection.prepareStatement(loadSql)) {
            for (int i = 0; i < COPIED.size(); i++) {
                Set<String> ids = wanted.getOrDefault(COPIED.get(i), Set.of());
                load.setArray(i + 1, connection.createArrayOf("text", ids.toArray()));
            }
            boolean isResultSet = load.execute();
            for (Table table : COPIED) {
                if (!isResultSet) {
                    throw new IllegalStateException("expected a result set for " + table.tableName);
                }
                try (ResultSet rs = load.getResultSet()) {
                    while (rs.next()) {
                        Object[] values = new Object[table.columns.size()];
                        for (int i = 0; i < values.length; i++) {
                            values[i] = switch (table.columns.get(i).type()) {
                                case TEXT -> rs.getString(i + 1);
                                case INT -> rs.getInt(i + 1);
                                case TIME -> rs.getLong(i + 1);
                            };
                        }
                        changes.loaded(table, values);
                    }
                }
                isResultSet = load.getMoreResults();
            }
        }
    }

    private static void want(Map<Table, Set<String>> wanted, Table table, String id) {
        wanted.computeIfAbsent(table, t -> new LinkedHashSet<>()).add(id);
    }

    // ---- events to row changes ----

    private void project(EventEnvelope envelope, ChangeSet c) {
        long seq = envelope.globalSequence();
        IamEvent event = envelope.event();
        long t = micros(event.occurredAt());
        String acct = event.accountId();
        if (event instanceof AccountCreatedEvent) {
            return; // an account has no row of its own; its mark in projection_state records it
        }
        if (event instanceof AccountPasswordPolicyUpdatedEvent || event instanceof AccountPasswordPolicyDeletedEvent) {
            return; // the command side keeps the policy it enforces; its history is the log's
        }
        if (event instanceof UserCreatedEvent e) {
            c.open(Table.USERS, seq, t, acct, e.userId(), e.userName(), e.path(), e.arn(), t);
            e.permissionsBoundaryArn().ifPresent(arn ->
                    c.open(Table.PERMISSIONS_BOUNDARIES, seq, t, acct, USER, e.userId(), arn));
            putTags(c, seq, t, acct, USER, e.userId(), e.tags());
        } else if (event instanceof UserUpdatedEvent e) {
            Object[] old = current(c, envelope, Table.USERS, e.userId());
            c.close(Table.USERS, seq, t, e.userId());
            c.open(Table.USERS, seq, t, acct, e.userId(), e.newUserName(), e.newPath(), e.newArn(), old[5]);
        } else if (event instanceof UserDeletedEvent e) {
            c.close(Table.USERS, seq, t, e.userId());
            closeOwned(c, seq, t, e.userId());
            c.closeAll(Table.GROUP_MEMBERSHIPS, 1, seq, t, e.userId());
            c.closeAll(Table.ACCESS_KEYS, 1, seq, t, e.userId());
        } else if (event instanceof UserAddedToGroupEvent e) {
            c.close(Table.GROUP_MEMBERSHIPS, seq, t, e.userId(), e.groupId());
            c.open(Table.GROUP_MEMBERSHIPS, seq, t, acct, e.userId(), e.groupId());
        } else if (event instanceof UserRemovedFromGroupEvent e) {
            c.close(Table.GROUP_MEMBERSHIPS, seq, t, e.userId(), e.groupId());
        } else if (event instanceof GroupCreatedEvent e) {
            c.open(Table.GROUPS, seq, t, acct, e.groupId(), e.groupName(), e.path(), e.arn(), t);
        } else if (event instanceof GroupDeletedEvent e) {
            c.close(Table.GROUPS, seq, t, e.groupId());
            closeOwned(c, seq, t, e.groupId());
            c.closeAll(Table.GROUP_MEMBERSHIPS, 2, seq, t, e.groupId());
        } else if (event instanceof RoleCreatedEvent e) {
            c.open(Table.ROLES, seq, t, acct, e.roleId(), e.roleName(), e.path(), e.arn(), t,
                    e.assumeRolePolicyDocument(), e.description().orElse(null), e.maxSessionDuration());
            e.permissionsBoundaryArn().ifPresent(arn ->
                    c.open(Table.PERMISSIONS_BOUNDARIES, seq, t, acct, ROLE, e.roleId(), arn));
            putTags(c, seq, t, acct, ROLE, e.roleId(), e.tags());
        } else if (event instanceof RoleUpdatedEvent e) {
            Object[] old = current(c, envelope, Table.ROLES, e.roleId());
            c.close(Table.ROLES, seq, t, e.roleId());
            c.open(Table.ROLES, seq, t, old[0], old[1], old[2], old[3], old[4], old[5], old[6],
                    e.description().orElse(null), e.maxSessionDuration());
        } else if (event instanceof RoleTrustPolicyUpdatedEvent e) {
            Object[] old = current(c, envelope, Table.ROLES, e.roleId());
            c.close(Table.ROLES, seq, t, e.roleId());
            c.open(Table.ROLES, seq, t, old[0], old[1], old[2], old[3], old[4], old[5],
                    e.assumeRolePolicyDocument(), old[7], old[8]);
            // sessions issued under the old trust policy are refused from now on
            c.closeAll(Table.ROLE_SESSIONS, 1, seq, t, e.roleId());
        } else if (event instanceof RoleDeletedEvent e) {
            c.close(Table.ROLES, seq, t, e.roleId());
            closeOwned(c, seq, t, e.roleId());
            // the server refuses a deleted role's sessions from now on
            c.closeAll(Table.ROLE_SESSIONS, 1, seq, t, e.roleId());
        } else if (event instanceof PolicyCreatedEvent e) {
            c.open(Table.MANAGED_POLICIES, seq, t, acct, e.policyId(), e.policyName(), e.path(), e.arn(),
                    e.description().orElse(null), "v1", t, t);
            c.open(Table.POLICY_VERSIONS, seq, t, acct, e.policyId(), "v1", e.policyDocument(), t);
        } else if (event instanceof PolicyVersionCreatedEvent e) {
            Object[] old = current(c, envelope, Table.MANAGED_POLICIES, e.policyId());
            c.open(Table.POLICY_VERSIONS, seq, t, acct, e.policyId(), e.versionId(), e.policyDocument(), t);
            // AWS: UpdateDate is when the newest version was created.
            c.close(Table.MANAGED_POLICIES, seq, t, e.policyId());
            c.open(Table.MANAGED_POLICIES, seq, t, old[0], old[1], old[2], old[3], old[4], old[5],
                    e.setAsDefault() ? e.versionId() : old[6], old[7], t);
        } else if (event instanceof PolicyDefaultVersionSetEvent e) {
            Object[] old = current(c, envelope, Table.MANAGED_POLICIES, e.policyId());
            c.close(Table.MANAGED_POLICIES, seq, t, e.policyId());
            c.open(Table.MANAGED_POLICIES, seq, t, old[0], old[1], old[2], old[3], old[4], old[5],
                    e.versionId(), old[7], old[8]);
        } else if (event instanceof PolicyVersionDeletedEvent e) {
            c.close(Table.POLICY_VERSIONS, seq, t, e.policyId(), e.versionId());
        } else if (event instanceof PolicyDeletedEvent e) {
            c.close(Table.MANAGED_POLICIES, seq, t, e.policyId());
            c.closeAll(Table.POLICY_VERSIONS, 1, seq, t, e.policyId());
            c.closeAll(Table.POLICY_ATTACHMENTS, 2, seq, t, acct, e.policyArn());
        } else if (event instanceof ManagedPolicyAttachedEvent e) {
            IdentityRef who = e.identity();
            c.close(Table.POLICY_ATTACHMENTS, seq, t, who.id(), e.policyArn());
            c.open(Table.POLICY_ATTACHMENTS, seq, t, acct, who.kind().name(), who.id(), e.policyArn());
        } else if (event instanceof ManagedPolicyDetachedEvent e) {
            c.close(Table.POLICY_ATTACHMENTS, seq, t, e.identity().id(), e.policyArn());
        } else if (event instanceof InlinePolicyPutEvent e) {
            IdentityRef who = e.identity();
            c.close(Table.INLINE_POLICIES, seq, t, who.id(), e.policyName());
            c.open(Table.INLINE_POLICIES, seq, t, acct, who.kind().name(), who.id(), e.policyName(), e.policyDocument());
        } else if (event instanceof InlinePolicyDeletedEvent e) {
            c.close(Table.INLINE_POLICIES, seq, t, e.identity().id(), e.policyName());
        } else if (event instanceof PermissionsBoundaryPutEvent e) {
            IdentityRef who = e.identity();
            c.close(Table.PERMISSIONS_BOUNDARIES, seq, t, who.id());
            c.open(Table.PERMISSIONS_BOUNDARIES, seq, t, acct, who.kind().name(), who.id(), e.boundaryArn());
        } else if (event instanceof PermissionsBoundaryDeletedEvent e) {
            c.close(Table.PERMISSIONS_BOUNDARIES, seq, t, e.identity().id());
        } else if (event instanceof TagsAddedEvent e) {
            IdentityRef who = e.identity();
            putTags(c, seq, t, acct, who.kind().name(), who.id(), e.tags());
        } else if (event instanceof TagsRemovedEvent e) {
            for (String key : new LinkedHashSet<>(e.tagKeys())) {
                c.close(Table.TAGS, seq, t, e.identity().id(), key);
            }
        } else if (event instanceof AccessKeyCreatedEvent e) {
            c.open(Table.ACCESS_KEYS, seq, t, acct, ownerKind(e.owner()), e.owner().id(), e.accessKeyId(),
                    AccessKeyStatus.Active.name(), t);
        } else if (event instanceof AccessKeyStatusChangedEvent e) {
            Object[] old = current(c, envelope, Table.ACCESS_KEYS, e.accessKeyId());
            c.close(Table.ACCESS_KEYS, seq, t, e.accessKeyId());
            c.open(Table.ACCESS_KEYS, seq, t, old[0], old[1], old[2], old[3], e.status().name(), old[5]);
        } else if (event instanceof AccessKeyDeletedEvent e) {
            c.close(Table.ACCESS_KEYS, seq, t, e.accessKeyId());
        } else if (event instanceof AccessKeyRotatedEvent e) {
            Object[] old = current(c, envelope, Table.ACCESS_KEYS, e.replacedAccessKeyId());
            c.open(Table.ACCESS_KEYS, seq, t, acct, ownerKind(e.owner()), e.owner().id(), e.newAccessKeyId(),
                    AccessKeyStatus.Active.name(), t);
            c.close(Table.ACCESS_KEYS, seq, t, e.replacedAccessKeyId());
            c.open(Table.ACCESS_KEYS, seq, t, old[0], old[1], old[2], old[3], AccessKeyStatus.Inactive.name(), old[5]);
        } else if (event instanceof RoleSessionIssuedEvent e) {
            c.open(Table.ROLE_SESSIONS, seq, t, acct, e.roleId(), e.accessKeyId(), e.sessionName(), e.sessionArn(),
                    e.issuerArn(), e.issuerAccountId(), e.sourceIdentity().orElse(null), micros(e.expiration()));
        } else if (event instanceof LoginProfileCreatedEvent e) {
            c.open(Table.LOGIN_PROFILES, seq, t, acct, e.userId(), t, e.passwordResetRequired() ? 1 : 0);
        } else if (event instanceof LoginProfileUpdatedEvent e) {
            c.close(Table.LOGIN_PROFILES, seq, t, e.userId());
            c.open(Table.LOGIN_PROFILES, seq, t, acct, e.userId(), micros(e.createDate()),
                    e.passwordResetRequired() ? 1 : 0);
        } else if (event instanceof LoginProfileDeletedEvent e) {
            c.close(Table.LOGIN_PROFILES, seq, t, e.userId());
        } else if (event instanceof VirtualMfaDeviceCreatedEvent e) {
            c.open(Table.MFA_DEVICES, seq, t, acct, e.deviceId(), e.serialNumber(), t);
            putTags(c, seq, t, acct, MFA_DEVICE, e.deviceId(), e.tags());
        } else if (event instanceof MfaDeviceEnabledEvent e) {
            c.open(Table.MFA_ASSIGNMENTS, seq, t, acct, e.deviceId(), e.user().id(), t);
        } else if (event instanceof MfaDeviceDeactivatedEvent e) {
            c.close(Table.MFA_ASSIGNMENTS, seq, t, e.deviceId());
        } else if (event instanceof VirtualMfaDeviceDeletedEvent e) {
            c.close(Table.MFA_DEVICES, seq, t, e.deviceId());
            c.closeAll(Table.TAGS, 1, seq, t, e.deviceId());
        } else if (event instanceof InstanceProfileCreatedEvent e) {
            c.open(Table.INSTANCE_PROFILES, seq, t, acct, e.instanceProfileId(), e.instanceProfileName(), e.path(),
                    e.arn(), t);
            putTags(c, seq, t, acct, INSTANCE_PROFILE, e.instanceProfileId(), e.tags());
        } else if (event instanceof RoleAddedToInstanceProfileEvent e) {
            c.open(Table.INSTANCE_PROFILE_ROLES, seq, t, acct, e.instanceProfileId(), e.roleId());
        } else if (event instanceof RoleRemovedFromInstanceProfileEvent e) {
            c.close(Table.INSTANCE_PROFILE_ROLES, seq, t, e.instanceProfileId());
        } else if (event instanceof InstanceProfileDeletedEvent e) {
            c.close(Table.INSTANCE_PROFILES, seq, t, e.instanceProfileId());
            c.closeAll(Table.TAGS, 1, seq, t, e.instanceProfileId());
        } else if (event instanceof OpenIdConnectProviderCreatedEvent e) {
            c.open(Table.OIDC_PROVIDERS, seq, t, acct, e.providerId(), e.arn(), e.url(),
                    String.join("\n", e.clientIds()), String.join("\n", e.thumbprints()), t);
            putTags(c, seq, t, acct, OIDC_PROVIDER, e.providerId(), e.tags());
        } else if (event instanceof OpenIdConnectProviderUpdatedEvent e) {
            c.close(Table.OIDC_PROVIDERS, seq, t, e.providerId());
            c.open(Table.OIDC_PROVIDERS, seq, t, acct, e.providerId(), e.arn(), e.url(),
                    String.join("\n", e.clientIds()), String.join("\n", e.thumbprints()), micros(e.createDate()));
        } else if (event instanceof OpenIdConnectProviderDeletedEvent e) {
            c.close(Table.OIDC_PROVIDERS, seq, t, e.providerId());
            c.closeAll(Table.TAGS, 1, seq, t, e.providerId());
        } else {
            throw new IllegalArgumentException("no projection for event type " + event.getClass().getName()
                    + " at sequence " + seq);
        }
    }

    /** Rows that belong to an identity and go when it goes (AWS makes most be removed first; tags go along). */
    private static void closeOwned(ChangeSet c, long seq, long t, String identityId) {
        c.closeAll(Table.POLICY_ATTACHMENTS, 1, seq, t, identityId);
        c.closeAll(Table.INLINE_POLICIES, 1, seq, t, identityId);
        c.closeAll(Table.PERMISSIONS_BOUNDARIES, 0, seq, t, identityId);
        c.closeAll(Table.TAGS, 1, seq, t, identityId);
    }

    private static void putTags(ChangeSet c, long seq, long t, String acct, String kind, String id, List<Tag> tags) {
        // A later tag with the same key (case-insensitively) in one request wins, as it would in two requests.
        Map<String, Tag> byKey = new LinkedHashMap<>();
        for (Tag tag : tags) {
            byKey.put(Table.fold(tag.key()), tag);
        }
        for (Tag tag : byKey.values()) {
            c.close(Table.TAGS, seq, t, id, tag.key());
            c.open(Table.TAGS, seq, t, acct, kind, id, tag.key(), tag.value());
        }
    }

    private static String ownerKind(IdentityRef owner) {
        return switch (owner.kind()) {
            case ROOT -> ROOT;
            case USER -> USER;
            default -> throw new IllegalArgumentException("access keys belong to a user or the root, not " + owner);
        };
    }

    private static Object[] current(ChangeSet c, EventEnvelope envelope, Table table, String id) {
        return c.current(table, id).orElseThrow(() -> new IllegalStateException(
                envelope.event().getClass().getSimpleName() + " at sequence " + envelope.globalSequence()
                        + " changes " + table.tableName + " row " + id + ", which has no current version"));
    }

    // ---- writing ----

    /** Sends every close, every insert and the new marks as one multi-statement round trip. */
    private void write(Connection connection, ChangeSet changes, Map<String, Long> marks,
                       Map<String, Instant> lastTimes, Map<String, Long> lastChanges) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(writeSql)) {
            int param = 1;
            for (Table table : Table.values()) {
                ChangeSet.TableChanges tableChanges = changes.changes(table);
                for (Table.Key key : table.keys) {
                    param = bindCloses(connection, statement, param, key,
                            tableChanges.dbCloses.get(key.ordinal()).values());
                }
            }
            for (Table table : Table.values()) {
                param = bindInserts(connection, statement, param, table, changes.changes(table).inserts);
            }
            List<String> accounts = new ArrayList<>();
            List<Long> seqs = new ArrayList<>();
            List<Long> micros = new ArrayList<>();
            List<Long> changeSeqs = new ArrayList<>();
            for (Map.Entry<String, Instant> entry : new TreeMap<>(lastTimes).entrySet()) {
                accounts.add(entry.getKey());
                seqs.add(marks.get(entry.getKey()));
                micros.add(micros(entry.getValue()));
                changeSeqs.add(lastChanges.getOrDefault(entry.getKey(), -1L));
            }
            statement.setArray(param++, connection.createArrayOf("text", accounts.toArray()));
            statement.setArray(param++, connection.createArrayOf("bigint", seqs.toArray()));
            statement.setArray(param++, connection.createArrayOf("bigint", micros.toArray()));
            statement.setArray(param, connection.createArrayOf("bigint", changeSeqs.toArray()));
            statement.execute();
            // Drain the per-statement results so that an error in a later statement surfaces here.
            while (statement.getMoreResults() || statement.getUpdateCount() != -1) {
                // nothing to read: the counts are not needed
            }
        }
    }

    private static int bindCloses(Connection connection, PreparedStatement statement, int firstParam, Table.Key key,
                                  Collection<ChangeSet.Close> pending) throws SQLException {
        int parts = key.parts().size();
        Object[][] keyColumns = new Object[parts][pending.size()];
        Object[] seqs = new Object[pending.size()];
        Object[] micros = new Object[pending.size()];
        int i = 0;
        for (ChangeSet.Close close : pending) {
            for (int p = 0; p < parts; p++) {
                keyColumns[p][i] = close.keyValues()[p];
            }
            seqs[i] = close.seq();
            micros[i] = close.micros();
            i++;
        }
        int param = firstParam;
        for (Object[] column : keyColumns) {
            statement.setArray(param++, connection.createArrayOf("text", column));
        }
        statement.setArray(param++, connection.createArrayOf("bigint", seqs));
        statement.setArray(param++, connection.createArrayOf("bigint", micros));
        return param;
    }

    private static int bindInserts(Connection connection, PreparedStatement statement, int firstParam, Table table,
                                   List<ChangeSet.Row> rows) throws SQLException {
        int n = rows.size();
        int width = table.columns.size();
        Object[][] columns = new Object[width + 4][n];
        for (int r = 0; r < n; r++) {
            ChangeSet.Row row = rows.get(r);
            for (int col = 0; col < width; col++) {
                columns[col][r] = row.values[col];
            }
            columns[width][r] = row.fromSeq;
            columns[width + 1][r] = row.fromMicros;
            columns[width + 2][r] = row.open() ? null : row.toSeq;
            columns[width + 3][r] = row.open() ? null : row.toMicros;
        }
        int param = firstParam;
        for (int col = 0; col < width + 4; col++) {
            String type = col < width ? arrayType(table.columns.get(col).type()) : "bigint";
            statement.setArray(param++, connection.createArrayOf(type, columns[col]));
        }
        return param;
    }

    // ---- SQL text ----

    private static String insertSql(String s, Table table) {
        StringBuilder names = new StringBuilder();
        StringBuilder selects = new StringBuilder();
        StringBuilder arrays = new StringBuilder();
        StringBuilder aliases = new StringBuilder();
        for (int i = 0; i < table.columns.size(); i++) {
            Table.Column column = table.columns.get(i);
            names.append(column.name()).append(", ");
            String alias = "c" + i;
            selects.append(column.type() == Table.Type.TIME ? time("u." + alias) : "u." + alias).append(", ");
            arrays.append("?::").append(arrayType(column.type())).append("[], ");
            aliases.append(alias).append(", ");
        }
        return "insert into " + s + "." + table.tableName + " (" + names
                + "valid_from_seq, valid_from_time, valid_to_seq, valid_to_time) select " + selects
                + "u.fs, " + time("u.ft") + ", u.ts, " + time("u.tt")
                + " from unnest(" + arrays + "?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[]) as u("
                + aliases + "fs, ft, ts, tt)";
    }

    private static String closeSql(String s, Table table, Table.Key key) {
        StringBuilder arrays = new StringBuilder();
        StringBuilder aliases = new StringBuilder();
        StringBuilder match = new StringBuilder();
        for (int p = 0; p < key.parts().size(); p++) {
            Table.KeyPart part = key.parts().get(p);
            String column = "t." + table.columns.get(part.column()).name();
            arrays.append("?::text[], ");
            aliases.append("k").append(p).append(", ");
            match.append(part.folded() ? "lower(" + column + ")" : column).append(" = c.k").append(p).append(" and ");
        }
        // valid_from_seq < c.seq: only versions that existed before the closing event; valid_to_seq > c.seq:
        // an earlier close of the same row wins over a later one, whatever order the statements run in.
        return "update " + s + "." + table.tableName + " t set valid_to_seq = c.seq, valid_to_time = "
                + time("c.micros") + " from unnest(" + arrays + "?::bigint[], ?::bigint[]) as c(" + aliases
                + "seq, micros) where " + match
                + "t.valid_from_seq < c.seq and (t.valid_to_seq is null or t.valid_to_seq > c.seq)";
    }

    private static String loadSql(String s, Table table) {
        StringBuilder selects = new StringBuilder();
        for (int i = 0; i < table.columns.size(); i++) {
            Table.Column column = table.columns.get(i);
            if (i > 0) {
                selects.append(", ");
            }
            selects.append(column.type() == Table.Type.TIME ? micros(column.name()) : column.name());
        }
        String id = table.columns.get(table.identity().parts().get(0).column()).name();
        return "select " + selects + " from " + s + "." + table.tableName + " where " + id
                + " = any(?::text[]) and valid_to_seq is null";
    }

    private static String arrayType(Table.Type type) {
        return switch (type) {
            case TEXT -> "text";
            case INT -> "integer";
            case TIME -> "bigint";
        };
    }

    /**
     * SQL turning epoch microseconds into a timestamptz. PostgreSQL multiplies the interval by a float8, which is
     * exact for integers below 2^53 microseconds (until the year 2255).
     */
    static String time(String microsExpression) {
        return "(timestamptz 'epoch' + " + microsExpression + " * interval '1 microsecond')";
    }

    /** SQL turning a timestamptz column into epoch microseconds, exactly. */
    static String micros(String timeExpression) {
        return "(extract(epoch from " + timeExpression + ") * 1000000)::bigint";
    }

    /** An instant as epoch microseconds, truncated (the resolution of timestamptz). */
    static long micros(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
    }
}
