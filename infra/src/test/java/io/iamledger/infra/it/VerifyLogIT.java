package io.iamledger.infra.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.iamledger.infra.config.LedgerSettings;
import io.iamledger.infra.ledger.Checkpoint;
import io.iamledger.infra.ledger.CheckpointSigner;
import io.iamledger.infra.ledger.Checkpointer;
import io.iamledger.infra.ledger.LogChain;
import io.iamledger.infra.ledger.LogVerifier;
import io.iamledger.infra.ledger.Problem;
import io.iamledger.infra.ledger.Tampering;
import io.iamledger.infra.ledger.VerifyLogCommand;
import io.iamledger.infra.server.LedgerServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.SdkHttpMethod;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.iam.IamClient;

/**
 * {@code verify-log} on the shared server's database. Each tampering is real: done as the cluster's superuser
 * with triggers off, on the real rows, inside a REPEATABLE READ transaction that the verifier reads on and that is
 * rolled back afterwards, so no other test ever sees it.
 */
class VerifyLogIT {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static LedgerServer server;
    private static PublicKey serverKey;
    /** Indexes of the last events, oldest first: the rows tampered with. */
    private static List<Long> events;
    /** Audit records appended by this test, oldest first. */
    private static List<Long> audit;

    @BeforeAll
    static void appendSomeRows() throws Exception {
        server = SharedLedger.server();
        try (IamClient iam = SharedLedger.iam()) {
            for (int i = 0; i < 6; i++) {
                iam.createUser(r -> r.userName(SharedLedger.unique("verify-log")));
            }
        }
        serverKey = CheckpointSigner.readPublicKey(publicKeyFile());
        try (Connection c = superuser(); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("select global_index from (select global_index from domain_event_entry"
                     + " order by global_index desc limit 8) last order by global_index")) {
            events = new ArrayList<>();
            while (rows.next()) {
                events.add(rows.getLong(1));
            }
        }
        audit = appendAuditRecords(5);
    }

    @Test
    void anUntouchedLogVerifiesAfterACheckpointTakenOnDemand() throws Exception {
        // like every call of the API, taking a checkpoint needs a signed request
        LedgerApi.Answer unsigned = LedgerApi.call(null, "iamledger", SdkHttpMethod.POST, "/v1/log/checkpoint");
        assertThat(unsigned.status()).isEqualTo(403);
        assertThat(unsigned.body().path("code").asText()).isEqualTo("MissingAuthenticationToken");
        LedgerApi.Answer taken = LedgerApi.call(SharedLedger.rootCredentials(), "iamledger", SdkHttpMethod.POST,
                "/v1/log/checkpoint");
        assertThat(taken.status()).as("%s", taken.body()).isEqualTo(200);
        JsonNode checkpoint = taken.body();
        assertThat(checkpoint.get("eventHeadIndex").asLong()).isGreaterThanOrEqualTo(events.get(events.size() - 1));
        assertThat(checkpoint.get("auditHeadIndex").asLong()).isGreaterThanOrEqualTo(audit.get(audit.size() - 1));
        assertThat(checkpoint.get("keyFingerprint").asText()).isEqualTo(CheckpointSigner.fingerprint(serverKey));

        Run run = verifyLog(null);
        assertThat(run.exit).as(run.out).isZero();
        assertThat(run.out).contains("OK: both chains are intact").contains("records/s");
    }

    @Test
    void aCheckpointIsSkippedWhenNothingWasAppendedSince() throws Exception {
        Checkpointer checkpointer = server.context().getBean(Checkpointer.class);
        Checkpoint first = checkpointer.checkpoint();
        assertThat(checkpointer.checkpoint().id()).isEqualTo(first.id());
    }

    @Test
    void thePublicKeyIsServedAsPem() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(server.endpoint().resolve(
                "/v1/log/public-key")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/x-pem-file"));
        assertThat(response.body()).isEqualTo(Files.readString(publicKeyFile()));
    }

    @Test
    void logChainHashesAsPostgresqlDoes() throws Exception {
        try (Connection c = superuser(); PreparedStatement q = c.prepareStatement("select"
                + " sha256(iamledger_chain_start() || iamledger_text_field('évènement') || iamledger_text_field(null)"
                + " || int8send(-5) || iamledger_field('\\x00ff'::bytea) || iamledger_field(null)),"
                + " chain_prev, chain_hash, event_identifier, aggregate_identifier, sequence_number, type,"
                + " time_stamp, payload_type, payload_revision, payload, meta_data"
                + " from domain_event_entry where global_index = ?")) {
            q.setLong(1, events.get(3));
            try (ResultSet row = q.executeQuery()) {
                assertThat(row.next()).isTrue();
                byte[] fields = concat(concat(concat(text("évènement"), new byte[] {-1, -1, -1, -1}),
                        new byte[] {-1, -1, -1, -1, -1, -1, -1, -5}), new byte[] {0, 0, 0, 2, 0, -1, -1, -1, -1, -1});
                assertThat(LogChain.hash(LogChain.start(), fields)).isEqualTo(row.getBytes(1));
                assertThat(LogChain.eventHash(row.getBytes(2), row.getString(4), row.getString(5), row.getLong(6),
                        row.getString(7), row.getString(8), row.getString(9), row.getString(10), row.getBytes(11),
                        row.getBytes(12))).isEqualTo(row.getBytes(3));
            }
        }
    }

    @Test
    void anAlteredEventPayloadIsReportedAtThatEvent() throws Exception {
        long altered = events.get(3);
        Problem problem = eventProblem(c -> update(c, "update domain_event_entry"
                + " set payload = set_byte(payload, 0, (get_byte(payload, 0) + 1) % 256) where global_index = ?",
                altered));
        assertThat(problem.kind()).isEqualTo(Tampering.ALTERED);
        assertThat(problem.index()).isEqualTo(altered);
        assertThat(problem.line()).startsWith("ALTERED: event " + altered + " (event identifier ");
    }

    @Test
    void aRemovedEventIsReportedAtTheEventAfterIt() throws Exception {
        Problem problem = eventProblem(c -> update(c, "delete from domain_event_entry where global_index = ?",
                events.get(3)));
        assertThat(problem.kind()).isEqualTo(Tampering.REMOVED);
        assertThat(problem.index()).isEqualTo(events.get(4));
    }

    @Test
    void aForgedEventWithAValidChainHashIsReportedAsInserted() throws Exception {
        long before = events.get(3);
        Problem problem = eventProblem(c -> {
            // make room after `before`: every later row moves up by one (via negatives, as the key is unique)
            update(c, "update domain_event_entry set global_index = -global_index where global_index > ?", before);
            update(c, "update domain_event_entry set global_index = 1 - global_index where global_index < ?", 0);
            byte[] prev;
            try (PreparedStatement q = c.prepareStatement(
                    "select chain_hash from domain_event_entry where global_index = ?")) {
                q.setLong(1, before);
                try (ResultSet row = q.executeQuery()) {
                    row.next();
                    prev = row.getBytes(1);
                }
            }
            String id = UUID.randomUUID().toString();
            String aggregate = "forged-" + UUID.randomUUID();
            byte[] payload = "{\"userName\":\"mallory\"}".getBytes(StandardCharsets.UTF_8);
            String timeStamp = Instant.now().toString();
            byte[] hash = LogChain.eventHash(prev, id, aggregate, 0, "UserAggregate", timeStamp, "Forged", null,
                    payload, null);
            try (PreparedStatement insert = c.prepareStatement("insert into domain_event_entry (global_index,"
                    + " event_identifier, aggregate_identifier, sequence_number, type, time_stamp, payload_type,"
                    + " payload, chain_prev, chain_hash) values (?, ?, ?, 0, 'UserAggregate', ?, 'Forged', ?, ?, ?)")) {
                insert.setLong(1, before + 1);
                insert.setString(2, id);
                insert.setString(3, aggregate);
                insert.setString(4, timeStamp);
                insert.setBytes(5, payload);
                insert.setBytes(6, prev);
                insert.setBytes(7, hash);
                insert.executeUpdate();
            }
        });
        assertThat(problem.kind()).isEqualTo(Tampering.INSERTED);
        assertThat(problem.index()).isEqualTo(before + 1);
    }

    @Test
    void twoEventsSwappedAreReportedAsReorderedAtTheFirst() throws Exception {
        long first = events.get(3);
        long second = events.get(4);
        Problem problem = eventProblem(c -> {
            update(c, "update domain_event_entry set global_index = -1 where global_index = ?", first);
            update(c, "update domain_event_entry set global_index = " + first + " where global_index = ?", second);
            update(c, "update domain_event_entry set global_index = " + second + " where global_index = ?", -1);
        });
        assertThat(problem.kind()).isEqualTo(Tampering.REORDERED);
        assertThat(problem.index()).isEqualTo(first);
    }

    @Test
    void removingTheTailAfterACheckpointIsDetected() throws Exception {
        Checkpoint checkpoint = server.context().getBean(Checkpointer.class).checkpoint();
        long from = events.get(6);
        Problem problem = eventProblem(c -> update(c, "delete from domain_event_entry where global_index >= ?",
                from));
        assertThat(problem.kind()).isEqualTo(Tampering.TRUNCATED);
        assertThat(problem.index()).isBetween(from, checkpoint.eventHeadIndex());
    }

    @Test
    void anAlteredAuditRecordIsReportedAtThatRecord() throws Exception {
        long altered = audit.get(2);
        LogVerifier.Report report = tampered(c -> update(c, "update audit_record"
                + " set record = record || '{\"errorCode\":\"none\"}' where audit_index = ?", altered));
        Problem problem = report.audit().problem().orElseThrow();
        assertThat(problem.kind()).isEqualTo(Tampering.ALTERED);
        assertThat(problem.index()).isEqualTo(altered);
        assertThat(problem.line()).startsWith("ALTERED: audit record " + altered + " (event id ");
        assertThat(report.events().problem()).isEmpty();
    }

    @Test
    void aRemovedAuditRecordIsReportedAtTheRecordAfterIt() throws Exception {
        LogVerifier.Report report = tampered(c -> update(c, "delete from audit_record where audit_index = ?",
                audit.get(2)));
        Problem problem = report.audit().problem().orElseThrow();
        assertThat(problem.kind()).isEqualTo(Tampering.REMOVED);
        assertThat(problem.index()).isEqualTo(audit.get(3));
    }

    @Test
    void aCheckpointSignedWithAnotherKeyFailsVerification(@TempDir Path otherDir) throws Exception {
        CheckpointSigner other = CheckpointSigner.loadOrCreate(otherDir);
        Checkpoint last = server.context().getBean(Checkpointer.class).checkpoint();
        Checkpoint forged = other.sign(Instant.now().truncatedTo(ChronoUnit.MICROS), last.eventCount(),
                last.eventHeadIndex(), last.eventHeadHash(), last.auditCount(), last.auditHeadIndex(),
                last.auditHeadHash());
        LogVerifier.Report report = tampered(c -> {
            try (PreparedStatement insert = c.prepareStatement("insert into log_checkpoint (signed_at, event_count,"
                    + " event_head_index, event_head_hash, audit_count, audit_head_index, audit_head_hash,"
                    + " key_fingerprint, signature) values (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                insert.setObject(1, OffsetDateTime.ofInstant(forged.signedAt(), ZoneOffset.UTC));
                insert.setLong(2, forged.eventCount());
                insert.setLong(3, forged.eventHeadIndex());
                insert.setBytes(4, forged.eventHeadHash());
                insert.setLong(5, forged.auditCount());
                insert.setLong(6, forged.auditHeadIndex());
                insert.setBytes(7, forged.auditHeadHash());
                insert.setString(8, forged.keyFingerprint());
                insert.setBytes(9, forged.signature());
                insert.executeUpdate();
            }
        });
        assertThat(report.firstProblem()).hasValueSatisfying(problem -> {
            assertThat(problem.kind()).isEqualTo(Tampering.BAD_SIGNATURE);
            assertThat(problem.detail()).contains(other.fingerprint());
        });
    }

    @Test
    void anAlteredCheckpointFailsVerification() throws Exception {
        Checkpoint last = server.context().getBean(Checkpointer.class).checkpoint();
        LogVerifier.Report report = tampered(c -> update(c,
                "update log_checkpoint set event_count = event_count + 1 where checkpoint_id = ?", last.id()));
        assertThat(report.firstProblem()).hasValueSatisfying(problem -> {
            assertThat(problem.kind()).isEqualTo(Tampering.BAD_SIGNATURE);
            assertThat(problem.index()).isEqualTo(last.id());
        });
    }

    @Test
    void verifyingWithAnotherPublicKeyFails(@TempDir Path otherDir) throws Exception {
        server.context().getBean(Checkpointer.class).checkpoint();
        CheckpointSigner.loadOrCreate(otherDir);
        Run run = verifyLog(otherDir.resolve(CheckpointSigner.PUBLIC_KEY_FILE));
        assertThat(run.exit).as(run.out).isEqualTo(1);
        assertThat(run.out).contains("BAD_SIGNATURE: checkpoint ");
    }

    @Test
    void aMissingPublicKeyIsAUsageError(@TempDir Path dir) {
        Run run = verifyLog(dir.resolve("absent.pem"));
        assertThat(run.exit).isEqualTo(2);
        assertThat(run.err).contains("no public key");
    }

    // --- helpers

    interface Tamper {
        void apply(Connection connection) throws SQLException;
    }

    private static Problem eventProblem(Tamper tamper) throws SQLException {
        LogVerifier.Report report = tampered(tamper);
        assertThat(report.audit().problem()).isEmpty();
        return report.events().problem().orElseThrow(() -> new AssertionError("no problem found: " + report));
    }

    /** Tampers as superuser with triggers off, verifies in the same transaction, then rolls it all back. */
    private static LogVerifier.Report tampered(Tamper tamper) throws SQLException {
        try (Connection c = superuser()) {
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            c.setAutoCommit(false);
            try {
                try (Statement s = c.createStatement()) {
                    s.execute("set local session_replication_role = replica");
                }
                tamper.apply(c);
                return LogVerifier.verify(c, serverKey);
            } finally {
                c.rollback();
            }
        }
    }

    private static void update(Connection c, String sql, long parameter) throws SQLException {
        try (PreparedStatement statement = c.prepareStatement(sql)) {
            statement.setLong(1, parameter);
            assertThat(statement.executeUpdate()).as(sql).isPositive();
        }
    }

    /** Appends audit records through the buffer, as the server does, in one transaction; returns their indexes. */
    private static List<Long> appendAuditRecords(int count) throws SQLException {
        String account = String.format("%012d", ThreadLocalRandom.current().nextLong(1_000_000_000_000L));
        List<String> ids = new ArrayList<>();
        try (Connection c = superuser()) {
            c.setAutoCommit(false);
            try (PreparedStatement insert = c.prepareStatement("insert into audit_append_buffer (event_id,"
                    + " account_id, event_time, record, resources, event_identifiers)"
                    + " values (?::uuid, ?, now(), ?::jsonb, '[]'::jsonb, '{}'::text[])")) {
                for (int i = 0; i < count; i++) {
                    String id = UUID.randomUUID().toString();
                    ids.add(id);
                    insert.setString(1, id);
                    insert.setString(2, account);
                    insert.setString(3, "{\"eventName\":\"GetUser\",\"eventSource\":\"iam.amazonaws.com\","
                            + "\"readOnly\":true,\"eventID\":\"" + id + "\"}");
                    insert.executeUpdate();
                }
            }
            c.commit();
            List<Long> indexes = new ArrayList<>();
            try (PreparedStatement q = c.prepareStatement("select audit_index from audit_record"
                    + " where event_id = any(?::uuid[]) order by audit_index")) {
                q.setArray(1, c.createArrayOf("text", ids.toArray()));
                try (ResultSet rows = q.executeQuery()) {
                    while (rows.next()) {
                        indexes.add(rows.getLong(1));
                    }
                }
            }
            c.commit();
            assertThat(indexes).hasSize(count);
            return indexes;
        }
    }

    /** The cluster's superuser (trusted on loopback), who can switch triggers off: the attacker of these tests. */
    private static Connection superuser() throws SQLException {
        return DriverManager.getConnection(server.jdbcUrl(), "postgres", "");
    }

    private static Path publicKeyFile() {
        return server.settings().dataDir().resolve(CheckpointSigner.PUBLIC_KEY_FILE);
    }

    private record Run(int exit, String out, String err) {}

    /** {@code verify-log} against the shared database as an external one, as the server's own (non-super) user. */
    private static Run verifyLog(Path publicKey) {
        LedgerSettings settings = LedgerSettings.from(Map.of(
                "IAMLEDGER_DATA_DIR", server.settings().dataDir().toString(),
                "IAMLEDGER_JDBC_URL", server.jdbcUrl(),
                "IAMLEDGER_JDBC_USER", "iamledger"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = VerifyLogCommand.run(settings, publicKey, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static byte[] text(String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        return concat(new byte[] {0, 0, 0, (byte) bytes.length}, bytes);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = new byte[a.length + b.length];
        System.arraycopy(a, 0, both, 0, a.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}
