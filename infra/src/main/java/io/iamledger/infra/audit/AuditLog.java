package io.iamledger.infra.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Appends audit records. A write call's record goes in with {@link #appendInTransaction} inside the call's own
 * transaction, so it commits with the call's events or not at all. Reads and failed calls, which have no
 * transaction of their own, are queued with {@link #append} and written by one background thread in batches (at
 * most {@link #BATCH} records per transaction, each batch within a few milliseconds of its first record): the
 * caller pays one queue offer, not a database round trip. The queue is bounded; when it is full callers wait, so a
 * record is never dropped. Both paths go through {@code audit_append_buffer}, which the database moves into the
 * hash-chained {@code audit_record} at commit. Thread-safe; {@link #close()} writes what is queued.
 */
public final class AuditLog implements AutoCloseable {
    static final int BATCH = 500;
    private static final Logger log = LoggerFactory.getLogger(AuditLog.class);
    private static final String INSERT = "insert into audit_append_buffer (event_id, account_id, event_time, record,"
            + " resources, event_identifiers) values (?, ?, ?, ?::jsonb, ?::jsonb, ?)";
    private static final AuditRecord STOP = AuditRecord.builder("-", "-", java.time.Instant.EPOCH).account("-")
            .build();

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final ObjectMapper json = new ObjectMapper();
    private final BlockingQueue<AuditRecord> queue = new ArrayBlockingQueue<>(50_000);
    private final Thread writer;
    private volatile boolean closed;

    public AuditLog(JdbcTemplate jdbc, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.writer = new Thread(this::drain, "audit-writer");
        this.writer.setDaemon(true);
        this.writer.start();
    }

    /**
     * Appends {@code record} within the transaction that is current on this thread, naming the events (by
     * identifier) the call appended in it; the database fills in their global sequence numbers at commit.
     */
    public void appendInTransaction(AuditRecord record, List<String> eventIdentifiers) {
        jdbc.execute((Connection connection) -> {
            try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
                bind(connection, insert, record, eventIdentifiers);
                insert.executeUpdate();
            }
            return null;
        });
    }

    /** Queues {@code record} (a read's or a failed call's) for the next batch. */
    public void append(AuditRecord record) {
        if (closed) {
            throw new IllegalStateException("the audit log is closed");
        }
        try {
            queue.put(record);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while queueing an audit record", e);
        }
    }

    private void drain() {
        List<AuditRecord> batch = new ArrayList<>(BATCH);
        boolean stopping = false;
        while (!stopping) {
            try {
                AuditRecord first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, BATCH - 1);
                stopping = batch.remove(STOP);
                if (!batch.isEmpty()) {
                    writeBatch(batch);
                }
            } catch (InterruptedException e) {
                stopping = true;
            } catch (RuntimeException e) {
                // keep the batch and try again: records are never dropped, and a database outage is transient
                log.error("cannot write {} audit records; retrying", batch.size(), e);
                sleepQuietly();
                continue;
            }
            batch.clear();
        }
    }

    private void writeBatch(List<AuditRecord> batch) {
        transactions.executeWithoutResult(status -> jdbc.execute((Connection connection) -> {
            try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
                for (AuditRecord record : batch) {
                    bind(connection, insert, record, List.of());
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            return null;
        }));
    }

    private void bind(Connection connection, PreparedStatement insert, AuditRecord record, List<String> events)
            throws SQLException {
        insert.setObject(1, record.eventId());
        insert.setString(2, record.accountId());
        insert.setTimestamp(3, Timestamp.from(record.eventTime()));
        try {
            insert.setString(4, json.writeValueAsString(record.record()));
            insert.setString(5, json.writeValueAsString(record.resources()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write an audit record as JSON", e);
        }
        Array identifiers = connection.createArrayOf("text", events.toArray());
        insert.setArray(6, identifiers);
    }

    private static void sleepQuietly() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Writes every queued record, then stops the writer. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            queue.put(STOP);
            writer.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
