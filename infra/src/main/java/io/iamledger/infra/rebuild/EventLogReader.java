package io.iamledger.infra.rebuild;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.iamledger.events.EventEnvelope;
import io.iamledger.events.IamEvent;
import io.iamledger.events.codec.EventCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads the event store in global-sequence order, in batches, as {@link EventEnvelope}s: the same envelopes the
 * relay publishes to Kafka. Payloads are the codec's JSON of the event record (see the event serializer in the
 * server's Axon wiring). Not thread-safe; one reader per replay.
 */
public final class EventLogReader {
    private final ObjectMapper mapper = EventCodec.newObjectMapper();
    private final ConcurrentHashMap<String, Class<? extends IamEvent>> types = new ConcurrentHashMap<>();

    /** The highest global sequence in the store, or -1 when it is empty. */
    public static long head(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "select coalesce(max(global_index), -1) from domain_event_entry");
             ResultSet rs = statement.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * The global sequence of the last event that occurred at or before {@code instant}, -1 when none did. Reads
     * every stored payload's {@code occurredAt}: a tool's query, not a server's.
     */
    public static long lastAtOrBefore(Connection connection, Instant instant) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("select coalesce(max(global_index), -1)"
                + " from domain_event_entry where (convert_from(payload, 'UTF8')::jsonb ->> 'occurredAt')::timestamptz"
                + " <= ?")) {
            statement.setTimestamp(1, java.sql.Timestamp.from(instant));
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    public static long count(Connection connection, long upTo) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "select count(*) from domain_event_entry where global_index <= ?")) {
            statement.setLong(1, upTo);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Up to {@code limit} envelopes with global sequence in {@code (after, upTo]}, in order. */
    public List<EventEnvelope> read(Connection connection, long after, long upTo, int limit) throws SQLException {
        List<EventEnvelope> batch = new ArrayList<>(limit);
        try (PreparedStatement statement = connection.prepareStatement("select global_index, event_identifier, "
                + "aggregate_identifier, sequence_number, payload_type, payload from domain_event_entry "
                + "where global_index > ? and global_index <= ? order by global_index limit ?")) {
            statement.setLong(1, after);
            statement.setLong(2, upTo);
            statement.setInt(3, limit);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    batch.add(new EventEnvelope(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4),
                            payload(rs.getString(5), rs.getBytes(6))));
                }
            }
        }
        return batch;
    }

    private IamEvent payload(String payloadType, byte[] payload) {
        try {
            return mapper.readValue(payload, types.computeIfAbsent(payloadType, EventLogReader::eventClass));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read stored event of type " + payloadType, e);
        }
    }

    private static Class<? extends IamEvent> eventClass(String name) {
        try {
            return Class.forName(name).asSubclass(IamEvent.class);
        } catch (ClassNotFoundException | ClassCastException e) {
            throw new IllegalStateException("the event store holds an unknown event type: " + name, e);
        }
    }
}
