package io.iamledger.infra.authz;

import io.iamledger.infra.protocol.QueryService;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The one table of what each served action needs permission for: the IAM action(s) checked, the resource they act
 * on (from AWS's Service Authorization Reference for IAM: users, groups, roles and policies are resource-level;
 * the List actions over a whole account and the simulator's custom policies take {@code *}), and the
 * action-specific condition keys AWS puts in the request context. Immutable.
 */
final class IamActionTable {

    /** The kind of resource an action acts on. */
    enum Target {
        /** No specific resource: {@code *}. */
        ANY,
        /** {@code arn:aws:iam::ACCOUNT:user<path><name>}. */
        USER,
        /** {@code arn:aws:iam::ACCOUNT:group<path><name>}. */
        GROUP,
        /** {@code arn:aws:iam::ACCOUNT:role<path><name>}. */
        ROLE,
        /** {@code arn:aws:iam::ACCOUNT:policy<path><name>}, given as {@code PolicyArn} or built from the request. */
        POLICY,
        /**
         * The ARN in {@code PolicySourceArn} as given (SimulatePrincipalPolicy, GetContextKeysForPrincipalPolicy: a
         * user, group or role).
         */
        PRINCIPAL_ARN,
        /**
         * A virtual MFA device, {@code arn:aws:iam::ACCOUNT:mfa<path><name>}: the {@code SerialNumber} as given, or
         * built from {@code Path} and {@code VirtualMFADeviceName} when it is created.
         */
        MFA,
        /** {@code arn:aws:iam::ACCOUNT:instance-profile<path><name>}. */
        INSTANCE_PROFILE,
        /**
         * {@code arn:aws:iam::ACCOUNT:oidc-provider/<url>}: the {@code OpenIDConnectProviderArn} as given, or built
         * from {@code Url} when it is created.
         */
        OIDC_PROVIDER
    }

    /** Condition keys specific to some IAM actions. */
    enum Key {
        /** {@code iam:PolicyARN}: the managed policy attached or detached. */
        POLICY_ARN,
        /** {@code iam:PermissionsBoundary}: the boundary the request sets. */
        REQUESTED_BOUNDARY,
        /** {@code iam:PermissionsBoundary}: the boundary the target user or role has now. */
        CURRENT_BOUNDARY,
        /** {@code aws:RequestTag/KEY} and {@code aws:TagKeys} from the {@code Tags} parameter. */
        REQUEST_TAGS,
        /** {@code aws:TagKeys} from the {@code TagKeys} parameter. */
        TAG_KEYS
    }

    /**
     * What one action needs.
     *
     * @param action          the operation, e.g. {@code CreateUser}
     * @param permissions     the IAM actions that must all be allowed, each on the same resource; usually just
     *                        {@code iam:<action>}; empty for an action that is never denied
     * @param target          the kind of resource
     * @param nameParameter   the parameter naming the resource ({@code UserName}, {@code PolicyArn}, ...); empty
     *                        for {@link Target#ANY}
     * @param creates         the resource does not exist yet: its ARN comes from the request ({@code Path} and the
     *                        name, or for policies {@code Path} and {@code PolicyName}) rather than the read model
     * @param callerByDefault without the name parameter, the resource is the calling user itself
     * @param renames         the request may rename or move the resource ({@code NewUserName}, {@code NewPath}):
     *                        the new ARN is checked too, as AWS requires permission on both
     * @param keys            the action-specific condition keys
     */
    record Rule(String action, List<String> permissions, Target target, String nameParameter, boolean creates,
                boolean callerByDefault, boolean renames, Set<Key> keys) {
        Rule {
            permissions = List.copyOf(permissions);
            keys = Set.copyOf(keys);
        }

        boolean neverDenied() {
            return permissions.isEmpty();
        }

        Rule orCaller() {
            return new Rule(action, permissions, target, nameParameter, creates, true, renames, keys);
        }

        Rule renaming() {
            return new Rule(action, permissions, target, nameParameter, creates, callerByDefault, true, keys);
        }

        Rule with(Key first, Key... more) {
            EnumSet<Key> all = EnumSet.of(first, more);
            all.addAll(keys);
            return new Rule(action, permissions, target, nameParameter, creates, callerByDefault, renames, all);
        }

        Rule permissions(String... iamActions) {
            return new Rule(action, List.of(iamActions), target, nameParameter, creates, callerByDefault, renames,
                    keys);
        }
    }

    private static final Map<String, Rule> IAM = table(
            // users
            create("CreateUser", Target.USER).with(Key.REQUESTED_BOUNDARY, Key.REQUEST_TAGS),
            on("GetUser", Target.USER).orCaller(),
            on("UpdateUser", Target.USER).renaming(),
            on("DeleteUser", Target.USER),
            any("ListUsers"),
            on("ListGroupsForUser", Target.USER),
            on("AttachUserPolicy", Target.USER).with(Key.POLICY_ARN, Key.CURRENT_BOUNDARY),
            on("DetachUserPolicy", Target.USER).with(Key.POLICY_ARN, Key.CURRENT_BOUNDARY),
            on("ListAttachedUserPolicies", Target.USER),
            on("PutUserPolicy", Target.USER).with(Key.CURRENT_BOUNDARY),
            on("DeleteUserPolicy", Target.USER).with(Key.CURRENT_BOUNDARY),
            on("GetUserPolicy", Target.USER),
            on("ListUserPolicies", Target.USER),
            on("PutUserPermissionsBoundary", Target.USER).with(Key.REQUESTED_BOUNDARY),
            on("DeleteUserPermissionsBoundary", Target.USER).with(Key.CURRENT_BOUNDARY),
            on("TagUser", Target.USER).with(Key.REQUEST_TAGS),
            on("UntagUser", Target.USER).with(Key.TAG_KEYS),
            on("ListUserTags", Target.USER),
            // access keys: of the named user, or of the caller itself
            on("CreateAccessKey", Target.USER).orCaller(),
            on("UpdateAccessKey", Target.USER).orCaller(),
            on("DeleteAccessKey", Target.USER).orCaller(),
            on("ListAccessKeys", Target.USER).orCaller(),
            // our extension creates a key and deactivates one: it needs what those two AWS actions need
            on("RotateAccessKey", Target.USER).orCaller().permissions("iam:CreateAccessKey", "iam:UpdateAccessKey"),
            // decided by its handler: iam:GetAccessKeyLastUsed on the user who owns the key the request names
            new Rule("GetAccessKeyLastUsed", List.of(), Target.ANY, "", false, false, false, Set.of()),
            // the account as a whole
            any("GenerateCredentialReport"),
            any("GetCredentialReport"),
            // passwords: the user's login profile (of the caller, unless named), the account's policy
            on("CreateLoginProfile", Target.USER).orCaller(),
            on("UpdateLoginProfile", Target.USER),
            on("DeleteLoginProfile", Target.USER).orCaller(),
            on("GetLoginProfile", Target.USER).orCaller(),
            // decided by its handler: iam:ChangePassword on the caller, unless the account's password policy lets
            // every user change its own password (AllowUsersToChangePassword)
            new Rule("ChangePassword", List.of(), Target.ANY, "", false, false, false, Set.of()),
            any("UpdateAccountPasswordPolicy"),
            any("GetAccountPasswordPolicy"),
            any("DeleteAccountPasswordPolicy"),
            // MFA devices: the device itself when created or deleted, the user it serves otherwise
            create("CreateVirtualMFADevice", Target.MFA).with(Key.REQUEST_TAGS),
            on("DeleteVirtualMFADevice", Target.MFA),
            any("ListVirtualMFADevices"),
            on("EnableMFADevice", Target.USER),
            on("DeactivateMFADevice", Target.USER).orCaller(),
            on("ResyncMFADevice", Target.USER),
            on("ListMFADevices", Target.USER).orCaller(),
            on("GetMFADevice", Target.USER).orCaller(),
            // groups; membership changes act on the group
            create("CreateGroup", Target.GROUP),
            on("GetGroup", Target.GROUP),
            on("DeleteGroup", Target.GROUP),
            any("ListGroups"),
            on("AddUserToGroup", Target.GROUP),
            on("RemoveUserFromGroup", Target.GROUP),
            on("AttachGroupPolicy", Target.GROUP).with(Key.POLICY_ARN),
            on("DetachGroupPolicy", Target.GROUP).with(Key.POLICY_ARN),
            on("ListAttachedGroupPolicies", Target.GROUP),
            on("PutGroupPolicy", Target.GROUP),
            on("DeleteGroupPolicy", Target.GROUP),
            on("GetGroupPolicy", Target.GROUP),
            on("ListGroupPolicies", Target.GROUP),
            // roles
            create("CreateRole", Target.ROLE).with(Key.REQUESTED_BOUNDARY, Key.REQUEST_TAGS),
            on("GetRole", Target.ROLE),
            on("UpdateRole", Target.ROLE),
            on("UpdateAssumeRolePolicy", Target.ROLE),
            on("DeleteRole", Target.ROLE),
            any("ListRoles"),
            on("AttachRolePolicy", Target.ROLE).with(Key.POLICY_ARN, Key.CURRENT_BOUNDARY),
            on("DetachRolePolicy", Target.ROLE).with(Key.POLICY_ARN, Key.CURRENT_BOUNDARY),
            on("ListAttachedRolePolicies", Target.ROLE),
            on("PutRolePolicy", Target.ROLE).with(Key.CURRENT_BOUNDARY),
            on("DeleteRolePolicy", Target.ROLE).with(Key.CURRENT_BOUNDARY),
            on("GetRolePolicy", Target.ROLE),
            on("ListRolePolicies", Target.ROLE),
            on("PutRolePermissionsBoundary", Target.ROLE).with(Key.REQUESTED_BOUNDARY),
            on("DeleteRolePermissionsBoundary", Target.ROLE).with(Key.CURRENT_BOUNDARY),
            on("TagRole", Target.ROLE).with(Key.REQUEST_TAGS),
            on("UntagRole", Target.ROLE).with(Key.TAG_KEYS),
            on("ListRoleTags", Target.ROLE),
            // service-linked roles; the role's name follows from the service: CreateServiceLinkedRole's handler
            // checks iam:CreateServiceLinkedRole on the ARN it will have
            new Rule("CreateServiceLinkedRole", List.of(), Target.ANY, "", false, false, false, Set.of()),
            on("DeleteServiceLinkedRole", Target.ROLE),
            any("GetServiceLinkedRoleDeletionStatus"),
            // managed policies
            create("CreatePolicy", Target.POLICY).with(Key.REQUEST_TAGS),
            on("GetPolicy", Target.POLICY),
            on("DeletePolicy", Target.POLICY),
            any("ListPolicies"),
            on("CreatePolicyVersion", Target.POLICY),
            on("GetPolicyVersion", Target.POLICY),
            on("ListPolicyVersions", Target.POLICY),
            on("DeletePolicyVersion", Target.POLICY),
            on("SetDefaultPolicyVersion", Target.POLICY),
            on("ListEntitiesForPolicy", Target.POLICY),
            // instance profiles; AWS asks iam:PassRole on the role too when one is added (not checked here)
            create("CreateInstanceProfile", Target.INSTANCE_PROFILE).with(Key.REQUEST_TAGS),
            on("GetInstanceProfile", Target.INSTANCE_PROFILE),
            on("DeleteInstanceProfile", Target.INSTANCE_PROFILE),
            any("ListInstanceProfiles"),
            on("ListInstanceProfilesForRole", Target.ROLE),
            on("AddRoleToInstanceProfile", Target.INSTANCE_PROFILE),
            on("RemoveRoleFromInstanceProfile", Target.INSTANCE_PROFILE),
            on("ListInstanceProfileTags", Target.INSTANCE_PROFILE),
            // OpenID Connect providers
            create("CreateOpenIDConnectProvider", Target.OIDC_PROVIDER).with(Key.REQUEST_TAGS),
            on("GetOpenIDConnectProvider", Target.OIDC_PROVIDER),
            any("ListOpenIDConnectProviders"),
            on("DeleteOpenIDConnectProvider", Target.OIDC_PROVIDER),
            on("AddClientIDToOpenIDConnectProvider", Target.OIDC_PROVIDER),
            on("RemoveClientIDFromOpenIDConnectProvider", Target.OIDC_PROVIDER),
            on("UpdateOpenIDConnectProviderThumbprint", Target.OIDC_PROVIDER),
            on("ListOpenIDConnectProviderTags", Target.OIDC_PROVIDER),
            // the account as a whole
            any("GetAccountAuthorizationDetails"),
            // the simulator
            on("SimulatePrincipalPolicy", Target.PRINCIPAL_ARN),
            any("SimulateCustomPolicy"),
            on("GetContextKeysForPrincipalPolicy", Target.PRINCIPAL_ARN),
            any("GetContextKeysForCustomPolicy"));

    private static final Map<String, Rule> STS = table(
            // AWS: "No permissions are required to perform this operation"; an explicit deny cannot stop it either
            new Rule("GetCallerIdentity", List.of(), Target.ANY, "", false, false, false, Set.of()),
            // decided by its handler, which needs the role's trust policy: Authorizer.authorizeAssumeRole
            new Rule("AssumeRole", List.of(), Target.ANY, "", false, false, false, Set.of()),
            // AWS: any IAM user may get a session token; no policy is needed (the handler refuses role sessions)
            new Rule("GetSessionToken", List.of(), Target.ANY, "", false, false, false, Set.of()),
            new Rule("GetAccessKeyInfo", List.of("sts:GetAccessKeyInfo"), Target.ANY, "", false, false, false,
                    Set.of()));

    /**
     * Permissions of the ledger's own API that no policy grants: only the root user of the server's default account
     * holds them. Making an account is one: in AWS that is the organization's management account's to do, not
     * something an identity policy in an account can allow.
     */
    private static final Set<String> DEFAULT_ROOT_ONLY = Set.of("iamledger:CreateAccount");

    private IamActionTable() {}

    /** Whether only the root user of the server's default account holds {@code permission}. */
    static boolean onlyDefaultRoot(String permission) {
        return DEFAULT_ROOT_ONLY.contains(permission);
    }

    /** The rule for an action, or empty when the table does not know it (such a call is denied). */
    static Optional<Rule> find(QueryService service, String action) {
        return Optional.ofNullable((service == QueryService.STS ? STS : IAM).get(action));
    }

    private static Rule on(String action, Target target) {
        return new Rule(action, List.of("iam:" + action), target, nameParameter(target), false, false, false,
                Set.of());
    }

    private static Rule create(String action, Target target) {
        String name = switch (target) {
            case POLICY -> "PolicyName";
            case MFA -> "VirtualMFADeviceName";
            case OIDC_PROVIDER -> "Url";
            default -> nameParameter(target);
        };
        return new Rule(action, List.of("iam:" + action), target, name, true, false, false, Set.of());
    }

    private static Rule any(String action) {
        return new Rule(action, List.of("iam:" + action), Target.ANY, "", false, false, false, Set.of());
    }

    private static String nameParameter(Target target) {
        return switch (target) {
            case ANY -> "";
            case USER -> "UserName";
            case GROUP -> "GroupName";
            case ROLE -> "RoleName";
            case POLICY -> "PolicyArn";
            case PRINCIPAL_ARN -> "PolicySourceArn";
            case MFA -> "SerialNumber";
            case INSTANCE_PROFILE -> "InstanceProfileName";
            case OIDC_PROVIDER -> "OpenIDConnectProviderArn";
        };
    }

    private static Map<String, Rule> table(Rule... rules) {
        Map<String, Rule> byAction = new LinkedHashMap<>();
        for (Rule rule : rules) {
            if (byAction.putIfAbsent(rule.action(), rule) != null) {
                throw new IllegalStateException("action listed twice: " + rule.action());
            }
        }
        return Map.copyOf(byAction);
    }
}
