package io.iamledger.infra.it;

import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import software.amazon.awssdk.services.iam.model.AccessKey;
import io.iamledger.infra.config.LedgerSettings;
import io.iamledger.infra.server.LedgerServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * One IAM Ledger server per test JVM, on an embedded PostgreSQL and an in-process Kafka broker under a temporary
 * data directory, shared by every integration test (each test uses its own names). Started on first use, stopped
 * when the JVM exits.
 */
public final class SharedLedger {
    static final long GAP_TIMEOUT_MS = 2_000;
    private static final AtomicInteger UNIQUE = new AtomicInteger();
    private static volatile LedgerServer server;

    private SharedLedger() {}

    public static synchronized LedgerServer server() {
        if (server == null) {
            try {
                Path dataDir = Files.createTempDirectory("iam-ledger-it");
                LedgerSettings settings = LedgerSettings.from(Map.of(
                        "IAMLEDGER_DATA_DIR", dataDir.toString(),
                        "IAMLEDGER_PORT", "0",
                        "IAMLEDGER_EVENT_PARTITIONS", "2",
                        // short, so GapTimeoutIT can hold a transaction open past it
                        "IAMLEDGER_GAP_TIMEOUT_MS", String.valueOf(GAP_TIMEOUT_MS),
                        // not the default (3 per core): GapTimeoutIT needs one slow and three quick writers at once
                        "IAMLEDGER_MAX_CONCURRENT_WRITES", "8"));
                LedgerServer started = LedgerServer.start(settings);
                Runtime.getRuntime().addShutdownHook(new Thread(started::close, "shared-ledger-stop"));
                server = started;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return server;
    }

    /**
     * Stops the shared server and starts it again on the same data directory (a new port), as an operator
     * restarting it would. Later tests use the restarted server.
     */
    public static synchronized LedgerServer restart() {
        LedgerServer old = server();
        LedgerSettings settings = old.settings();
        old.close();
        server = LedgerServer.start(settings);
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "shared-ledger-stop"));
        return server;
    }

    public static AwsCredentials rootCredentials() {
        LedgerServer ledger = server();
        return AwsBasicCredentials.create(ledger.rootAccessKeyId(), ledger.rootSecretAccessKey());
    }

    public static IamClient iam() {
        return iam(rootCredentials());
    }

    public static IamClient iam(AwsCredentials credentials) {
        return IamClient.builder()
                .endpointOverride(server().endpoint())
                .region(Region.AWS_GLOBAL)
                .credentialsProvider(StaticCredentialsProvider.create(credentials))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    public static StsClient sts(AwsCredentials credentials) {
        return StsClient.builder()
                .endpointOverride(server().endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(credentials))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    /** A new user of the default account and a key of its own, made by {@code root}. */
    public static AwsCredentials userWithKey(IamClient root, String name) {
        root.createUser(r -> r.userName(name));
        AccessKey key = root.createAccessKey(r -> r.userName(name)).accessKey();
        return AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey());
    }

    /** The shared server's database, for tests that look at what was stored. */
    public static JdbcTemplate jdbc() {
        return new JdbcTemplate(server().context().getBean(DataSource.class));
    }

    /** A name no other test in this JVM uses. */
    public static String unique(String prefix) {
        return prefix + "-" + ProcessHandle.current().pid() + "-" + UNIQUE.incrementAndGet();
    }
}
