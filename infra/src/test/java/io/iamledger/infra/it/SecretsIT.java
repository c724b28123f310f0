package io.iamledger.infra.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.iamledger.events.EventEnvelope;
import io.iamledger.infra.config.LedgerSettings;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.StatusType;

/**
 * No secret access key reaches the event log, a snapshot, the audit trail, Kafka or the read model: a scenario that
 * creates, rotates, deactivates and deletes keys, then a scan of everything the server persisted or published.
 */
class SecretsIT {

    @Test
    void noSecretAccessKeyAppearsInEventsSnapshotsTheAuditTrailKafkaOrTheReadModel() {
        List<String> secrets = new ArrayList<>();
        secrets.add(SharedLedger.server().rootSecretAccessKey());
        String user = SharedLedger.unique("keyholder");
        try (IamClient iam = SharedLedger.iam()) {
            iam.createUser(r -> r.userName(user));
            var first = iam.createAccessKey(r -> r.userName(user)).accessKey();
            secrets.add(first.secretAccessKey());
            String rotated = RawQuery.call(SharedLedger.server(), "RotateAccessKey", "UserName", user,
                    "AccessKeyId", first.accessKeyId());
            String rotatedSecret = rotated.replaceAll("(?s).*<SecretAccessKey>([^<]+)</SecretAccessKey>.*", "$1");
            assertThat(rotatedSecret).hasSize(40);
            secrets.add(rotatedSecret);
            iam.updateAccessKey(r -> r.userName(user).accessKeyId(first.accessKeyId()).status(StatusType.INACTIVE));
            iam.deleteAccessKey(r -> r.userName(user).accessKeyId(first.accessKeyId()));
            iam.listAccessKeys(r -> r.userName(user));
        }

        JdbcTemplate jdbc = new JdbcTemplate(SharedLedger.server().context().getBean(DataSource.class));
        List<String> persisted = new ArrayList<>();
        jdbc.query("select payload, meta_data from domain_event_entry", rs -> {
            persisted.add(new String(rs.getBytes(1), StandardCharsets.UTF_8));
            byte[] meta = rs.getBytes(2);
            persisted.add(meta == null ? "" : new String(meta, StandardCharsets.UTF_8));
        });
        jdbc.query("select payload from snapshot_event_entry",
                rs -> { persisted.add(new String(rs.getBytes(1), StandardCharsets.UTF_8)); });
        for (String table : jdbc.queryForList("select table_name from information_schema.tables "
                + "where table_schema = ?", String.class, LedgerSettings.READ_SCHEMA)) {
            jdbc.query("select t::text from " + LedgerSettings.READ_SCHEMA + "." + table + " t",
                    rs -> { persisted.add(rs.getString(1)); });
        }
        jdbc.query("select sealed_secret from credential", rs -> {
            persisted.add(new String(rs.getBytes(1), StandardCharsets.ISO_8859_1));
        });
        List<String> audited = jdbc.queryForList("select record::text || resources::text from audit_record"
                + " where record::text like ?", String.class, "%" + user + "%");
        persisted.addAll(audited);
        List<String> published = WritePathIT.readAllMatching(Duration.ofSeconds(20), e -> true).stream()
                .map(EventEnvelope::toString).toList();
        List<String> publishedAudit = AuditTrailIT.readAuditTopic(Duration.ofSeconds(20),
                record -> record.value().contains(user), true).stream().map(record -> record.value()).toList();

        assertThat(persisted).as("rows persisted").hasSizeGreaterThan(10);
        assertThat(published).as("events published").isNotEmpty();
        // CreateUser, CreateAccessKey, RotateAccessKey, UpdateAccessKey, DeleteAccessKey: their records are in
        assertThat(audited).as("audit records of the scenario").hasSizeGreaterThanOrEqualTo(5);
        assertThat(publishedAudit).as("audit records relayed").hasSizeGreaterThanOrEqualTo(5);
        for (String secret : secrets) {
            assertThat(persisted).noneMatch(text -> text.contains(secret));
            assertThat(published).noneMatch(text -> text.contains(secret));
            assertThat(publishedAudit).noneMatch(text -> text.contains(secret));
        }
    }
}
