package io.iamledger.infra.load;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Measures how long a created user takes to reach the read model. A writer registers a sample before its
 * CreateUser call ({@link #watch}) and reports when the call returned ({@link #returned}); two threads then time
 * the user's way through the pipeline:
 * <ul>
 *   <li>optionally, a Kafka consumer of {@code iam.events} (its own, reading from the end) notes when the
 *       UserCreated event arrives — the relay's share, commit to Kafka, plus one fetch. Off by default: it fetches
 *       every few milliseconds and reads every event, which loads the broker it measures;</li>
 *   <li>a JDBC poller asks the read model, every millisecond, which of the returned samples have a current row in
 *       {@code users} — the whole lag as a reader of the model sees it.</li>
 * </ul>
 * Both are measured from the moment the call returned, which stands for the commit (it follows it by one HTTP
 * response), so a Kafka arrival can come out negative: the event was published before the client had its answer.
 * Thread-safe.
 */
final class LagProbe implements AutoCloseable {

    /** One sampled user; times are {@link System#nanoTime()}, 0 until known. */
    static final class Sample {
        final String name;
        volatile long returnedAt;
        volatile long publishedAt;
        volatile long visibleAt;
        volatile boolean failed;

        Sample(String name) {
            this.name = name;
        }
    }

    /** What the probe saw over the samples that returned inside the measurement window. */
    record Result(Histogram visible, boolean kafkaWatched, Histogram published, long publishedBeforeReturn,
                  Histogram publishedToVisible, int samples, int neverVisible, int neverPublished) {}

    private static final String USER_NAME_FIELD = "\"userName\":\"";

    private final DataSource dataSource;
    private final String readSchema;
    private final String accountId;
    private final String bootstrapServers;
    private final String topic;
    private final List<Sample> all = new CopyOnWriteArrayList<>();
    private final Map<String, Sample> unpublished = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Sample> toPoll = new ConcurrentLinkedQueue<>();
    private final Thread poller;
    private final Thread kafkaThread;
    private final KafkaConsumer<String, String> kafka;
    private volatile long finishBy = Long.MAX_VALUE;
    private volatile boolean finishing;
    private volatile Throwable failure;

    /** @param watchKafka also time the arrival of each sample's event at a Kafka consumer of its own */
    LagProbe(DataSource dataSource, String readSchema, String accountId, String bootstrapServers, String topic,
             boolean watchKafka) {
        this.dataSource = dataSource;
        this.readSchema = readSchema;
        this.accountId = accountId;
        this.bootstrapServers = bootstrapServers;
        this.topic = topic;
        this.kafka = watchKafka ? newConsumer() : null;
        this.poller = new Thread(this::pollReadModel, "lag-probe-jdbc");
        this.kafkaThread = watchKafka ? new Thread(this::watchKafka, "lag-probe-kafka") : null;
        poller.setDaemon(true);
        if (kafkaThread != null) {
            kafkaThread.setDaemon(true);
        }
    }

    /** Positions the Kafka consumer at the end of the topic (so it sees only new events), then starts both threads. */
    void start() {
        poller.start();
        if (kafka == null) {
            return;
        }
        List<TopicPartition> partitions = new ArrayList<>();
        for (PartitionInfo info : kafka.partitionsFor(topic, Duration.ofSeconds(30))) {
            partitions.add(new TopicPartition(topic, info.partition()));
        }
        kafka.assign(partitions);
        kafka.seekToEnd(partitions);
        for (TopicPartition partition : partitions) {
            kafka.position(partition, Duration.ofSeconds(30)); // resolve now: seekToEnd is lazy
        }
        kafkaThread.start();
    }

    Sample watch(String userName) {
        Sample sample = new Sample(userName);
        if (kafka != null) {
            unpublished.put(userName, sample);
        }
        all.add(sample);
        return sample;
    }

    void returned(Sample sample, long nanoTime) {
        sample.returnedAt = nanoTime;
        toPoll.add(sample);
    }

    void failed(Sample sample) {
        sample.failed = true;
        unpublished.remove(sample.name);
    }

    /**
     * Waits (at most {@code timeout}) until every returned sample was seen in Kafka and in the read model, stops the
     * threads, and summarises the samples that returned within {@code [windowStart, windowEnd)}.
     */
    Result finish(Duration timeout, long windowStart, long windowEnd) throws InterruptedException {
        finishBy = System.nanoTime() + timeout.toNanos();
        finishing = true;
        poller.join(timeout.toMillis() + 5_000);
        if (kafkaThread != null) {
            kafkaThread.join(timeout.toMillis() + 5_000);
        }
        if (failure != null) {
            throw new IllegalStateException("the lag probe failed", failure);
        }
        Histogram visible = Latency.histogram();
        Histogram published = Latency.histogram();
        Histogram publishedToVisible = Latency.histogram();
        long early = 0;
        int samples = 0;
        int neverVisible = 0;
        int neverPublished = 0;
        for (Sample sample : all) {
            long returnedAt = sample.returnedAt;
            if (sample.failed || returnedAt == 0 || returnedAt < windowStart || returnedAt >= windowEnd) {
                continue;
            }
            samples++;
            if (sample.visibleAt == 0) {
                neverVisible++;
            } else {
                Latency.record(visible, sample.visibleAt - returnedAt);
            }
            if (kafka == null) {
                continue;
            }
            if (sample.publishedAt == 0) {
                neverPublished++;
            } else {
                if (sample.publishedAt < returnedAt) {
                    early++;
                }
                Latency.record(published, sample.publishedAt - returnedAt);
                if (sample.visibleAt != 0) {
                    Latency.record(publishedToVisible, sample.visibleAt - Math.max(sample.publishedAt, returnedAt));
                }
            }
        }
        return new Result(visible, kafka != null, published, early, publishedToVisible, samples, neverVisible,
                neverPublished);
    }

    /** Stops both threads at once (after {@link #finish}, or on an aborted run). */
    @Override
    public void close() {
        finishBy = 0;
        finishing = true;
        if (kafkaThread == null) {
            return;
        }
        if (kafkaThread.isAlive()) {
            kafka.wakeup();
        } else if (kafkaThread.getState() == Thread.State.NEW) {
            kafka.close();
        }
    }

    // ---- the read-model poller ----

    private void pollReadModel() {
        String sql = "select user_name from " + readSchema + ".users where account_id = ? and lower(user_name) = any(?)"
                + " and valid_to_seq is null";
        List<Sample> pending = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement(sql)) {
            connection.setAutoCommit(true);
            while (!(finishing && pending.isEmpty() && toPoll.isEmpty()) && System.nanoTime() < finishBy) {
                for (Sample sample = toPoll.poll(); sample != null; sample = toPoll.poll()) {
                    pending.add(sample);
                }
                if (!pending.isEmpty()) {
                    Set<String> found = present(connection, query, pending);
                    long now = System.nanoTime();
                    for (Iterator<Sample> it = pending.iterator(); it.hasNext(); ) {
                        Sample sample = it.next();
                        if (found.contains(sample.name)) {
                            sample.visibleAt = now;
                            it.remove();
                        }
                    }
                }
                TimeUnit.MILLISECONDS.sleep(1);
            }
        } catch (SQLException | RuntimeException e) {
            failure = e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Set<String> present(Connection connection, PreparedStatement query, List<Sample> pending)
            throws SQLException {
        String[] names = new String[pending.size()];
        for (int i = 0; i < names.length; i++) {
            names[i] = pending.get(i).name; // the driver makes lower-case names, so lower() is the identity
        }
        query.setString(1, accountId);
        query.setArray(2, connection.createArrayOf("text", names));
        Set<String> found = new HashSet<>();
        try (ResultSet rs = query.executeQuery()) {
            while (rs.next()) {
                found.add(rs.getString(1));
            }
        }
        return found;
    }

    // ---- the Kafka watcher ----

    private KafkaConsumer<String, String> newConsumer() {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.CLIENT_ID_CONFIG, "iam-ledger-load-probe",
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 5),
                new StringDeserializer(), new StringDeserializer());
    }

    private void watchKafka() {
        try (KafkaConsumer<String, String> consumer = kafka) {
            while (!(finishing && unpublishedReturned() == 0) && System.nanoTime() < finishBy) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(5))) {
                    String name = userName(record.value());
                    if (name != null) {
                        Sample sample = unpublished.remove(name);
                        if (sample != null) {
                            sample.publishedAt = System.nanoTime();
                        }
                    }
                }
            }
        } catch (org.apache.kafka.common.errors.WakeupException e) {
            // closed
        } catch (RuntimeException e) {
            failure = e;
        }
    }

    /** Samples whose call returned but whose event has not been seen; the ones still in flight do not count. */
    private int unpublishedReturned() {
        int count = 0;
        for (Sample sample : unpublished.values()) {
            if (sample.returnedAt != 0) {
                count++;
            }
        }
        return count;
    }

    /** The first {@code "userName":"…"} value in an envelope's JSON (UserCreated carries it), or null. */
    static String userName(String json) {
        int at = json.indexOf(USER_NAME_FIELD);
        if (at < 0) {
            return null;
        }
        int from = at + USER_NAME_FIELD.length();
        int to = json.indexOf('"', from);
        return to < 0 ? null : json.substring(from, to);
    }
}
