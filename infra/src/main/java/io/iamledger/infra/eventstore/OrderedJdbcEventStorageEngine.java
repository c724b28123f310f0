package io.iamledger.infra.eventstore;

import io.iamledger.events.IamEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
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
 * (docs/design.md). So no number is drawn before commit: events are written to {@code event_append_buffer}
 * within the transaction, and a deferred trigger moves them into {@code domain_event_entry} as the transaction
 * commits, under a transaction-scoped advisory lock that every insert into the event table takes
 * (V1__event_store.sql). Numbers are therefore drawn in commit order, a gap is only ever a failed commit and can
 * never be filled later, and the lock is held for the move and the commit alone, never across a round trip to
 * this JVM. A duplicate aggregate sequence (another writer appended first) fails the commit with PostgreSQL's
 * unique violation instead of failing the append.
 *
 * <p>What each thread appended is recorded in {@link AppendedEvents}; {@link EventPositions} tells the numbers
 * once committed, so the API can wait for its own writes in the read model.
 */
public class OrderedJdbcEventStorageEngine extends JdbcEventStorageEngine {
    /** The table appends go to; see the class comment. */
    static final String APPEND_BUFFER = "event_append_buffer";

    private final TransactionManager transactionManager;

    private OrderedJdbcEventStorageEngine(Builder builder, TransactionManager transactionManager) {
        super(builder);
        this.transactionManager = transactionManager;
    }

    /** The engine from Axon's builder, with this engine's insert statement and the given transaction manager. */
    public static OrderedJdbcEventStorageEngine build(Builder builder, TransactionManager transactionManager) {
        builder.transactionManager(transactionManager)
                .appendEvents(OrderedJdbcEventStorageEngine::insertIntoAppendBuffer)
                .readEventDataForAggregate(OrderedJdbcEventStorageEngine::readAggregateWithOwnAppends);
        return new OrderedJdbcEventStorageEngine(builder, transactionManager);
    }

    /** As Axon's own append (same transaction handling and failure translation), plus recording what was appended. */
    @Override
    protected void appendEvents(List<? extends EventMessage<?>> events, Serializer serializer) {
        if (events.isEmpty()) {
            return;
        }
        transactionManager.executeInTransaction(() -> {
            Connection connection = getConnection();
            try (PreparedStatement insert = appendEvents(connection, events, serializer)) {
                insert.executeBatch();
                for (EventMessage<?> event : events) {
                    AppendedEvents.record(event.getIdentifier(), asDomainEvent(event).getAggregateIdentifier(),
                            !(event.getPayload() instanceof IamEvent iam) || iam.changesAuthorization());
                }
            } catch (SQLException e) {
                handlePersistenceException(e, events.get(0));
            } finally {
                JdbcUtils.closeQuietly(connection);
            }
        });
    }

    /** Axon's insert of domain events, into the append buffer instead of the event table. */
    static PreparedStatement insertIntoAppendBuffer(Connection connection, EventSchema schema, Class<?> dataType,
                                                    List<? extends EventMessage<?>> events, Serializer serializer,
                                                    TimestampWriter timestampWriter) throws SQLException {
        String sql = "INSERT INTO " + APPEND_BUFFER + " (" + String.join(", ",
                schema.eventIdentifierColumn(), schema.aggregateIdentifierColumn(), schema.sequenceNumberColumn(),
                schema.typeColumn(), schema.timestampColumn(), schema.payloadTypeColumn(),
                schema.payloadRevisionColumn(), schema.payloadColumn(), schema.metaDataColumn())
                + ") VALUES (?,?,?,?,?,?,?,?,?)";
        PreparedStatement statement = connection.prepareStatement(sql);
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

    /**
     * Axon's read of one aggregate's events, plus those the current transaction appended and has not committed:
     * a transaction that sends several commands to one aggregate must see its own appends when the aggregate is
     * not in the cache. Other transactions' buffered events are never read ({@code pg_current_xact_id_if_assigned}
     * is null in a transaction that has written nothing, and matches only its own rows otherwise).
     */
    static PreparedStatement readAggregateWithOwnAppends(Connection connection, EventSchema schema,
                                                         String aggregateIdentifier, long firstSequenceNumber,
                                                         int batchSize) throws SQLException {
        String where = " WHERE " + schema.aggregateIdentifierColumn() + " = ? AND " + schema.sequenceNumberColumn()
                + " >= ? AND " + schema.sequenceNumberColumn() + " < ?";
        String sql = "SELECT " + schema.trackedEventFields() + " FROM " + schema.domainEventTable() + where
                + " UNION ALL SELECT NULL::bigint, " + schema.domainEventFields() + " FROM " + APPEND_BUFFER + where
                + " AND transaction_id = pg_current_xact_id_if_assigned()"
                + " ORDER BY " + schema.sequenceNumberColumn() + " ASC";
        PreparedStatement statement = connection.prepareStatement(sql);
        try {
            for (int offset = 0; offset <= 3; offset += 3) {
                statement.setString(offset + 1, aggregateIdentifier);
                statement.setLong(offset + 2, firstSequenceNumber);
                statement.setLong(offset + 3, firstSequenceNumber + batchSize);
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
