package io.iamledger.infra.api;

import io.iamledger.command.account.DeleteAccountPasswordPolicyCommand;
import io.iamledger.command.account.UpdateAccountPasswordPolicyCommand;
import io.iamledger.command.user.CreateLoginProfileCommand;
import io.iamledger.command.user.DeleteLoginProfileCommand;
import io.iamledger.command.user.UpdateLoginProfileCommand;
import io.iamledger.command.validation.Passwords;
import io.iamledger.events.account.PasswordPolicy;
import io.iamledger.events.error.ErrorCode;
import io.iamledger.events.error.IamException;
import io.iamledger.infra.authz.Authorizer;
import io.iamledger.infra.credentials.PasswordVault;
import io.iamledger.infra.protocol.QueryParameters;
import io.iamledger.infra.protocol.QueryService;
import io.iamledger.query.readmodel.LoginProfile;
import io.iamledger.query.readmodel.LoginProfileReadModel;
import java.util.Optional;

/**
 * Passwords: the login profiles (Create/Update/Get/DeleteLoginProfile), a user's own ChangePassword, and the
 * account's password policy (Update/Get/DeleteAccountPasswordPolicy), enforced on every password set. A password
 * is checked here and kept only as a bcrypt hash in the vault, written in the same transaction as its event, which
 * never carries it; no message repeats it. Without {@code UserName}, Create/Get/DeleteLoginProfile act on the
 * calling user, as in AWS.
 */
final class LoginProfileActions {
    private final CommandSender commands;
    private final Edge edge;
    private final PasswordVault passwords;
    private final LoginProfileReadModel profiles;
    private final Authorizer authorizer;

    LoginProfileActions(CommandSender commands, Edge edge, PasswordVault passwords, LoginProfileReadModel profiles,
                        Authorizer authorizer) {
        this.authorizer = authorizer;
        this.commands = commands;
        this.edge = edge;
        this.passwords = passwords;
        this.profiles = profiles;
    }

    void register(Actions actions) {
        actions.write(QueryService.IAM, "CreateLoginProfile", this::createLoginProfile)
                .write(QueryService.IAM, "UpdateLoginProfile", this::updateLoginProfile)
                .write(QueryService.IAM, "DeleteLoginProfile", this::deleteLoginProfile)
                .read(QueryService.IAM, "GetLoginProfile", this::getLoginProfile)
                .write(QueryService.IAM, "ChangePassword", this::changePassword)
                .write(QueryService.IAM, "UpdateAccountPasswordPolicy", this::updateAccountPasswordPolicy)
                .write(QueryService.IAM, "DeleteAccountPasswordPolicy", this::deleteAccountPasswordPolicy)
                .read(QueryService.IAM, "GetAccountPasswordPolicy", this::getAccountPasswordPolicy);
    }

    /** The user a call names, or the calling user; the root must name one. */
    private static String userName(ApiCall call) {
        return call.parameters().optionalString("UserName").orElseGet(() -> {
            if (call.caller().isRoot() || call.caller().isRoleSession()) {
                throw IamException.validation("Must specify userName when calling with non-User credentials");
            }
            return call.caller().identity().name();
        });
    }

    private String createLoginProfile(ApiCall call) {
        String userName = userName(call);
        String password = call.parameters().requiredString("Password");
        boolean resetRequired = call.parameters().optionalBoolean("PasswordResetRequired").orElse(false);
        String userId = edge.userId(call.accountId(), userName);
        commands.inTransaction(call.accountId(), () -> {
            Optional<PasswordPolicy> policy = passwords.policy(call.accountId());
            Passwords.check("password", password, policy);
            commands.dispatch(new CreateLoginProfileCommand(call.accountId(), userId, userName, resetRequired,
                    call.receivedAt()));
            passwords.setPassword(call.accountId(), userId, password, call.receivedAt(), kept(policy));
            return null;
        });
        return call.finish(call.result().start("LoginProfile")
                .element("UserName", userName)
                .element("CreateDate", call.receivedAt())
                .element("PasswordResetRequired", resetRequired)
                .end());
    }

    private String updateLoginProfile(ApiCall call) {
        QueryParameters p = call.parameters();
        String userName = p.requiredString("UserName");
        Optional<String> password = p.optionalString("Password");
        Optional<Boolean> resetRequired = p.optionalBoolean("PasswordResetRequired");
        String userId = edge.userId(call.accountId(), userName);
        commands.inTransaction(call.accountId(), () -> {
            Optional<PasswordPolicy> policy = passwords.policy(call.accountId());
            password.ifPresent(value -> checkNewPassword("password", userId, value, policy));
            commands.dispatch(new UpdateLoginProfileCommand(call.accountId(), userId, userName, resetRequired,
                    password.isPresent(), call.receivedAt()));
            password.ifPresent(value -> passwords.setPassword(call.accountId(), userId, value, call.receivedAt(),
                    kept(policy)));
            return null;
        });
        return call.noResult();
    }

    private String deleteLoginProfile(ApiCall call) {
        String userName = userName(call);
        String userId = edge.userId(call.accountId(), userName);
        commands.inTransaction(call.accountId(), () -> {
            commands.dispatch(new DeleteLoginProfileCommand(call.accountId(), userId, userName, call.receivedAt()));
            passwords.deletePassword(userId);
            return null;
        });
        return call.noResult();
    }

    private String getLoginProfile(ApiCall call) {
        LoginProfile profile = profiles.getLoginProfile(call.accountId(), userName(call));
        return call.finish(call.result().start("LoginProfile")
                .element("UserName", profile.userName())
                .element("CreateDate", profile.createDate())
                .element("PasswordResetRequired", profile.passwordResetRequired())
                .end());
    }

    /** The calling IAM user changes its own password; a new password clears a required reset. */
    private String changePassword(ApiCall call) {
        QueryParameters p = call.parameters();
        String oldPassword = p.requiredString("OldPassword");
        String newPassword = p.requiredString("NewPassword");
        Caller caller = call.caller();
        if (caller.isRoot() || caller.isRoleSession()) {
            throw new IamException(ErrorCode.INVALID_USER_TYPE, "Only an IAM user can change its own password:"
                    + " the root's and a role session's are not IAM passwords.");
        }
        String userName = caller.identity().name();
        String userId = caller.identity().id();
        commands.inTransaction(call.accountId(), () -> {
            if (!passwords.hasPassword(userId)) {
                throw IamException.noSuchEntity("Login Profile for User " + userName + " cannot be found.");
            }
            if (!passwords.matches(userId, oldPassword)) {
                throw new IamException(ErrorCode.ACCESS_DENIED, "The old password is incorrect.");
            }
            Optional<PasswordPolicy> policy = passwords.policy(call.accountId());
            if (!policy.filter(PasswordPolicy::allowUsersToChangePassword).isPresent()) {
                authorizer.authorizePermission(call.access(), "iam:ChangePassword",
                        authorizer.principalArn(call.accountId(), caller.identity()));
            }
            checkNewPassword("newPassword", userId, newPassword, policy);
            commands.dispatch(new UpdateLoginProfileCommand(call.accountId(), userId, userName, Optional.of(false),
                    true, call.receivedAt()));
            passwords.setPassword(call.accountId(), userId, newPassword, call.receivedAt(), kept(policy));
            return null;
        });
        return call.noResult();
    }

    private void checkNewPassword(String member, String userId, String password, Optional<PasswordPolicy> policy) {
        Passwords.check(member, password, policy);
        policy.filter(rules -> rules.passwordReusePrevention().isPresent()).ifPresent(rules -> Passwords
                .checkNotReused(passwords.reused(userId, password, rules.passwordReusePrevention().get()), rules));
    }

    /** How many replaced passwords to keep: as many as the policy may forbid reusing. */
    private static int kept(Optional<PasswordPolicy> policy) {
        return policy.flatMap(PasswordPolicy::passwordReusePrevention).orElse(0);
    }

    private String updateAccountPasswordPolicy(ApiCall call) {
        QueryParameters p = call.parameters();
        PasswordPolicy policy = new PasswordPolicy(
                p.optionalInt("MinimumPasswordLength", Integer.MIN_VALUE, Integer.MAX_VALUE).orElse(6),
                p.optionalBoolean("RequireSymbols").orElse(false),
                p.optionalBoolean("RequireNumbers").orElse(false),
                p.optionalBoolean("RequireUppercaseCharacters").orElse(false),
                p.optionalBoolean("RequireLowercaseCharacters").orElse(false),
                p.optionalBoolean("AllowUsersToChangePassword").orElse(false),
                p.optionalInt("MaxPasswordAge", Integer.MIN_VALUE, Integer.MAX_VALUE),
                p.optionalInt("PasswordReusePrevention", Integer.MIN_VALUE, Integer.MAX_VALUE),
                p.optionalBoolean("HardExpiry").orElse(false));
        commands.inTransaction(call.accountId(), () -> {
            commands.dispatch(new UpdateAccountPasswordPolicyCommand(call.accountId(), policy, call.receivedAt()));
            passwords.storePolicy(call.accountId(), policy, call.receivedAt());
            return null;
        });
        return call.noResult();
    }

    private String deleteAccountPasswordPolicy(ApiCall call) {
        commands.inTransaction(call.accountId(), () -> {
            commands.dispatch(new DeleteAccountPasswordPolicyCommand(call.accountId(), call.receivedAt()));
            passwords.deletePolicy(call.accountId());
            return null;
        });
        return call.noResult();
    }

    private String getAccountPasswordPolicy(ApiCall call) {
        PasswordPolicy policy = passwords.policy(call.accountId()).orElseThrow(() -> IamException.noSuchEntity(
                "The Password Policy with domain name " + call.accountId() + " cannot be found."));
        var out = call.result().start("PasswordPolicy")
                .element("MinimumPasswordLength", policy.minimumPasswordLength())
                .element("RequireSymbols", policy.requireSymbols())
                .element("RequireNumbers", policy.requireNumbers())
                .element("RequireUppercaseCharacters", policy.requireUppercaseCharacters())
                .element("RequireLowercaseCharacters", policy.requireLowercaseCharacters())
                .element("AllowUsersToChangePassword", policy.allowUsersToChangePassword())
                .element("ExpirePasswords", policy.maxPasswordAge().isPresent());
        policy.maxPasswordAge().ifPresent(days -> out.element("MaxPasswordAge", days));
        policy.passwordReusePrevention().ifPresent(count -> out.element("PasswordReusePrevention", count));
        if (policy.hardExpiry()) {
            out.element("HardExpiry", true);
        }
        return call.finish(out.end());
    }
}
