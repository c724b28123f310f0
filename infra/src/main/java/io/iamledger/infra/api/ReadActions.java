package io.iamledger.infra.api;

import io.iamledger.events.identity.IdentityKind;
import io.iamledger.infra.protocol.QueryParameters;
import io.iamledger.infra.protocol.QueryService;
import io.iamledger.infra.protocol.XmlResponseWriter;
import io.iamledger.query.readmodel.AccessKeyMetadata;
import io.iamledger.query.readmodel.AuthorizationDetails;
import io.iamledger.query.readmodel.AuthorizationDetailsFilter;
import io.iamledger.query.readmodel.GroupWithUsers;
import io.iamledger.query.readmodel.IamReadModel;
import io.iamledger.query.readmodel.InlinePolicy;
import io.iamledger.query.readmodel.Page;
import io.iamledger.query.readmodel.PageRequest;
import io.iamledger.query.readmodel.PolicyEntity;
import io.iamledger.query.readmodel.PolicyScope;
import io.iamledger.query.readmodel.PolicyVersion;
import io.iamledger.query.readmodel.User;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The IAM read actions, answered from the temporal read model (the servlet first waits for the caller's own
 * writes to be in it).
 * Actions that default to the caller (GetUser, ListAccessKeys without UserName) use the signing identity.
 */
final class ReadActions {
    private final IamReadModel readModel;
    ReadActions(IamReadModel readModel) {
        this.readModel = readModel;
    }

    void register(Actions actions) {
        actions.read(QueryService.IAM, "GetUser", this::getUser)
                .read(QueryService.IAM, "ListUsers", this::listUsers)
                .read(QueryService.IAM, "GetGroup", this::getGroup)
                .read(QueryService.IAM, "ListGroups", this::listGroups)
                .read(QueryService.IAM, "ListGroupsForUser", this::listGroupsForUser)
                .read(QueryService.IAM, "GetRole", this::getRole)
                .read(QueryService.IAM, "ListRoles", this::listRoles)
                .read(QueryService.IAM, "GetPolicy", this::getPolicy)
                .read(QueryService.IAM, "ListPolicies", this::listPolicies)
                .read(QueryService.IAM, "GetPolicyVersion", this::getPolicyVersion)
                .read(QueryService.IAM, "ListPolicyVersions", this::listPolicyVersions)
                .read(QueryService.IAM, "ListAttachedUserPolicies", call -> attached(call, "UserName",
                        (name, page) -> readModel.listAttachedUserPolicies(call.accountId(), name, pathPrefix(call), page)))
                .read(QueryService.IAM, "ListAttachedGroupPolicies", call -> attached(call, "GroupName",
                        (name, page) -> readModel.listAttachedGroupPolicies(call.accountId(), name, pathPrefix(call), page)))
                .read(QueryService.IAM, "ListAttachedRolePolicies", call -> attached(call, "RoleName",
                        (name, page) -> readModel.listAttachedRolePolicies(call.accountId(), name, pathPrefix(call), page)))
                .read(QueryService.IAM, "ListEntitiesForPolicy", this::listEntitiesForPolicy)
                .read(QueryService.IAM, "GetUserPolicy", call -> inline(call, "UserName",
                        (name, policy) -> readModel.getUserPolicy(call.accountId(), name, policy)))
                .read(QueryService.IAM, "GetGroupPolicy", call -> inline(call, "GroupName",
                        (name, policy) -> readModel.getGroupPolicy(call.accountId(), name, policy)))
                .read(QueryService.IAM, "GetRolePolicy", call -> inline(call, "RoleName",
                        (name, policy) -> readModel.getRolePolicy(call.accountId(), name, policy)))
                .read(QueryService.IAM, "ListUserPolicies", call -> inlineNames(call, "UserName",
                        (name, page) -> readModel.listUserPolicies(call.accountId(), name, page)))
                .read(QueryService.IAM, "ListGroupPolicies", call -> inlineNames(call, "GroupName",
                        (name, page) -> readModel.listGroupPolicies(call.accountId(), name, page)))
                .read(QueryService.IAM, "ListRolePolicies", call -> inlineNames(call, "RoleName",
                        (name, page) -> readModel.listRolePolicies(call.accountId(), name, page)))
                .read(QueryService.IAM, "ListAccessKeys", this::listAccessKeys)
                .read(QueryService.IAM, "ListUserTags", call -> tags(call,
                        () -> readModel.getUser(call.accountId(), call.parameters().requiredString("UserName")).tags()))
                .read(QueryService.IAM, "ListRoleTags", call -> tags(call,
                        () -> readModel.getRole(call.accountId(), call.parameters().requiredString("RoleName")).tags()))
                .read(QueryService.IAM, "GetAccountAuthorizationDetails", this::getAccountAuthorizationDetails);
    }

    /** The page a List call asks for: {@code Marker} and {@code MaxItems}. */
    static PageRequest page(ApiCall call) {
        QueryParameters p = call.parameters();
        return PageRequest.of(p.optionalString("Marker").orElse(null),
                p.optionalInt("MaxItems", Integer.MIN_VALUE, Integer.MAX_VALUE).orElse(null));
    }

    private static String pathPrefix(ApiCall call) {
        return call.parameters().optionalString("PathPrefix").orElse("/");
    }

    private String getUser(ApiCall call) {
        Optional<String> name = call.parameters().optionalString("UserName");
        String userName = name.orElseGet(() -> call.caller().isRoot() ? "" : call.caller().identity().name());
        XmlResponseWriter out = call.result().start("User");
        if (userName.isEmpty()) {
            // the root calling GetUser without a name: AWS answers with the account's root identity
            out.element("UserId", call.accountId()).element("Arn", call.caller().arn("/"));
        } else {
            Shapes.user(out, readModel.getUser(call.accountId(), userName), true);
        }
        return call.finish(out.end());
    }

    private String listUsers(ApiCall call) {
        PageRequest page = page(call);
        Page<User> users = readModel.listUsers(call.accountId(), pathPrefix(call), page);
        XmlResponseWriter out = call.result().list("Users", users.items(), (m, user) -> Shapes.user(m, user, false));
        return call.finish(Shapes.paging(out, users));
    }

    private String getGroup(ApiCall call) {
        PageRequest page = page(call);
        GroupWithUsers group = readModel.getGroup(call.accountId(), call.parameters().requiredString("GroupName"), page);
        XmlResponseWriter out = call.result().start("Group");
        Shapes.group(out, group.group());
        out.end().list("Users", group.users().items(), (m, user) -> Shapes.user(m, user, false));
        return call.finish(Shapes.paging(out, group.users()));
    }

    private String listGroups(ApiCall call) {
        PageRequest page = page(call);
        var groups = readModel.listGroups(call.accountId(), pathPrefix(call), page);
        XmlResponseWriter out = call.result().list("Groups", groups.items(), Shapes::group);
        return call.finish(Shapes.paging(out, groups));
    }

    private String listGroupsForUser(ApiCall call) {
        PageRequest page = page(call);
        var groups = readModel.listGroupsForUser(call.accountId(), call.parameters().requiredString("UserName"), page);
        XmlResponseWriter out = call.result().list("Groups", groups.items(), Shapes::group);
        return call.finish(Shapes.paging(out, groups));
    }

    private String getRole(ApiCall call) {
        XmlResponseWriter out = call.result().start("Role");
        Shapes.role(out, readModel.getRole(call.accountId(), call.parameters().requiredString("RoleName")), true);
        return call.finish(out.end());
    }

    private String listRoles(ApiCall call) {
        PageRequest page = page(call);
        var roles = readModel.listRoles(call.accountId(), pathPrefix(call), page);
        XmlResponseWriter out = call.result().list("Roles", roles.items(), (m, role) -> Shapes.role(m, role, false));
        return call.finish(Shapes.paging(out, roles));
    }

    private String getPolicy(ApiCall call) {
        String arn = call.parameters().requiredString("PolicyArn");
        Edge.checkPolicyArn(arn);
        XmlResponseWriter out = call.result().start("Policy");
        Shapes.policy(out, readModel.getPolicy(call.accountId(), arn));
        return call.finish(out.end());
    }

    private String listPolicies(ApiCall call) {
        PageRequest page = page(call);
        QueryParameters p = call.parameters();
        PolicyScope scope = PolicyScope.fromWire(p.optionalString("Scope").orElse("All"));
        boolean onlyAttached = p.optionalBoolean("OnlyAttached").orElse(false);
        var policies = readModel.listPolicies(call.accountId(), scope, onlyAttached, pathPrefix(call), page);
        XmlResponseWriter out = call.result().list("Policies", policies.items(), Shapes::policy);
        return call.finish(Shapes.paging(out, policies));
    }

    private String getPolicyVersion(ApiCall call) {
        QueryParameters p = call.parameters();
        String arn = p.requiredString("PolicyArn");
        Edge.checkPolicyArn(arn);
        PolicyVersion version = readModel.getPolicyVersion(call.accountId(), arn, p.requiredString("VersionId"));
        XmlResponseWriter out = call.result().start("PolicyVersion");
        version(out, version);
        return call.finish(out.end());
    }

    private String listPolicyVersions(ApiCall call) {
        PageRequest page = page(call);
        String arn = call.parameters().requiredString("PolicyArn");
        Edge.checkPolicyArn(arn);
        Page<PolicyVersion> versions = readModel.listPolicyVersions(call.accountId(), arn, page);
        // ListPolicyVersions does not return documents
        XmlResponseWriter out = call.result().list("Versions", versions.items(), (m, v) -> m
                .element("VersionId", v.versionId())
                .element("IsDefaultVersion", v.isDefaultVersion())
                .element("CreateDate", v.createDate()));
        return call.finish(Shapes.paging(out, versions));
    }

    private static void version(XmlResponseWriter out, PolicyVersion version) {
        out.urlEncodedElement("Document", version.document())
                .element("VersionId", version.versionId())
                .element("IsDefaultVersion", version.isDefaultVersion())
                .element("CreateDate", version.createDate());
    }

    private interface PagedByName<T> {
        Page<T> query(String name, PageRequest page);
    }

    private String attached(ApiCall call, String nameParameter, PagedByName<io.iamledger.query.readmodel.AttachedPolicy> query) {
        PageRequest page = page(call);
        var policies = query.query(call.parameters().requiredString(nameParameter), page);
        XmlResponseWriter out = call.result();
        Shapes.attachedPolicies(out, "AttachedPolicies", policies.items());
        return call.finish(Shapes.paging(out, policies));
    }

    private String listEntitiesForPolicy(ApiCall call) {
        PageRequest page = page(call);
        QueryParameters p = call.parameters();
        String arn = p.requiredString("PolicyArn");
        Edge.checkPolicyArn(arn);
        Optional<IdentityKind> filter = p.optionalString("EntityFilter").flatMap(ReadActions::entityFilter);
        Page<PolicyEntity> entities = readModel.listEntitiesForPolicy(call.accountId(), arn, filter,
                pathPrefix(call), page);
        XmlResponseWriter out = call.result();
        entityList(out, "PolicyGroups", "Group", IdentityKind.GROUP, entities.items());
        entityList(out, "PolicyUsers", "User", IdentityKind.USER, entities.items());
        entityList(out, "PolicyRoles", "Role", IdentityKind.ROLE, entities.items());
        return call.finish(Shapes.paging(out, entities));
    }

    private static Optional<IdentityKind> entityFilter(String value) {
        return switch (value) {
            case "User" -> Optional.of(IdentityKind.USER);
            case "Group" -> Optional.of(IdentityKind.GROUP);
            case "Role" -> Optional.of(IdentityKind.ROLE);
            case "LocalManagedPolicy", "AWSManagedPolicy" -> Optional.empty();
            default -> throw io.iamledger.events.error.IamException.validation("1 validation error detected: Value '"
                    + value + "' at 'entityFilter' failed to satisfy constraint: Member must satisfy enum value set: "
                    + "[User, Role, LocalManagedPolicy, Group, AWSManagedPolicy]");
        };
    }

    private static void entityList(XmlResponseWriter out, String listName, String prefix, IdentityKind kind,
                                   List<PolicyEntity> entities) {
        out.list(listName, entities.stream().filter(e -> e.kind() == kind).toList(), (m, e) -> m
                .element(prefix + "Name", e.name())
                .element(prefix + "Id", e.id()));
    }

    private interface InlineQuery {
        InlinePolicy query(String name, String policyName);
    }

    private String inline(ApiCall call, String nameParameter, InlineQuery query) {
        String name = call.parameters().requiredString(nameParameter);
        InlinePolicy policy = query.query(name, call.parameters().requiredString("PolicyName"));
        XmlResponseWriter out = call.result()
                .element(nameParameter, name)
                .element("PolicyName", policy.policyName())
                .urlEncodedElement("PolicyDocument", policy.policyDocument());
        return call.finish(out);
    }

    private String inlineNames(ApiCall call, String nameParameter, PagedByName<String> query) {
        PageRequest page = page(call);
        Page<String> names = query.query(call.parameters().requiredString(nameParameter), page);
        XmlResponseWriter out = call.result().stringList("PolicyNames", names.items());
        return call.finish(Shapes.paging(out, names));
    }

    private String listAccessKeys(ApiCall call) {
        PageRequest page = page(call);
        Optional<String> userName = call.parameters().optionalString("UserName")
                .or(() -> call.caller().isRoot() ? Optional.empty() : Optional.of(call.caller().identity().name()));
        Page<AccessKeyMetadata> keys = readModel.listAccessKeys(call.accountId(), userName, page);
        XmlResponseWriter out = call.result().list("AccessKeyMetadata", keys.items(), (m, key) -> {
            key.userName().ifPresent(name -> m.element("UserName", name));
            m.element("AccessKeyId", key.accessKeyId())
                    .element("Status", key.status().name())
                    .element("CreateDate", key.createDate());
        });
        return call.finish(Shapes.paging(out, keys));
    }

    private String tags(ApiCall call, java.util.function.Supplier<List<io.iamledger.events.identity.Tag>> query) {
        return call.finish(Shapes.tagList(call.result(), query.get()));
    }

    private String getAccountAuthorizationDetails(ApiCall call) {
        PageRequest page = page(call);
        Set<AuthorizationDetailsFilter> filter = EnumSet.noneOf(AuthorizationDetailsFilter.class);
        for (String value : call.parameters().stringList("Filter")) {
            filter.add(AuthorizationDetailsFilter.fromWire(value));
        }
        AuthorizationDetails details = readModel.getAccountAuthorizationDetails(call.accountId(), filter, page);
        XmlResponseWriter out = call.result();
        out.list("UserDetailList", details.users(), (m, d) -> {
            Shapes.user(m, d.user(), false);
            Shapes.inlinePolicies(m, "UserPolicyList", d.inlinePolicies());
            m.stringList("GroupList", d.groupNames());
            Shapes.attachedPolicies(m, "AttachedManagedPolicies", d.attachedPolicies());
            d.user().permissionsBoundaryArn().ifPresent(arn -> Shapes.boundary(m, arn));
            Shapes.tags(m, d.user().tags());
        });
        out.list("GroupDetailList", details.groups(), (m, d) -> {
            Shapes.group(m, d.group());
            Shapes.inlinePolicies(m, "GroupPolicyList", d.inlinePolicies());
            Shapes.attachedPolicies(m, "AttachedManagedPolicies", d.attachedPolicies());
        });
        out.list("RoleDetailList", details.roles(), (m, d) -> {
            m.element("Path", d.role().path())
                    .element("RoleName", d.role().roleName())
                    .element("RoleId", d.role().roleId())
                    .element("Arn", d.role().arn())
                    .element("CreateDate", d.role().createDate())
                    .urlEncodedElement("AssumeRolePolicyDocument", d.role().assumeRolePolicyDocument());
            Shapes.inlinePolicies(m, "RolePolicyList", d.inlinePolicies());
            Shapes.attachedPolicies(m, "AttachedManagedPolicies", d.attachedPolicies());
            d.role().permissionsBoundaryArn().ifPresent(arn -> Shapes.boundary(m, arn));
            Shapes.tags(m, d.role().tags());
        });
        out.list("Policies", details.policies(), (m, d) -> {
            Shapes.policy(m, d.policy());
            m.list("PolicyVersionList", d.versions(), ReadActions::version);
        });
        out.element("IsTruncated", details.isTruncated());
        details.marker().ifPresent(marker -> out.element("Marker", marker));
        return call.finish(out);
    }
}
