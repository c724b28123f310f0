package io.iamledger.infra.eventstore;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Lets a write transaction release the append lock before its commit reaches the disk, and makes the commit durable
 * before anyone outside the database learns of it.
 *
 * <p>Why: appends serialize on the append lock (V1), and PostgreSQL releases a transaction's locks only once its
 * commit record is flushed. With synchronous commits every writer therefore waits for each earlier writer's disk
 * flush in turn (measured: a third of the lock's hold time was the flush). A transaction that
 * {@linkplain #deferForThisCommit defers its flush} releases the lock as soon as its commit record is in the WAL
 * buffers; its writer then {@linkplain #await waits for the flush} with the lock already free, and writers waiting
 * together share one flush, since a flush writes out everything up to the point asked for.
 *
 * <p>Between the commit and the flush the commit is visible but not yet durable: a crash would lose it. Nothing
 * acts on such a commit outside the database: its writer answers the client only after {@link #await}, and the
 * relays call {@link #await} after reading and before publishing. Any flush covers every commit visible when it was
 * asked for, because a commit record is written before the commit becomes visible. Thread-safe.
 */
public final class WalFlush {
    private final JdbcTemplate jdbc;

    public WalFlush(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Within the current transaction: commit without waiting for the disk. Only for a transaction whose writer
     * calls {@link #await} after the commit and before it reports the write to anyone.
     */
    public void deferForThisCommit() {
        jdbc.execute("set local synchronous_commit = off");
    }

    /**
     * Returns once everything committed so far is on disk. One small WAL record (a non-transactional logical
     * message, written with PostgreSQL's own flush) and no transaction; so it may run inside one.
     */
    public void await() {
        jdbc.queryForObject("select pg_logical_emit_message(false, 'iamledger.flush', '', true)::text", String.class);
    }
}
