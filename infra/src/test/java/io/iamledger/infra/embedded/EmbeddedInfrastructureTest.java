package io.iamledger.infra.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

// the restart scenario runs first, so its cold-start time includes loading Kafka's and zonky's classes, as a real
// server start does
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EmbeddedInfrastructureTest {

    private static final String TOPIC = "iam.events";
    private static final String GROUP = "projection-test";
    private static final int RECORDS = 20;
    private static final Duration POLL_DEADLINE = Duration.ofMinutes(2);

    @TempDir
    Path dataDir;

    @BeforeAll
    static void quietKafka() {
        // without a logback config the root logger is at DEBUG, and Kafka's debug output would bury the results
        level(org.slf4j.Logger.ROOT_LOGGER_NAME, Level.INFO);
        level("kafka", Level.WARN);
        level("org.apache.kafka", Level.WARN);
        level("state.change.logger", Level.WARN);
    }

    @Test
    @Order(1)
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void tableRowsTopicRecordsAndCommittedOffsetsSurviveRestartOnTheSameDataDirectory() throws Exception {
        long t0 = System.nanoTime();
        String clusterId;
        try (LocalPostgres postgres = LocalPostgres.builder(dataDir).start()) {
            long pgCold = millisSince(t0);
            long t1 = System.nanoTime();
            try (LocalKafka kafka = LocalKafka.builder(dataDir).start()) {
                long kafkaCold = millisSince(t1);
                report("cold (first start, empty data dir)", pgCold, kafkaCold);
                clusterId = kafka.clusterId();

                assertThat(postgres.dataDirectory()).isEqualTo(dataDir.toAbsolutePath().resolve("postgres"));
                assertThat(kafka.logDirectory()).isEqualTo(dataDir.toAbsolutePath().resolve("kafka"));
                try (Connection c = connect(postgres); Statement s = c.createStatement()) {
                    assertThat(single(s, "select version()")).startsWith("PostgreSQL 17");
                    assertThat(single(s, "show fsync")).isEqualTo("on");
                    assertThat(single(s, "show synchronous_commit")).isEqualTo("on");
                    assertThat(single(s, "select current_user")).isEqualTo("iamledger");
                    s.execute("create table ledger_probe (id int primary key, note text not null)");
                    s.execute("insert into ledger_probe values (1, 'before restart')");
                }

                kafka.ensureTopics(Map.of(TOPIC, 3));
                kafka.ensureTopics(Map.of(TOPIC, 3));
                produce(kafka, RECORDS);
                List<String> consumed = consumeAndCommit(kafka, GROUP, RECORDS);
                assertThat(consumed).containsExactlyInAnyOrderElementsOf(values(RECORDS));
            }
        }

        long t2 = System.nanoTime();
        int[] fixed = LoopbackPorts.free(3);
        try (LocalPostgres postgres = LocalPostgres.builder(dataDir).port(fixed[0]).start()) {
            long pgWarm = millisSince(t2);
            long t3 = System.nanoTime();
            try (LocalKafka kafka = LocalKafka.builder(dataDir).port(fixed[1]).controllerPort(fixed[2]).start()) {
                long kafkaWarm = millisSince(t3);
                report("restart (same data dir)", pgWarm, kafkaWarm);

                assertThat(postgres.jdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:" + fixed[0] + "/iamledger");
                assertThat(kafka.bootstrapServers()).isEqualTo("127.0.0.1:" + fixed[1]);
                assertThat(kafka.clusterId()).isEqualTo(clusterId);
                try (Connection c = connect(postgres); Statement s = c.createStatement()) {
                    assertThat(single(s, "select note from ledger_probe where id = 1")).isEqualTo("before restart");
                }

                kafka.ensureTopics(Map.of(TOPIC, 3));
                try (KafkaConsumer<String, String> consumer = consumer(kafka, GROUP)) {
                    Set<TopicPartition> partitions = IntStream.range(0, 3)
                            .mapToObj(p -> new TopicPartition(TOPIC, p)).collect(Collectors.toSet());
                    Map<TopicPartition, OffsetAndMetadata> committed =
                            consumer.committed(partitions, Duration.ofMinutes(1));
                    long total = committed.values().stream().mapToLong(OffsetAndMetadata::offset).sum();
                    assertThat(total).isEqualTo(RECORDS);
                }
                List<String> replayed = consumeAndCommit(kafka, "fresh-reader", RECORDS);
                assertThat(replayed).containsExactlyInAnyOrderElementsOf(values(RECORDS));
            }
        }
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void secondServerOnTheSameDirectoryIsRefusedAndTheFirstKeepsRunning() {
        try (LocalPostgres postgres = LocalPostgres.builder(dataDir).start();
             LocalKafka kafka = LocalKafka.builder(dataDir).start()) {
            assertThatThrownBy(() -> LocalPostgres.builder(dataDir).start())
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("already used");
            assertThatThrownBy(() -> LocalKafka.builder(dataDir).start())
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("already used");

            kafka.ensureTopics(Map.of("iam.audit", 1));
            try (Connection c = connect(postgres); Statement s = c.createStatement()) {
                assertThat(single(s, "select 1")).isEqualTo("1");
            } catch (SQLException e) {
                throw new AssertionError(e);
            }
        }
    }

    @Test
    void brokerSettingsThatFixIdentityOrStorageCannotBeOverridden() {
        assertThatThrownBy(() -> LocalKafka.builder(dataDir).brokerSetting("log.dirs", "/elsewhere"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("log.dirs");
        assertThatThrownBy(() -> LocalKafka.builder(dataDir).numPartitions(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("num.partitions");
    }

    @Test
    void postgresOptionsAreCheckedWhenSet() {
        assertThatThrownBy(() -> LocalPostgres.builder(dataDir).database("iam; drop"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("postgres database");
        assertThatThrownBy(() -> LocalPostgres.builder(dataDir).port(70_000))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("postgres port");
        assertThatThrownBy(() -> LocalPostgres.builder(dataDir).setting("work_mem", "4MB; rm"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("work_mem");
        assertThatThrownBy(() -> LocalPostgres.builder(dataDir).setting("port", "5432"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("managed");
    }

    private static void produce(LocalKafka kafka, int count) throws Exception {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "120000");
        try (KafkaProducer<String, String> producer =
                     new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            List<java.util.concurrent.Future<?>> sent = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                sent.add(producer.send(new ProducerRecord<>(TOPIC, "account-" + (i % 5), "event-" + i)));
            }
            for (var f : sent) {
                f.get(2, TimeUnit.MINUTES);
            }
        }
    }

    /** Reads until {@code expected} records arrived (or the deadline passed), then commits what it read. */
    private static List<String> consumeAndCommit(LocalKafka kafka, String group, int expected) {
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = consumer(kafka, group)) {
            consumer.subscribe(List.of(TOPIC));
            long deadline = System.nanoTime() + POLL_DEADLINE.toNanos();
            while (values.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    values.add(record.value());
                }
            }
            consumer.commitSync(Duration.ofMinutes(1));
        }
        return values;
    }

    private static KafkaConsumer<String, String> consumer(LocalKafka kafka, String group) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        return new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer());
    }

    private static List<String> values(int count) {
        return IntStream.range(0, count).mapToObj(i -> "event-" + i).toList();
    }

    private static Connection connect(LocalPostgres postgres) throws SQLException {
        return DriverManager.getConnection(postgres.jdbcUrl(), postgres.user(), postgres.password());
    }

    private static String single(Statement s, String sql) throws SQLException {
        try (ResultSet rows = s.executeQuery(sql)) {
            assertThat(rows.next()).as(sql).isTrue();
            return rows.getString(1);
        }
    }

    private static long millisSince(long start) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }

    private static void report(String phase, long postgresMillis, long kafkaMillis) {
        System.out.printf("[embedded start-up] %-36s postgres %5d ms, kafka %5d ms%n", phase, postgresMillis,
                kafkaMillis);
    }

    private static void level(String logger, Level level) {
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(logger)).setLevel(level);
    }
}
