package io.iamledger.infra.it;

import static io.iamledger.infra.it.AwsErrors.assertAwsError;
import static org.assertj.core.api.Assertions.assertThat;

import io.iamledger.infra.accounts.AccountCredentials;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.iam.model.AccessKeyLastUsed;
import software.amazon.awssdk.services.iam.model.GetCredentialReportResponse;
import software.amazon.awssdk.services.iam.model.ReportStateType;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * GetAccessKeyLastUsed and the credential report through the AWS SDK, each in an account of its own (a report is
 * the account's, and kept four hours): a key's last use is noted for every signed request without an event, a key
 * another account holds is refused, and the report's CSV has AWS's columns and words for the root, a user with a
 * password, an MFA-less user with two keys, and a user with none.
 */
class CredentialReportIT {

    @Test
    void aKeysLastUseIsNotedForEverySignedRequestWithoutAnEvent() {
        AccountCredentials account = SharedLedger.server().createAccount(Optional.empty());
        try (IamClient root = SharedLedger.iam(credentials(account))) {
            root.createUser(r -> r.userName("dora"));
            AccessKey used = root.createAccessKey(r -> r.userName("dora")).accessKey();
            AccessKey unused = root.createAccessKey(r -> r.userName("dora")).accessKey();
            AccessKeyLastUsed never = root.getAccessKeyLastUsed(r -> r.accessKeyId(used.accessKeyId()))
                    .accessKeyLastUsed();
            assertThat(never.lastUsedDate()).isNull();
            assertThat(never.serviceName()).isEqualTo("N/A");
            assertThat(never.region()).isEqualTo("N/A");

            long eventsBefore = eventCount();
            Instant before = Instant.now().minusSeconds(1);
            AwsCredentials dora = AwsBasicCredentials.create(used.accessKeyId(), used.secretAccessKey());
            try (StsClient sts = SharedLedger.sts(dora); IamClient iam = SharedLedger.iam(dora)) {
                sts.getCallerIdentity();
                // refused by policy, yet signed with the key: AWS notes that use too
                assertAwsError(() -> iam.listUsers(), 403, "AccessDenied", null);
            }
            var answer = root.getAccessKeyLastUsed(r -> r.accessKeyId(used.accessKeyId()));
            assertThat(answer.userName()).isEqualTo("dora");
            AccessKeyLastUsed last = answer.accessKeyLastUsed();
            assertThat(last.lastUsedDate()).isBetween(before, Instant.now().plusSeconds(1));
            assertThat(last.serviceName()).isEqualTo("iam");
            assertThat(last.region()).isEqualTo("us-east-1");
            assertThat(eventCount()).as("a key's use appends no event").isEqualTo(eventsBefore);
            assertThat(root.getAccessKeyLastUsed(r -> r.accessKeyId(unused.accessKeyId())).accessKeyLastUsed()
                    .serviceName()).isEqualTo("N/A");

            // another account's key, and one nobody holds: AWS's AccessDenied on "access key ID"
            String otherKey = SharedLedger.rootCredentials().accessKeyId();
            assertAwsError(() -> root.getAccessKeyLastUsed(r -> r.accessKeyId(otherKey)), 403, "AccessDenied",
                    "User: arn:aws:iam::" + account.accountId() + ":root is not authorized to perform: "
                            + "iam:GetAccessKeyLastUsed on resource: access key " + otherKey);
            assertAwsError(() -> root.getAccessKeyLastUsed(r -> r.accessKeyId("AKIAIOSFODNN7EXAMPLE")), 403,
                    "AccessDenied", null);
            // a user without permission may not read even its own key's use
            try (IamClient iam = SharedLedger.iam(dora)) {
                assertAwsError(() -> iam.getAccessKeyLastUsed(r -> r.accessKeyId(used.accessKeyId())), 403,
                        "AccessDenied", null);
            }
            // a deleted key's use is forgotten with it
            root.deleteAccessKey(r -> r.userName("dora").accessKeyId(used.accessKeyId()));
            assertAwsError(() -> root.getAccessKeyLastUsed(r -> r.accessKeyId(used.accessKeyId())), 403,
                    "AccessDenied", null);
        }
    }

    @Test
    void theCredentialReportHasAwsColumnsAndWordsAndIsKeptFourHours() {
        AccountCredentials account = SharedLedger.server().createAccount(Optional.empty());
        try (IamClient root = SharedLedger.iam(credentials(account))) {
            assertAwsError(() -> root.getCredentialReport(), 410, "ReportNotPresent", null);
            root.createUser(r -> r.userName("erin"));
            root.createLoginProfile(r -> r.userName("erin").password("Corr3ct-Horse-Battery"));
            root.updateAccountPasswordPolicy(r -> r.maxPasswordAge(30));
            root.createUser(r -> r.userName("frank").path("/ops/"));
            AccessKey first = root.createAccessKey(r -> r.userName("frank")).accessKey();
            AccessKey second = root.createAccessKey(r -> r.userName("frank")).accessKey();
            root.updateAccessKey(r -> r.userName("frank").accessKeyId(second.accessKeyId()).status("Inactive"));
            root.createUser(r -> r.userName("Gus"));
            try (StsClient sts = SharedLedger.sts(AwsBasicCredentials.create(first.accessKeyId(),
                    first.secretAccessKey()))) {
                sts.getCallerIdentity();
            }

            assertThat(root.generateCredentialReport().state()).isEqualTo(ReportStateType.STARTED);
            GetCredentialReportResponse report = root.getCredentialReport();
            assertThat(report.reportFormatAsString()).isEqualTo("text/csv");
            assertThat(report.generatedTime()).isAfter(Instant.now().minusSeconds(30));
            List<String> lines = List.of(new String(report.content().asByteArray(), StandardCharsets.UTF_8)
                    .split("\n"));
            assertThat(lines.get(0)).isEqualTo("user,arn,user_creation_time,password_enabled,password_last_used,"
                    + "password_last_changed,password_next_rotation,mfa_active,access_key_1_active,"
                    + "access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,"
                    + "access_key_1_last_used_service,access_key_2_active,access_key_2_last_rotated,"
                    + "access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,"
                    + "cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated");
            assertThat(lines).hasSize(5);
            Map<String, Map<String, String>> rows = new LinkedHashMap<>();
            List<String> columns = Arrays.asList(lines.get(0).split(","));
            for (String line : lines.subList(1, lines.size())) {
                String[] values = line.split(",", -1);
                assertThat(values).hasSameSizeAs(columns.toArray());
                Map<String, String> row = new LinkedHashMap<>();
                for (int i = 0; i < values.length; i++) {
                    row.put(columns.get(i), values[i]);
                }
                rows.put(values[0], row);
            }
            assertThat(rows.keySet()).containsExactly("<root_account>", "erin", "frank", "Gus");

            Map<String, String> rootRow = rows.get("<root_account>");
            assertThat(rootRow.get("arn")).isEqualTo("arn:aws:iam::" + account.accountId() + ":root");
            assertThat(rootRow.get("password_enabled")).isEqualTo("not_supported");
            assertThat(rootRow.get("access_key_1_active")).isEqualTo("true");
            assertThat(rootRow.get("access_key_1_last_used_service")).isEqualTo("iam");
            assertThat(rootRow.get("access_key_2_active")).isEqualTo("false");

            Map<String, String> erin = rows.get("erin");
            assertThat(erin.get("password_enabled")).isEqualTo("true");
            assertThat(erin.get("password_last_used")).isEqualTo("no_information");
            Instant changed = OffsetDateTime.parse(erin.get("password_last_changed")).toInstant();
            assertThat(OffsetDateTime.parse(erin.get("password_next_rotation")).toInstant())
                    .isEqualTo(changed.plus(Duration.ofDays(30)));
            assertThat(erin.get("mfa_active")).isEqualTo("false");
            assertThat(erin.get("access_key_1_active")).isEqualTo("false");
            assertThat(erin.get("access_key_1_last_rotated")).isEqualTo("N/A");

            Map<String, String> frank = rows.get("frank");
            assertThat(frank.get("arn")).isEqualTo("arn:aws:iam::" + account.accountId() + ":user/ops/frank");
            assertThat(frank.get("password_enabled")).isEqualTo("false");
            assertThat(frank.get("password_last_used")).isEqualTo("N/A");
            assertThat(frank.get("password_next_rotation")).isEqualTo("N/A");
            assertThat(frank.get("access_key_1_active")).isEqualTo("true");
            assertThat(frank.get("access_key_1_last_used_service")).isEqualTo("sts");
            assertThat(frank.get("access_key_1_last_used_region")).isNotEqualTo("N/A");
            OffsetDateTime.parse(frank.get("access_key_1_last_used_date"));
            assertThat(frank.get("access_key_2_active")).isEqualTo("false");
            OffsetDateTime.parse(frank.get("access_key_2_last_rotated"));
            assertThat(frank.get("access_key_2_last_used_date")).isEqualTo("N/A");
            assertThat(frank.get("cert_1_active")).isEqualTo("false");

            // within four hours a new request keeps the report it has, as AWS does
            root.createUser(r -> r.userName("hal"));
            assertThat(root.generateCredentialReport().state()).isEqualTo(ReportStateType.COMPLETE);
            assertThat(new String(root.getCredentialReport().content().asByteArray(), StandardCharsets.UTF_8))
                    .doesNotContain("hal");
            // once four hours old, the report has expired and the next request makes a new one
            SharedLedger.jdbc().update("update credential_report set generated_at = generated_at - interval '4 hours 1 second'"
                    + " where account_id = ?", account.accountId());
            assertAwsError(() -> root.getCredentialReport(), 410, "ReportExpired", null);
            assertThat(root.generateCredentialReport().state()).isEqualTo(ReportStateType.STARTED);
            assertThat(new String(root.getCredentialReport().content().asByteArray(), StandardCharsets.UTF_8))
                    .contains("\nhal,");
        }
    }

    private static AwsCredentials credentials(AccountCredentials account) {
        return AwsBasicCredentials.create(account.accessKeyId(), account.secretAccessKey());
    }

    private static long eventCount() {
        return SharedLedger.jdbc().queryForObject("select count(*) from domain_event_entry", Long.class);
    }
}
