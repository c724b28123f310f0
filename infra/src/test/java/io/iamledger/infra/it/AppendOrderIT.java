package io.iamledger.infra.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.iamledger.command.user.AttachUserPolicyCommand;
import io.iamledger.command.user.CreateUserCommand;
import io.iamledger.events.user.UserCreatedEvent;
import io.iamledger.infra.api.CommandSender;
import io.iamledger.infra.server.LedgerServer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.axonframework.common.caching.Cache;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iam.IamClient;

/**
 * Global sequence order is commit order. The server's appends go to {@code event_append_buffer} and draw their
 * numbers only as their transaction commits; any insert into the event table (the buffer's move at commit, or a
 * direct insert by another tool) first takes the append lock, so no number is drawn while another append is
 * uncommitted.
 */
class AppendOrderIT {

    /**
     * If a blocked insert had drawn N+1 while the holder had N, and a third insert drew N+2 and got the lock first,
     * N+2 would commit before N+1. The lock is taken by a statement-level trigger, which PostgreSQL fires before it
     * produces the statement's rows (and so before their defaults draw from the sequence): the sequence must not
     * move while an insert waits. Nothing is committed (both roll back).
     */
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
            int waiterPid = pid(waiter); // before the insert: a connection serves one statement at a time

            Future<Long> waiting = pool.submit(() -> insertProbe(waiter));
            awaitBlockedOnAdvisoryLock(observer, waiterPid);
            assertThat(sequenceLastValue(observer)).as("drawn while waiting for the lock").isEqualTo(held);

            holder.rollback();
            long drawnAfter = waiting.get(30, TimeUnit.SECONDS);
            assertThat(drawnAfter).isGreaterThan(held);
            waiter.rollback();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void bufferedAppendsDrawTheirNumbersAsTheyCommitInCommitOrder() throws Exception {
        DataSource dataSource = SharedLedger.server().context().getBean(DataSource.class);
        String first = "append-order-first-" + UUID.randomUUID();
        String second = "append-order-second-" + UUID.randomUUID();
        try (Connection early = dataSource.getConnection();
             Connection late = dataSource.getConnection();
             Connection observer = dataSource.getConnection()) {
            early.setAutoCommit(false);
            late.setAutoCommit(false);
            long before = sequenceLastValue(observer);
            buffer(early, first, 0);
            buffer(late, second, 0);
            assertThat(sequenceLastValue(observer)).as("drawn before commit").isEqualTo(before);

            late.commit(); // appended second, committed first
            early.commit();

            assertThat(globalIndex(observer, second)).isLessThan(globalIndex(observer, first));
            assertThat(bufferedRows(observer)).as("rows left in the buffer").isZero();
        }
    }

    @Test
    void aSecondAppendOfTheSameAggregateSequenceFailsAtCommitAndLeavesNothing() throws Exception {
        DataSource dataSource = SharedLedger.server().context().getBean(DataSource.class);
        String aggregate = "append-order-conflict-" + UUID.randomUUID();
        try (Connection winner = dataSource.getConnection();
             Connection loser = dataSource.getConnection();
             Connection observer = dataSource.getConnection()) {
            winner.setAutoCommit(false);
            loser.setAutoCommit(false);
            buffer(winner, aggregate, 0);
            buffer(loser, aggregate, 0);
            winner.commit();
            assertThatThrownBy(loser::commit).isInstanceOfSatisfying(SQLException.class,
                    e -> assertThat(e.getSQLState()).isEqualTo("23505"));
            try (PreparedStatement count = observer.prepareStatement(
                    "select count(*) from domain_event_entry where aggregate_identifier = ?")) {
                count.setString(1, aggregate);
                try (ResultSet rs = count.executeQuery()) {
                    rs.next();
                    assertThat(rs.getLong(1)).isEqualTo(1);
                }
            }
            assertThat(bufferedRows(observer)).as("rows left in the buffer").isZero();
        }
    }

    @Test
    void aTransactionReadsTheEventsItAppendedWhenTheAggregateIsNotCached() {
        LedgerServer server = SharedLedger.server();
        CommandSender commands = server.context().getBean(CommandSender.class);
        Cache aggregates = server.context().getBean("aggregateCache", Cache.class);
        String account = server.accountId();
        String userName = SharedLedger.unique("own-appends");
        String userId = "AIDA" + UUID.randomUUID().toString().replace("-", "").substring(0, 17).toUpperCase();
        String policyArn = "arn:aws:iam::aws:policy/ReadOnlyAccess";
        commands.inTransaction(account, () -> {
            commands.dispatch(new CreateUserCommand(account, userId, userName, "/", Optional.empty(), List.of(),
                    Instant.now()));
            aggregates.removeAll(); // the next command loads the user from the store, uncommitted events included
            commands.dispatch(new AttachUserPolicyCommand(account, userId, userName, policyArn, Instant.now()));
            return null;
        });
        try (IamClient iam = SharedLedger.iam()) {
            assertThat(iam.listAttachedUserPolicies(r -> r.userName(userName)).attachedPolicies())
                    .extracting(p -> p.policyArn()).containsExactly(policyArn);
        }
    }

    /**
     * Appends, uncommitted, the way the server does, a real event (the relay, the projection and rebuild read every
     * committed one): a user created in an account of its own, so no other test sees it.
     */
    private static void buffer(Connection connection, String aggregate, long sequence) throws Exception {
        String account = String.valueOf(900_000_000_000L + Math.floorMod(aggregate.hashCode(), 99_999_999));
        String userName = "probe-" + Math.floorMod(aggregate.hashCode(), 1_000_000);
        UserCreatedEvent event = new UserCreatedEvent(account, aggregate, userName, "/",
                "arn:aws:iam::" + account + ":user/" + userName, Optional.empty(), List.of(), Instant.now());
        BufferedAppend.insert(connection, aggregate, sequence, event);
    }

    private static long globalIndex(Connection observer, String aggregate) throws SQLException {
        try (PreparedStatement query = observer.prepareStatement(
                "select global_index from domain_event_entry where aggregate_identifier = ?")) {
            query.setString(1, aggregate);
            try (ResultSet rs = query.executeQuery()) {
                assertThat(rs.next()).as("committed event of " + aggregate).isTrue();
                return rs.getLong(1);
            }
        }
    }

    private static long bufferedRows(Connection observer) throws SQLException {
        try (Statement statement = observer.createStatement();
             ResultSet rs = statement.executeQuery("select count(*) from event_append_buffer")) {
            rs.next();
            return rs.getLong(1);
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
