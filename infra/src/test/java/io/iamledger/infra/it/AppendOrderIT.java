package io.iamledger.infra.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Global sequence order is commit order only if no append draws its number before it holds the append lock: if a
 * blocked insert had drawn N+1 while the holder had N, and a third insert drew N+2 and got the lock first, N+2
 * would commit before N+1. The lock is taken by a statement-level trigger, which PostgreSQL fires before it
 * produces the statement's rows (and so before their defaults draw from the sequence). Checked here by an insert
 * that waits for the lock: the sequence must not move while it waits. Nothing is committed (both roll back).
 */
class AppendOrderIT {

    @Test
    void anAppendWaitingForTheLockHasNotDrawnAGlobalIndex() throws Exception {
        DataSource dataSource = SharedLedger.server().context().getBean(DataSource.class);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (Connection holder = dataSource.getConnection();
             Connection waiter = dataSource.getConnection();
             Connection observer = dataSource.getConnection()) {
            holder.setAutoCommit(false);
            waiter.setAutoCommit(false);
            long held = insertProbe(holder);

            Future<Long> waiting = pool.submit(() -> insertProbe(waiter));
            awaitBlockedOnAdvisoryLock(observer, pid(waiter));
            assertThat(sequenceLastValue(observer)).as("drawn while waiting for the lock").isEqualTo(held);

            holder.rollback();
            long drawnAfter = waiting.get(30, TimeUnit.SECONDS);
            assertThat(drawnAfter).isGreaterThan(held);
            waiter.rollback();
        } finally {
            pool.shutdownNow();
        }
    }

    /** Inserts a row that never commits; returns the global index it drew. */
    private static long insertProbe(Connection connection) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("insert into domain_event_entry (event_identifier,"
                + " aggregate_identifier, sequence_number, type, time_stamp, payload_type, payload)"
                + " values (?, ?, 0, 'Probe', '2026-01-01T00:00:00Z', 'probe', '\\x7b7d'::bytea)"
                + " returning global_index")) {
            insert.setString(1, UUID.randomUUID().toString());
            insert.setString(2, "append-order-probe-" + UUID.randomUUID());
            try (ResultSet rs = insert.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static int pid(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("select pg_backend_pid()")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static void awaitBlockedOnAdvisoryLock(Connection observer, int pid) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        try (PreparedStatement waiting = observer.prepareStatement("select 1 from pg_locks"
                + " where pid = ? and locktype = 'advisory' and not granted")) {
            waiting.setInt(1, pid);
            while (System.nanoTime() < deadline) {
                try (ResultSet rs = waiting.executeQuery()) {
                    if (rs.next()) {
                        return;
                    }
                }
                Thread.sleep(10);
            }
        }
        throw new AssertionError("the second insert never waited for the append lock");
    }

    private static long sequenceLastValue(Connection observer) throws SQLException {
        try (Statement statement = observer.createStatement();
             ResultSet rs = statement.executeQuery("select last_value from domain_event_entry_global_index_seq")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
