package io.iamledger.infra.authz;

import io.iamledger.query.projection.ReadModelSchema;
import io.iamledger.query.readmodel.ReadModelException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.ToLongFunction;
import javax.sql.DataSource;

/**
 * Account positions from the read model's {@code projection_state} row (the projector's per-account mark of the
 * last event that can change authorization, written in the same transaction as the rows), remembered in memory and
 * read again only when the position may have moved: when the local projection consumer has applied such an event
 * since (its count of them changed), when the caller needs a position beyond the one known (its own write), or
 * when the last read is older than the time to live (events applied by a consumer on another server instance,
 * which this one cannot observe). So on a quiet account the check costs no I/O, and any staleness is bounded by
 * the time to live and never covers the caller's own writes. Thread-safe.
 */
final class ProjectionPositions implements AccountPositions {
    private record Known(long position, long localProgress, long readAtNanos) {}

    private final ToLongFunction<String> stored;
    private final LongSupplier localProgress;
    private final long ttlNanos;
    private final LongSupplier nanoTime;
    private final ConcurrentHashMap<String, Known> known = new ConcurrentHashMap<>();

    /**
     * @param stored        reads an account's position from the read model (-1 when it has none yet)
     * @param localProgress a counter that changes whenever the local consumer applies authorization changes
     * @param ttl           how long a position read from the database is trusted without local progress
     * @param nanoTime      the clock measuring that, {@code System::nanoTime} outside tests
     */
    ProjectionPositions(ToLongFunction<String> stored, LongSupplier localProgress, Duration ttl,
                        LongSupplier nanoTime) {
        this.stored = stored;
        this.localProgress = localProgress;
        this.ttlNanos = ttl.toNanos();
        this.nanoTime = nanoTime;
    }

    /** Positions read from the {@code projection_state} table of {@code schema}. */
    static ProjectionPositions fromDatabase(DataSource dataSource, String schema, LongSupplier localProgress,
                                            Duration ttl) {
        String sql = "select last_change_seq from " + ReadModelSchema.quoted(schema)
                + ".projection_state where account_id = ?";
        return new ProjectionPositions(accountId -> read(dataSource, sql, accountId), localProgress, ttl,
                System::nanoTime);
    }

    @Override
    public long position(String accountId, long atLeast) {
        // read the progress counter before the database: an apply in between then shows as progress next time
        long progress = localProgress.getAsLong();
        long now = nanoTime.getAsLong();
        Known last = known.get(accountId);
        if (last != null && last.position >= atLeast && last.localProgress == progress
                && now - last.readAtNanos < ttlNanos) {
            return last.position;
        }
        long position = stored.applyAsLong(accountId);
        known.merge(accountId, new Known(position, progress, now),
                (old, fresh) -> old.position > fresh.position ? old : fresh);
        return Math.max(position, last == null ? -1 : last.position);
    }

    private static long read(DataSource dataSource, String sql, String accountId) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, accountId);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? rows.getLong(1) : -1;
            }
        } catch (SQLException e) {
            throw new ReadModelException("reading the projection position of account " + accountId + " failed", e);
        }
    }
}
