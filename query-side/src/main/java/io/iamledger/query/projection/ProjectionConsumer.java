package io.iamledger.query.projection;

import io.iamledger.events.codec.EventCodec;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one read-model schema up to date from the Kafka topic {@code iam.events}, on a dedicated thread.
 *
 * <p><b>Exactly-once effect.</b> Positions live in the read model's own {@code consumer_offsets} table, not in
 * Kafka: on assignment each partition is sought to its stored offset (or to the beginning if it has none), and
 * each poll's records are applied by the {@link Projector} and the new offsets stored in the same database
 * transaction. A crash between that commit and anything else only causes redelivery, which the projector's
 * per-account marks skip. Offsets are also committed to Kafka, at most once a second, for lag tooling only.
 *
 * <p><b>Failures.</b> A database error rolls the transaction back, rewinds the partitions to the last stored
 * offsets and retries with exponential backoff (up to {@link Builder#maxRetryBackoff}), forever: no committed
 * event is ever skipped. A record that is not an event envelope, or an event the model cannot apply, stops the
 * consumer in state {@link State#FAILED} with the reason in {@link #status()}; retrying would not help and
 * skipping would silently corrupt the model.
 *
 * <p><b>Read-your-writes.</b> {@link #awaitApplied} waits until the partition holding an account (computed as
 * Kafka's default partitioner does for the UTF-8 account id) has applied an event at or beyond a global sequence.
 * Because the relay publishes each partition in global-sequence order, that means the writer's own event is in
 * the model. For a partition another instance owns, it polls the shared {@code consumer_offsets} row instead.
 *
 * <p>Thread-safe: {@link #start}, {@link #close}, {@link #awaitApplied} and {@link #status} may be called from any
 * thread; the Kafka consumer itself is only touched by the consumer thread.
 */
public final class ProjectionConsumer implements AutoCloseable {

    /** The lifecycle of a consumer. */
    public enum State { NEW, RUNNING, FAILED, STOPPED }

    /**
     * Where one partition stands, as far as this instance knows.
     *
     * @param partition          the partition number
     * @param nextOffset         the offset read next
     * @param lastSequence       global sequence of the last event applied (or found applied), if any
     * @param lastEventTime      event time of that event, if any
     * @param lag                records between the position and the end of the partition, when Kafka has said
     */
    public record PartitionStatus(int partition, long nextOffset, OptionalLong lastSequence,
                                  Optional<Instant> lastEventTime, OptionalLong lag) {}

    /**
     * A snapshot of the consumer's progress, for metrics and health.
     *
     * @param state                 lifecycle state
     * @param lastAppliedSequence   highest global sequence applied over the assigned partitions, if any
     * @param lastAppliedEventTime  latest event time applied over the assigned partitions, if any
     * @param partitions            assigned partitions by number
     * @param eventsApplied         events applied since start
     * @param eventsSkipped         redelivered events skipped since start
     * @param failure               why the consumer stopped or is retrying, if it is
     */
    public record Status(State state, OptionalLong lastAppliedSequence, Optional<Instant> lastAppliedEventTime,
                         Map<Integer, PartitionStatus> partitions, long eventsApplied, long eventsSkipped,
                         Optional<String> failure) {
        public Status {
            partitions = Collections.unmodifiableMap(new TreeMap<>(partitions));
        }

        /** Total records not yet read over the assigned partitions whose lag Kafka has reported. */
        public long totalLag() {
            long total = 0;
            for (PartitionStatus partition : partitions.values()) {
                total += partition.lag().orElse(0);
            }
            return total;
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(ProjectionConsumer.class);
    private static final Duration REMOTE_POLL_INTERVAL = Duration.ofMillis(25);
    private static final Duration KAFKA_COMMIT_INTERVAL = Duration.ofSeconds(1);

    private final RecordApplier applier;
    private final Function<Map<String, Object>, Consumer<String, String>> consumerFactory;
    private final Map<String, Object> consumerConfig;
    private final Duration pollTimeout;
    private final Duration maxRetryBackoff;
    private final Thread thread;

    private final Object progress = new Object();
    private final Map<Integer, PartitionStatus> partitions = new ConcurrentHashMap<>();
    private final AtomicLong applied = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();
    private final AtomicLong authorizationChanges = new AtomicLong();
    private volatile int partitionCount;
    private volatile State state = State.NEW;
    private volatile String failure;
    private volatile boolean running;
    private volatile Consumer<String, String> consumer;

    // Consumer-thread state.
    private final Set<TopicPartition> awaitingPositions = new HashSet<>();
    private final Map<TopicPartition, Long> storedNextOffsets = new HashMap<>();
    private final Map<TopicPartition, OffsetAndMetadata> offsetsForKafka = new HashMap<>();
    private long lastKafkaCommit = System.nanoTime() - KAFKA_COMMIT_INTERVAL.toNanos();

    private ProjectionConsumer(Builder builder) {
        this.applier = new RecordApplier(builder.dataSource, new Projector(builder.schema), new EventCodec(),
                builder.topic);
        this.consumerFactory = builder.consumerFactory;
        this.consumerConfig = Map.copyOf(builder.consumerConfig());
        this.pollTimeout = builder.pollTimeout;
        this.maxRetryBackoff = builder.maxRetryBackoff;
        this.thread = new Thread(this::run, "projection-" + builder.schema);
        this.thread.setDaemon(true);
    }

    /** A builder; see its setters for the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The partition Kafka's default partitioner chooses for a record keyed by this account id (UTF-8 bytes,
     * murmur2, made positive, modulo the partition count).
     *
     * @throws IllegalArgumentException when {@code partitions} is not positive
     */
    public static int partitionFor(String accountId, int partitions) {
        if (partitions <= 0) {
            throw new IllegalArgumentException("partitions must be > 0: " + partitions);
        }
        return Utils.toPositive(Utils.murmur2(accountId.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    /**
     * Starts the consumer thread.
     *
     * @throws IllegalStateException when already started
     */
    public synchronized void start() {
        if (state != State.NEW) {
            throw new IllegalStateException("already started: " + state);
        }
        running = true;
        state = State.RUNNING;
        thread.start();
    }

    /**
     * Waits until the partition holding {@code accountId} has applied an event with global sequence at least
     * {@code globalSequence}.
     *
     * @param timeout how long to wait at most
     * @return true once applied, false when the timeout passed first or the consumer stopped
     * @throws InterruptedException when the waiting thread is interrupted
     */
    public boolean awaitApplied(String accountId, long globalSequence, Duration timeout) throws InterruptedException {
        Objects.requireNonNull(accountId, "accountId");
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            int count = partitionCount;
            if (count > 0) {
                int partition = partitionFor(accountId, count);
                PartitionStatus local = partitions.get(partition);
                if (local != null) {
                    if (local.lastSequence().orElse(-1) >= globalSequence) {
                        return true;
                    }
                } else if (storedSequence(partition) >= globalSequence) {
                    return true;
                }
            }
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0 || state == State.STOPPED || state == State.FAILED) {
                return false;
            }
            boolean localPartition = count > 0 && partitions.containsKey(partitionFor(accountId, count));
            long waitNanos = localPartition ? remaining : Math.min(remaining, REMOTE_POLL_INTERVAL.toNanos());
            synchronized (progress) {
                // Woken by every applied poll; the loop re-checks, so a missed wake-up costs at most waitNanos.
                progress.wait(Math.max(1, waitNanos / 1_000_000), 0);
            }
        }
    }

    /**
     * How many applied events could change authorization, since start: a counter that moves exactly when cached
     * authorization state may have gone stale. Cheaper than {@link #status()}, for asking on every call.
     */
    public long authorizationChangesApplied() {
        return authorizationChanges.get();
    }

    /** The consumer's progress now. */
    public Status status() {
        Map<Integer, PartitionStatus> snapshot = new TreeMap<>(partitions);
        OptionalLong lastSequence = OptionalLong.empty();
        Optional<Instant> lastTime = Optional.empty();
        for (PartitionStatus partition : snapshot.values()) {
            if (partition.lastSequence().isPresent()
                    && partition.lastSequence().getAsLong() > lastSequence.orElse(Long.MIN_VALUE)) {
                lastSequence = partition.lastSequence();
            }
            if (partition.lastEventTime().isPresent()
                    && (lastTime.isEmpty() || partition.lastEventTime().get().isAfter(lastTime.get()))) {
                lastTime = partition.lastEventTime();
            }
        }
        return new Status(state, lastSequence, lastTime, snapshot, applied.get(), skipped.get(),
                Optional.ofNullable(failure));
    }

    /**
     * Stops polling, lets an in-flight transaction finish, closes the Kafka consumer and waits for the thread
     * (at most 30 s). Idempotent.
     */
    @Override
    public void close() {
        running = false;
        Consumer<String, String> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        if (thread.isAlive() && Thread.currentThread() != thread) {
            try {
                thread.join(Duration.ofSeconds(30).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        synchronized (this) {
            if (state != State.FAILED) {
                state = State.STOPPED;
            }
        }
        wakeWaiters();
    }

    // ---- the consumer thread ----

    private void run() {
        Duration backoff = Duration.ZERO;
        try (Consumer<String, String> kafka = consumerFactory.apply(consumerConfig)) {
            consumer = kafka;
            kafka.subscribe(List.of(applier.topic()), new Rebalance(kafka));
            while (running) {
                if (!backoff.isZero()) {
                    pause(backoff);
                }
                try {
                    positionAwaiting(kafka);
                    ConsumerRecords<String, String> records = kafka.poll(pollTimeout);
                    if (!records.isEmpty()) {
                        applyAndCommit(kafka, records);
                    }
                    updateLag(kafka);
                    commitToKafkaWhenDue(kafka);
                    backoff = Duration.ZERO;
                    failure = null;
                } catch (SQLException e) {
                    backoff = nextBackoff(backoff);
                    failure = "database error, retrying in " + backoff.toMillis() + " ms: " + e.getMessage();
                    LOG.warn("projection into {}: {}", applier.topic(), failure, e);
                    rewind(kafka);
                }
            }
        } catch (WakeupException e) {
            if (running) {
                fail(e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error e) {
            fail(e);
        } finally {
            consumer = null;
            partitions.clear();
            synchronized (this) {
                if (state != State.FAILED) {
                    state = State.STOPPED;
                }
            }
            wakeWaiters();
        }
    }

    private void applyAndCommit(Consumer<String, String> kafka, ConsumerRecords<String, String> records)
            throws SQLException {
        List<ConsumerRecord<String, String>> batch = new ArrayList<>(records.count());
        for (TopicPartition partition : records.partitions()) {
            batch.addAll(records.records(partition));
        }
        RecordApplier.Outcome outcome = applier.apply(batch);
        failure = null;
        applied.addAndGet(outcome.applied());
        skipped.addAndGet(outcome.skipped());
        authorizationChanges.addAndGet(outcome.authorizationChanges());
        for (RecordApplier.Stored position : outcome.positions().values()) {
            TopicPartition partition = new TopicPartition(applier.topic(), position.partition());
            storedNextOffsets.put(partition, position.nextOffset());
            offsetsForKafka.put(partition, new OffsetAndMetadata(position.nextOffset()));
            PartitionStatus previous = partitions.get(position.partition());
            // After a rewind the same records come again: progress never goes backwards.
            long sequence = position.lastGlobalSequence();
            Instant time = position.lastEventTime();
            long offset = position.nextOffset();
            if (previous != null) {
                sequence = Math.max(sequence, previous.lastSequence().orElse(-1));
                time = previous.lastEventTime().filter(t -> t.isAfter(position.lastEventTime())).orElse(time);
                offset = Math.max(offset, previous.nextOffset());
            }
            partitions.put(position.partition(), new PartitionStatus(position.partition(), offset,
                    OptionalLong.of(sequence), Optional.of(time),
                    previous == null ? OptionalLong.empty() : previous.lag()));
        }
        wakeWaiters();
    }

    /**
     * Offsets also go to Kafka, for lag tooling only (positions are read from the database), at most once per
     * {@link #KAFKA_COMMIT_INTERVAL}: a commit per batch made the broker's group coordinator one of the busiest
     * threads of a loaded server.
     */
    private void commitToKafkaWhenDue(Consumer<String, String> kafka) {
        long now = System.nanoTime();
        if (offsetsForKafka.isEmpty() || now - lastKafkaCommit < KAFKA_COMMIT_INTERVAL.toNanos()) {
            return;
        }
        lastKafkaCommit = now;
        Map<TopicPartition, OffsetAndMetadata> commits = new HashMap<>(offsetsForKafka);
        offsetsForKafka.clear();
        try {
            kafka.commitAsync(commits, (offsets, exception) -> {
                if (exception != null) {
                    LOG.debug("committing offsets to Kafka failed (harmless: they are stored in the database)",
                            exception);
                }
            });
        } catch (WakeupException e) {
            throw e;
        } catch (KafkaException e) {
            LOG.debug("committing offsets to Kafka failed (harmless: they are stored in the database)", e);
        }
    }

    /** After a failed transaction: go back to what the database has, so the same records are read again. */
    private void rewind(Consumer<String, String> kafka) {
        for (TopicPartition partition : kafka.assignment()) {
            Long next = storedNextOffsets.get(partition);
            if (next != null) {
                kafka.seek(partition, next);
            } else {
                awaitingPositions.add(partition);
            }
        }
        kafka.pause(awaitingPositions);
    }

    /** Positions partitions whose stored offsets could not be read yet (database down during a rebalance). */
    private void positionAwaiting(Consumer<String, String> kafka) throws SQLException {
        if (awaitingPositions.isEmpty()) {
            return;
        }
        Set<TopicPartition> assigned = kafka.assignment();
        awaitingPositions.retainAll(assigned);
        List<Integer> numbers = new ArrayList<>();
        for (TopicPartition partition : awaitingPositions) {
            numbers.add(partition.partition());
        }
        Map<Integer, RecordApplier.Stored> stored = applier.stored(numbers);
        List<TopicPartition> fromStart = new ArrayList<>();
        for (TopicPartition partition : awaitingPositions) {
            RecordApplier.Stored position = stored.get(partition.partition());
            if (position == null) {
                fromStart.add(partition);
                storedNextOffsets.remove(partition);
                partitions.put(partition.partition(), new PartitionStatus(partition.partition(), 0,
                        OptionalLong.empty(), Optional.empty(), OptionalLong.empty()));
            } else {
                kafka.seek(partition, position.nextOffset());
                storedNextOffsets.put(partition, position.nextOffset());
                partitions.put(partition.partition(), new PartitionStatus(partition.partition(),
                        position.nextOffset(),
                        position.lastGlobalSequence() < 0 ? OptionalLong.empty()
                                : OptionalLong.of(position.lastGlobalSequence()),
                        Optional.ofNullable(position.lastEventTime()), OptionalLong.empty()));
            }
        }
        if (!fromStart.isEmpty()) {
            kafka.seekToBeginning(fromStart);
        }
        kafka.resume(awaitingPositions);
        awaitingPositions.clear();
        wakeWaiters();
    }

    private void updateLag(Consumer<String, String> kafka) {
        for (TopicPartition partition : kafka.assignment()) {
            OptionalLong lag = kafka.currentLag(partition);
            partitions.computeIfPresent(partition.partition(), (number, status) -> new PartitionStatus(number,
                    status.nextOffset(), status.lastSequence(), status.lastEventTime(), lag));
        }
    }

    private void refreshPartitionCount(Consumer<String, String> kafka) {
        List<PartitionInfo> infos = kafka.partitionsFor(applier.topic());
        if (infos != null && !infos.isEmpty()) {
            partitionCount = infos.size();
        }
    }

    private long storedSequence(int partition) {
        try {
            RecordApplier.Stored stored = applier.stored(List.of(partition)).get(partition);
            return stored == null ? -1 : stored.lastGlobalSequence();
        } catch (SQLException e) {
            LOG.debug("reading the stored position of partition {} failed", partition, e);
            return -1;
        }
    }

    /** Sleeps, but wakes early when {@link #close} is called. */
    private void pause(Duration duration) throws InterruptedException {
        long deadline = System.nanoTime() + duration.toNanos();
        synchronized (progress) {
            long remaining;
            while (running && (remaining = deadline - System.nanoTime()) > 0) {
                progress.wait(Math.max(1, remaining / 1_000_000));
            }
        }
    }

    private Duration nextBackoff(Duration current) {
        Duration next = current.isZero() ? Duration.ofMillis(100) : current.multipliedBy(2);
        return next.compareTo(maxRetryBackoff) > 0 ? maxRetryBackoff : next;
    }

    private void fail(Throwable e) {
        failure = e.getClass().getSimpleName() + ": " + e.getMessage();
        LOG.error("projection consumer for {} stopped", applier.topic(), e);
        synchronized (this) {
            state = State.FAILED;
        }
    }

    private void wakeWaiters() {
        synchronized (progress) {
            progress.notifyAll();
        }
    }

    /** Runs inside {@code poll} on the consumer thread. */
    private final class Rebalance implements ConsumerRebalanceListener {
        private final Consumer<String, String> kafka;

        Rebalance(Consumer<String, String> kafka) {
            this.kafka = kafka;
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> assigned) {
            refreshPartitionCount(kafka);
            awaitingPositions.addAll(assigned);
            // Nothing may be fetched from these before they are sought to the stored offsets.
            kafka.pause(assigned);
            try {
                positionAwaiting(kafka);
            } catch (SQLException e) {
                failure = "cannot read stored offsets, retrying: " + e.getMessage();
                LOG.warn("projection into {}: {}", applier.topic(), failure, e);
            }
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> revoked) {
            forget(revoked);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> lost) {
            forget(lost);
        }

        private void forget(Collection<TopicPartition> gone) {
            for (TopicPartition partition : gone) {
                partitions.remove(partition.partition());
                storedNextOffsets.remove(partition);
                awaitingPositions.remove(partition);
            }
            wakeWaiters();
        }
    }

    /**
     * Configures a {@link ProjectionConsumer}. Required: {@link #dataSource}, {@link #schema}, and either
     * {@link #bootstrapServers} or {@link #consumerFactory}. Not thread-safe.
     */
    public static final class Builder {
        private DataSource dataSource;
        private String schema;
        private String topic = "iam.events";
        private String bootstrapServers;
        private String groupId = "iam-ledger-projection";
        private Duration pollTimeout = Duration.ofMillis(500);
        private Duration maxRetryBackoff = Duration.ofSeconds(5);
        private int maxPollRecords = 2000;
        private final Map<String, Object> extraConfig = new HashMap<>();
        private Function<Map<String, Object>, Consumer<String, String>> consumerFactory = KafkaConsumer::new;
        private boolean customFactory;

        private Builder() {}

        /** The read-model database. Required. */
        public Builder dataSource(DataSource dataSource) {
            this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
            return this;
        }

        /** The read-model schema, created beforehand with {@link ReadModelSchema#create}. Required. */
        public Builder schema(String schema) {
            this.schema = ReadModelSchema.checkName(schema);
            return this;
        }

        /** The topic to read; default {@code iam.events}. */
        public Builder topic(String topic) {
            this.topic = requireText(topic, "topic");
            return this;
        }

        /** Kafka's {@code bootstrap.servers}. Required unless a {@link #consumerFactory} is given. */
        public Builder bootstrapServers(String bootstrapServers) {
            this.bootstrapServers = requireText(bootstrapServers, "bootstrapServers");
            return this;
        }

        /** The consumer group; default {@code iam-ledger-projection}. Instances sharing a schema share a group. */
        public Builder groupId(String groupId) {
            this.groupId = requireText(groupId, "groupId");
            return this;
        }

        /** How long one poll waits for records; default 500 ms. */
        public Builder pollTimeout(Duration pollTimeout) {
            this.pollTimeout = requirePositive(pollTimeout, "pollTimeout");
            return this;
        }

        /** The longest pause between retries after a database error; default 5 s (starting at 100 ms, doubling). */
        public Builder maxRetryBackoff(Duration maxRetryBackoff) {
            this.maxRetryBackoff = requirePositive(maxRetryBackoff, "maxRetryBackoff");
            return this;
        }

        /** Records per poll, hence per transaction; default 2000 (the projector is fastest with large batches). */
        public Builder maxPollRecords(int maxPollRecords) {
            if (maxPollRecords <= 0) {
                throw new IllegalArgumentException("maxPollRecords must be > 0: " + maxPollRecords);
            }
            this.maxPollRecords = maxPollRecords;
            return this;
        }

        /**
         * Any other consumer setting (security, timeouts). Cannot override what correctness depends on: auto
         * commit is always off and keys and values are always strings.
         */
        public Builder consumerProperty(String name, Object value) {
            extraConfig.put(requireText(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /**
         * Creates the Kafka consumer from the final configuration; default {@link KafkaConsumer#KafkaConsumer(Map)}.
         * Tests pass one returning a {@code MockConsumer}.
         */
        public Builder consumerFactory(Function<Map<String, Object>, Consumer<String, String>> consumerFactory) {
            this.consumerFactory = Objects.requireNonNull(consumerFactory, "consumerFactory");
            this.customFactory = true;
            return this;
        }

        /**
         * @throws IllegalStateException naming the missing setting
         */
        public ProjectionConsumer build() {
            if (dataSource == null) {
                throw new IllegalStateException("ProjectionConsumer: dataSource is required");
            }
            if (schema == null) {
                throw new IllegalStateException("ProjectionConsumer: schema is required");
            }
            if (bootstrapServers == null && !customFactory) {
                throw new IllegalStateException("ProjectionConsumer: bootstrapServers is required");
            }
            return new ProjectionConsumer(this);
        }

        private Map<String, Object> consumerConfig() {
            Map<String, Object> config = new HashMap<>();
            config.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
            config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, maxPollRecords);
            // Only committed records: the relay's producer may be transactional.
            config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
            config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            config.putAll(extraConfig);
            if (bootstrapServers != null) {
                config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
            }
            config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
            config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
            config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
            return config;
        }

        private static String requireText(String value, String name) {
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException(name + " must not be blank: '" + value + "'");
            }
            return value;
        }

        private static Duration requirePositive(Duration value, String name) {
            if (value == null || value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(name + " must be positive: " + value);
            }
            return value;
        }
    }
}
