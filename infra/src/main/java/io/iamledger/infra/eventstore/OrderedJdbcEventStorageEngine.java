package io.iamledger.infra.eventstore;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.axonframework.common.jdbc.JdbcUtils;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.statements.TimestampWriter;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;

/**
 * Axon's JDBC event storage engine with commit-ordered global sequence numbers.
 *
 * <p>Why: with a plain sequence a transaction can draw number N, stay open, and commit after N+1 is visible;
 * a tracking reader then sees a gap, and once Axon's {@code gapTimeout} passes it skips N forever
 * (AxonFramework #4829). The store therefore serializes appends on a transaction-scoped advisory lock, taken by a
 * statement-level trigger on the event table before the inserted rows draw their numbers (V1__event_store.sql), so
 * every writer obeys it, and nobody draws a number while another append is uncommitted: a gap is only ever a
 * rolled-back transaction and can never be filled later.
 *
 * <p>The lock is held from the insert to the commit, so that stretch is kept to two round trips: the insert
 * returns the numbers it drew ({@code RETURNING}), instead of a separate look-up under the lock, and the command's
 * unit of work commits right after its events are appended. The positions are published through
 * {@link AppendedPositions}, so the API can wait for its own writes in the read model.
 */
public class OrderedJdbcEventStorageEngine extends JdbcEventStorageEngine {
    private final TransactionManager transactionManager;

    private OrderedJdbcEventStorageEngine(Builder builder, TransactionManager transactionManager) {
        super(builder);
        this.transactionManager = transactionManager;
    }

    /** The engine from Axon's builder, with this engine's insert statement and the given transaction manager. */
    public static OrderedJdbcEventStorageEngine build(Builder builder, TransactionManager transactionManager) {
        builder.transactionManager(transactionManager)
                .appendEvents(OrderedJdbcEventStorageEngine::insertReturningPositions);
        return new OrderedJdbcEventStorageEngine(builder, transactionManager);
    }

    /** As Axon's own append (same transaction handling and failure translation), plus reading the drawn numbers. */
    @Override
    protected void appendEvents(List<? extends EventMessage<?>> events, Serializer serializer) {
        if (events.isEmpty()) {
            return;
        }
        transactionManager.executeInTransaction(() -> {
            Connection connection = getConnection();
            try (PreparedStatement insert = appendEvents(connection, events, serializer)) {
                insert.executeBatch();
                long last = -1;
                try (ResultSet positions = insert.getGeneratedKeys()) {
                    while (positions.next()) {
                        last = Math.max(last, positions.getLong(1));
                    }
                }
                if (last >= 0) {
                    AppendedPositions.recordAppended(last);
                }
            } catch (SQLException e) {
                // a duplicate (aggregate, sequence) becomes Axon's ConcurrencyException, anything else an
                // EventStoreException; both roll the unit of work back
                handlePersistenceException(e, events.get(0));
            } finally {
                JdbcUtils.closeQuietly(connection);
            }
        });
    }

    /** Axon's insert of domain events, asking the driver to return the global index each row drew. */
    static PreparedStatement insertReturningPositions(Connection connection, EventSchema schema, Class<?> dataType,
                                                      List<? extends EventMessage<?>> events, Serializer serializer,
                                                      TimestampWriter timestampWriter) throws SQLException {
        String sql = "INSERT INTO " + schema.domainEventTable() + " (" + String.join(", ",
                schema.eventIdentifierColumn(), schema.aggregateIdentifierColumn(), schema.sequenceNumberColumn(),
                schema.typeColumn(), schema.timestampColumn(), schema.payloadTypeColumn(),
                schema.payloadRevisionColumn(), schema.payloadColumn(), schema.metaDataColumn())
                + ") VALUES (?,?,?,?,?,?,?,?,?)";
        PreparedStatement statement = connection.prepareStatement(sql, new String[] {schema.globalIndexColumn()});
        try {
            for (EventMessage<?> message : events) {
                DomainEventMessage<?> event = asDomainEvent(message);
                SerializedObject<?> payload = event.serializePayload(serializer, dataType);
                SerializedObject<?> metaData = event.serializeMetaData(serializer, dataType);
                statement.setString(1, event.getIdentifier());
                statement.setString(2, event.getAggregateIdentifier());
                statement.setLong(3, event.getSequenceNumber());
                statement.setString(4, event.getType());
                timestampWriter.writeTimestamp(statement, 5, event.getTimestamp());
                statement.setString(6, payload.getType().getName());
                statement.setString(7, payload.getType().getRevision());
                statement.setObject(8, payload.getData());
                statement.setObject(9, metaData.getData());
                statement.addBatch();
            }
            return statement;
        } catch (SQLException | RuntimeException e) {
            statement.close();
            throw e;
        }
    }

    /** Events not published by an aggregate are stored as Axon stores them: their own id as aggregate, sequence 0. */
    private static DomainEventMessage<?> asDomainEvent(EventMessage<?> message) {
        if (message instanceof DomainEventMessage<?> domainEvent) {
            return domainEvent;
        }
        return new GenericDomainEventMessage<>(null, message.getIdentifier(), 0L, message, message::getTimestamp);
    }
}
