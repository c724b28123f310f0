package io.iamledger.query.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.iamledger.events.EventEnvelope;
import io.iamledger.events.codec.EventCodec;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The consumer loop over Kafka's {@link MockConsumer} (no broker here) and a real PostgreSQL. */
class ProjectionConsumerTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final int PARTITIONS = 2;

    private final DataSource db = TestDatabase.dataSource();
    private final List<ProjectionConsumer> started = new ArrayList<>();

    @AfterEach
    void closeConsumers() {
        started.forEach(ProjectionConsumer::close);
    }

    private MockConsumer<String, String> mock(long... endOffsets) {
        MockConsumer<String, String> mock = new MockConsumer<>("earliest");
        List<PartitionInfo> infos = new ArrayList<>();
        Map<TopicPartition, Long> beginnings = new HashMap<>();
        Map<TopicPartition, Long> ends = new HashMap<>();
        for (int p = 0; p < PARTITIONS; p++) {
            infos.add(new PartitionInfo(Records.TOPIC, p, null, null, null));
            beginnings.put(new TopicPartition(Records.TOPIC, p), 0L);
            ends.put(new TopicPartition(Records.TOPIC, p), endOffsets.length > p ? endOffsets[p] : 0L);
        }
        mock.updatePartitions(Records.TOPIC, infos);
        mock.updateBeginningOffsets(beginnings);
        mock.updateEndOffsets(ends);
        return mock;
    }

    private ProjectionConsumer start(String schema, DataSource dataSource, MockConsumer<String, String> mock) {
        ProjectionConsumer consumer = ProjectionConsumer.builder().dataSource(dataSource).schema(schema)
                .consumerFactory(config -> {
                    assertThat(config).containsEntry("enable.auto.commit", false);
                    return mock;
                })
                .pollTimeout(Duration.ofMillis(10)).maxRetryBackoff(Duration.ofMillis(50)).build();
        started.add(consumer);
        consumer.start();
        return consumer;
    }

    private static void deliver(MockConsumer<String, String> mock, Set<Integer> assigned,
                                List<ConsumerRecord<String, String>> records) {
        mock.schedulePollTask(() -> {
            List<TopicPartition> partitions = new ArrayList<>();
            assigned.forEach(p -> partitions.add(new TopicPartition(Records.TOPIC, p)));
            if (!mock.assignment().containsAll(partitions)) {
                mock.rebalance(partitions);
            }
            records.forEach(mock::addRecord);
        });
    }

    private static List<ConsumerRecord<String, String>> all(Map<Integer, List<ConsumerRecord<String, String>>> parts) {
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        parts.values().forEach(records::addAll);
        return records;
    }

    private static EventEnvelope lastOf(List<EventEnvelope> log, int partition) {
        EventEnvelope last = null;
        for (EventEnvelope envelope : log) {
            if (ProjectionConsumer.partitionFor(envelope.accountId(), PARTITIONS) == partition) {
                last = envelope;
            }
        }
        return last;
    }

    @Test
    void resumesFromTheOffsetsStoredInTheReadModelAndReportsProgress() throws Exception {
        String schema = TestDatabase.freshSchema("consumer_resume");
        List<EventEnvelope> log = SyntheticLog.generate(4, 6, 800);
        Map<Integer, List<ConsumerRecord<String, String>>> partitions = Records.partitioned(log, PARTITIONS);
        // An earlier run got through the first 50 records of partition 0.
        new RecordApplier(db, new Projector(schema), new EventCodec(), Records.TOPIC)
                .apply(partitions.get(0).subList(0, 50));

        MockConsumer<String, String> mock = mock(partitions.get(0).size(), partitions.get(1).size());
        deliver(mock, Set.of(0, 1), all(partitions));
        ProjectionConsumer consumer = start(schema, db, mock);

        for (int p = 0; p < PARTITIONS; p++) {
            EventEnvelope last = lastOf(log, p);
            assertThat(consumer.awaitApplied(last.accountId(), last.globalSequence(), WAIT)).isTrue();
        }
        ProjectionConsumer.Status status = consumer.status();
        assertThat(status.state()).isEqualTo(ProjectionConsumer.State.RUNNING);
        // Had it started from Kafka's offsets (none) instead of the stored ones, 50 would have been skipped.
        assertThat(status.eventsApplied()).isEqualTo(log.size() - 50);
        assertThat(status.eventsSkipped()).isZero();
        assertThat(status.lastAppliedSequence()).hasValue(log.get(log.size() - 1).globalSequence());
        assertThat(status.lastAppliedEventTime()).contains(log.stream().map(EventEnvelope::occurredAt)
                .max(Comparator.naturalOrder()).orElseThrow());
        assertThat(status.partitions()).containsOnlyKeys(0, 1);
        assertThat(status.partitions().get(1).nextOffset()).isEqualTo(partitions.get(1).size());
        assertThat(status.failure()).isEmpty();

        String reference = TestDatabase.freshSchema("consumer_resume_ref");
        EventLog.replay(db, reference, log, 1000);
        assertThat(Sql.checksum(db, schema)).isEqualTo(Sql.checksum(db, reference));

        // Offsets also go to Kafka (after the database commit), for lag tooling.
        Map<TopicPartition, OffsetAndMetadata> committed = new HashMap<>();
        for (int p = 0; p < PARTITIONS; p++) {
            committed.put(new TopicPartition(Records.TOPIC, p), new OffsetAndMetadata(partitions.get(p).size()));
        }
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!mock.committed(committed.keySet()).equals(committed) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(mock.committed(committed.keySet())).isEqualTo(committed);

        consumer.close();
        assertThat(consumer.status().state()).isEqualTo(ProjectionConsumer.State.STOPPED);
        assertThat(mock.closed()).isTrue();
        assertThat(Sql.rows(db, "select partition, next_offset from \"" + schema + "\".consumer_offsets order by 1"))
                .containsExactly("0|" + partitions.get(0).size(), "1|" + partitions.get(1).size());
    }

    @Test
    void redeliveryFromTheStartAppliesNothingTwice() throws Exception {
        String schema = TestDatabase.freshSchema("consumer_redelivery");
        List<EventEnvelope> log = SyntheticLog.generate(6, 4, 400);
        Map<Integer, List<ConsumerRecord<String, String>>> partitions = Records.partitioned(log, PARTITIONS);
        MockConsumer<String, String> first = mock();
        deliver(first, Set.of(0, 1), all(partitions));
        ProjectionConsumer consumer = start(schema, db, first);
        EventEnvelope last = log.get(log.size() - 1);
        assertThat(consumer.awaitApplied(last.accountId(), last.globalSequence(), WAIT)).isTrue();
        consumer.close();
        ReadModelChecksum before = Sql.checksum(db, schema);

        // Offsets lost (say, restored from an older backup): everything is delivered again.
        Sql.execute(db, "delete from \"" + schema + "\".consumer_offsets");
        MockConsumer<String, String> second = mock();
        deliver(second, Set.of(0, 1), all(partitions));
        ProjectionConsumer again = start(schema, db, second);
        assertThat(again.awaitApplied(last.accountId(), last.globalSequence(), WAIT)).isTrue();
        assertThat(again.status().eventsApplied()).isZero();
        assertThat(again.status().eventsSkipped()).isEqualTo(log.size());
        assertThat(Sql.checksum(db, schema)).isEqualTo(before);
    }

    @Test
    void aDatabaseOutageIsRetriedFromTheStoredOffsets() throws Exception {
        String schema = TestDatabase.freshSchema("consumer_outage");
        List<EventEnvelope> log = SyntheticLog.generate(12, 1, 300);
        List<ConsumerRecord<String, String>> records = Records.partitioned(log, 1).get(0);
        int partition = records.get(0).partition();
        Switchable database = new Switchable(db);
        MockConsumer<String, String> mock = mock();
        deliver(mock, Set.of(0, 1), records.subList(0, 100));
        ProjectionConsumer consumer = start(schema, database, mock);
        EventEnvelope hundredth = log.get(99);
        assertThat(consumer.awaitApplied(hundredth.accountId(), hundredth.globalSequence(), WAIT)).isTrue();

        database.down.set(true);
        deliver(mock, Set.of(0, 1), records.subList(100, 300));
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (consumer.status().failure().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(consumer.status().failure()).hasValueSatisfying(f -> assertThat(f).contains("database down"));
        assertThat(consumer.status().state()).isEqualTo(ProjectionConsumer.State.RUNNING);

        // Kafka serves the partition again from wherever the consumer sought to; the mock needs them re-added.
        database.down.set(false);
        deliver(mock, Set.of(0, 1), records.subList(100, 300));
        EventEnvelope last = log.get(299);
        assertThat(consumer.awaitApplied(last.accountId(), last.globalSequence(), WAIT)).isTrue();
        assertThat(consumer.status().failure()).isEmpty();
        assertThat(consumer.status().partitions().get(partition).nextOffset()).isEqualTo(300);
        String reference = TestDatabase.freshSchema("consumer_outage_ref");
        EventLog.replay(db, reference, log, 1000);
        assertThat(Sql.checksum(db, schema)).isEqualTo(Sql.checksum(db, reference));
    }

    @Test
    void aRecordThatIsNotAnEventStopsTheConsumerRatherThanSkipIt() throws Exception {
        String schema = TestDatabase.freshSchema("consumer_poison");
        MockConsumer<String, String> mock = mock();
        List<ConsumerRecord<String, String>> records = new ArrayList<>(
                Records.partitioned(Scenario.log().envelopes(), PARTITIONS).get(
                        ProjectionConsumer.partitionFor(Scenario.ACCOUNT, PARTITIONS)));
        int partition = records.get(0).partition();
        records.add(new ConsumerRecord<>(Records.TOPIC, partition, records.size(), Scenario.ACCOUNT, "garbage"));
        deliver(mock, Set.of(0, 1), records);
        ProjectionConsumer consumer = start(schema, db, mock);

        long deadline = System.nanoTime() + WAIT.toNanos();
        while (consumer.status().state() != ProjectionConsumer.State.FAILED && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(consumer.status().state()).isEqualTo(ProjectionConsumer.State.FAILED);
        assertThat(consumer.status().failure()).hasValueSatisfying(f -> assertThat(f).contains("@62"));
        assertThat(consumer.awaitApplied(Scenario.ACCOUNT, 1, Duration.ofSeconds(1))).isFalse();
        assertThat(Sql.rows(db, "select count(*) from \"" + schema + "\".consumer_offsets")).containsExactly("0");
    }

    @Test
    void awaitAppliedTimesOutForASequenceNotYetApplied() throws Exception {
        String schema = TestDatabase.freshSchema("consumer_timeout");
        MockConsumer<String, String> mock = mock();
        deliver(mock, Set.of(0, 1), all(Records.partitioned(Scenario.log().envelopes(), PARTITIONS)));
        ProjectionConsumer consumer = start(schema, db, mock);
        int last = Scenario.log().envelopes().size();
        assertThat(consumer.awaitApplied(Scenario.ACCOUNT, last, WAIT)).isTrue();
        long start = System.nanoTime();
        assertThat(consumer.awaitApplied(Scenario.ACCOUNT, last + 1, Duration.ofMillis(200))).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(190), Duration.ofSeconds(5));
    }

    @Test
    void awaitAppliedForAPartitionAnotherInstanceOwnsReadsTheStoredPosition() throws Exception {
        String schema = TestDatabase.freshSchema("consumer_remote");
        List<EventEnvelope> log = SyntheticLog.generate(13, 6, 300);
        Map<Integer, List<ConsumerRecord<String, String>>> partitions = Records.partitioned(log, PARTITIONS);
        MockConsumer<String, String> mock = mock();
        deliver(mock, Set.of(0), partitions.get(0));
        ProjectionConsumer consumer = start(schema, db, mock);
        EventEnvelope remote = lastOf(log, 1);
        assertThat(consumer.awaitApplied(remote.accountId(), remote.globalSequence(), Duration.ofMillis(300))).isFalse();

        // The instance that owns partition 1 applies it.
        new RecordApplier(db, new Projector(schema), new EventCodec(), Records.TOPIC).apply(partitions.get(1));
        assertThat(consumer.awaitApplied(remote.accountId(), remote.globalSequence(), WAIT)).isTrue();
        assertThat(consumer.status().partitions()).containsOnlyKeys(0);
    }

    @Test
    void partitionForAgreesWithKafkasDefaultPartitioner() {
        for (int i = 0; i < 1000; i++) {
            String account = String.format("%012d", 100_000_000_000L + i * 7919L);
            for (int partitions : new int[]{1, 3, 12}) {
                assertThat(ProjectionConsumer.partitionFor(account, partitions)).isEqualTo(
                        BuiltInPartitioner.partitionForKey(account.getBytes(StandardCharsets.UTF_8), partitions));
            }
        }
    }

    @Test
    void theBuilderNamesMissingSettings() {
        assertThatThrownBy(() -> ProjectionConsumer.builder().schema("s").bootstrapServers("localhost:9092").build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("dataSource");
        assertThatThrownBy(() -> ProjectionConsumer.builder().dataSource(db).schema("s").build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("bootstrapServers");
        assertThatThrownBy(() -> ProjectionConsumer.builder().pollTimeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pollTimeout");
    }

    /** A data source that can be switched off, as a database outage would. */
    static final class Switchable implements DataSource {
        final AtomicBoolean down = new AtomicBoolean();
        private final DataSource delegate;

        Switchable(DataSource delegate) {
            this.delegate = delegate;
        }

        @Override
        public Connection getConnection() throws SQLException {
            if (down.get()) {
                throw new SQLException("database down at " + Instant.now());
            }
            return delegate.getConnection();
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            return getConnection();
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {
        }

        @Override
        public void setLoginTimeout(int seconds) {
        }

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            throw new SQLFeatureNotSupportedException();
        }

        @Override
        public <T> T unwrap(Class<T> iface) throws SQLException {
            throw new SQLException("not a wrapper");
        }

        @Override
        public boolean isWrapperFor(Class<?> iface) {
            return false;
        }
    }
}
