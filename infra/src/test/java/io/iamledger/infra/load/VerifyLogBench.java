package io.iamledger.infra.load;

import io.iamledger.infra.config.LedgerSettings;
import io.iamledger.infra.embedded.LocalPostgres;
import io.iamledger.infra.ledger.CheckpointSigner;
import io.iamledger.infra.ledger.Checkpointer;
import io.iamledger.infra.ledger.VerifyLogCommand;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The verify-log benchmark: an embedded PostgreSQL under a kept data directory (default
 * {@code /tmp/iam-ledger-load/verify-log}; the next run skips filling), the server's schema, the audit trail
 * topped up to {@code records} chained rows (about 700 bytes of CloudTrail-like JSON each) through
 * {@code audit_append_buffer} in transactions of 10,000, as the server appends them; one signed checkpoint; then
 * {@code verify-log} itself ({@link VerifyLogCommand#run}) timed {@code runs} times.
 *
 * <p>{@code java ... io.iamledger.infra.load.VerifyLogBench [records=1000000] [runs=3] [data-dir]}
 */
public final class VerifyLogBench {
    private static final int BATCH = 10_000;

    private VerifyLogBench() {}

    public static void main(String[] args) throws Exception {
        long records = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Path dataDir = Path.of(args.length > 2 ? args[2] : "/tmp/iam-ledger-load/verify-log");
        Files.createDirectories(dataDir);
        int worst = 0;
        try (LocalPostgres postgres = LocalPostgres.builder(dataDir).start()) {
            PGSimpleDataSource dataSource = new PGSimpleDataSource();
            dataSource.setUrl(postgres.jdbcUrl());
            dataSource.setUser(postgres.user());
            dataSource.setPassword(postgres.password());
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
                s.execute(script("V1__event_store.sql"));
                s.execute(script("V2__audit_and_chains.sql"));
            }
            fill(dataSource, records);
            new Checkpointer(dataSource, CheckpointSigner.loadOrCreate(dataDir), Clock.systemUTC()).checkpoint();
            LedgerSettings settings = LedgerSettings.from(Map.of("IAMLEDGER_DATA_DIR", dataDir.toString(),
                    "IAMLEDGER_JDBC_URL", postgres.jdbcUrl(), "IAMLEDGER_JDBC_USER", postgres.user()));
            System.out.printf(Locale.ROOT, "max heap %d MB%n", Runtime.getRuntime().maxMemory() >> 20);
            for (int run = 1; run <= runs; run++) {
                System.out.println("==== verify-log run " + run + " ====");
                int exit = VerifyLogCommand.run(settings, null, System.out, System.err);
                worst = Math.max(worst, exit);
            }
        }
        System.exit(worst);
    }

    private static void fill(PGSimpleDataSource dataSource, long records) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            long stored;
            try (Statement s = c.createStatement(); ResultSet row = s.executeQuery("select count(*) from audit_record")) {
                row.next();
                stored = row.getLong(1);
            }
            System.out.printf(Locale.ROOT, "audit trail holds %,d records; %,d wanted%n", stored, records);
            if (stored >= records) {
                return;
            }
            c.setAutoCommit(false);
            long startNanos = System.nanoTime();
            long added = 0;
            try (PreparedStatement insert = c.prepareStatement("insert into audit_append_buffer (event_id, account_id,"
                    + " event_time, record, resources, event_identifiers)"
                    + " select gen_random_uuid(), '123456789012', now() - make_interval(secs => n), jsonb_build_object("
                    + " 'eventVersion', '1.08', 'eventTime', now()::text, 'eventSource', 'iam.amazonaws.com',"
                    + " 'eventName', 'CreateUser', 'awsRegion', 'us-east-1', 'sourceIPAddress', '127.0.0.1',"
                    + " 'userAgent', 'aws-sdk-java/2.31 Linux/6.1 OpenJDK_64-Bit_Server_VM/17',"
                    + " 'userIdentity', jsonb_build_object('type', 'IAMUser', 'principalId', 'AIDA' || md5(n::text),"
                    + "   'arn', 'arn:aws:iam::123456789012:user/admin', 'accountId', '123456789012',"
                    + "   'accessKeyId', 'AKIA' || upper(substr(md5(n::text), 1, 16)), 'userName', 'admin'),"
                    + " 'requestParameters', jsonb_build_object('userName', 'user-' || n, 'path', '/'),"
                    + " 'responseElements', jsonb_build_object('user', jsonb_build_object('userName', 'user-' || n,"
                    + "   'userId', 'AIDA' || upper(md5(n::text || 'u')), 'arn', 'arn:aws:iam::123456789012:user/user-' || n)),"
                    + " 'requestID', gen_random_uuid()::text, 'eventID', gen_random_uuid()::text, 'readOnly', false,"
                    + " 'eventType', 'AwsApiCall', 'managementEvent', true, 'recipientAccountId', '123456789012'),"
                    + " jsonb_build_array(jsonb_build_object('ARN', 'arn:aws:iam::123456789012:user/user-' || n,"
                    + "   'type', 'AWS::IAM::User')), '{}'::text[]"
                    + " from generate_series(?::bigint, ?::bigint) n")) {
                while (stored + added < records) {
                    long batch = Math.min(BATCH, records - stored - added);
                    insert.setLong(1, stored + added + 1);
                    insert.setLong(2, stored + added + batch);
                    insert.executeUpdate();
                    c.commit();
                    added += batch;
                    if (added % 100_000 == 0 || stored + added >= records) {
                        System.out.printf(Locale.ROOT, "  appended %,d records (%,.0f/s)%n", added,
                                added / ((System.nanoTime() - startNanos) / 1e9));
                    }
                }
            }
        }
    }

    private static String script(String name) throws IOException {
        try (InputStream in = VerifyLogBench.class.getResourceAsStream("/io/iamledger/infra/schema/" + name)) {
            if (in == null) {
                throw new IOException("schema script " + name + " is not on the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
