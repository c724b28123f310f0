package io.iamledger.query.projection;

import io.iamledger.events.EventEnvelope;
import io.iamledger.events.codec.EventCodec;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The transactional heart of {@link ProjectionConsumer}, without Kafka's client machinery so it can be tested
 * against PostgreSQL alone: one call applies the records of one poll and moves the stored offsets of their
 * partitions, in one database transaction. If anything fails the transaction is rolled back and neither the rows
 * nor the offsets move, so the same records are simply read again. Thread-safe (no mutable state).
 */
final class RecordApplier {

    /** Where a partition stands in the database: the offset to read next and the last event it carried. */
    record Stored(int partition, long nextOffset, long lastGlobalSequence, Instant lastEventTime) {}

    /** What one {@link #apply} did. */
    record Outcome(Map<Integer, Stored> positions, int applied, int skipped, int authorizationChanges) {}

    private final DataSource dataSource;
    private final Projector projector;
    private final EventCodec codec;
    private final String topic;
    private final String loadSql;
    private final String saveSql;

    RecordApplier(DataSource dataSource, Projector projector, EventCodec codec, String topic) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.projector = Objects.requireNonNull(projector, "projector");
        this.codec = Objects.requireNonNull(codec, "codec");
        this.topic = Objects.requireNonNull(topic, "topic");
        String s = ReadModelSchema.quoted(projector.schema());
        this.loadSql = "select partition, next_offset, last_global_sequence, last_event_time from " + s
                + ".consumer_offsets where topic = ? and partition = any(?::integer[])";
        // greatest(): a consumer that lost its partition in a rebalance but finishes a poll late must not move
        // the offset back (it would only cause redelivery, which the marks absorb, but there is no need).
        this.saveSql = "insert into " + s + ".consumer_offsets as o (topic, partition, next_offset,"
                + " last_global_sequence, last_event_time) values (?, ?, ?, ?, ?)"
                + " on conflict (topic, partition) do update set"
                + " next_offset = greatest(o.next_offset, excluded.next_offset),"
                + " last_global_sequence = greatest(o.last_global_sequence, excluded.last_global_sequence),"
                + " last_event_time = greatest(o.last_event_time, excluded.last_event_time)";
    }

    String topic() {
        return topic;
    }

    /** The stored positions of these partitions; partitions never stored are absent. */
    Map<Integer, Stored> stored(Collection<Integer> partitions) throws SQLException {
        Map<Integer, Stored> stored = new HashMap<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement load = connection.prepareStatement(loadSql)) {
            load.setString(1, topic);
            load.setArray(2, connection.createArrayOf("integer", partitions.toArray()));
            try (ResultSet rs = load.executeQuery()) {
                while (rs.next()) {
                    long sequence = rs.getLong(3);
                    if (rs.wasNull()) {
                        sequence = -1;
                    }
                    OffsetDateTime time = rs.getObject(4, OffsetDateTime.class);
                    stored.put(rs.getInt(1), new Stored(rs.getInt(1), rs.getLong(2), sequence,
                            time == null ? null : time.toInstant()));
                }
            }
        }
        return stored;
    }

    /**
     * Decodes and applies the records, and stores each partition's next offset, in one transaction.
     *
     * @param records the records of one poll, each partition's in offset order
     * @return each touched partition's new position
     * @throws SQLException             when the database fails (nothing was stored)
     * @throws IllegalArgumentException when a record is not an event envelope (nothing was stored)
     * @throws IllegalStateException    when the events are inconsistent with the model (nothing was stored)
     */
    Outcome apply(List<ConsumerRecord<String, String>> records) throws SQLException {
        List<EventEnvelope> envelopes = new ArrayList<>(records.size());
        Map<Integer, Stored> positions = new TreeMap<>();
        for (ConsumerRecord<String, String> record : records) {
            if (!topic.equals(record.topic())) {
                throw new IllegalArgumentException("record from topic " + record.topic() + ", expected " + topic);
            }
            EventEnvelope envelope;
            try {
                envelope = codec.envelopeFromJson(record.value());
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("record " + record.topic() + "-" + record.partition() + "@"
                        + record.offset() + " is not an event envelope: " + e.getMessage(), e);
            }
            envelopes.add(envelope);
            Stored previous = positions.get(record.partition());
            long sequence = Math.max(envelope.globalSequence(), previous == null ? -1 : previous.lastGlobalSequence());
            Instant time = previous == null || envelope.occurredAt().isAfter(previous.lastEventTime())
                    ? envelope.occurredAt() : previous.lastEventTime();
            positions.put(record.partition(), new Stored(record.partition(), record.offset() + 1, sequence, time));
        }
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                // The commit need not wait for the disk flush: the read model is derived, and a commit lost in a
                // crash leaves the stored offsets behind it too, so Kafka redelivers and the projector re-applies.
                // It keeps the projection's flushes out of the queue that the event store's appends wait in.
                try (java.sql.Statement relaxed = connection.createStatement()) {
                    relaxed.execute("set local synchronous_commit = off");
                }
                Projector.Result result = projector.apply(connection, envelopes);
                try (PreparedStatement save = connection.prepareStatement(saveSql)) {
                    for (Stored position : positions.values()) {
                        save.setString(1, topic);
                        save.setInt(2, position.partition());
                        save.setLong(3, position.nextOffset());
                        save.setLong(4, position.lastGlobalSequence());
                        save.setObject(5, OffsetDateTime.ofInstant(position.lastEventTime(), ZoneOffset.UTC));
                        save.addBatch();
                    }
                    save.executeBatch();
                }
                connection.commit();
                return new Outcome(positions, result.applied(), result.skipped(), result.authorizationChanges());
            } catch (SQLException | RuntimeException e) {
                // Auto-commit is left off: the connection is closed next, and pools reset it on return.
                rollbackQuietly(connection, e);
                throw e;
            }
        }
    }

    private static void rollbackQuietly(Connection connection, Exception cause) {
        try {
            connection.rollback();
        } catch (SQLException rollbackFailure) {
            cause.addSuppressed(rollbackFailure);
        }
    }
}
