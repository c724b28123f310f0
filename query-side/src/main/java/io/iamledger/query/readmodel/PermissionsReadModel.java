package io.iamledger.query.readmodel;

import io.iamledger.events.identity.Tag;
import io.iamledger.query.projection.ReadModelSchema;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Reads {@link PermissionFacts}: for one user, one role or every user and role of an account, at the current state
 * or as of an earlier moment, in one snapshot and one query, whatever the number of principals, groups and
 * policies (the authorizer's cache misses and the time-travel questions read through it, instead of a dozen paged
 * reads per principal). Names match case-insensitively, as in {@link IamReadModel}. Immutable and thread-safe.
 */
public final class PermissionsReadModel {
    private final DataSource dataSource;
    private final String schema;
    private final String s;
    private final Query.Moment moment;

    private PermissionsReadModel(DataSource dataSource, String schema, Query.Moment moment) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.schema = ReadModelSchema.checkName(schema);
        this.s = ReadModelSchema.quoted(schema);
        this.moment = moment;
    }

    /** The current state of {@code schema}. @throws IllegalArgumentException when the schema name is not valid */
    public static PermissionsReadModel create(DataSource dataSource, String schema) {
        return new PermissionsReadModel(dataSource, schema, new Query.Current());
    }

    static PermissionsReadModel at(DataSource dataSource, String schema, Query.Moment moment) {
        return new PermissionsReadModel(dataSource, schema, moment);
    }

    /** The same facts as they stood at {@code instant} (event time). */
    public PermissionsReadModel asOf(Instant instant) {
        return new PermissionsReadModel(dataSource, schema, new Query.AtTime(Objects.requireNonNull(instant)));
    }

    /** The user named {@code userName} (no principal when there is none), its groups and their policies. */
    public PermissionFacts user(String accountId, String userName) {
        return read(accountId, Optional.of(userName), Optional.empty());
    }

    /** The role named {@code roleName} (no principal when there is none) and its policies. */
    public PermissionFacts role(String accountId, String roleName) {
        return read(accountId, Optional.empty(), Optional.of(roleName));
    }

    /** Every user and role of the account, their groups and policies. */
    public PermissionFacts account(String accountId) {
        return read(accountId, null, null);
    }

    /**
     * What decided the permissions of the user named {@code userName} at every instant of [from, to] (each user
     * that had the name in the window: one deleted and created again is another), read in one snapshot and one
     * query, whatever moment this view looks at; {@link PermissionHistory#at} gives the facts of an instant and
     * {@link PermissionHistory#changes} the instants at which they may differ.
     *
     * @throws IllegalArgumentException when {@code to} is before {@code from}
     */
    public PermissionHistory userHistory(String accountId, String userName, Instant from, Instant to) {
        Query.During window = new Query.During(from, to);
        return new PermissionHistory(window.from(), window.to(),
                rows(window, accountId, Optional.of(userName), Optional.empty()));
    }

    /** As {@link #userHistory}, for the role named {@code roleName}. */
    public PermissionHistory roleHistory(String accountId, String roleName, Instant from, Instant to) {
        Query.During window = new Query.During(from, to);
        return new PermissionHistory(window.from(), window.to(),
                rows(window, accountId, Optional.empty(), Optional.of(roleName)));
    }

    /**
     * @param userName a user's name for that user alone, empty for no user; null (with {@code roleName} null) for
     *                 every user and role
     */
    private PermissionFacts read(String accountId, Optional<String> userName, Optional<String> roleName) {
        return assemble(rows(moment, accountId, userName, roleName));
    }

    /** One read-model row version behind the facts, with when it held (event time and global sequence). */
    record Row(String row, String a, String b, String c, String d, String e, Instant from, Instant to,
               long fromSequence, Long toSequence) {
        boolean holdsAt(Instant instant) {
            return !from.isAfter(instant) && (to == null || to.isAfter(instant));
        }
    }

    private List<Row> rows(Query.Moment at, String accountId, Optional<String> userName, Optional<String> roleName) {
        Objects.requireNonNull(accountId, "accountId");
        boolean everyone = userName == null;
        Query q = new Query(at).sql("with p as (");
        if (everyone || userName.isPresent()) {
            q.sql("select 'USER' as kind, u.user_id as id, u.user_name as name, u.arn, null::text as trust"
                    + validity("u") + " from " + s + ".users u where u.account_id = ").param(accountId);
            if (!everyone) {
                q.sql(" and lower(u.user_name) = lower(").textC(userName.get()).sql(")");
            }
            q.sql(" and ").live("u");
        }
        if (everyone) {
            q.sql(" union all ");
        }
        if (everyone || roleName.isPresent()) {
            q.sql("select 'ROLE' as kind, r.role_id as id, r.role_name as name, r.arn,"
                    + " r.assume_role_policy_document as trust" + validity("r") + " from " + s
                    + ".roles r where r.account_id = ").param(accountId);
            if (!everyone) {
                q.sql(" and lower(r.role_name) = lower(").textC(roleName.get()).sql(")");
            }
            q.sql(" and ").live("r");
        }
        // semi-joins (in), not joins: over a window a principal or group may have several versions
        q.sql("), m as (select x.user_id, x.group_id" + validity("x") + " from " + s + ".group_memberships x"
                        + " where x.user_id in (select id from p) and x.account_id = ").param(accountId)
                .sql(" and ").live("x")
                .sql("), g as (select y.group_id as id, y.group_name as name, y.arn" + validity("y") + " from " + s
                        + ".groups y where y.account_id = ").param(accountId)
                .sql(" and y.group_id in (select group_id from m) and ").live("y")
                .sql("), h as (select id from p union all select id from g)"
                        + ", a as (select x.identity_id, x.policy_arn" + validity("x") + " from " + s
                        + ".policy_attachments x where x.identity_id in (select id from h) and x.account_id = ")
                .param(accountId).sql(" and ").live("x")
                .sql("), b as (select x.identity_id, x.boundary_arn" + validity("x") + " from " + s
                        + ".permissions_boundaries x where x.identity_id in (select id from p) and x.account_id = ")
                .param(accountId).sql(" and ").live("x")
                .sql(") select 'P' as row, p.kind as a, p.id as b, p.name as c, p.arn as d, p.trust as e, vf, vt, fs, ts"
                        + " from p"
                        + " union all select 'G', null, g.id, g.name, g.arn, null, vf, vt, fs, ts from g"
                        + " union all select 'M', null, m.user_id, m.group_id, null, null, vf, vt, fs, ts from m"
                        + " union all select 'A', null, a.identity_id, a.policy_arn, null, null, vf, vt, fs, ts from a"
                        + " union all select 'B', null, b.identity_id, b.boundary_arn, null, null, vf, vt, fs, ts from b"
                        + " union all select 'I', null, x.identity_id, x.policy_name, x.document, null"
                        + validity("x") + " from " + s + ".inline_policies x where x.identity_id in"
                        + " (select id from h) and x.account_id = ").param(accountId)
                .sql(" and ").live("x")
                .sql(" union all select 'T', null, x.identity_id, x.tag_key, x.tag_value, null" + validity("x")
                        + " from " + s + ".tags x where x.identity_id in (select id from p) and x.account_id = ")
                .param(accountId).sql(" and ").live("x")
                // one index lookup per policy the principals use (policy_arn is "C"-collated, arn is not); a
                // default version holds while both its policy's version row and that version's row do
                .sql(" union all select 'V', null, d.arn, d.policy_id, d.default_version_id, d.document,"
                        + " d.vf, d.vt, d.fs, d.ts from"
                        + " (select policy_arn collate \"default\" as arn from a"
                        + " union select boundary_arn collate \"default\" from b) w cross join lateral"
                        + " (select mp.arn, mp.policy_id, mp.default_version_id, v.document,"
                        + " case when mp.valid_from_seq >= v.valid_from_seq then mp.valid_from_time"
                        + " else v.valid_from_time end as vf,"
                        + " case when v.valid_to_seq is null or mp.valid_to_seq <= v.valid_to_seq then mp.valid_to_time"
                        + " else v.valid_to_time end as vt,"
                        + " greatest(mp.valid_from_seq, v.valid_from_seq) as fs,"
                        + " least(mp.valid_to_seq, v.valid_to_seq) as ts from " + s + ".managed_policies mp join " + s
                        + ".policy_versions v on v.policy_id = mp.policy_id and v.version_id = mp.default_version_id"
                        + " and (v.valid_to_seq is null or v.valid_to_seq > mp.valid_from_seq)"
                        + " and (mp.valid_to_seq is null or mp.valid_to_seq > v.valid_from_seq) and ").live("v")
                .sql(" where mp.arn = w.arn and mp.account_id = ").param(accountId).sql(" and ").live("mp");
        if (!(at instanceof Query.During)) {
            // the newest version first: the index scan stops at the one that holds instead of reading them all
            q.sql(" ").newestFirst("mp").sql(" limit 1");
        }
        q.sql(") d");
        return Snapshot.read(dataSource, schema, c -> {
            if (!everyone) {
                // one principal's read is the same plan whatever the values: plan it once per connection (the
                // driver prepares it on the server after a few uses) instead of spending longer planning the
                // statement than running it
                try (Statement statement = c.createStatement()) {
                    statement.execute("set local plan_cache_mode = force_generic_plan");
                }
            }
            return q.list(c, rs -> new Row(rs.getString("row"), rs.getString("a"), rs.getString("b"),
                    rs.getString("c"), rs.getString("d"), rs.getString("e"), Query.instant(rs, "vf"),
                    Query.instantOrNull(rs, "vt"), rs.getLong("fs"), rs.getObject("ts", Long.class)));
        });
    }

    private static String validity(String alias) {
        return ", " + alias + ".valid_from_time as vf, " + alias + ".valid_to_time as vt, " + alias
                + ".valid_from_seq as fs, " + alias + ".valid_to_seq as ts";
    }

    /** The facts these rows make up (all of them: the rows that held at one moment). */
    static PermissionFacts assemble(List<Row> rows) {
        Assembly assembly = new Assembly();
        for (Row row : rows) {
            assembly.add(row.row(), row.a(), row.b(), row.c(), row.d(), row.e());
        }
        return assembly.facts();
    }

    /** Collects the rows of the one query into facts; the rows come in no particular order. */
    private static final class Assembly {
        private final Map<String, Draft> principals = new LinkedHashMap<>();
        private final Map<String, Draft> groups = new HashMap<>();
        private final List<String[]> memberships = new ArrayList<>();
        private final List<String[]> held = new ArrayList<>(); // kind, identity id, first value, second value
        private final Map<String, PermissionFacts.ManagedPolicyVersion> managed = new HashMap<>();

        void add(String row, String a, String b, String c, String d, String e) {
            switch (row) {
                case "P" -> principals.put(b, new Draft(PermissionFacts.Kind.valueOf(a), b, c, d, e));
                case "G" -> groups.put(b, new Draft(PermissionFacts.Kind.GROUP, b, c, d, null));
                case "M" -> memberships.add(new String[] {b, c});
                case "V" -> managed.put(b, new PermissionFacts.ManagedPolicyVersion(b, c, d, e));
                default -> held.add(new String[] {row, b, c, d});
            }
        }

        PermissionFacts facts() {
            for (String[] membership : memberships) {
                Draft user = principals.get(membership[0]);
                Draft group = groups.get(membership[1]);
                if (user != null && group != null) {
                    user.groups.add(group);
                }
            }
            for (String[] row : held) {
                Draft holder = principals.containsKey(row[1]) ? principals.get(row[1]) : groups.get(row[1]);
                if (holder == null) {
                    continue;
                }
                switch (row[0]) {
                    case "A" -> holder.attached.add(row[2]);
                    case "B" -> holder.boundary = row[2];
                    case "I" -> holder.inline.add(new InlinePolicy(row[2], row[3]));
                    case "T" -> holder.tags.add(new Tag(row[2], row[3]));
                    default -> throw new IllegalStateException("unknown row kind " + row[0]);
                }
            }
            // a window's rows may name groups and policies no principal holds at this instant: leave them out
            Map<String, PermissionFacts.Holder> groupViews = new HashMap<>();
            Map<String, PermissionFacts.ManagedPolicyVersion> used = new HashMap<>();
            List<PermissionFacts.Holder> views = new ArrayList<>();
            for (Draft principal : principals.values()) {
                views.add(principal.view());
                principal.uses(managed, used);
                for (Draft group : principal.groups) {
                    groupViews.computeIfAbsent(group.id, id -> group.view());
                    group.uses(managed, used);
                }
            }
            views.sort(Comparator.comparing((PermissionFacts.Holder holder) -> holder.kind())
                    .thenComparing(holder -> holder.name().toLowerCase(Locale.ROOT))
                    .thenComparing(PermissionFacts.Holder::id));
            return new PermissionFacts(views, groupViews, used);
        }
    }

    private static final class Draft {
        final PermissionFacts.Kind kind;
        final String id;
        final String name;
        final String arn;
        final String trust;
        final List<Tag> tags = new ArrayList<>();
        final List<InlinePolicy> inline = new ArrayList<>();
        final List<String> attached = new ArrayList<>();
        final List<Draft> groups = new ArrayList<>();
        String boundary;

        Draft(PermissionFacts.Kind kind, String id, String name, String arn, String trust) {
            this.kind = kind;
            this.id = id;
            this.name = name;
            this.arn = arn;
            this.trust = trust;
        }

        /** Adds the versions of the managed policies this holds (attached or as its boundary) to {@code used}. */
        void uses(Map<String, PermissionFacts.ManagedPolicyVersion> versions,
                  Map<String, PermissionFacts.ManagedPolicyVersion> used) {
            for (String policyArn : attached) {
                PermissionFacts.ManagedPolicyVersion version = versions.get(policyArn);
                if (version != null) {
                    used.put(policyArn, version);
                }
            }
            if (boundary != null && versions.containsKey(boundary)) {
                used.put(boundary, versions.get(boundary));
            }
        }

        PermissionFacts.Holder view() {
            inline.sort(Comparator.comparing(InlinePolicy::policyName));
            attached.sort(Comparator.comparing((String policyArn) -> policyArn.substring(policyArn.lastIndexOf('/') + 1)
                    .toLowerCase(Locale.ROOT)).thenComparing(Comparator.naturalOrder()));
            tags.sort(Comparator.comparing(Tag::key));
            groups.sort(Comparator.comparing((Draft group) -> group.name.toLowerCase(Locale.ROOT))
                    .thenComparing(group -> group.id));
            return new PermissionFacts.Holder(kind, id, name, arn, tags, Optional.ofNullable(boundary), inline,
                    attached, groups.stream().map(group -> group.id).toList(), Optional.ofNullable(trust));
        }
    }
}
