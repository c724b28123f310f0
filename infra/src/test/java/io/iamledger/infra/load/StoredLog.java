package io.iamledger.infra.load;

import io.iamledger.infra.rebuild.EventLogReader;
import io.iamledger.infra.server.LedgerServer;
import io.iamledger.query.projection.ProjectionConsumer;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import javax.sql.DataSource;

/** What the benchmarks that reuse a data directory ask of a server's event store before they measure. */
final class StoredLog {
    private StoredLog() {}

    /** How many events the store holds. */
    static long events(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return EventLogReader.count(connection, EventLogReader.head(connection));
        }
    }

    /**
     * Waits until the server's live projection has applied every stored event.
     *
     * @return how long that took
     * @throws IllegalStateException when it has not within {@code timeout}
     */
    static Duration awaitLiveProjection(LedgerServer server, DataSource dataSource, Duration timeout)
            throws SQLException, InterruptedException {
        ProjectionConsumer projection = server.context().getBean(ProjectionConsumer.class);
        long head;
        try (Connection connection = dataSource.getConnection()) {
            head = EventLogReader.head(connection);
        }
        long t0 = System.nanoTime();
        long deadline = t0 + timeout.toNanos();
        while (projection.status().lastAppliedSequence().orElse(-1) < head) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the live projection did not reach sequence " + head + " within "
                        + timeout);
            }
            Thread.sleep(20);
        }
        return Duration.ofNanos(System.nanoTime() - t0);
    }
}
