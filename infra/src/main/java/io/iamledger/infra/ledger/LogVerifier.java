package io.iamledger.infra.ledger;

import java.security.PublicKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@code verify-log} checks, on one database connection: every checkpoint's signature under the given public
 * key, then both chains ({@link ChainVerifier}) against the checkpoints whose signatures hold. Needs nothing from
 * the server but its public key: no private key, no sealing key.
 *
 * <p>Reads in one snapshot: when the connection is in auto-commit mode, a read-only REPEATABLE READ transaction is
 * opened and rolled back; otherwise the caller's transaction is used as it is (and left open). Stateless and
 * thread-safe; the connection is not.
 */
public final class LogVerifier {
    private static final String CHECKPOINTS = "select checkpoint_id, signed_at, event_count, event_head_index,"
            + " event_head_hash, audit_count, audit_head_index, audit_head_hash, key_fingerprint, signature"
            + " from log_checkpoint order by checkpoint_id";

    private LogVerifier() {}

    /**
     * The outcome: the problems found (at most one per chain, and one per badly signed checkpoint), first the
     * checkpoints', then the event log's, then the audit trail's.
     *
     * @param checkpoints how many checkpoints were read
     * @param events      the event log's walk
     * @param audit       the audit trail's walk
     * @param problems    everything found, in that order; empty when the logs are intact
     * @param elapsed     the whole verification
     */
    public record Report(int checkpoints, ChainVerifier.Report events, ChainVerifier.Report audit,
                         List<Problem> problems, Duration elapsed) {
        public Report {
            problems = List.copyOf(problems);
        }

        public boolean intact() {
            return problems.isEmpty();
        }

        public Optional<Problem> firstProblem() {
            return problems.stream().findFirst();
        }

        /** Rows of both chains read per second of the whole verification. */
        public double recordsPerSecond() {
            return (events.rows() + audit.rows()) / Math.max(1e-9, elapsed.toNanos() / 1e9);
        }
    }

    /**
     * Verifies both logs on {@code connection} under {@code publicKey}.
     *
     * @throws SQLException when the database cannot be read (a connection or schema problem, not tampering)
     */
    public static Report verify(Connection connection, PublicKey publicKey) throws SQLException {
        Objects.requireNonNull(publicKey, "publicKey");
        long startNanos = System.nanoTime();
        boolean ownTransaction = connection.getAutoCommit();
        if (ownTransaction) {
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            connection.setReadOnly(true);
            connection.setAutoCommit(false);
        }
        try {
            List<Problem> problems = new ArrayList<>();
            List<Checkpoint> signed = new ArrayList<>();
            List<Checkpoint> all = new ArrayList<>();
            int read = 0;
            try (PreparedStatement query = connection.prepareStatement(CHECKPOINTS);
                 ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    read++;
                    try {
                        all.add(read(row));
                    } catch (IllegalArgumentException e) {
                        problems.add(new Problem(Tampering.BAD_SIGNATURE, "checkpoint " + row.getLong(1),
                                row.getLong(1), "it is malformed: " + e.getMessage()));
                    }
                }
            }
            for (Checkpoint checkpoint : all) {
                if (CheckpointSigner.verify(publicKey, checkpoint)) {
                    signed.add(checkpoint);
                } else {
                    String why = checkpoint.keyFingerprint().equals(CheckpointSigner.fingerprint(publicKey))
                            ? "its signature does not verify: the checkpoint was forged or altered"
                            : "it names signing key " + checkpoint.keyFingerprint() + ", not this public key ("
                              + CheckpointSigner.fingerprint(publicKey) + ")";
                    problems.add(new Problem(Tampering.BAD_SIGNATURE, "checkpoint " + checkpoint.id(),
                            checkpoint.id(), why));
                }
            }
            ChainVerifier.Report events = new ChainVerifier(Chain.EVENTS, signed).verify(connection);
            ChainVerifier.Report audit = new ChainVerifier(Chain.AUDIT, signed).verify(connection);
            events.problem().ifPresent(problems::add);
            audit.problem().ifPresent(problems::add);
            return new Report(read, events, audit, problems, Duration.ofNanos(System.nanoTime() - startNanos));
        } finally {
            if (ownTransaction) {
                connection.rollback();
                connection.setAutoCommit(true);
                connection.setReadOnly(false);
            }
        }
    }

    /** A {@code log_checkpoint} row, columns in {@link #CHECKPOINTS}'s order. */
    static Checkpoint read(ResultSet row) throws SQLException {
        return new Checkpoint(row.getLong(1), row.getObject(2, java.time.OffsetDateTime.class).toInstant(),
                row.getLong(3), row.getLong(4), row.getBytes(5), row.getLong(6), row.getLong(7), row.getBytes(8),
                row.getString(9), row.getBytes(10));
    }
}
