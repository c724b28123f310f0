package io.iamledger.infra.eventstore;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.OptionalLong;
import javax.sql.DataSource;

/**
 * Looks up the global sequence numbers that committed events drew. Appends get their numbers only as their
 * transaction commits (see {@link OrderedJdbcEventStorageEngine}), so a writer that wants to wait for its own
 * events in the read model asks here afterwards: one indexed query, outside the append lock. Thread-safe.
 */
public final class EventPositions {
    private final DataSource dataSource;

    public EventPositions(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The highest global sequence among the given committed events; empty for none (or none committed). */
    public OptionalLong last(List<String> eventIdentifiers) {
        if (eventIdentifiers.isEmpty()) {
            return OptionalLong.empty();
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement(
                     "select max(global_index) from domain_event_entry where event_identifier = any(?)")) {
            Array identifiers = connection.createArrayOf("varchar", eventIdentifiers.toArray());
            query.setArray(1, identifiers);
            try (ResultSet rs = query.executeQuery()) {
                rs.next();
                long position = rs.getLong(1);
                return rs.wasNull() ? OptionalLong.empty() : OptionalLong.of(position);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("looking up the positions of committed events failed", e);
        }
    }
}
