package io.iamledger.infra.it;

import static io.iamledger.infra.it.AwsErrors.assertAwsError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.iamledger.infra.audit.AuditRecord;
import io.iamledger.infra.config.LedgerSettings;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.LoginProfile;
import software.amazon.awssdk.services.iam.model.PasswordPolicy;

/**
 * Passwords through the AWS SDK: login profiles (created, read, changed, deleted), the account's password policy
 * enforced on every password set (AWS's default rules without one), reuse prevention, a user's own ChangePassword
 * (needs iam:ChangePassword unless the policy lets every user), and that no password reaches the log, the audit
 * trail or the read model: only a bcrypt hash is kept. Tests that set the account's policy delete it again.
 */
class LoginProfileIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String STRONG = "Corr3ct-Horse-Battery";

    private final IamClient root = SharedLedger.iam();

    @Test
    void aLoginProfileIsCreatedReadAndDeletedAndItsPasswordIsKeptOnlyAsAHash() throws Exception {
        String user = SharedLedger.unique("pw-alice");
        root.createUser(r -> r.userName(user));
        Instant before = Instant.now().minusSeconds(2);

        // AWS's default rules: 8 characters, three of the four kinds
        assertAwsError(() -> root.createLoginProfile(r -> r.userName(user).password("short1A")), 400,
                "PasswordPolicyViolation", null);
        assertAwsError(() -> root.createLoginProfile(r -> r.userName(user).password("alllowercaseletters")), 400,
                "PasswordPolicyViolation", null);
        LoginProfile created = root.createLoginProfile(r -> r.userName(user).password(STRONG)
                .passwordResetRequired(true)).loginProfile();
        assertThat(created.userName()).isEqualTo(user);
        assertThat(created.passwordResetRequired()).isTrue();
        assertThat(created.createDate()).isAfter(before);

        LoginProfile read = root.getLoginProfile(r -> r.userName(user)).loginProfile();
        assertThat(read.userName()).isEqualTo(user);
        assertThat(read.passwordResetRequired()).isTrue();
        assertThat(read.createDate()).isEqualTo(created.createDate());

        assertAwsError(() -> root.createLoginProfile(r -> r.userName(user).password(STRONG)), 409,
                "EntityAlreadyExists", "Login Profile for user " + user + " already exists.");
        assertAwsError(() -> root.deleteUser(r -> r.userName(user)), 409, "DeleteConflict",
                "Cannot delete entity, must delete login profile first.");
        root.updateLoginProfile(r -> r.userName(user).passwordResetRequired(false));
        assertThat(root.getLoginProfile(r -> r.userName(user)).loginProfile().passwordResetRequired()).isFalse();

        JdbcTemplate jdbc = SharedLedger.jdbc();
        String hash = jdbc.queryForObject("select password_hash from login_password p join " + LedgerSettings.READ_SCHEMA
                + ".users u on u.user_id = p.user_id and u.valid_to_seq is null where u.user_name = ?", String.class,
                user);
        assertThat(hash).startsWith("$2a$10$").doesNotContain(STRONG);
        JsonNode record = JSON.readTree(jdbc.queryForObject("select record::text from audit_record where event_name"
                + " = 'CreateLoginProfile' and record ->> 'errorCode' is null and record::text like ?", String.class,
                "%" + user + "%"));
        assertThat(record.path("requestParameters").path("password").asText()).isEqualTo(AuditRecord.HIDDEN);
        List<String> rows = new ArrayList<>();
        jdbc.query("select payload from domain_event_entry", rs -> {
            rows.add(new String(rs.getBytes(1), StandardCharsets.UTF_8));
        });
        jdbc.query("select record::text from audit_record", rs -> {
            rows.add(rs.getString(1));
        });
        for (String table : List.of("login_profiles", "users")) {
            jdbc.query("select t::text from " + LedgerSettings.READ_SCHEMA + "." + table + " t", rs -> {
                rows.add(rs.getString(1));
            });
        }
        assertThat(rows).hasSizeGreaterThan(5).noneMatch(text -> text.contains(STRONG));

        root.deleteLoginProfile(r -> r.userName(user));
        assertAwsError(() -> root.getLoginProfile(r -> r.userName(user)), 404, "NoSuchEntity",
                "Login Profile for User " + user + " cannot be found.");
        assertAwsError(() -> root.deleteLoginProfile(r -> r.userName(user)), 404, "NoSuchEntity",
                "Login Profile for User " + user + " cannot be found.");
        root.deleteUser(r -> r.userName(user));
        assertAwsError(() -> root.getLoginProfile(r -> r.userName(user)), 404, "NoSuchEntity",
                "The user with name " + user + " cannot be found.");
    }

    @Test
    void theAccountsPolicyIsEnforcedOnEveryPasswordSetAndRemembersOldPasswords() {
        String user = SharedLedger.unique("pw-bob");
        root.createUser(r -> r.userName(user));
        assertAwsError(() -> root.getAccountPasswordPolicy(), 404, "NoSuchEntity", null);
        assertAwsError(() -> root.updateAccountPasswordPolicy(r -> r.minimumPasswordLength(5)), 400,
                "ValidationError", null);
        try {
            root.updateAccountPasswordPolicy(r -> r.minimumPasswordLength(12).requireSymbols(true)
                    .requireNumbers(true).passwordReusePrevention(2).maxPasswordAge(90));
            PasswordPolicy policy = root.getAccountPasswordPolicy().passwordPolicy();
            assertThat(policy.minimumPasswordLength()).isEqualTo(12);
            assertThat(policy.requireSymbols()).isTrue();
            assertThat(policy.requireUppercaseCharacters()).isFalse();
            assertThat(policy.passwordReusePrevention()).isEqualTo(2);
            assertThat(policy.maxPasswordAge()).isEqualTo(90);
            assertThat(policy.expirePasswords()).isTrue();

            assertAwsError(() -> root.createLoginProfile(r -> r.userName(user).password("Sh0rt-pass")), 400,
                    "PasswordPolicyViolation", "Password does not conform to the account password policy. It needs"
                            + " at least 12 characters.");
            assertAwsError(() -> root.createLoginProfile(r -> r.userName(user).password("nosymbols1234")), 400,
                    "PasswordPolicyViolation", null);
            root.createLoginProfile(r -> r.userName(user).password("first-password-1"));
            root.updateLoginProfile(r -> r.userName(user).password("second-password-2"));
            // the current one and the one before are remembered: neither may be set again
            assertAwsError(() -> root.updateLoginProfile(r -> r.userName(user).password("second-password-2")), 400,
                    "PasswordPolicyViolation", "Password does not conform to the account password policy. It may not"
                            + " repeat any of the last 2 passwords.");
            assertAwsError(() -> root.updateLoginProfile(r -> r.userName(user).password("first-password-1")), 400,
                    "PasswordPolicyViolation", null);
            root.updateLoginProfile(r -> r.userName(user).password("third-password-3"));
            root.updateLoginProfile(r -> r.userName(user).password("first-password-1"));
        } finally {
            root.deleteAccountPasswordPolicy();
        }
        assertAwsError(() -> root.getAccountPasswordPolicy(), 404, "NoSuchEntity", null);
        assertAwsError(() -> root.deleteAccountPasswordPolicy(), 404, "NoSuchEntity", null);
    }

    @Test
    void aUserChangesItsOwnPasswordWithTheOldOneAndLeaveToDoSo() {
        String user = SharedLedger.unique("pw-carol");
        AwsCredentials key = SharedLedger.userWithKey(root, user);
        root.createLoginProfile(r -> r.userName(user).password(STRONG).passwordResetRequired(true));
        try (IamClient carol = SharedLedger.iam(key)) {
            assertAwsError(() -> carol.changePassword(r -> r.oldPassword(STRONG).newPassword("N3w-password-x")), 403,
                    "AccessDenied", null);
            root.updateAccountPasswordPolicy(r -> r.allowUsersToChangePassword(true));
            try {
                assertAwsError(() -> carol.changePassword(r -> r.oldPassword("Wr0ng-password")
                        .newPassword("N3w-password-x")), 403, "AccessDenied", "The old password is incorrect.");
                assertAwsError(() -> carol.changePassword(r -> r.oldPassword(STRONG).newPassword("x")), 400,
                        "PasswordPolicyViolation", null);
                carol.changePassword(r -> r.oldPassword(STRONG).newPassword("N3w-password-x"));
            } finally {
                root.deleteAccountPasswordPolicy();
            }
        }
        assertThat(root.getLoginProfile(r -> r.userName(user)).loginProfile().passwordResetRequired())
                .as("a new password clears the reset requirement").isFalse();
        assertAwsError(() -> root.changePassword(r -> r.oldPassword(STRONG).newPassword("N3w-password-y")), 400,
                "InvalidUserType", null);
    }
}
