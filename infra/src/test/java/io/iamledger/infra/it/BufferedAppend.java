package io.iamledger.infra.it;

import io.iamledger.events.IamEvent;
import io.iamledger.events.codec.EventCodec;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.UUID;

/** Appends an event the way the server's storage engine does: into the append buffer, moved as the insert commits. */
final class BufferedAppend {
    private BufferedAppend() {}

    /** Inserts {@code event} as {@code aggregate}'s event number {@code sequence} in the connection's transaction. */
    static void insert(Connection connection, String aggregate, long sequence, IamEvent event) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("insert into event_append_buffer"
                + " (event_identifier, aggregate_identifier, sequence_number, type, time_stamp, payload_type, payload,"
                + " meta_data) values (?, ?, ?, 'UserAggregate', ?, ?, ?, '{}'::bytea)")) {
            insert.setString(1, UUID.randomUUID().toString());
            insert.setString(2, aggregate);
            insert.setLong(3, sequence);
            insert.setString(4, event.occurredAt().toString());
            insert.setString(5, event.getClass().getName());
            insert.setBytes(6, EventCodec.newObjectMapper().writeValueAsBytes(event));
            insert.executeUpdate();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
