package io.iamledger.infra.eventstore;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;

/**
 * Axon's JDBC event storage engine with one change: every append first takes a transaction-scoped PostgreSQL
 * advisory lock, so global sequence numbers are drawn and committed in the same order.
 *
 * <p>Why: with a plain sequence a transaction can draw number N, stay open, and commit after N+1 is visible;
 * a tracking reader then sees a gap, and once Axon's {@code gapTimeout} passes it skips N forever
 * (AxonFramework #4829). Under the lock nobody draws a number while another append is uncommitted, so a gap is
 * only ever a rolled-back transaction and can never be filled later. The lock is held from the append (the
 * unit of work's prepare-commit phase) to commit, which is short.
 *
 * <p>The positions of the events appended by the current thread are published through
 * {@link AppendedPositions}, so the API can wait for its own writes in the read model.
 */
public class OrderedJdbcEventStorageEngine extends JdbcEventStorageEngine {
    /** Defined in V1__event_store.sql: takes the append lock, then returns the global sequence's state. */
    static final String LOCK_FUNCTION = "iamledger_lock_appends";

    public OrderedJdbcEventStorageEngine(Builder builder) {
        super(builder);
    }

    @Override
    protected PreparedStatement appendEvents(Connection connection, List<? extends EventMessage<?>> events,
                                             Serializer serializer) throws SQLException {
        // One round trip: the function takes the lock, then reads the sequence (in that order, which a single SQL
        // statement would not guarantee). Under the lock no one else draws from the sequence, so this batch gets
        // the next events.size() values.
        long last;
        try (Statement lockAndRead = connection.createStatement();
             ResultSet rs = lockAndRead.executeQuery("select last_value, is_called from " + LOCK_FUNCTION + "()")) {
            rs.next();
            long lastValue = rs.getLong(1);
            long nextValue = rs.getBoolean(2) ? lastValue + 1 : lastValue;
            last = nextValue + events.size() - 1;
        }
        AppendedPositions.recordAppended(last);
        return super.appendEvents(connection, events, serializer);
    }
}
