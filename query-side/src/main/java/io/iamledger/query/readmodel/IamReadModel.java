package io.iamledger.query.readmodel;

import io.iamledger.events.arn.Arn;
import io.iamledger.events.error.IamException;
import io.iamledger.events.identity.AccessKeyStatus;
import io.iamledger.events.identity.IdentityKind;
import io.iamledger.events.identity.Tag;
import io.iamledger.query.projection.ReadModelSchema;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * Answers IAM's Get and List actions from the temporal read model of one schema, either as things are now or,
 * through {@link #asOf(Instant)} and {@link #asOfSequence(long)}, as they were at any earlier moment: every
 * operation works at any moment, with the same AWS semantics.
 *
 * <p><b>Semantics.</b> Names of users, groups and roles match case-insensitively, as AWS names are unique
 * case-insensitively; inline policy names match exactly. Lists are sorted as AWS sorts them, by name
 * case-insensitively (then by id or ARN, so the order is total), and paged with opaque markers holding the last
 * key returned. Missing entities raise {@link IamException} {@code NoSuchEntity} with AWS's messages; bad markers
 * raise {@code InvalidInput}. AWS managed policies come from the injected {@link BuiltInPolicies}; their attachment
 * counts are those of the account asked about.
 *
 * <p><b>Consistency.</b> Each call reads one snapshot (a repeatable-read, read-only transaction), so an answer
 * assembled from several queries never mixes two states. The model lags the event store by the projection's
 * delay; use the consumer's {@code awaitApplied} for read-your-writes.
 *
 * <p>Path prefixes are matched as plain string prefixes ({@code "/"} matches everything) and are not validated
 * here. No argument may be null. Database failures surface as {@link ReadModelException}. Instances are immutable
 * and thread-safe.
 */
public final class IamReadModel {

    /** What every AWS managed policy's ARN starts with: {@code arn:aws:iam::aws:policy/}. */
    private static final String AWS_POLICY_ARN_PREFIX = Arn.awsManagedPolicy("/", "").toString();
    private static final String USER_COLUMNS = "u.user_id, u.user_name, u.path, u.arn, u.create_date";
    private static final String GROUP_COLUMNS = "g.group_id, g.group_name, g.path, g.arn, g.create_date";
    private static final String ROLE_COLUMNS = "r.role_id, r.role_name, r.path, r.arn, r.create_date,"
            + " r.assume_role_policy_document, r.description, r.max_session_duration";

    private final DataSource dataSource;
    private final String schema;
    private final String s;
    private final BuiltInPolicies builtIns;
    private final Query.Moment moment;

    private IamReadModel(DataSource dataSource, String schema, BuiltInPolicies builtIns, Query.Moment moment) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.schema = ReadModelSchema.checkName(schema);
        this.s = ReadModelSchema.quoted(schema);
        this.builtIns = Objects.requireNonNull(builtIns, "builtIns");
        this.moment = moment;
    }

    /**
     * A read model over the current state of {@code schema}.
     *
     * @param builtIns the AWS managed policies to merge in; {@link BuiltInPolicies#none()} for none
     * @throws IllegalArgumentException when the schema name is not valid
     */
    public static IamReadModel create(DataSource dataSource, String schema, BuiltInPolicies builtIns) {
        return new IamReadModel(dataSource, schema, builtIns, new Query.Current());
    }

    /** The same read model as it stood at {@code instant} (event time, microsecond resolution). */
    public IamReadModel asOf(Instant instant) {
        return new IamReadModel(dataSource, schema, builtIns, new Query.AtTime(Objects.requireNonNull(instant)));
    }

    /** The same read model as it stood right after the event with global sequence {@code globalSequence}. */
    public IamReadModel asOfSequence(long globalSequence) {
        return new IamReadModel(dataSource, schema, builtIns, new Query.AtSequence(globalSequence));
    }

    /** What decides the permissions of this read model's users and roles, at the same moment. */
    public PermissionsReadModel permissions() {
        return PermissionsReadModel.at(dataSource, schema, moment);
    }

    /** The same read model at the current state. */
    public IamReadModel current() {
        return new IamReadModel(dataSource, schema, builtIns, new Query.Current());
    }

    // =========================================================================================== users

    /** {@code GetUser}. @throws IamException NoSuchEntity */
    public User getUser(String accountId, String userName) {
        return read(c -> decorateUsers(c, List.of(requireUser(c, accountId, userName))).get(0));
    }

    /** {@code ListUsers} with every path. */
    public Page<User> listUsers(String accountId, PageRequest page) {
        return listUsers(accountId, "/", page);
    }

    /** {@code ListUsers}: users whose path starts with {@code pathPrefix}, by name. */
    public Page<User> listUsers(String accountId, String pathPrefix, PageRequest page) {
        return read(c -> {
            Page<UserRow> rows = Paging.cut(userRows(c, accountId, pathPrefix, afterKey(page, 2), page.maxItems() + 1),
                    page.maxItems(), UserRow::key);
            return new Page<>(decorateUsers(c, rows.items()), rows.isTruncated(), rows.marker());
        });
    }

    // =========================================================================================== groups

    /** {@code GetGroup}: the group and a page of its members, by name. @throws IamException NoSuchEntity */
    public GroupWithUsers getGroup(String accountId, String groupName, PageRequest page) {
        return read(c -> {
            GroupRow group = requireGroup(c, accountId, groupName);
            Query q = query().sql("select " + USER_COLUMNS + " from " + s + ".group_memberships m join " + s
                    + ".users u on u.user_id = m.user_id and ").live("u").sql(" where m.group_id = ").param(group.id)
                    .sql(" and ").live("m");
            String[] after = afterKey(page, 2);
            if (after != null) {
                q.sql(" and (lower(u.user_name), u.user_id collate \"C\") > (").textC(after[0]).sql(", ")
                        .textC(after[1]).sql(")");
            }
            q.sql(" order by lower(u.user_name), u.user_id collate \"C\" limit ").param(page.maxItems() + 1);
            Page<UserRow> rows = Paging.cut(q.list(c, IamReadModel::userRow), page.maxItems(), UserRow::key);
            return new GroupWithUsers(group.view(),
                    new Page<>(decorateUsers(c, rows.items()), rows.isTruncated(), rows.marker()));
        });
    }

    /** {@code ListGroups}: groups whose path starts with {@code pathPrefix}, by name. */
    public Page<Group> listGroups(String accountId, String pathPrefix, PageRequest page) {
        return read(c -> Paging.cut(groupRows(c, accountId, pathPrefix, afterKey(page, 2), page.maxItems() + 1),
                page.maxItems(), GroupRow::key)).map(GroupRow::view);
    }

    /** {@code ListGroupsForUser}, by group name. @throws IamException NoSuchEntity for the user */
    public Page<Group> listGroupsForUser(String accountId, String userName, PageRequest page) {
        return read(c -> {
            UserRow user = requireUser(c, accountId, userName);
            List<GroupRow> groups = query().sql("select " + GROUP_COLUMNS + " from " + s + ".group_memberships m join "
                    + s + ".groups g on g.group_id = m.group_id and ").live("g").sql(" where m.user_id = ")
                    .param(user.id).sql(" and ").live("m").list(c, IamReadModel::groupRow);
            groups.sort(Comparator.comparing(GroupRow::sortKey));
            return Paging.page(groups, GroupRow::sortKey, page);
        }).map(GroupRow::view);
    }

    // =========================================================================================== roles

    /** {@code GetRole}. @throws IamException NoSuchEntity */
    public Role getRole(String accountId, String roleName) {
        return read(c -> decorateRoles(c, List.of(requireRole(c, accountId, roleName))).get(0));
    }

    /** {@code ListRoles}: roles whose path starts with {@code pathPrefix}, by name. */
    public Page<Role> listRoles(String accountId, String pathPrefix, PageRequest page) {
        return read(c -> {
            Page<RoleRow> rows = Paging.cut(roleRows(c, accountId, pathPrefix, afterKey(page, 2), page.maxItems() + 1),
                    page.maxItems(), RoleRow::key);
            return new Page<>(decorateRoles(c, rows.items()), rows.isTruncated(), rows.marker());
        });
    }

    // =========================================================================================== instance profiles

    /** {@code GetInstanceProfile}. @throws IamException NoSuchEntity */
    public InstanceProfile getInstanceProfile(String accountId, String name) {
        Objects.requireNonNull(accountId, "accountId");
        return read(c -> {
            List<InstanceProfile> found = instanceProfiles(c, query().sql(" and lower(p.instance_profile_name) = lower(")
                    .textC(name).sql(")"), accountId);
            if (found.isEmpty()) {
                throw IamException.noSuchEntity("Instance Profile " + name + " cannot be found.");
            }
            return found.get(0);
        });
    }

    /** {@code ListInstanceProfiles}: those whose path starts with {@code pathPrefix}, by name. */
    public Page<InstanceProfile> listInstanceProfiles(String accountId, String pathPrefix, PageRequest page) {
        Objects.requireNonNull(accountId, "accountId");
        return read(c -> Paging.page(instanceProfiles(c, query().sql(" and starts_with(p.path, ").textC(pathPrefix)
                .sql(")"), accountId), IamReadModel::instanceProfileKey, page));
    }

    /** {@code ListInstanceProfilesForRole}, by name. @throws IamException NoSuchEntity for the role */
    public Page<InstanceProfile> listInstanceProfilesForRole(String accountId, String roleName, PageRequest page) {
        return read(c -> {
            RoleRow role = requireRole(c, accountId, roleName);
            return Paging.page(instanceProfiles(c, query().sql(" and exists (select 1 from " + s
                    + ".instance_profile_roles x where x.instance_profile_id = p.instance_profile_id and x.role_id = ")
                    .param(role.id).sql(" and ").live("x").sql(")"), accountId),
                    IamReadModel::instanceProfileKey, page);
        });
    }

    private static String instanceProfileKey(InstanceProfile profile) {
        return Paging.nameKey(profile.instanceProfileName(), profile.instanceProfileId());
    }

    /**
     * The account's current instance profiles that pass {@code filter} (conditions on alias {@code p}), with their
     * roles and tags, sorted by name.
     */
    private List<InstanceProfile> instanceProfiles(Connection c, Query filter, String accountId) throws SQLException {
        record Row(String id, String name, String path, String arn, Instant createDate) {}
        Query q = query().sql("select p.instance_profile_id, p.instance_profile_name, p.path, p.arn, p.create_date"
                + " from " + s + ".instance_profiles p where p.account_id = ").param(accountId).sql(" and ")
                .live("p");
        List<Row> rows = q.append(filter).list(c, rs -> new Row(rs.getString("instance_profile_id"),
                rs.getString("instance_profile_name"), rs.getString("path"), rs.getString("arn"),
                Query.instant(rs, "create_date")));
        List<String> ids = new ArrayList<>();
        rows.forEach(row -> ids.add(row.id()));
        Map<String, List<Tag>> tags = tags(c, ids);
        Map<String, List<String>> roleIdsByProfile = new HashMap<>();
        if (!ids.isEmpty()) {
            query().sql("select x.instance_profile_id, x.role_id from " + s + ".instance_profile_roles x"
                            + " where x.instance_profile_id = any(").texts(ids).sql(") and ").live("x")
                    .list(c, rs -> roleIdsByProfile.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                            .add(rs.getString(2)));
        }
        Map<String, Role> roles = new HashMap<>();
        List<String> roleIds = roleIdsByProfile.values().stream().flatMap(List::stream).toList();
        if (!roleIds.isEmpty()) {
            List<RoleRow> roleRows = query().sql("select " + ROLE_COLUMNS + " from " + s + ".roles r where r.role_id"
                    + " = any(").texts(roleIds).sql(") and ").live("r").list(c, IamReadModel::roleRow);
            decorateRoles(c, roleRows).forEach(role -> roles.put(role.roleId(), role));
        }
        List<InstanceProfile> profiles = new ArrayList<>(rows.size());
        for (Row row : rows) {
            List<Role> held = roleIdsByProfile.getOrDefault(row.id(), List.of()).stream()
                    .map(roles::get).filter(Objects::nonNull).toList();
            profiles.add(new InstanceProfile(row.path(), row.name(), row.id(), row.arn(), row.createDate(), held,
                    tags.getOrDefault(row.id(), List.of())));
        }
        profiles.sort(Comparator.comparing(IamReadModel::instanceProfileKey));
        return profiles;
    }

    // =========================================================================================== OIDC providers

    /** {@code GetOpenIDConnectProvider}. @throws IamException NoSuchEntity */
    public OpenIdConnectProvider getOpenIdConnectProvider(String accountId, String arn) {
        Objects.requireNonNull(accountId, "accountId");
        return read(c -> {
            List<OpenIdConnectProvider> found = oidcProviders(c, accountId, Optional.of(arn));
            if (found.isEmpty()) {
                throw IamException.noSuchEntity("OpenIDConnect Provider not found for arn " + arn);
            }
            return found.get(0);
        });
    }

    /** {@code ListOpenIDConnectProviders}, by ARN. */
    public List<OpenIdConnectProvider> listOpenIdConnectProviders(String accountId) {
        Objects.requireNonNull(accountId, "accountId");
        return read(c -> oidcProviders(c, accountId, Optional.empty()));
    }

    private List<OpenIdConnectProvider> oidcProviders(Connection c, String accountId, Optional<String> arn)
            throws SQLException {
        record Row(String id, String arn, String url, String clientIds, String thumbprints, Instant createDate) {}
        Query q = query().sql("select o.provider_id, o.arn, o.url, o.client_ids, o.thumbprints, o.create_date from "
                + s + ".oidc_providers o where o.account_id = ").param(accountId).sql(" and ").live("o");
        arn.ifPresent(value -> q.sql(" and o.arn = ").param(value));
        List<Row> rows = q.sql(" order by o.arn").list(c, rs -> new Row(rs.getString("provider_id"),
                rs.getString("arn"), rs.getString("url"), rs.getString("client_ids"), rs.getString("thumbprints"),
                Query.instant(rs, "create_date")));
        List<String> ids = new ArrayList<>();
        rows.forEach(row -> ids.add(row.id()));
        Map<String, List<Tag>> tags = tags(c, ids);
        List<OpenIdConnectProvider> providers = new ArrayList<>();
        for (Row row : rows) {
            providers.add(new OpenIdConnectProvider(row.arn(), row.url(), lines(row.clientIds()),
                    lines(row.thumbprints()), row.createDate(), tags.getOrDefault(row.id(), List.of())));
        }
        return providers;
    }

    private static List<String> lines(String text) {
        return text.isEmpty() ? List.of() : List.of(text.split("\n"));
    }

    // =========================================================================================== managed policies

    /**
     * {@code GetPolicy}: a customer managed policy of the account or an AWS managed one.
     *
     * @throws IamException NoSuchEntity {@code Policy <arn> does not exist or is not attachable.}
     */
    public ManagedPolicy getPolicy(String accountId, String policyArn) {
        return read(c -> requirePolicy(c, accountId, policyArn));
    }

    /**
     * {@code ListPolicies}, by name case-insensitively then ARN. {@link PolicyScope#ALL} merges customer and AWS
     * managed policies into one order.
     *
     * @param onlyAttached only policies attached to at least one user, group or role of the account
     */
    public Page<ManagedPolicy> listPolicies(String accountId, PolicyScope scope, boolean onlyAttached,
                                            String pathPrefix, PageRequest page) {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(pathPrefix, "pathPrefix");
        return read(c -> {
            String[] after = afterKey(page, 2);
            int limit = page.maxItems() + 1;
            List<ManagedPolicy> merged = new ArrayList<>();
            if (scope != PolicyScope.AWS) {
                merged.addAll(localPolicies(c, accountId, pathPrefix, onlyAttached, after, limit));
            }
            if (scope != PolicyScope.LOCAL) {
                Map<String, int[]> usage = builtInUsage(c, accountId);
                String afterKey = after == null ? null : Paging.nameKey(after[0], after[1]);
                int taken = 0;
                // Both sources are in key order, so the first `limit` of each contain the first `limit` overall.
                for (BuiltInPolicy policy : builtIns.sortedByName()) {
                    if (taken == limit) {
                        break;
                    }
                    int[] counts = usage.getOrDefault(policy.arn(), new int[2]);
                    if ((afterKey == null || policyKey(policy.policyName(), policy.arn()).compareTo(afterKey) > 0)
                            && policy.path().startsWith(pathPrefix) && (!onlyAttached || counts[0] > 0)) {
                        merged.add(builtInView(policy, counts));
                        taken++;
                    }
                }
            }
            merged.sort(Comparator.comparing((ManagedPolicy p) -> policyKey(p.policyName(), p.arn())));
            return Paging.cut(merged, page.maxItems(), p -> new String[]{Paging.fold(p.policyName()), p.arn()});
        });
    }

    /**
     * {@code GetPolicyVersion}. AWS managed policies have only their default version here.
     *
     * @throws IamException NoSuchEntity for the policy or the version
     */
    public PolicyVersion getPolicyVersion(String accountId, String policyArn, String versionId) {
        Objects.requireNonNull(versionId, "versionId");
        return read(c -> {
            for (PolicyVersion version : policyVersions(c, accountId, policyArn)) {
                if (version.versionId().equals(versionId)) {
                    return version;
                }
            }
            throw IamException.noSuchEntity("Policy " + policyArn + " version " + versionId
                    + " does not exist or is not attachable.");
        });
    }

    /** {@code ListPolicyVersions}, newest first. @throws IamException NoSuchEntity for the policy */
    public Page<PolicyVersion> listPolicyVersions(String accountId, String policyArn, PageRequest page) {
        return read(c -> Paging.page(policyVersions(c, accountId, policyArn), IamReadModel::versionKey, page));
    }

    /**
     * {@code ListEntitiesForPolicy}: the groups, roles and users (in that order, each by name) the policy is
     * attached to.
     *
     * @param entityFilter only entities of this kind (USER, GROUP or ROLE); empty for all
     * @param pathPrefix   matched against the entities' paths
     * @throws IamException NoSuchEntity for the policy
     */
    public Page<PolicyEntity> listEntitiesForPolicy(String accountId, String policyArn,
                                                    Optional<IdentityKind> entityFilter, String pathPrefix,
                                                    PageRequest page) {
        Objects.requireNonNull(entityFilter, "entityFilter");
        Objects.requireNonNull(pathPrefix, "pathPrefix");
        if (entityFilter.isPresent() && entityFilter.get() == IdentityKind.ROOT) {
            throw new IllegalArgumentException("entityFilter must be USER, GROUP or ROLE: ROOT");
        }
        return read(c -> {
            requirePolicy(c, accountId, policyArn);
            Query q = query().sql("select kind, name, id from (");
            entitiesOfKind(q, accountId, policyArn, "GROUP", "groups", "g", "group");
            q.sql(" union all ");
            entitiesOfKind(q, accountId, policyArn, "ROLE", "roles", "r", "role");
            q.sql(" union all ");
            entitiesOfKind(q, accountId, policyArn, "USER", "users", "u", "user");
            q.sql(") as e where starts_with(e.path, ").textC(pathPrefix).sql(")");
            if (entityFilter.isPresent()) {
                q.sql(" and e.kind = ").param(entityFilter.get().name());
            }
            String[] after = afterKey(page, 3);
            if (after != null) {
                q.sql(" and (e.kind collate \"C\", lower(e.name), e.id collate \"C\") > (").textC(after[0]).sql(", ")
                        .textC(after[1]).sql(", ").textC(after[2]).sql(")");
            }
            q.sql(" order by e.kind collate \"C\", lower(e.name), e.id collate \"C\" limit ").param(page.maxItems() + 1);
            List<PolicyEntity> entities = q.list(c, rs -> new PolicyEntity(IdentityKind.valueOf(rs.getString("kind")),
                    rs.getString("name"), rs.getString("id")));
            return Paging.cut(entities, page.maxItems(),
                    e -> new String[]{e.kind().name(), Paging.fold(e.name()), e.id()});
        });
    }

    // =========================================================================================== attachments

    /** {@code ListAttachedUserPolicies}, by policy name. @throws IamException NoSuchEntity for the user */
    public Page<AttachedPolicy> listAttachedUserPolicies(String accountId, String userName, String pathPrefix,
                                                         PageRequest page) {
        return read(c -> attachedPage(c, requireUser(c, accountId, userName).id, pathPrefix, page));
    }

    /** {@code ListAttachedGroupPolicies}, by policy name. @throws IamException NoSuchEntity for the group */
    public Page<AttachedPolicy> listAttachedGroupPolicies(String accountId, String groupName, String pathPrefix,
                                                          PageRequest page) {
        return read(c -> attachedPage(c, requireGroup(c, accountId, groupName).id, pathPrefix, page));
    }

    /** {@code ListAttachedRolePolicies}, by policy name. @throws IamException NoSuchEntity for the role */
    public Page<AttachedPolicy> listAttachedRolePolicies(String accountId, String roleName, String pathPrefix,
                                                         PageRequest page) {
        return read(c -> attachedPage(c, requireRole(c, accountId, roleName).id, pathPrefix, page));
    }

    // =========================================================================================== inline policies

    /** {@code GetUserPolicy}. @throws IamException NoSuchEntity for the user or the policy */
    public InlinePolicy getUserPolicy(String accountId, String userName, String policyName) {
        return read(c -> inline(c, requireUser(c, accountId, userName).id, policyName, "user"));
    }

    /** {@code GetGroupPolicy}. @throws IamException NoSuchEntity for the group or the policy */
    public InlinePolicy getGroupPolicy(String accountId, String groupName, String policyName) {
        return read(c -> inline(c, requireGroup(c, accountId, groupName).id, policyName, "group"));
    }

    /** {@code GetRolePolicy}. @throws IamException NoSuchEntity for the role or the policy */
    public InlinePolicy getRolePolicy(String accountId, String roleName, String policyName) {
        return read(c -> inline(c, requireRole(c, accountId, roleName).id, policyName, "role"));
    }

    /** {@code ListUserPolicies}: inline policy names. @throws IamException NoSuchEntity for the user */
    public Page<String> listUserPolicies(String accountId, String userName, PageRequest page) {
        return read(c -> inlineNames(c, requireUser(c, accountId, userName).id, page));
    }

    /** {@code ListGroupPolicies}: inline policy names. @throws IamException NoSuchEntity for the group */
    public Page<String> listGroupPolicies(String accountId, String groupName, PageRequest page) {
        return read(c -> inlineNames(c, requireGroup(c, accountId, groupName).id, page));
    }

    /** {@code ListRolePolicies}: inline policy names. @throws IamException NoSuchEntity for the role */
    public Page<String> listRolePolicies(String accountId, String roleName, PageRequest page) {
        return read(c -> inlineNames(c, requireRole(c, accountId, roleName).id, page));
    }

    // =========================================================================================== keys and tags

    /**
     * {@code ListAccessKeys}: the keys of a user, or of the account root when {@code userName} is empty (as when
     * the root calls it without a user name), oldest first. Never a secret.
     *
     * @throws IamException NoSuchEntity for the user
     */
    public Page<AccessKeyMetadata> listAccessKeys(String accountId, Optional<String> userName, PageRequest page) {
        Objects.requireNonNull(userName, "userName");
        return read(c -> {
            Query q = query().sql("select k.access_key_id, k.status, k.create_date from " + s + ".access_keys k where ");
            Optional<String> owner;
            if (userName.isPresent()) {
                UserRow user = requireUser(c, accountId, userName.get());
                owner = Optional.of(user.name);
                q.sql("k.owner_kind = 'USER' and k.owner_id = ").param(user.id);
            } else {
                owner = Optional.empty();
                q.sql("k.owner_kind = 'ROOT' and k.owner_id = ").param(accountId);
            }
            q.sql(" and k.account_id = ").param(accountId).sql(" and ").live("k");
            List<AccessKeyMetadata> keys = q.list(c, rs -> new AccessKeyMetadata(owner, rs.getString("access_key_id"),
                    AccessKeyStatus.valueOf(rs.getString("status")), Query.instant(rs, "create_date")));
            keys.sort(Comparator.comparing(IamReadModel::accessKeyKey));
            return Paging.page(keys, IamReadModel::accessKeyKey, page);
        });
    }

    /** {@code ListUserTags}, by key case-insensitively. @throws IamException NoSuchEntity for the user */
    public Page<Tag> listUserTags(String accountId, String userName, PageRequest page) {
        return read(c -> {
            String id = requireUser(c, accountId, userName).id;
            return Paging.page(tags(c, List.of(id)).getOrDefault(id, List.of()), IamReadModel::tagKey, page);
        });
    }

    /** {@code ListRoleTags}, by key case-insensitively. @throws IamException NoSuchEntity for the role */
    public Page<Tag> listRoleTags(String accountId, String roleName, PageRequest page) {
        return read(c -> {
            String id = requireRole(c, accountId, roleName).id;
            return Paging.page(tags(c, List.of(id)).getOrDefault(id, List.of()), IamReadModel::tagKey, page);
        });
    }

    // =========================================================================================== everything

    /**
     * {@code GetAccountAuthorizationDetails}: users (with inline policies, group names and attached policies),
     * groups, roles and managed policies with all their versions. AWS managed policies are listed only when the
     * account uses them (attached or as a boundary), as AWS does.
     *
     * @param filter the sections to include; empty for all
     */
    public AuthorizationDetails getAccountAuthorizationDetails(String accountId,
                                                               Set<AuthorizationDetailsFilter> filter,
                                                               PageRequest page) {
        Set<AuthorizationDetailsFilter> sections = filter.isEmpty()
                ? EnumSet.allOf(AuthorizationDetailsFilter.class) : EnumSet.copyOf(filter);
        return read(c -> authorizationDetails(c, accountId, sections, page));
    }

    // =========================================================================================== internals: rows

    private record UserRow(String id, String name, String path, String arn, Instant createDate) {
        String[] key() {
            return new String[]{Paging.fold(name), id};
        }
    }

    private record GroupRow(String id, String name, String path, String arn, Instant createDate) {
        String[] key() {
            return new String[]{Paging.fold(name), id};
        }

        String sortKey() {
            return Paging.nameKey(name, id);
        }

        Group view() {
            return new Group(path, name, id, arn, createDate);
        }
    }

    private record RoleRow(String id, String name, String path, String arn, Instant createDate, String trust,
                           Optional<String> description, int maxSession) {
        String[] key() {
            return new String[]{Paging.fold(name), id};
        }
    }

    private static UserRow userRow(ResultSet rs) throws SQLException {
        return new UserRow(rs.getString("user_id"), rs.getString("user_name"), rs.getString("path"),
                rs.getString("arn"), Query.instant(rs, "create_date"));
    }

    private static GroupRow groupRow(ResultSet rs) throws SQLException {
        return new GroupRow(rs.getString("group_id"), rs.getString("group_name"), rs.getString("path"),
                rs.getString("arn"), Query.instant(rs, "create_date"));
    }

    private static RoleRow roleRow(ResultSet rs) throws SQLException {
        return new RoleRow(rs.getString("role_id"), rs.getString("role_name"), rs.getString("path"),
                rs.getString("arn"), Query.instant(rs, "create_date"), rs.getString("assume_role_policy_document"),
                Optional.ofNullable(rs.getString("description")), rs.getInt("max_session_duration"));
    }

    private Query query() {
        return new Query(moment);
    }

    private UserRow requireUser(Connection c, String accountId, String userName) throws SQLException {
        Objects.requireNonNull(accountId, "accountId");
        List<UserRow> rows = query().sql("select " + USER_COLUMNS + " from " + s + ".users u where u.account_id = ")
                .param(accountId).sql(" and lower(u.user_name) = lower(").textC(userName).sql(") and ").live("u")
                .list(c, IamReadModel::userRow);
        if (rows.isEmpty()) {
            throw IamException.noSuchEntity("The user with name " + userName + " cannot be found.");
        }
        return rows.get(0);
    }

    private GroupRow requireGroup(Connection c, String accountId, String groupName) throws SQLException {
        Objects.requireNonNull(accountId, "accountId");
        List<GroupRow> rows = query().sql("select " + GROUP_COLUMNS + " from " + s + ".groups g where g.account_id = ")
                .param(accountId).sql(" and lower(g.group_name) = lower(").textC(groupName).sql(") and ").live("g")
                .list(c, IamReadModel::groupRow);
        if (rows.isEmpty()) {
            throw IamException.noSuchEntity("The group with name " + groupName + " cannot be found.");
        }
        return rows.get(0);
    }

    private RoleRow requireRole(Connection c, String accountId, String roleName) throws SQLException {
        Objects.requireNonNull(accountId, "accountId");
        List<RoleRow> rows = query().sql("select " + ROLE_COLUMNS + " from " + s + ".roles r where r.account_id = ")
                .param(accountId).sql(" and lower(r.role_name) = lower(").textC(roleName).sql(") and ").live("r")
                .list(c, IamReadModel::roleRow);
        if (rows.isEmpty()) {
            throw IamException.noSuchEntity("The role with name " + roleName + " cannot be found.");
        }
        return rows.get(0);
    }

    private List<UserRow> userRows(Connection c, String accountId, String pathPrefix, String[] after, int limit)
            throws SQLException {
        Query q = query().sql("select " + USER_COLUMNS + " from " + s + ".users u where u.account_id = ")
                .param(accountId).sql(" and ").live("u").sql(" and starts_with(u.path, ").textC(pathPrefix).sql(")");
        if (after != null) {
            q.sql(" and (lower(u.user_name), u.user_id collate \"C\") > (").textC(after[0]).sql(", ").textC(after[1])
                    .sql(")");
        }
        return q.sql(" order by lower(u.user_name), u.user_id collate \"C\" limit ").param(limit)
                .list(c, IamReadModel::userRow);
    }

    private List<GroupRow> groupRows(Connection c, String accountId, String pathPrefix, String[] after, int limit)
            throws SQLException {
        Query q = query().sql("select " + GROUP_COLUMNS + " from " + s + ".groups g where g.account_id = ")
                .param(accountId).sql(" and ").live("g").sql(" and starts_with(g.path, ").textC(pathPrefix).sql(")");
        if (after != null) {
            q.sql(" and (lower(g.group_name), g.group_id collate \"C\") > (").textC(after[0]).sql(", ")
                    .textC(after[1]).sql(")");
        }
        return q.sql(" order by lower(g.group_name), g.group_id collate \"C\" limit ").param(limit)
                .list(c, IamReadModel::groupRow);
    }

    private List<RoleRow> roleRows(Connection c, String accountId, String pathPrefix, String[] after, int limit)
            throws SQLException {
        Query q = query().sql("select " + ROLE_COLUMNS + " from " + s + ".roles r where r.account_id = ")
                .param(accountId).sql(" and ").live("r").sql(" and starts_with(r.path, ").textC(pathPrefix).sql(")");
        if (after != null) {
            q.sql(" and (lower(r.role_name), r.role_id collate \"C\") > (").textC(after[0]).sql(", ").textC(after[1])
                    .sql(")");
        }
        return q.sql(" order by lower(r.role_name), r.role_id collate \"C\" limit ").param(limit)
                .list(c, IamReadModel::roleRow);
    }

    private List<User> decorateUsers(Connection c, List<UserRow> rows) throws SQLException {
        List<String> ids = new ArrayList<>();
        rows.forEach(row -> ids.add(row.id));
        Map<String, String> boundaries = boundaries(c, ids);
        Map<String, List<Tag>> tags = tags(c, ids);
        List<User> users = new ArrayList<>(rows.size());
        for (UserRow row : rows) {
            users.add(new User(row.path, row.name, row.id, row.arn, row.createDate,
                    Optional.ofNullable(boundaries.get(row.id)), tags.getOrDefault(row.id, List.of())));
        }
        return users;
    }

    private List<Role> decorateRoles(Connection c, List<RoleRow> rows) throws SQLException {
        List<String> ids = new ArrayList<>();
        rows.forEach(row -> ids.add(row.id));
        Map<String, String> boundaries = boundaries(c, ids);
        Map<String, List<Tag>> tags = tags(c, ids);
        List<Role> roles = new ArrayList<>(rows.size());
        for (RoleRow row : rows) {
            roles.add(new Role(row.path, row.name, row.id, row.arn, row.createDate, row.trust, row.description,
                    row.maxSession, Optional.ofNullable(boundaries.get(row.id)), tags.getOrDefault(row.id, List.of())));
        }
        return roles;
    }

    private Map<String, String> boundaries(Connection c, Collection<String> ids) throws SQLException {
        Map<String, String> boundaries = new HashMap<>();
        if (ids.isEmpty()) {
            return boundaries;
        }
        query().sql("select b.identity_id, b.boundary_arn from " + s + ".permissions_boundaries b where b.identity_id = any(")
                .texts(ids).sql(") and ").live("b")
                .list(c, rs -> boundaries.put(rs.getString(1), rs.getString(2)));
        return boundaries;
    }

    private Map<String, List<Tag>> tags(Connection c, Collection<String> ids) throws SQLException {
        Map<String, List<Tag>> tags = new HashMap<>();
        if (ids.isEmpty()) {
            return tags;
        }
        query().sql("select t.identity_id, t.tag_key, t.tag_value from " + s + ".tags t where t.identity_id = any(")
                .texts(ids).sql(") and ").live("t").sql(" order by lower(t.tag_key), t.tag_key")
                .list(c, rs -> tags.computeIfAbsent(rs.getString(1), id -> new ArrayList<>())
                        .add(new Tag(rs.getString(2), rs.getString(3))));
        return tags;
    }

    // =========================================================================================== internals: policies

    private static String policyKey(String name, String arn) {
        return Paging.nameKey(name, arn);
    }

    private List<ManagedPolicy> localPolicies(Connection c, String accountId, String pathPrefix, boolean onlyAttached,
                                              String[] after, int limit) throws SQLException {
        Query q = localPolicySelect().sql(" where p.account_id = ").param(accountId).sql(" and ").live("p")
                .sql(" and starts_with(p.path, ").textC(pathPrefix).sql(")");
        if (onlyAttached) {
            q.sql(" and exists (select 1 from " + s + ".policy_attachments a where a.account_id = p.account_id"
                    + " and a.policy_arn = p.arn and ").live("a").sql(")");
        }
        if (after != null) {
            q.sql(" and (lower(p.policy_name), p.arn collate \"C\") > (").textC(after[0]).sql(", ").textC(after[1])
                    .sql(")");
        }
        return q.sql(" order by lower(p.policy_name), p.arn collate \"C\" limit ").param(limit)
                .list(c, IamReadModel::localPolicy);
    }

    private Query localPolicySelect() {
        return query().sql("select p.policy_id, p.policy_name, p.path, p.arn, p.description, p.default_version_id,"
                        + " p.create_date, p.update_date, (select count(*) from " + s + ".policy_attachments a"
                        + " where a.account_id = p.account_id and a.policy_arn = p.arn and ").live("a")
                .sql(") as attachment_count, (select count(*) from " + s + ".permissions_boundaries b"
                        + " where b.account_id = p.account_id and b.boundary_arn = p.arn and ").live("b")
                .sql(") as boundary_count from " + s + ".managed_policies p");
    }

    private static ManagedPolicy localPolicy(ResultSet rs) throws SQLException {
        return new ManagedPolicy(rs.getString("policy_name"), rs.getString("policy_id"), rs.getString("arn"),
                rs.getString("path"), rs.getString("default_version_id"), rs.getInt("attachment_count"),
                rs.getInt("boundary_count"), true, Optional.ofNullable(rs.getString("description")),
                Query.instant(rs, "create_date"), Query.instant(rs, "update_date"));
    }

    private static ManagedPolicy builtInView(BuiltInPolicy policy, int[] counts) {
        return new ManagedPolicy(policy.policyName(), policy.policyId(), policy.arn(), policy.path(),
                policy.defaultVersionId(), counts[0], counts[1], policy.isAttachable(), policy.description(),
                policy.createDate(), policy.updateDate());
    }

    /** Attachment and boundary counts of the built-in policies the account uses, by ARN. */
    private Map<String, int[]> builtInUsage(Connection c, String accountId) throws SQLException {
        Map<String, int[]> usage = new HashMap<>();
        query().sql("select a.policy_arn, count(*) from " + s + ".policy_attachments a where a.account_id = ")
                .param(accountId).sql(" and starts_with(a.policy_arn, ").textC(AWS_POLICY_ARN_PREFIX).sql(") and ")
                .live("a").sql(" group by a.policy_arn")
                .list(c, rs -> usage.computeIfAbsent(rs.getString(1), arn -> new int[2])[0] = rs.getInt(2));
        query().sql("select b.boundary_arn, count(*) from " + s + ".permissions_boundaries b where b.account_id = ")
                .param(accountId).sql(" and starts_with(b.boundary_arn, ").param(AWS_POLICY_ARN_PREFIX).sql(") and ")
                .live("b").sql(" group by b.boundary_arn")
                .list(c, rs -> usage.computeIfAbsent(rs.getString(1), arn -> new int[2])[1] = rs.getInt(2));
        return usage;
    }

    private Optional<ManagedPolicy> findLocalPolicy(Connection c, String accountId, String policyArn)
            throws SQLException {
        List<ManagedPolicy> rows = localPolicySelect().sql(" where p.account_id = ").param(accountId)
                .sql(" and p.arn = ").param(policyArn).sql(" and ").live("p").list(c, IamReadModel::localPolicy);
        return rows.stream().findFirst();
    }

    private ManagedPolicy requirePolicy(Connection c, String accountId, String policyArn) throws SQLException {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(policyArn, "policyArn");
        Optional<ManagedPolicy> local = findLocalPolicy(c, accountId, policyArn);
        if (local.isPresent()) {
            return local.get();
        }
        Optional<BuiltInPolicy> builtIn = builtIns.byArn(policyArn);
        if (builtIn.isPresent()) {
            return builtInView(builtIn.get(), builtInUsage(c, accountId).getOrDefault(policyArn, new int[2]));
        }
        throw IamException.noSuchEntity("Policy " + policyArn + " does not exist or is not attachable.");
    }

    /**
     * All versions of a policy, newest first. The built-in catalog carries only the default version of an AWS
     * managed policy, dated by the policy's update date.
     */
    private List<PolicyVersion> policyVersions(Connection c, String accountId, String policyArn) throws SQLException {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(policyArn, "policyArn");
        Optional<ManagedPolicy> local = findLocalPolicy(c, accountId, policyArn);
        if (local.isPresent()) {
            return versionsOf(c, List.of(local.get())).getOrDefault(local.get().policyId(), List.of());
        }
        Optional<BuiltInPolicy> builtIn = builtIns.byArn(policyArn);
        if (builtIn.isPresent()) {
            return List.of(defaultVersion(builtIn.get()));
        }
        throw IamException.noSuchEntity("Policy " + policyArn + " does not exist or is not attachable.");
    }

    private static PolicyVersion defaultVersion(BuiltInPolicy policy) {
        return new PolicyVersion(policy.defaultVersionId(), policy.document(), true, policy.updateDate());
    }

    private Map<String, List<PolicyVersion>> versionsOf(Connection c, List<ManagedPolicy> policies)
            throws SQLException {
        Map<String, String> defaults = new HashMap<>();
        policies.forEach(p -> defaults.put(p.policyId(), p.defaultVersionId()));
        Map<String, List<PolicyVersion>> versions = new HashMap<>();
        if (policies.isEmpty()) {
            return versions;
        }
        query().sql("select v.policy_id, v.version_id, v.document, v.create_date from " + s + ".policy_versions v"
                        + " where v.policy_id = any(").texts(defaults.keySet()).sql(") and ").live("v")
                .list(c, rs -> {
                    String policyId = rs.getString("policy_id");
                    String versionId = rs.getString("version_id");
                    return versions.computeIfAbsent(policyId, id -> new ArrayList<>()).add(new PolicyVersion(versionId,
                            rs.getString("document"), versionId.equals(defaults.get(policyId)),
                            Query.instant(rs, "create_date")));
                });
        versions.values().forEach(list -> list.sort(Comparator.comparing(IamReadModel::versionKey)));
        return versions;
    }

    /** Orders versions newest first: v10 before v9, which plain string order would not do. */
    private static String versionKey(PolicyVersion version) {
        long number;
        try {
            number = Long.parseLong(version.versionId().substring(1));
        } catch (RuntimeException e) {
            number = 0;
        }
        return String.format("%019d", Long.MAX_VALUE - number);
    }

    private void entitiesOfKind(Query q, String accountId, String policyArn, String kind, String table, String alias,
                                String column) {
        q.sql("select '" + kind + "' as kind, " + alias + "." + column + "_name as name, " + alias + "." + column
                        + "_id as id, " + alias + ".path as path from " + s + ".policy_attachments a" + kind
                        + " join " + s + "." + table + " " + alias + " on " + alias + "." + column + "_id = a" + kind
                        + ".identity_id and ").live(alias).sql(" where a" + kind + ".account_id = ").param(accountId)
                .sql(" and a" + kind + ".policy_arn = ").param(policyArn).sql(" and a" + kind + ".identity_kind = '"
                        + kind + "' and ").live("a" + kind);
    }

    // =========================================================================================== internals: attached

    private Page<AttachedPolicy> attachedPage(Connection c, String identityId, String pathPrefix, PageRequest page)
            throws SQLException {
        Objects.requireNonNull(pathPrefix, "pathPrefix");
        List<AttachedPolicy> attached = new ArrayList<>();
        for (AttachedPolicy policy : attached(c, List.of(identityId)).getOrDefault(identityId, List.of())) {
            if (policyPath(policy.policyArn()).startsWith(pathPrefix)) {
                attached.add(policy);
            }
        }
        return Paging.page(attached, p -> policyKey(p.policyName(), p.policyArn()), page);
    }

    /** Attached policies by identity id, each list by policy name. */
    private Map<String, List<AttachedPolicy>> attached(Connection c, Collection<String> ids) throws SQLException {
        Map<String, List<AttachedPolicy>> attached = new HashMap<>();
        if (ids.isEmpty()) {
            return attached;
        }
        query().sql("select a.identity_id, a.policy_arn from " + s + ".policy_attachments a where a.identity_id = any(")
                .texts(ids).sql(") and ").live("a")
                .list(c, rs -> attached.computeIfAbsent(rs.getString(1), id -> new ArrayList<>())
                        .add(new AttachedPolicy(policyName(rs.getString(2)), rs.getString(2))));
        attached.values().forEach(list -> list.sort(Comparator.comparing(p -> policyKey(p.policyName(), p.policyArn()))));
        return attached;
    }

    /** The name part of a managed policy ARN ({@code arn:aws:iam::123:policy/path/Name} → {@code Name}). */
    static String policyName(String arn) {
        return arn.substring(arn.lastIndexOf('/') + 1);
    }

    /** The path part of a managed policy ARN ({@code arn:aws:iam::123:policy/path/Name} → {@code /path/}). */
    static String policyPath(String arn) {
        int start = arn.indexOf(":policy/");
        int end = arn.lastIndexOf('/');
        return start < 0 || end < start + ":policy".length() ? "/" : arn.substring(start + ":policy".length(), end + 1);
    }

    // =========================================================================================== internals: inline

    private InlinePolicy inline(Connection c, String identityId, String policyName, String kind) throws SQLException {
        Objects.requireNonNull(policyName, "policyName");
        List<InlinePolicy> rows = query().sql("select i.policy_name, i.document from " + s + ".inline_policies i"
                        + " where i.identity_id = ").param(identityId).sql(" and i.policy_name = ").param(policyName)
                .sql(" and ").live("i").list(c, rs -> new InlinePolicy(rs.getString(1), rs.getString(2)));
        if (rows.isEmpty()) {
            throw IamException.noSuchEntity("The " + kind + " policy with name " + policyName + " cannot be found.");
        }
        return rows.get(0);
    }

    private Page<String> inlineNames(Connection c, String identityId, PageRequest page) throws SQLException {
        List<String> names = new ArrayList<>();
        for (InlinePolicy policy : inlinePolicies(c, List.of(identityId)).getOrDefault(identityId, List.of())) {
            names.add(policy.policyName());
        }
        return Paging.page(names, Function.identity(), page);
    }

    /** Inline policies by identity id, each list by name (exact, bytewise). */
    private Map<String, List<InlinePolicy>> inlinePolicies(Connection c, Collection<String> ids) throws SQLException {
        Map<String, List<InlinePolicy>> inline = new HashMap<>();
        if (ids.isEmpty()) {
            return inline;
        }
        query().sql("select i.identity_id, i.policy_name, i.document from " + s + ".inline_policies i"
                        + " where i.identity_id = any(").texts(ids).sql(") and ").live("i")
                .sql(" order by i.policy_name collate \"C\"")
                .list(c, rs -> inline.computeIfAbsent(rs.getString(1), id -> new ArrayList<>())
                        .add(new InlinePolicy(rs.getString(2), rs.getString(3))));
        return inline;
    }

    private static String tagKey(Tag tag) {
        return Paging.nameKey(tag.key(), tag.key());
    }

    private static String accessKeyKey(AccessKeyMetadata key) {
        Instant created = key.createDate();
        return String.format("%019d%09d", created.getEpochSecond() + 62_135_596_800L, created.getNano())
                + key.accessKeyId();
    }

    // =========================================================================================== internals: details

    /** A page item of GetAccountAuthorizationDetails: its section and key parts, and the row it stands for. */
    private record Item(AuthorizationDetailsFilter section, String[] key, Object row) {}

    private AuthorizationDetails authorizationDetails(Connection c, String accountId,
                                                      Set<AuthorizationDetailsFilter> sections, PageRequest page)
            throws SQLException {
        String[] marker = afterKey(page, 3);
        AuthorizationDetailsFilter startSection = marker == null ? null : sectionOf(marker[0]);
        int limit = page.maxItems() + 1;
        List<Item> items = new ArrayList<>();
        for (AuthorizationDetailsFilter section : sections) {
            if (items.size() >= limit || startSection != null && section.ordinal() < startSection.ordinal()) {
                continue;
            }
            String[] after = startSection == section ? new String[]{marker[1], marker[2]} : null;
            int wanted = limit - items.size();
            switch (section) {
                case USER -> userRows(c, accountId, "/", after, wanted)
                        .forEach(row -> items.add(new Item(section, row.key(), row)));
                case GROUP -> groupRows(c, accountId, "/", after, wanted)
                        .forEach(row -> items.add(new Item(section, row.key(), row)));
                case ROLE -> roleRows(c, accountId, "/", after, wanted)
                        .forEach(row -> items.add(new Item(section, row.key(), row)));
                case LOCAL_MANAGED_POLICY -> localPolicies(c, accountId, "/", false, after, wanted)
                        .forEach(p -> items.add(new Item(section, new String[]{Paging.fold(p.policyName()), p.arn()}, p)));
                case AWS_MANAGED_POLICY -> {
                    Map<String, int[]> usage = builtInUsage(c, accountId);
                    String afterKey = after == null ? null : Paging.nameKey(after[0], after[1]);
                    for (BuiltInPolicy policy : builtIns.sortedByName()) {
                        int[] counts = usage.get(policy.arn());
                        if (items.size() < limit && counts != null
                                && (afterKey == null || policyKey(policy.policyName(), policy.arn()).compareTo(afterKey) > 0)) {
                            items.add(new Item(section, new String[]{Paging.fold(policy.policyName()), policy.arn()},
                                    policy));
                        }
                    }
                }
            }
        }
        boolean truncated = items.size() > page.maxItems();
        List<Item> kept = truncated ? items.subList(0, page.maxItems()) : items;
        Optional<String> next = Optional.empty();
        if (truncated) {
            Item last = kept.get(kept.size() - 1);
            next = Optional.of(Paging.marker(last.section().name(), last.key()[0], last.key()[1]));
        }
        return details(c, accountId, kept, truncated, next);
    }

    private static AuthorizationDetailsFilter sectionOf(String name) {
        try {
            return AuthorizationDetailsFilter.valueOf(name);
        } catch (IllegalArgumentException e) {
            throw IamException.invalidInput("Invalid Marker: it does not come from a previous page of this listing.");
        }
    }

    private AuthorizationDetails details(Connection c, String accountId, List<Item> items, boolean truncated,
                                         Optional<String> marker) throws SQLException {
        List<UserRow> userRows = new ArrayList<>();
        List<GroupRow> groupRows = new ArrayList<>();
        List<RoleRow> roleRows = new ArrayList<>();
        List<ManagedPolicy> localRows = new ArrayList<>();
        List<BuiltInPolicy> builtInRows = new ArrayList<>();
        for (Item item : items) {
            switch (item.section()) {
                case USER -> userRows.add((UserRow) item.row());
                case GROUP -> groupRows.add((GroupRow) item.row());
                case ROLE -> roleRows.add((RoleRow) item.row());
                case LOCAL_MANAGED_POLICY -> localRows.add((ManagedPolicy) item.row());
                case AWS_MANAGED_POLICY -> builtInRows.add((BuiltInPolicy) item.row());
            }
        }
        List<String> identityIds = new ArrayList<>();
        userRows.forEach(row -> identityIds.add(row.id));
        groupRows.forEach(row -> identityIds.add(row.id));
        roleRows.forEach(row -> identityIds.add(row.id));
        Map<String, List<InlinePolicy>> inline = inlinePolicies(c, identityIds);
        Map<String, List<AttachedPolicy>> attached = attached(c, identityIds);

        Map<String, List<String>> groupNames = new LinkedHashMap<>();
        if (!userRows.isEmpty()) {
            List<String> userIds = new ArrayList<>();
            userRows.forEach(row -> userIds.add(row.id));
            query().sql("select m.user_id, g.group_name from " + s + ".group_memberships m join " + s
                            + ".groups g on g.group_id = m.group_id and ").live("g")
                    .sql(" where m.user_id = any(").texts(userIds).sql(") and ").live("m")
                    .sql(" order by lower(g.group_name), g.group_id collate \"C\"")
                    .list(c, rs -> groupNames.computeIfAbsent(rs.getString(1), id -> new ArrayList<>())
                            .add(rs.getString(2)));
        }
        List<AuthorizationDetails.UserDetail> users = new ArrayList<>();
        for (User user : decorateUsers(c, userRows)) {
            users.add(new AuthorizationDetails.UserDetail(user, inline.getOrDefault(user.userId(), List.of()),
                    groupNames.getOrDefault(user.userId(), List.of()), attached.getOrDefault(user.userId(), List.of())));
        }
        List<AuthorizationDetails.GroupDetail> groups = new ArrayList<>();
        for (GroupRow row : groupRows) {
            groups.add(new AuthorizationDetails.GroupDetail(row.view(), inline.getOrDefault(row.id, List.of()),
                    attached.getOrDefault(row.id, List.of())));
        }
        List<AuthorizationDetails.RoleDetail> roles = new ArrayList<>();
        for (Role role : decorateRoles(c, roleRows)) {
            roles.add(new AuthorizationDetails.RoleDetail(role, inline.getOrDefault(role.roleId(), List.of()),
                    attached.getOrDefault(role.roleId(), List.of())));
        }
        List<AuthorizationDetails.ManagedPolicyDetail> policies = new ArrayList<>();
        Map<String, List<PolicyVersion>> versions = versionsOf(c, localRows);
        for (ManagedPolicy policy : localRows) {
            policies.add(new AuthorizationDetails.ManagedPolicyDetail(policy,
                    versions.getOrDefault(policy.policyId(), List.of())));
        }
        if (!builtInRows.isEmpty()) {
            Map<String, int[]> usage = builtInUsage(c, accountId);
            for (BuiltInPolicy policy : builtInRows) {
                policies.add(new AuthorizationDetails.ManagedPolicyDetail(
                        builtInView(policy, usage.getOrDefault(policy.arn(), new int[2])),
                        List.of(defaultVersion(policy))));
            }
        }
        return new AuthorizationDetails(users, groups, roles, policies, truncated, marker);
    }

    // =========================================================================================== internals: plumbing

    /** The key after which a page starts, or null for the first page. */
    private static String[] afterKey(PageRequest page, int parts) {
        return page.marker().map(marker -> Paging.parse(marker, parts)).orElse(null);
    }

    /** Runs one read in a snapshot (see {@link Snapshot}). */
    private <T> T read(Snapshot.Work<T> work) {
        return Snapshot.read(dataSource, schema, work);
    }
}
