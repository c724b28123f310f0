package io.iamledger.infra.ledger;

import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Walks one chain in index order and reports its first problem, classified (see {@link Tampering}); also checks
 * the chain against every checkpoint given: the row at a checkpoint's head index must carry the checkpoint's head
 * hash and be the checkpoint's count-th row, and no checkpoint may name a head beyond the chain's end.
 *
 * <p>Rows stream through a JDBC cursor ({@value #FETCH_SIZE} rows per round trip), so memory does not grow with the
 * log: the verifier keeps the last {@value #WINDOW} rows' hashes, and on a broken link reads up to
 * {@value #LOOK_AHEAD} rows further, to classify. Limits that follow: a row whose {@code chain_prev} names a row
 * more than {@value #WINDOW} rows back (more than that many rows inserted at once) is reported as
 * {@link Tampering#REMOVED}, and one naming a row more than {@value #LOOK_AHEAD} rows ahead as REMOVED too
 * (rather than {@link Tampering#REORDERED}); a row rewritten together with a recomputed hash shows up as REMOVED at
 * its successor; rows appended after the last checkpoint by someone other than the server are indistinguishable
 * from genuine appends until a checkpoint covers them. Leading rows without chain columns (written before the
 * chain existed) are counted, not faulted; a row without them after the chain began is a problem.
 *
 * <p>Single use and not thread-safe. The caller owns the connection and its transaction: it should read in one
 * snapshot ({@link LogVerifier} uses a read-only REPEATABLE READ transaction), and must have auto-commit off for
 * the cursor to stream.
 */
public final class ChainVerifier {
    static final int FETCH_SIZE = 10_000;
    static final int WINDOW = 1_000;
    static final int LOOK_AHEAD = 16;
    private static final byte[] START = LogChain.start();

    private final Chain chain;
    private final List<Checkpoint> checkpoints;
    private final MessageDigest digest = LogChain.sha256();

    // the ring of recent rows: position i % WINDOW holds a row that passed every check
    private final long[] recentIndex = new long[WINDOW];
    private final byte[][] recentHash = new byte[WINDOW][];
    private final String[] recentId = new String[WINDOW];
    private long passed;

    /**
     * @param chain       the chain to walk
     * @param checkpoints checkpoints to compare with, already verified as signed (any order)
     */
    public ChainVerifier(Chain chain, List<Checkpoint> checkpoints) {
        this.chain = Objects.requireNonNull(chain, "chain");
        this.checkpoints = new ArrayList<>(checkpoints);
        this.checkpoints.sort(Comparator.comparingLong(this::headIndex).thenComparingLong(Checkpoint::id));
    }

    /**
     * The outcome of one walk.
     *
     * @param chain          the chain walked
     * @param rows           rows read (up to and including the first problem's row, or all)
     * @param unchainedRows  leading rows without chain columns (written before the chain existed)
     * @param headIndex      the last row's index (0 for no rows)
     * @param problem        the first problem, if any
     * @param elapsedNanos   time spent walking
     */
    public record Report(Chain chain, long rows, long unchainedRows, long headIndex, Optional<Problem> problem,
                         long elapsedNanos) {}

    /** Walks the chain on {@code connection} (auto-commit off, so the cursor streams). */
    public Report verify(Connection connection) throws SQLException {
        long startNanos = System.nanoTime();
        long rows = 0;
        long unchained = 0;
        long lastIndex = 0;
        String lastId = null;
        boolean began = false;
        byte[] expectedPrev = START;
        int nextCheckpoint = 0;
        // a checkpoint over an empty chain has head index 0 and no row to meet
        while (nextCheckpoint < checkpoints.size() && headIndex(checkpoints.get(nextCheckpoint)) <= 0) {
            Checkpoint checkpoint = checkpoints.get(nextCheckpoint++);
            if (count(checkpoint) != 0 || !Arrays.equals(headHash(checkpoint), START)) {
                return done(rows, unchained, 0, startNanos, new Problem(Tampering.CHECKPOINT_MISMATCH,
                        "checkpoint " + checkpoint.id(), checkpoint.id(), "it records head index 0 but "
                        + count(checkpoint) + " rows"));
            }
        }
        try (PreparedStatement query = connection.prepareStatement(chain.select(), ResultSet.TYPE_FORWARD_ONLY,
                ResultSet.CONCUR_READ_ONLY)) {
            query.setFetchSize(FETCH_SIZE);
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    rows++;
                    long index = row.getLong(1);
                    byte[] prev = row.getBytes(2);
                    byte[] stored = row.getBytes(3);
                    String id = row.getString(4);
                    if (!began && prev == null && stored == null) {
                        unchained++;
                    } else {
                        began = true;
                        boolean linked = prev != null && Arrays.equals(prev, expectedPrev);
                        boolean consistent = prev != null && stored != null
                                && Arrays.equals(chain.hash(digest, prev, row), stored);
                        if (!linked || !consistent) {
                            Problem problem = linked
                                    ? new Problem(Tampering.ALTERED, chain.describe(index, id), index,
                                            stored == null ? "its chain hash is missing"
                                                    : "its contents do not match its chain hash")
                                    : classifyBrokenLink(row, index, id, prev, consistent, lastIndex, lastId);
                            return done(rows, unchained, index, startNanos, problem);
                        }
                        expectedPrev = stored;
                    }
                    byte[] hash = stored == null ? START : stored;
                    while (nextCheckpoint < checkpoints.size()
                            && headIndex(checkpoints.get(nextCheckpoint)) <= index) {
                        Checkpoint checkpoint = checkpoints.get(nextCheckpoint++);
                        Optional<Problem> mismatch = compare(checkpoint, index, id, hash, rows);
                        if (mismatch.isPresent()) {
                            return done(rows, unchained, index, startNanos, mismatch.get());
                        }
                    }
                    remember(index, hash, id);
                    lastIndex = index;
                    lastId = id;
                }
            }
        }
        if (nextCheckpoint < checkpoints.size()) {
            Checkpoint checkpoint = checkpoints.get(nextCheckpoint);
            return done(rows, unchained, lastIndex, startNanos, new Problem(Tampering.TRUNCATED,
                    chain.describe(headIndex(checkpoint), null), headIndex(checkpoint), "checkpoint "
                    + checkpoint.id() + " (signed " + checkpoint.signedAt() + ") saw the chain reach this row with "
                    + count(checkpoint) + " rows; it now ends at " + (rows == 0 ? "no row" : chain.describe(
                    lastIndex, lastId)) + " with " + rows + " rows"));
        }
        return new Report(chain, rows, unchained, lastIndex, Optional.empty(), System.nanoTime() - startNanos);
    }

    /**
     * The row links to something other than its predecessor's hash. Reads a few rows ahead (the walk stops here
     * anyway) and looks back through the window to say why.
     */
    private Problem classifyBrokenLink(ResultSet row, long index, String id, byte[] prev, boolean consistent,
                                       long lastIndex, String lastId) throws SQLException {
        long[] aheadIndex = new long[LOOK_AHEAD];
        byte[][] aheadPrev = new byte[LOOK_AHEAD][];
        byte[][] aheadHash = new byte[LOOK_AHEAD][];
        int ahead = 0;
        while (ahead < LOOK_AHEAD && row.next()) {
            aheadIndex[ahead] = row.getLong(1);
            aheadPrev[ahead] = row.getBytes(2);
            aheadHash[ahead] = row.getBytes(3);
            ahead++;
        }
        String subject = chain.describe(index, id);
        if (prev != null) {
            for (int i = 0; i < ahead; i++) {
                if (Arrays.equals(prev, aheadHash[i])) {
                    return new Problem(Tampering.REORDERED, subject, index, "it links to " + chain.describe(
                            aheadIndex[i], null) + ", which comes after it");
                }
            }
            // the predecessor itself would have linked; a match further back means the rows since do not belong
            for (long back = 2; back <= Math.min(passed, WINDOW); back++) {
                int slot = (int) ((passed - back) % WINDOW);
                if (Arrays.equals(prev, recentHash[slot])) {
                    int first = (int) ((passed - back + 1) % WINDOW);
                    return new Problem(Tampering.INSERTED, chain.describe(recentIndex[first], recentId[first]),
                            recentIndex[first], (back - 1) + " row(s) from here up to " + chain.describe(lastIndex,
                            null) + " do not belong: " + subject + " links to " + chain.describe(
                            recentIndex[slot], recentId[slot]) + ", the row before them");
                }
            }
        }
        byte[] expected = passed == 0 ? START : recentHash[(int) ((passed - 1) % WINDOW)];
        for (int i = 0; i < ahead; i++) {
            if (Arrays.equals(expected, aheadPrev[i])) {
                return new Problem(Tampering.INSERTED, subject, index, (i + 1) + " row(s) from here do not belong: "
                        + chain.describe(aheadIndex[i], null) + " links to " + (passed == 0 ? "the chain's start"
                        : chain.describe(lastIndex, lastId)) + ", the row before them");
            }
        }
        if (consistent) {
            return new Problem(Tampering.REMOVED, subject, index, "one or more rows before it were removed: it "
                    + "links to hash " + HexFormat.of().formatHex(prev) + ", which no row in the last " + WINDOW
                    + " has" + (passed == 0 ? "" : " (the row before it now is " + chain.describe(lastIndex, lastId)
                    + ")"));
        }
        return new Problem(Tampering.ALTERED, subject, index, prev == null ? "its chain columns are missing"
                : "its link to the previous row and its hash are both wrong");
    }

    private Optional<Problem> compare(Checkpoint checkpoint, long index, String id, byte[] hash, long rows) {
        String subject = chain.describe(index, id);
        String which = "checkpoint " + checkpoint.id() + " (signed " + checkpoint.signedAt() + ")";
        if (headIndex(checkpoint) != index) {
            return Optional.of(new Problem(Tampering.CHECKPOINT_MISMATCH, chain.describe(headIndex(checkpoint),
                    null), headIndex(checkpoint), which + " names this row as the chain's head, but it is gone"));
        }
        if (!Arrays.equals(hash, headHash(checkpoint))) {
            return Optional.of(new Problem(Tampering.CHECKPOINT_MISMATCH, subject, index, which
                    + " recorded head hash " + HexFormat.of().formatHex(headHash(checkpoint)) + ", the row has "
                    + HexFormat.of().formatHex(hash) + ": the chain was rewritten up to here"));
        }
        if (count(checkpoint) != rows) {
            return Optional.of(new Problem(Tampering.CHECKPOINT_MISMATCH, subject, index, which + " counted "
                    + count(checkpoint) + " rows up to here, the chain has " + rows));
        }
        return Optional.empty();
    }

    private void remember(long index, byte[] hash, String id) {
        int slot = (int) (passed % WINDOW);
        recentIndex[slot] = index;
        recentHash[slot] = hash;
        recentId[slot] = id;
        passed++;
    }

    private Report done(long rows, long unchained, long index, long startNanos, Problem problem) {
        return new Report(chain, rows, unchained, index, Optional.of(problem), System.nanoTime() - startNanos);
    }

    private long headIndex(Checkpoint checkpoint) {
        return chain == Chain.EVENTS ? checkpoint.eventHeadIndex() : checkpoint.auditHeadIndex();
    }

    private byte[] headHash(Checkpoint checkpoint) {
        return chain == Chain.EVENTS ? checkpoint.eventHeadHash() : checkpoint.auditHeadHash();
    }

    private long count(Checkpoint checkpoint) {
        return chain == Chain.EVENTS ? checkpoint.eventCount() : checkpoint.auditCount();
    }
}
