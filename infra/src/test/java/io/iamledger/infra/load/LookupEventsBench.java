package io.iamledger.infra.load;

import io.iamledger.infra.audit.AuditLookup;
import io.iamledger.infra.embedded.LocalPostgres;
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
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The LookupEvents benchmark: an embedded PostgreSQL under a kept data directory (default
 * {@code /tmp/iam-ledger-load/lookup-events}; the next run only tops it up), the server's schema, the audit trail
 * filled to {@code records} chained rows through {@code audit_append_buffer} as the server appends them (1,000
 * users calling 20 actions on 100,000 resources over a year), then {@code queries} lookups of one page (50
 * events, newest first) by each of Username, EventName, ResourceName and AccessKeyId with random values, through
 * {@link AuditLookup} as the endpoint calls it. Prints p50/p99/max per attribute.
 *
 * <p>{@code java ... io.iamledger.infra.load.LookupEventsBench [records=1000000] [queries=1000] [data-dir]}
 */
public final class LookupEventsBench {
    private static final int BATCH = 10_000;
    private static final String ACCOUNT = "123456789012";
    private static final String[] NAMES = {"CreateUser", "GetUser", "ListUsers", "AttachUserPolicy",
        "DetachUserPolicy", "PutUserPolicy", "CreateAccessKey", "ListAccessKeys", "GetPolicy", "CreatePolicy",
        "AddUserToGroup", "RemoveUserFromGroup", "TagUser", "ListGroups", "GetRole", "CreateRole",
        "SimulatePrincipalPolicy", "GetAccountAuthorizationDetails", "UpdateAccessKey", "DeleteUser"};

    private LookupEventsBench() {}

    public static void main(String[] args) throws Exception {
        long records = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000;
        int queries = args.length > 1 ? Integer.parseInt(args[1]) : 1_000;
        Path dataDir = Path.of(args.length > 2 ? args[2] : "/tmp/iam-ledger-load/lookup-events");
        Files.createDirectories(dataDir);
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
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
                s.execute("analyze audit_record");
            }
            AuditLookup lookup = new AuditLookup(new JdbcTemplate(dataSource));
            Random random = new Random(42);
            for (AuditLookup.Attribute attribute : new AuditLookup.Attribute[] {AuditLookup.Attribute.USERNAME,
                AuditLookup.Attribute.EVENT_NAME, AuditLookup.Attribute.RESOURCE_NAME,
                AuditLookup.Attribute.ACCESS_KEY_ID}) {
                for (int i = 0; i < 50; i++) { // warm-up
                    lookup.lookup(query(attribute, random));
                }
                long[] nanos = new long[queries];
                int found = 0;
                for (int i = 0; i < queries; i++) {
                    AuditLookup.Query query = query(attribute, random);
                    long start = System.nanoTime();
                    found += lookup.lookup(query).events().size();
                    nanos[i] = System.nanoTime() - start;
                }
                Arrays.sort(nanos);
                System.out.printf(Locale.ROOT, "%-13s %,d lookups over %,d records: p50 %.2f ms, p99 %.2f ms,"
                                + " max %.2f ms (%.1f events per page)%n", attribute.wireName(), queries, records,
                        nanos[queries / 2] / 1e6, nanos[queries * 99 / 100] / 1e6, nanos[queries - 1] / 1e6,
                        (double) found / queries);
            }
        }
    }

    private static AuditLookup.Query query(AuditLookup.Attribute attribute, Random random) {
        String value = switch (attribute) {
            case USERNAME -> "user-" + random.nextInt(1_000);
            case EVENT_NAME -> NAMES[random.nextInt(NAMES.length)];
            case RESOURCE_NAME -> "resource-" + random.nextInt(100_000);
            case ACCESS_KEY_ID -> key(random.nextInt(1_000));
            default -> throw new IllegalArgumentException(attribute.name());
        };
        return new AuditLookup.Query(ACCOUNT, Optional.of(attribute), value, Optional.empty(), Optional.empty(), 50,
                Optional.empty());
    }

    private static String key(int user) {
        return String.format(Locale.ROOT, "AKIA%016d", user);
    }

    private static void fill(PGSimpleDataSource dataSource, long records) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            long stored;
            try (Statement s = c.createStatement();
                 ResultSet row = s.executeQuery("select count(*) from audit_record")) {
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
            // n drives everything: user n % 1000, action n % 20, resource n % 100000, one call every ~3 s of a year
            String names = "array[" + String.join(",", Arrays.stream(NAMES).map(n -> "'" + n + "'").toList()) + "]";
            try (PreparedStatement insert = c.prepareStatement("insert into audit_append_buffer (event_id,"
                    + " account_id, event_time, record, resources, event_identifiers)"
                    + " select gen_random_uuid(), '" + ACCOUNT + "', now() - make_interval(secs => (? - n) * 3),"
                    + " jsonb_build_object('eventVersion', '1.08', 'eventTime', now()::text,"
                    + " 'eventSource', 'iam.amazonaws.com', 'eventName', (" + names + ")[n % 20 + 1],"
                    + " 'awsRegion', 'us-east-1', 'sourceIPAddress', '127.0.0.1',"
                    + " 'userAgent', 'aws-sdk-java/2.31 Linux/6.1 OpenJDK_64-Bit_Server_VM/17',"
                    + " 'userIdentity', jsonb_build_object('type', 'IAMUser', 'principalId', 'AIDA' || md5((n % 1000)::text),"
                    + "   'arn', 'arn:aws:iam::" + ACCOUNT + ":user/user-' || n % 1000, 'accountId', '" + ACCOUNT + "',"
                    + "   'accessKeyId', 'AKIA' || lpad((n % 1000)::text, 16, '0'), 'userName', 'user-' || n % 1000),"
                    + " 'requestParameters', jsonb_build_object('userName', 'resource-' || n % 100000),"
                    + " 'responseElements', null, 'requestID', gen_random_uuid()::text,"
                    + " 'eventID', gen_random_uuid()::text, 'readOnly', n % 20 in (1, 2, 7, 8, 13, 14, 16, 17),"
                    + " 'eventType', 'AwsApiCall', 'managementEvent', true, 'recipientAccountId', '" + ACCOUNT + "'),"
                    + " jsonb_build_array(jsonb_build_object('ResourceType', 'AWS::IAM::User',"
                    + "   'ResourceName', 'resource-' || n % 100000)), '{}'::text[]"
                    + " from generate_series(?::bigint, ?::bigint) n")) {
                while (stored + added < records) {
                    long batch = Math.min(BATCH, records - stored - added);
                    insert.setLong(1, records);
                    insert.setLong(2, stored + added + 1);
                    insert.setLong(3, stored + added + batch);
                    insert.executeUpdate();
                    c.commit();
                    added += batch;
                    if (added % 500_000 == 0 || stored + added >= records) {
                        System.out.printf(Locale.ROOT, "  appended %,d records (%,.0f/s)%n", added,
                                added / ((System.nanoTime() - startNanos) / 1e9));
                    }
                }
            }
        }
    }

    private static String script(String name) throws IOException {
        try (InputStream in = LookupEventsBench.class.getResourceAsStream("/io/iamledger/infra/schema/" + name)) {
            if (in == null) {
                throw new IOException("schema script " + name + " is not on the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
