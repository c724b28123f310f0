package io.iamledger.infra.api;

import io.iamledger.events.account.PasswordPolicy;
import io.iamledger.events.arn.Arn;
import io.iamledger.events.identity.AccessKeyStatus;
import io.iamledger.infra.credentials.KeyUsage;
import io.iamledger.query.readmodel.AccessKeyMetadata;
import io.iamledger.query.readmodel.CredentialReportReadModel.AccountCredentials;
import io.iamledger.query.readmodel.UserCredentials;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The credential report's CSV, in AWS's columns and words: {@code <root_account>} first, then every user by
 * name; {@code true}/{@code false}; {@code N/A} where a value does not apply, {@code no_information} for a
 * password never used to sign in, {@code not_supported} for the root's password columns; times as
 * {@code 2026-12-07T15:35:21+00:00}. Nothing here signs in with a password, so {@code password_last_used} is
 * never a time; this server has no signing certificates, so theirs are always {@code false}/{@code N/A}.
 */
final class CredentialReportCsv {
    static final List<String> COLUMNS = List.of("user", "arn", "user_creation_time", "password_enabled",
            "password_last_used", "password_last_changed", "password_next_rotation", "mfa_active",
            "access_key_1_active", "access_key_1_last_rotated", "access_key_1_last_used_date",
            "access_key_1_last_used_region", "access_key_1_last_used_service", "access_key_2_active",
            "access_key_2_last_rotated", "access_key_2_last_used_date", "access_key_2_last_used_region",
            "access_key_2_last_used_service", "cert_1_active", "cert_1_last_rotated", "cert_2_active",
            "cert_2_last_rotated");
    static final String ROOT_USER = "<root_account>";
    private static final String NOT_APPLICABLE = "N/A";
    private static final String NOT_SUPPORTED = "not_supported";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx")
            .withZone(ZoneOffset.UTC);

    /**
     * What the report is made of besides the read model's facts.
     *
     * @param accountCreated    when the account (its root user) was created
     * @param rootMfaActive     whether the root user has an MFA device
     * @param passwordChangedAt when each user with a password last had it set, by user id
     * @param policy            the account's password policy; its {@code MaxPasswordAge} sets the next rotation
     * @param keyUses           the last use of each access key that was used, by key id
     */
    record Facts(String accountId, Instant accountCreated, boolean rootMfaActive,
                 Map<String, Instant> passwordChangedAt, Optional<PasswordPolicy> policy,
                 Map<String, KeyUsage.Use> keyUses) {}

    private CredentialReportCsv() {}

    static String render(AccountCredentials credentials, Facts facts) {
        StringBuilder csv = new StringBuilder(String.join(",", COLUMNS));
        List<String> root = new ArrayList<>(List.of(ROOT_USER, Arn.root(facts.accountId()).toString(),
                time(facts.accountCreated()), NOT_SUPPORTED, "no_information", NOT_SUPPORTED, NOT_SUPPORTED,
                String.valueOf(facts.rootMfaActive())));
        keys(root, credentials.rootAccessKeys(), facts);
        line(csv, root);
        for (UserCredentials user : credentials.users()) {
            List<String> row = new ArrayList<>(List.of(user.userName(), user.arn(), time(user.createDate())));
            Optional<Instant> changed = user.passwordEnabled()
                    ? Optional.ofNullable(facts.passwordChangedAt().get(user.userId())) : Optional.empty();
            row.add(String.valueOf(user.passwordEnabled()));
            row.add(user.passwordEnabled() ? "no_information" : NOT_APPLICABLE);
            row.add(changed.map(CredentialReportCsv::time).orElse(NOT_APPLICABLE));
            row.add(changed.flatMap(at -> nextRotation(at, facts.policy())).orElse(NOT_APPLICABLE));
            row.add(String.valueOf(user.mfaActive()));
            keys(row, user.accessKeys(), facts);
            line(csv, row);
        }
        return csv.append('\n').toString();
    }

    private static Optional<String> nextRotation(Instant changed, Optional<PasswordPolicy> policy) {
        return policy.flatMap(PasswordPolicy::maxPasswordAge)
                .map(days -> time(changed.plus(Duration.ofDays(days))));
    }

    /** The two access-key column groups (oldest key first) and the two certificate groups. */
    private static void keys(List<String> row, List<AccessKeyMetadata> keys, Facts facts) {
        for (int i = 0; i < 2; i++) {
            if (i >= keys.size()) {
                row.addAll(List.of("false", NOT_APPLICABLE, NOT_APPLICABLE, NOT_APPLICABLE, NOT_APPLICABLE));
                continue;
            }
            AccessKeyMetadata key = keys.get(i);
            row.add(String.valueOf(key.status() == AccessKeyStatus.Active));
            row.add(time(key.createDate()));
            Optional<KeyUsage.Use> use = Optional.ofNullable(facts.keyUses().get(key.accessKeyId()));
            row.add(use.map(u -> time(u.at())).orElse(NOT_APPLICABLE));
            row.add(use.map(KeyUsage.Use::region).orElse(NOT_APPLICABLE));
            row.add(use.map(KeyUsage.Use::serviceName).orElse(NOT_APPLICABLE));
        }
        row.addAll(List.of("false", NOT_APPLICABLE, "false", NOT_APPLICABLE));
    }

    /** A user name may hold a comma ({@code [\w+=,.@-]+}): such a value is quoted, as RFC 4180 has it. */
    private static void line(StringBuilder csv, List<String> values) {
        csv.append('\n');
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                csv.append(',');
            }
            String value = values.get(i);
            csv.append(value.indexOf(',') >= 0 || value.indexOf('"') >= 0
                    ? '"' + value.replace("\"", "\"\"") + '"' : value);
        }
    }

    private static String time(Instant instant) {
        return TIME.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }
}
