package io.iamledger.infra.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The server's configuration: one immutable value read from the environment and checked at start. A bad
 * setting fails start-up with the variable's name in the message.
 *
 * <p>Defaults: data directory {@code ./data}, HTTP port 8080, embedded PostgreSQL and Kafka (when
 * {@code IAMLEDGER_JDBC_URL} / {@code IAMLEDGER_KAFKA_BOOTSTRAP} are unset), 4 partitions for {@code iam.events},
 * read-your-writes wait 5 s, gap timeout 60 s, region {@code us-east-1}, at most three concurrent writes per
 * available processor, a signed checkpoint of the logs every 60 s.
 *
 * @param dataDir           {@code IAMLEDGER_DATA_DIR}: root of everything kept on disk
 * @param port              {@code IAMLEDGER_PORT}: HTTP port (0 picks a free one)
 * @param jdbcUrl           {@code IAMLEDGER_JDBC_URL}: external PostgreSQL, empty for the embedded one
 * @param jdbcUser          {@code IAMLEDGER_JDBC_USER}
 * @param jdbcPassword      {@code IAMLEDGER_JDBC_PASSWORD} (never logged)
 * @param kafkaBootstrap    {@code IAMLEDGER_KAFKA_BOOTSTRAP}: external Kafka, empty for the embedded broker
 * @param eventPartitions   {@code IAMLEDGER_EVENT_PARTITIONS}: partitions of {@code iam.events} when created
 * @param readYourWritesWait {@code IAMLEDGER_READ_WAIT_MS}: how long a read waits for the caller's own writes
 * @param gapTimeout        {@code IAMLEDGER_GAP_TIMEOUT_MS}: Axon's gap timeout for the relay (kept short in tests)
 * @param region            {@code IAMLEDGER_REGION}: region written to the credentials file
 * @param postgresSettings  {@code IAMLEDGER_POSTGRES_SETTINGS}: {@code name=value} pairs, comma-separated, for the
 *                          embedded PostgreSQL (e.g. {@code shared_buffers=512MB}); ignored with an external one
 * @param maxConcurrentWrites {@code IAMLEDGER_MAX_CONCURRENT_WRITES}: write calls executing at once; more wait
 * @param checkpointInterval {@code IAMLEDGER_CHECKPOINT_INTERVAL_SECONDS}: how often the logs' heads are signed
 *                          (1 s to 1 day; a checkpoint is skipped when nothing was appended since the last)
 */
public record LedgerSettings(Path dataDir, int port, Optional<String> jdbcUrl, String jdbcUser,
                             String jdbcPassword, Optional<String> kafkaBootstrap, int eventPartitions,
                             Duration readYourWritesWait, Duration gapTimeout, String region,
                             Map<String, String> postgresSettings, int maxConcurrentWrites,
                             Duration checkpointInterval) {

    public static final String EVENTS_TOPIC = "iam.events";
    public static final String AUDIT_TOPIC = "iam.audit";
    /** The PostgreSQL schema of the live read model; {@code rebuild} replays into a scratch schema beside it. */
    public static final String READ_SCHEMA = "iam_read";

    public LedgerSettings {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("IAMLEDGER_PORT must be 0..65535: " + port);
        }
        if (eventPartitions < 1 || eventPartitions > 1000) {
            throw new IllegalArgumentException("IAMLEDGER_EVENT_PARTITIONS must be 1..1000: " + eventPartitions);
        }
        if (maxConcurrentWrites < 1) {
            throw new IllegalArgumentException("IAMLEDGER_MAX_CONCURRENT_WRITES must be at least 1: "
                    + maxConcurrentWrites);
        }
        if (checkpointInterval.compareTo(Duration.ofSeconds(1)) < 0
                || checkpointInterval.compareTo(Duration.ofDays(1)) > 0) {
            throw new IllegalArgumentException("IAMLEDGER_CHECKPOINT_INTERVAL_SECONDS must be 1..86400: "
                    + checkpointInterval.toSeconds());
        }
        postgresSettings = Map.copyOf(postgresSettings);
    }

    public static LedgerSettings fromEnvironment() {
        return from(System.getenv());
    }

    public static LedgerSettings from(Map<String, String> env) {
        return new LedgerSettings(
                Path.of(env.getOrDefault("IAMLEDGER_DATA_DIR", "data")).toAbsolutePath().normalize(),
                intSetting(env, "IAMLEDGER_PORT", 8080),
                nonBlank(env.get("IAMLEDGER_JDBC_URL")),
                env.getOrDefault("IAMLEDGER_JDBC_USER", "postgres"),
                env.getOrDefault("IAMLEDGER_JDBC_PASSWORD", ""),
                nonBlank(env.get("IAMLEDGER_KAFKA_BOOTSTRAP")),
                intSetting(env, "IAMLEDGER_EVENT_PARTITIONS", 4),
                Duration.ofMillis(intSetting(env, "IAMLEDGER_READ_WAIT_MS", 5000)),
                Duration.ofMillis(intSetting(env, "IAMLEDGER_GAP_TIMEOUT_MS", 60_000)),
                env.getOrDefault("IAMLEDGER_REGION", "us-east-1"),
                pairs(env, "IAMLEDGER_POSTGRES_SETTINGS"),
                intSetting(env, "IAMLEDGER_MAX_CONCURRENT_WRITES", 3 * Runtime.getRuntime().availableProcessors()),
                Duration.ofSeconds(intSetting(env, "IAMLEDGER_CHECKPOINT_INTERVAL_SECONDS", 60)));
    }

    /** {@code a=1,b=2} as an ordered map; an entry without {@code =} or with an empty name is refused. */
    private static Map<String, String> pairs(Map<String, String> env, String name) {
        Map<String, String> pairs = new LinkedHashMap<>();
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return pairs;
        }
        for (String entry : value.split(",")) {
            int eq = entry.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException(name + " must be name=value pairs separated by commas: '" + value + "'");
            }
            pairs.put(entry.substring(0, eq).trim(), entry.substring(eq + 1).trim());
        }
        return pairs;
    }

    private static Optional<String> nonBlank(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    private static int intSetting(Map<String, String> env, String name, int fallback) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number: '" + value + "'");
        }
    }

    @Override
    public String toString() {
        return "LedgerSettings[dataDir=" + dataDir + ", port=" + port + ", jdbcUrl=" + jdbcUrl.orElse("(embedded)")
                + ", jdbcUser=" + jdbcUser + ", kafkaBootstrap=" + kafkaBootstrap.orElse("(embedded)")
                + ", eventPartitions=" + eventPartitions + ", region=" + region + ", postgresSettings=" + postgresSettings
                + ", maxConcurrentWrites=" + maxConcurrentWrites + ", checkpointInterval=" + checkpointInterval + "]";
    }
}
