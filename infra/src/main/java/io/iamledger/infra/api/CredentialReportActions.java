package io.iamledger.infra.api;

import io.iamledger.events.error.ErrorCode;
import io.iamledger.events.error.IamException;
import io.iamledger.infra.credentials.KeyUsage;
import io.iamledger.infra.credentials.PasswordVault;
import io.iamledger.infra.protocol.QueryService;
import io.iamledger.query.readmodel.AccessKeyMetadata;
import io.iamledger.query.readmodel.CredentialReportReadModel;
import io.iamledger.query.readmodel.CredentialReportReadModel.AccountCredentials;
import io.iamledger.query.readmodel.UserCredentials;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * GenerateCredentialReport and GetCredentialReport, as AWS has them: a report is made at most every
 * {@link #REPORT_LIFETIME} (a newer request answers {@code COMPLETE} and keeps the report it has), and a report
 * older than that is expired. The report is made when it is asked for, from the read model (after the caller's
 * own writes), the password vault and the key-usage table, and kept in table {@code credential_report}; making it
 * appends no event, since it changes nothing.
 */
final class CredentialReportActions {
    static final Duration REPORT_LIFETIME = Duration.ofHours(4);

    private final CredentialReportReadModel readModel;
    private final PasswordVault passwords;
    private final KeyUsage usage;
    private final JdbcTemplate jdbc;

    CredentialReportActions(CredentialReportReadModel readModel, PasswordVault passwords, KeyUsage usage,
                            JdbcTemplate jdbc) {
        this.readModel = readModel;
        this.passwords = passwords;
        this.usage = usage;
        this.jdbc = jdbc;
    }

    void register(Actions actions) {
        actions.read(QueryService.IAM, "GenerateCredentialReport", this::generate)
                .read(QueryService.IAM, "GetCredentialReport", this::get);
    }

    private record StoredReport(Instant generatedAt, byte[] content) {}

    private Optional<StoredReport> stored(String accountId) {
        return jdbc.query("select generated_at, content from credential_report where account_id = ?",
                (rs, i) -> new StoredReport(rs.getTimestamp(1).toInstant(), rs.getBytes(2)), accountId)
                .stream().findFirst();
    }

    private boolean fresh(StoredReport report, Instant now) {
        return report.generatedAt().plus(REPORT_LIFETIME).isAfter(now);
    }

    private String generate(ApiCall call) {
        Optional<StoredReport> report = stored(call.accountId());
        if (report.isPresent() && fresh(report.get(), call.receivedAt())) {
            return call.finish(call.result().element("State", "COMPLETE"));
        }
        byte[] content = render(call.accountId()).getBytes(StandardCharsets.UTF_8);
        jdbc.update("insert into credential_report (account_id, generated_at, content) values (?, ?, ?)"
                        + " on conflict (account_id) do update set generated_at = excluded.generated_at,"
                        + " content = excluded.content", call.accountId(), Timestamp.from(call.receivedAt()),
                content);
        // made at once; AWS's answer to the request that starts a report
        return call.finish(call.result().element("State", "STARTED")
                .element("Description", "No report exists. Starting a new report generation task"));
    }

    private String get(ApiCall call) {
        StoredReport report = stored(call.accountId()).orElseThrow(() -> new IamException(
                ErrorCode.REPORT_NOT_PRESENT, "The request was rejected because the credential report does not "
                + "exist. To generate a credential report, use GenerateCredentialReport."));
        if (!fresh(report, call.receivedAt())) {
            throw new IamException(ErrorCode.REPORT_EXPIRED, "The request was rejected because the most recent "
                    + "credential report has expired. To generate a new credential report, use "
                    + "GenerateCredentialReport.");
        }
        return call.finish(call.result()
                .element("Content", Base64.getEncoder().encodeToString(report.content()))
                .element("ReportFormat", "text/csv")
                .element("GeneratedTime", report.generatedAt()));
    }

    private String render(String accountId) {
        AccountCredentials credentials = readModel.current(accountId);
        List<String> keyIds = new ArrayList<>();
        credentials.rootAccessKeys().forEach(key -> keyIds.add(key.accessKeyId()));
        for (UserCredentials user : credentials.users()) {
            user.accessKeys().stream().map(AccessKeyMetadata::accessKeyId).forEach(keyIds::add);
        }
        Instant accountCreated = jdbc.queryForObject("select created_at from ledger_account where account_id = ?",
                Timestamp.class, accountId).toInstant();
        return CredentialReportCsv.render(credentials, new CredentialReportCsv.Facts(accountId, accountCreated,
                false, passwords.changedAt(accountId), passwords.policy(accountId), usage.lastUsed(keyIds)));
    }
}
