package io.iamledger.infra.authz;

import io.iamledger.command.oidc.OpenIdConnectProviderAggregate;
import io.iamledger.events.arn.Arn;
import io.iamledger.events.error.ErrorCode;
import io.iamledger.events.error.IamException;
import io.iamledger.events.identity.IdentityKind;
import io.iamledger.events.identity.IdentityRef;
import io.iamledger.events.identity.Tag;
import io.iamledger.infra.credentials.TemporarySession;
import io.iamledger.infra.protocol.QueryParameters;
import io.iamledger.infra.protocol.QueryService;
import io.iamledger.query.evaluator.AuthorizationRequest;
import io.iamledger.query.evaluator.CompiledPrincipalPolicies;
import io.iamledger.query.evaluator.ContextValue;
import io.iamledger.query.evaluator.Evaluation;
import io.iamledger.query.evaluator.PolicyEvaluator;
import io.iamledger.query.evaluator.Principal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Decides whether a call may proceed, as AWS does before running it. The account root may do everything in its
 * account. An IAM user may call an action only where its policies (inline, attached, its groups', limited by its
 * permissions boundary) allow the IAM action(s) {@code IamActionTable} lists for it, on the resource the call names,
 * in a request context holding the global keys ({@code aws:username}, {@code aws:userid}, {@code aws:PrincipalArn},
 * {@code aws:PrincipalAccount}, {@code aws:PrincipalType}, {@code aws:PrincipalTag/*}, {@code aws:SourceIp},
 * {@code aws:CurrentTime}, {@code aws:EpochTime}, {@code aws:SecureTransport}, {@code aws:RequestedRegion}) and the
 * action's own ({@code iam:PolicyARN}, {@code iam:PermissionsBoundary}, {@code aws:RequestTag/*},
 * {@code aws:TagKeys}, {@code aws:ResourceTag/*} and {@code iam:ResourceTag/*}). STS {@code GetCallerIdentity} is never denied.
 *
 * <p>Policies come from the {@link AuthorizationIndex}, so a permission change takes effect as soon as the write
 * that made it returns. A few permissions of the ledger's own API ({@code iamledger:CreateAccount}) no policy
 * grants: only the root user of the server's default account holds them. Thread-safe.
 */
public final class Authorizer {
    /** The STS actions GetSessionToken credentials may call. */
    private static final Set<String> STS_WITH_SESSION_TOKEN = Set.of("AssumeRole", "GetCallerIdentity");
    private static final String IAM_REGION = "us-east-1";
    private final AuthorizationIndex index;
    private final Supplier<String> defaultAccount;

    private Authorizer(AuthorizationIndex index, Supplier<String> defaultAccount) {
        this.index = index;
        this.defaultAccount = defaultAccount;
    }

    /**
     * An authorizer deciding with the policies of {@code index}; {@code defaultAccount} gives the id of the
     * server's default account, asked only when a permission reserved to its root is checked.
     */
    public static Authorizer create(AuthorizationIndex index, Supplier<String> defaultAccount) {
        return new Authorizer(Objects.requireNonNull(index, "index"),
                Objects.requireNonNull(defaultAccount, "defaultAccount"));
    }

    /**
     * Checks that every action the server serves has a row in the authorization table, so that none falls back to
     * being checked against {@code *}.
     *
     * @throws IllegalStateException naming the actions without a row
     */
    public static void requireCovered(QueryService service, Set<String> actions) {
        List<String> missing = new ArrayList<>();
        for (String action : actions) {
            if (IamActionTable.find(service, action).isEmpty()) {
                missing.add(action);
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("no authorization rule for " + service + " actions " + missing
                    + "; add them to IamActionTable");
        }
    }

    /**
     * Lets the call proceed or refuses it.
     *
     * @throws IamException {@code AccessDenied} (403) with AWS's message, e.g. {@code User:
     *     arn:aws:iam::ACCT:user/alice is not authorized to perform: iam:CreateUser on resource:
     *     arn:aws:iam::ACCT:user/bob because no identity-based policy allows the iam:CreateUser action};
     *     {@code ValidationError} when a parameter that names the resource is missing;
     *     {@code ServiceUnavailable} when the read model cannot catch up with the caller's own writes
     */
    public void authorize(AccessRequest request) {
        request.session().filter(session -> !session.isRoleSession())
                .ifPresent(session -> limitSessionTokenCredentials(request, session));
        Optional<IamActionTable.Rule> found = IamActionTable.find(request.service(), request.action());
        if ((found.isPresent() && found.get().neverDenied()) || request.caller().kind() == IdentityKind.ROOT) {
            return;
        }
        String accountId = request.accountId();
        // an action missing from the table (requireCovered prevents it) is checked as service:Action on *
        IamActionTable.Rule rule = found.orElseGet(() -> new IamActionTable.Rule(request.action(),
                List.of(request.service().signingName() + ":" + request.action()), IamActionTable.Target.ANY, "",
                false, false, false, Set.of()));

        AuthorizationIndex.AccountView view = index.view(accountId);
        AuthorizationIndex.CallerEntry me = entry(view, request);
        Principal principal = me.principal();
        Map<String, ContextValue> context = globalKeys(request);
        for (Target target : targets(rule, request, view, me)) {
            Map<String, ContextValue> keys = new HashMap<>(context);
            actionKeys(rule, request.parameters(), target.facts(), keys);
            for (String permission : rule.permissions()) {
                check(principal, me.policies(), permission, target.arn(), keys);
            }
        }
    }

    /**
     * What GetSessionToken credentials may not do, whatever the policies say (as on AWS): call IAM unless MFA was
     * presented when they were issued, or call STS other than AssumeRole and GetCallerIdentity.
     */
    private static void limitSessionTokenCredentials(AccessRequest request, TemporarySession session) {
        if (request.service() == QueryService.IAM && !session.mfaAuthenticated()) {
            throw new IamException(ErrorCode.INVALID_CLIENT_TOKEN_ID, "The security token included in the request is"
                    + " invalid: IAM calls need GetSessionToken credentials issued with MFA.");
        }
        if (request.service() == QueryService.STS && !STS_WITH_SESSION_TOKEN.contains(request.action())) {
            throw new IamException(ErrorCode.ACCESS_DENIED, "Cannot call " + request.action()
                    + " with GetSessionToken credentials");
        }
    }

    /**
     * Lets a call outside the awsQuery action table (CloudTrail's {@code LookupEvents}, the time-travel API)
     * proceed or refuses it: the caller needs {@code permission} on {@code resource}, with the request's global keys.
     * The account root may do everything in its account, except what is reserved to the root of the default account.
     *
     * @throws IamException {@code AccessDenied} with AWS's message
     */
    public void authorizePermission(AccessRequest request, String permission, String resource) {
        if (IamActionTable.onlyDefaultRoot(permission)) {
            if (request.caller().kind() == IdentityKind.ROOT && request.accountId().equals(defaultAccount.get())) {
                return;
            }
            throw new IamException(ErrorCode.ACCESS_DENIED, "User: " + principalArn(request.accountId(),
                    request.caller()) + " is not authorized to perform: " + permission + " on resource: " + resource
                    + " because only the root user of the server's default account may, whatever the policies");
        }
        if (request.caller().kind() == IdentityKind.ROOT) {
            return;
        }
        AuthorizationIndex.CallerEntry me = entry(index.view(request.accountId()), request);
        check(me.principal(), me.policies(), permission, resource, globalKeys(request));
    }

    /** A role that AssumeRole may issue a session of, as the caller of {@link #authorizeAssumeRole} gets it. */
    public record AssumableRole(String arn, String roleId, String roleName, String trustDigest,
                                int maxSessionDuration) {}

    /**
     * Decides AssumeRole as AWS does: the role's trust policy must allow the caller {@code sts:AssumeRole}, and
     * unless it names the caller itself in the role's own account, so must the caller's identity policies (always
     * across accounts); an explicit deny anywhere wins. Session tags need {@code sts:TagSession} and a source
     * identity {@code sts:SetSourceIdentity}, decided the same way.
     *
     * @param roleArn       the role asked for
     * @param stsKeys       the request's own condition keys ({@code sts:ExternalId}, {@code sts:RoleSessionName},
     *                      {@code sts:SourceIdentity}, {@code aws:RequestTag/*}, {@code aws:TagKeys},
     *                      {@code sts:TransitiveTagKeys})
     * @param tagsSession   whether the request passes session tags
     * @param setsSourceIdentity whether the request sets a source identity
     * @throws IamException AccessDenied in AWS's words, also when there is no such role (as on AWS, which does not
     *     tell callers which roles exist)
     */
    public AssumableRole authorizeAssumeRole(AccessRequest request, String roleArn, Map<String, ContextValue> stsKeys,
                                             boolean tagsSession, boolean setsSourceIdentity) {
        AuthorizationIndex.CallerEntry me = entry(index.view(request.accountId()), request);
        Principal principal = me.principal();
        String denied = "User: " + principal.name() + " is not authorized to perform: sts:AssumeRole on resource: "
                + roleArn;
        TargetRole target = targetRole(roleArn, denied);
        String roleAccount = target.account();
        AuthorizationIndex.RoleEntry role = target.entry();
        Map<String, ContextValue> keys = globalKeys(request);
        keys.putAll(stsKeys);
        List<String> permissions = new ArrayList<>(List.of("sts:AssumeRole"));
        if (tagsSession) {
            permissions.add("sts:TagSession");
        }
        if (setsSourceIdentity) {
            permissions.add("sts:SetSourceIdentity");
        }
        for (String permission : permissions) {
            AuthorizationRequest decision = AuthorizationRequest.builder(principal, permission)
                    .resource(roleArn, roleAccount)
                    .requiredResourcePolicy(role.trust())
                    .principalPolicies(me.policies())
                    .context(keys)
                    .build();
            if (!PolicyEvaluator.decide(decision).isAllowed()) {
                throw new IamException(ErrorCode.ACCESS_DENIED, permission.equals("sts:AssumeRole") ? denied
                        : "User: " + principal.name() + " is not authorized to perform: " + permission
                                + " on resource: " + roleArn);
            }
        }
        return target.assumable();
    }

    /**
     * Decides AssumeRoleWithWebIdentity: a web identity has no policies of its own, so the role's trust policy alone
     * must allow {@code sts:AssumeRoleWithWebIdentity} to the provider ({@code "Federated": PROVIDER_ARN}) with the
     * token's claims as context keys ({@code <provider url>:aud}, {@code :sub}, ...).
     *
     * @throws IamException AccessDenied in AWS's words, also when there is no such role
     */
    public AssumableRole authorizeWebIdentity(String roleArn, String providerArn, Map<String, ContextValue> keys) {
        String denied = "Not authorized to perform sts:AssumeRoleWithWebIdentity";
        TargetRole target = targetRole(roleArn, denied);
        String roleAccount = target.account();
        AuthorizationIndex.RoleEntry role = target.entry();
        AuthorizationRequest decision = AuthorizationRequest.builder(Principal.webIdentityUser(providerArn),
                        "sts:AssumeRoleWithWebIdentity")
                .resource(roleArn, roleAccount)
                .requiredResourcePolicy(role.trust())
                .context(keys)
                .build();
        if (!PolicyEvaluator.decide(decision).isAllowed()) {
            throw new IamException(ErrorCode.ACCESS_DENIED, denied);
        }
        return target.assumable();
    }

    /** The role an assumption names, as the index knows it, with its account and name from the ARN. */
    private record TargetRole(AuthorizationIndex.RoleEntry entry, String account, String name) {
        AssumableRole assumable() {
            return new AssumableRole(entry.arn(), entry.roleId(), name, entry.trustDigest(),
                    entry.maxSessionDuration());
        }
    }

    /**
     * The role {@code roleArn} names.
     *
     * @throws IamException ValidationError for an ARN that is not a role's; AccessDenied {@code denied} when there
     *     is no such role (AWS does not tell callers which roles exist)
     */
    private TargetRole targetRole(String roleArn, String denied) {
        Arn parsed = Arn.tryParse(roleArn).filter(arn -> arn.service().equals("iam")
                && arn.resourceType().equals("role"))
                .orElseThrow(() -> IamException.validation(roleArn + " is invalid"));
        AuthorizationIndex.RoleEntry entry = index.role(index.view(parsed.account()), parsed.account(),
                        parsed.resourceName())
                .filter(role -> role.arn().equals(roleArn))
                .orElseThrow(() -> new IamException(ErrorCode.ACCESS_DENIED, denied));
        return new TargetRole(entry, parsed.account(), parsed.resourceName());
    }

    /**
     * Whether temporary credentials still stand: an assumed role's session ends when its role is deleted (or
     * replaced by another of the same name) or its trust policy changes.
     */
    public boolean stillValid(TemporarySession session) {
        if (!session.isRoleSession()) {
            return true;
        }
        return index.role(index.view(session.accountId()), session.accountId(), session.identity().name())
                .filter(role -> role.roleId().equals(session.identity().id()))
                .filter(role -> session.trustDigest().equals(Optional.of(role.trustDigest())))
                .isPresent();
    }

    /** The calling user's, or assumed-role session's, entry. */
    private AuthorizationIndex.CallerEntry entry(AuthorizationIndex.AccountView view, AccessRequest request) {
        Optional<TemporarySession> roleSession = request.session().filter(TemporarySession::isRoleSession);
        if (roleSession.isPresent()) {
            return index.session(view, roleSession.get());
        }
        if (request.caller().kind() != IdentityKind.USER) {
            throw new IllegalArgumentException("neither an IAM user nor a role session: " + request.caller());
        }
        return index.caller(view, request.accountId(), request.caller());
    }

    /** The caller's ARN as policies see it (a user's carries its path); from the index, so cheap on every call. */
    public String principalArn(String accountId, IdentityRef caller, Optional<TemporarySession> session) {
        return session.filter(TemporarySession::isRoleSession).map(TemporarySession::arn)
                .orElseGet(() -> principalArn(accountId, caller));
    }

    /** As {@link #principalArn(String, IdentityRef, Optional)}, for long-term credentials. */
    public String principalArn(String accountId, IdentityRef caller) {
        if (caller.kind() != IdentityKind.USER) {
            return Arn.root(accountId).toString();
        }
        return index.caller(index.view(accountId), accountId, caller).principal().arn()
                .orElseGet(() -> Arn.user(accountId, "/", caller.name()).toString());
    }

    /** A resource a call acts on, and what is known about it when it exists. */
    private record Target(String arn, Optional<TargetFacts> facts) {}

    private List<Target> targets(IamActionTable.Rule rule, AccessRequest request, AuthorizationIndex.AccountView view,
                                 AuthorizationIndex.CallerEntry me) {
        QueryParameters p = request.parameters();
        String accountId = request.accountId();
        return switch (rule.target()) {
            case ANY -> List.of(new Target("*", Optional.empty()));
            case PRINCIPAL_ARN -> List.of(new Target(p.requiredString(rule.nameParameter()), Optional.empty()));
            case POLICY -> List.of(new Target(rule.creates()
                    ? arn(accountId, "policy", path(p), p.requiredString(rule.nameParameter()))
                    : p.requiredString(rule.nameParameter()), Optional.empty()));
            case MFA -> List.of(new Target(rule.creates()
                    ? arn(accountId, "mfa", path(p), p.requiredString(rule.nameParameter()))
                    : p.requiredString(rule.nameParameter()), Optional.empty()));
            case OIDC_PROVIDER -> List.of(new Target(rule.creates()
                    ? OpenIdConnectProviderAggregate.arnFor(accountId, p.requiredString(rule.nameParameter()))
                    : p.requiredString(rule.nameParameter()), Optional.empty()));
            case USER, GROUP, ROLE, INSTANCE_PROFILE -> {
                String type = rule.target().name().toLowerCase(Locale.ROOT).replace('_', '-');
                if (rule.creates()) {
                    yield List.of(new Target(arn(accountId, type, path(p), p.requiredString(rule.nameParameter())),
                            Optional.empty()));
                }
                Optional<String> named = p.optionalString(rule.nameParameter());
                Target target;
                String name;
                if (named.isEmpty() && rule.callerByDefault() && me.role().isPresent()) {
                    throw IamException.validation("Must specify " + Character.toLowerCase(rule.nameParameter()
                            .charAt(0)) + rule.nameParameter().substring(1) + " when calling with non-User"
                            + " credentials");
                }
                if (named.isEmpty() && rule.callerByDefault()) {
                    name = me.arn().substring(me.arn().lastIndexOf('/') + 1);
                    target = new Target(me.arn(), Optional.of(new TargetFacts(me.arn(), me.policies()
                            .permissionsBoundary().map(boundary -> boundary.source().id()), tags(me.tags()))));
                } else {
                    name = named.orElseGet(() -> p.requiredString(rule.nameParameter()));
                    Optional<TargetFacts> facts = index.target(view, accountId, rule.target(), name);
                    target = new Target(facts.map(TargetFacts::arn).orElseGet(() -> arn(accountId, type, "/", name)),
                            facts);
                }
                if (!rule.renames()) {
                    yield List.of(target);
                }
                // AWS: renaming or moving needs permission on the entity as it is and as it will be
                String newName = p.optionalString("New" + rule.nameParameter()).orElse(name);
                String newPath = p.optionalString("NewPath").orElseGet(() -> pathOf(target.arn()));
                String renamed = arn(accountId, type, newPath, newName);
                yield renamed.equals(target.arn()) ? List.of(target)
                        : List.of(target, new Target(renamed, Optional.empty()));
            }
        };
    }

    private static void check(Principal principal, CompiledPrincipalPolicies policies, String permission,
                              String resource, Map<String, ContextValue> keys) {
        AuthorizationRequest request = AuthorizationRequest.builder(principal, permission)
                .resource(resource)
                .principalPolicies(policies)
                .context(keys)
                .build();
        if (PolicyEvaluator.decide(request).isAllowed()) {
            return;
        }
        // the explanation is only worked out for a denial, which needs its reason
        Evaluation evaluation = PolicyEvaluator.evaluate(request);
        throw new IamException(ErrorCode.ACCESS_DENIED, "User: " + principal.name()
                + " is not authorized to perform: " + permission + " on resource: " + resource + " "
                + evaluation.accessDeniedReason().orElse("because no identity-based policy allows the " + permission
                        + " action"));
    }

    /** The global condition keys of the request; those derived from the principal the evaluator adds itself. */
    private static Map<String, ContextValue> globalKeys(AccessRequest request) {
        Map<String, ContextValue> keys = new HashMap<>();
        keys.put("aws:CurrentTime", ContextValue.date(request.receivedAt()));
        keys.put("aws:EpochTime", ContextValue.number(request.receivedAt().getEpochSecond()));
        keys.put("aws:SecureTransport", ContextValue.bool(request.secureTransport()));
        // AWS: IAM's one endpoint is in us-east-1, so IAM calls are always made to us-east-1, whatever region the
        // client signed for (the SDKs' aws-global, for one)
        keys.put("aws:RequestedRegion", ContextValue.string(request.service() == QueryService.IAM ? IAM_REGION
                : request.region()));
        sourceIp(request.sourceIp()).ifPresent(ip -> keys.put("aws:SourceIp", ip));
        // AWS: these keys exist only for temporary credentials (long-term keys: use ...IfExists conditions)
        request.session().ifPresent(session -> {
            keys.put("aws:MultiFactorAuthPresent", ContextValue.bool(session.mfaAuthenticated()));
            if (session.mfaAuthenticated()) {
                keys.put("aws:MultiFactorAuthAge", ContextValue.number(Math.max(0,
                        request.receivedAt().getEpochSecond() - session.issuedAt().getEpochSecond())));
            }
            keys.put("aws:TokenIssueTime", ContextValue.date(session.issuedAt()));
            session.sourceIdentity().ifPresent(identity -> keys.put("aws:SourceIdentity",
                    ContextValue.string(identity)));
        });
        return keys;
    }

    /** The client address as an IP value; servlet containers may bracket IPv6 or add a zone, which AWS never shows. */
    static Optional<ContextValue> sourceIp(String address) {
        String bare = address.startsWith("[") && address.endsWith("]")
                ? address.substring(1, address.length() - 1) : address;
        int zone = bare.indexOf('%');
        if (zone >= 0) {
            bare = bare.substring(0, zone);
        }
        try {
            return bare.isEmpty() ? Optional.empty() : Optional.of(ContextValue.ip(bare));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static void actionKeys(IamActionTable.Rule rule, QueryParameters p, Optional<TargetFacts> facts,
                                   Map<String, ContextValue> keys) {
        facts.ifPresent(target -> {
            for (Tag tag : target.tags()) {
                // IAM's own key for the tags of the user or role acted on, beside the global one
                keys.put("aws:ResourceTag/" + tag.key(), ContextValue.string(tag.value()));
                keys.put("iam:ResourceTag/" + tag.key(), ContextValue.string(tag.value()));
            }
        });
        for (IamActionTable.Key key : rule.keys()) {
            switch (key) {
                case POLICY_ARN -> keys.put("iam:PolicyARN", ContextValue.string(p.requiredString("PolicyArn")));
                case REQUESTED_BOUNDARY -> p.optionalString("PermissionsBoundary")
                        .ifPresent(arn -> keys.put("iam:PermissionsBoundary", ContextValue.string(arn)));
                case CURRENT_BOUNDARY -> facts.flatMap(TargetFacts::permissionsBoundaryArn)
                        .ifPresent(arn -> keys.put("iam:PermissionsBoundary", ContextValue.string(arn)));
                case REQUEST_TAGS -> {
                    List<String> tagKeys = new ArrayList<>();
                    for (QueryParameters tag : p.structList("Tags")) {
                        String tagKey = tag.requiredString("Key");
                        tagKeys.add(tagKey);
                        keys.put("aws:RequestTag/" + tagKey,
                                ContextValue.string(tag.optionalString("Value").orElse("")));
                    }
                    if (!tagKeys.isEmpty()) {
                        keys.put("aws:TagKeys", ContextValue.strings(tagKeys));
                    }
                }
                case TAG_KEYS -> keys.put("aws:TagKeys", ContextValue.strings(p.stringList("TagKeys")));
            }
        }
    }

    private static List<Tag> tags(Map<String, String> tags) {
        List<Tag> list = new ArrayList<>(tags.size());
        tags.forEach((key, value) -> list.add(new Tag(key, value)));
        return list;
    }

    private static String path(QueryParameters p) {
        return p.optionalString("Path").orElse("/");
    }

    private static String arn(String accountId, String type, String path, String name) {
        return Arn.iam(accountId, type + path + name).toString();
    }

    /** The path of an IAM ARN: {@code arn:aws:iam::123:user/a/b/bob} → {@code /a/b/}. */
    static String pathOf(String arn) {
        return Arn.tryParse(arn).flatMap(Arn::path).orElse("/");
    }
}
