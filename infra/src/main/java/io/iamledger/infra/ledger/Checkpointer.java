package io.iamledger.infra.ledger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Takes signed checkpoints: in one transaction, under the append lock (so no append commits between reading the
 * two heads), reads each chain's count, head index and head hash, signs them and inserts the checkpoint. Nothing is
 * written when both chains stand where the last checkpoint left them. Thread-safe (each call uses its own
 * connection; concurrent calls serialize on the append lock).
 *
 * <p>Counting is incremental: the rows after the last checkpoint's head are counted and added to its count, so a
 * checkpoint costs the same on a large log as on a small one. The tables refuse deletes, so the sum equals a full
 * count unless someone has tampered — which {@code verify-log} then reports at this checkpoint.
 */
public final class Checkpointer {
    /** The advisory lock every append takes (V1's {@code iamledger_take_append_lock}). */
    static final long APPEND_LOCK = 1895204926506663937L;
    private static final String LAST = "select checkpoint_id, signed_at, event_count, event_head_index,"
            + " event_head_hash, audit_count, audit_head_index, audit_head_hash, key_fingerprint, signature"
            + " from log_checkpoint order by checkpoint_id desc limit 1";

    private final DataSource dataSource;
    private final CheckpointSigner signer;
    private final Clock clock;

    public Checkpointer(DataSource dataSource, CheckpointSigner signer, Clock clock) {
        this.dataSource = dataSource;
        this.signer = signer;
        this.clock = clock;
    }

    /**
     * Takes a checkpoint unless nothing changed since the last one.
     *
     * @return the new checkpoint, or the last one when nothing changed since it (the first call always writes one,
     *         over empty logs too)
     * @throws SQLException when the database cannot be read or written
     */
    public Checkpoint checkpoint() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                try (PreparedStatement lock = connection.prepareStatement("select pg_advisory_xact_lock(?)")) {
                    lock.setLong(1, APPEND_LOCK);
                    lock.execute();
                }
                Optional<Checkpoint> last = last(connection);
                Head events = head(connection, "domain_event_entry", "global_index",
                        last.map(Checkpoint::eventHeadIndex), last.map(Checkpoint::eventCount));
                Head audit = head(connection, "audit_record", "audit_index",
                        last.map(Checkpoint::auditHeadIndex), last.map(Checkpoint::auditCount));
                Checkpoint taken = signer.sign(Instant.now(clock).truncatedTo(ChronoUnit.MICROS), events.count,
                        events.index, events.hash, audit.count, audit.index, audit.hash);
                if (last.isPresent() && last.get().sameHeads(taken)) {
                    connection.rollback();
                    return last.get();
                }
                Checkpoint stored = insert(connection, taken);
                connection.commit();
                return stored;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        }
    }

    /** The last stored checkpoint, if any. */
    public Optional<Checkpoint> last() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return last(connection);
        }
    }

    private static Optional<Checkpoint> last(Connection connection) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(LAST); ResultSet row = query.executeQuery()) {
            return row.next() ? Optional.of(LogVerifier.read(row)) : Optional.empty();
        }
    }

    private record Head(long count, long index, byte[] hash) {}

    private static Head head(Connection connection, String table, String indexColumn, Optional<Long> sinceIndex,
                             Optional<Long> sinceCount) throws SQLException {
        long index = 0;
        byte[] hash = LogChain.start();
        try (PreparedStatement query = connection.prepareStatement("select " + indexColumn + ", chain_hash from "
                + table + " order by " + indexColumn + " desc limit 1"); ResultSet row = query.executeQuery()) {
            if (row.next()) {
                index = row.getLong(1);
                byte[] stored = row.getBytes(2);
                // a head written before the chain existed has no hash; the verifier reads it the same way
                hash = stored == null ? LogChain.start() : stored;
            }
        }
        long count;
        try (PreparedStatement query = connection.prepareStatement("select count(*) from " + table + " where "
                + indexColumn + " > ?")) {
            query.setLong(1, sinceIndex.orElse(Long.MIN_VALUE));
            try (ResultSet row = query.executeQuery()) {
                row.next();
                count = sinceCount.orElse(0L) + row.getLong(1);
            }
        }
        return new Head(count, index, hash);
    }

    private static Checkpoint insert(Connection connection, Checkpoint c) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("insert into log_checkpoint (signed_at,"
                + " event_count, event_head_index, event_head_hash, audit_count, audit_head_index, audit_head_hash,"
                + " key_fingerprint, signature) values (?, ?, ?, ?, ?, ?, ?, ?, ?) returning checkpoint_id")) {
            insert.setObject(1, OffsetDateTime.ofInstant(c.signedAt(), ZoneOffset.UTC));
            insert.setLong(2, c.eventCount());
            insert.setLong(3, c.eventHeadIndex());
            insert.setBytes(4, c.eventHeadHash());
            insert.setLong(5, c.auditCount());
            insert.setLong(6, c.auditHeadIndex());
            insert.setBytes(7, c.auditHeadHash());
            insert.setString(8, c.keyFingerprint());
            insert.setBytes(9, c.signature());
            try (ResultSet row = insert.executeQuery()) {
                row.next();
                return new Checkpoint(row.getLong(1), c.signedAt(), c.eventCount(), c.eventHeadIndex(),
                        c.eventHeadHash(), c.auditCount(), c.auditHeadIndex(), c.auditHeadHash(),
                        c.keyFingerprint(), c.signature());
            }
        }
    }
}
