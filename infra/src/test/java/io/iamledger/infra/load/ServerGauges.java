package io.iamledger.infra.load;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import io.iamledger.infra.relay.KafkaRelay;
import io.iamledger.query.projection.ProjectionConsumer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.HdrHistogram.Histogram;
import org.springframework.context.ApplicationContext;

/**
 * Samples the server's own view of itself at a fixed interval, on one thread: how far the relay and the projection
 * trail the event store's head, the projection's event-time lag (what a health endpoint would report), the
 * connection pool, and what PostgreSQL's sessions are doing ({@code pg_stat_activity}: a poor man's wait-event
 * profile — where the database's time goes under load). Not thread-safe beyond {@link #start} / {@link #stop}.
 */
final class ServerGauges {
    /** How many statements the report lists, by total time. */
    private static final int TOP_STATEMENTS = 30;

    private final DataSource dataSource;
    private final KafkaRelay relay;
    private final ProjectionConsumer projection;
    private final Duration interval;
    private final Thread thread;
    private final String poolSize;

    private final Histogram relayBacklog = new Histogram(3);
    private final Histogram projectionBacklog = new Histogram(3);
    private final Histogram eventTimeLag = Latency.histogram();
    private final Histogram kafkaLag = new Histogram(3);
    private final Histogram poolActive = new Histogram(3);
    private final Histogram poolWaiting = new Histogram(3);
    private final Map<String, Long> sessions = new TreeMap<>();
    private final Map<String, Long> appendLockHolder = new TreeMap<>();
    private final Map<String, Long> statements = new TreeMap<>();
    private final List<String> statementTotals = new ArrayList<>();
    private boolean statementStatistics;
    private long[] walAtStart;
    private long[] walAtEnd;
    private long walStartNanos;
    private long walEndNanos;
    private volatile boolean running;
    private volatile Throwable failure;
    private int samples;

    ServerGauges(ApplicationContext context, Duration interval) {
        this.dataSource = context.getBean(DataSource.class);
        this.relay = context.getBean(KafkaRelay.class);
        this.projection = context.getBean(ProjectionConsumer.class);
        this.interval = interval;
        this.poolSize = dataSource instanceof HikariDataSource hikari ? String.valueOf(hikari.getMaximumPoolSize()) : "?";
        this.thread = new Thread(this::run, "server-gauges");
        this.thread.setDaemon(true);
    }

    void start() {
        running = true;
        thread.start();
    }

    /** Stops sampling and returns the report, one figure per line. */
    List<String> stop() throws InterruptedException {
        running = false;
        thread.join(10_000);
        List<String> lines = new ArrayList<>();
        if (failure != null) {
            lines.add("(sampling failed: " + failure + ")");
        }
        lines.add(String.format(Locale.ROOT, "%,d samples, every %d ms", samples, interval.toMillis()));
        lines.add("relay backlog (store head - last published), events: " + counts(relayBacklog));
        lines.add("projection backlog (last published - last applied), events: " + counts(projectionBacklog));
        lines.add("projection lag by event time (now - time of the last applied event): " + Latency.summary(eventTimeLag));
        lines.add("Kafka lag the projection consumer reports, records: " + counts(kafkaLag));
        lines.add("connection pool (max " + poolSize + "): active " + counts(poolActive) + "; threads waiting "
                + counts(poolWaiting));
        lines.add(table("PostgreSQL sessions by state / wait event, mean number at a time:", sessions, 20, false));
        lines.add(table("statements in progress (state active), mean number at a time, top 10:", statements, 10, false));
        // pg_stat_activity and pg_locks are not one snapshot: a holder seen "waiting for Lock / advisory" has just
        // been handed the lock
        lines.add(table("what the holder of the append lock (advisory, held while a commit moves its events in) is"
                + " doing, share of samples:", appendLockHolder, 20, true));
        if (walAtStart != null && walAtEnd != null) {
            double seconds = (walEndNanos - walStartNanos) / 1e9;
            double commits = (walAtEnd[0] - walAtStart[0]) / seconds;
            double syncs = (walAtEnd[1] - walAtStart[1]) / seconds;
            double meanInSync = sessions.getOrDefault("active: IO / WalSync", 0L) / (double) Math.max(1, samples);
            lines.add(String.format(Locale.ROOT, "PostgreSQL: %,.0f transactions committed/s (read-only ones included),"
                            + " %,.0f WAL syncs/s, %.1f MB/s WAL; mean WAL sync %.2f ms (Little: sessions in WalSync /"
                            + " syncs per second)",
                    commits, syncs, (walAtEnd[2] - walAtStart[2]) / seconds / 1e6,
                    syncs > 0 ? 1000 * meanInSync / syncs : 0.0));
        }
        if (!statementTotals.isEmpty()) {
            lines.add("statements by total time (execution + planning) in the window (pg_stat_statements; time includes waits), top "
                    + TOP_STATEMENTS + ":");
            lines.addAll(statementTotals);
        }
        return lines;
    }

    /**
     * Starts per-statement totals for the window when the server was started with pg_stat_statements preloaded
     * (IAMLEDGER_POSTGRES_SETTINGS=shared_preload_libraries=pg_stat_statements); false, silently, otherwise.
     */
    private boolean resetStatementStatistics() {
        try (Connection connection = superuser();
             PreparedStatement preloaded = connection.prepareStatement(
                "select 1 from pg_settings where name = 'shared_preload_libraries' and setting like '%pg_stat_statements%'");
             ResultSet rs = preloaded.executeQuery()) {
            if (!rs.next()) {
                return false;
            }
            try (PreparedStatement create = connection.prepareStatement("create extension if not exists pg_stat_statements");
                 PreparedStatement reset = connection.prepareStatement("select pg_stat_statements_reset()")) {
                create.execute();
                reset.execute();
                return true;
            }
        } catch (SQLException e) {
            return false;
        }
    }

    /** The embedded cluster's superuser (trusted on loopback), which may create the extension and read all totals. */
    private Connection superuser() throws SQLException {
        String url = dataSource instanceof HikariDataSource hikari ? hikari.getJdbcUrl() : null;
        if (url == null) {
            throw new SQLException("no JDBC URL to connect as superuser");
        }
        return java.sql.DriverManager.getConnection(url, "postgres", "");
    }

    private static List<String> statementTotals(Connection connection, double seconds) throws SQLException {
        List<String> lines = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement("select calls, total_exec_time, rows, total_plan_time,"
                + " left(regexp_replace(query, '\\s+', ' ', 'g'), 100) from pg_stat_statements"
                + " where dbid = (select oid from pg_database where datname = current_database())"
                + " order by total_exec_time + total_plan_time desc limit " + TOP_STATEMENTS);
             ResultSet rs = query.executeQuery()) {
            while (rs.next()) {
                long calls = rs.getLong(1);
                double totalMs = rs.getDouble(2);
                // plan time is 0 unless pg_stat_statements.track_planning is on
                lines.add(String.format(Locale.ROOT, "  %8.0f calls/s %8.3f ms mean (+%.3f planning) %6.1f rows/call  %s",
                        calls / seconds, calls == 0 ? 0 : totalMs / calls, calls == 0 ? 0 : rs.getDouble(4) / calls,
                        calls == 0 ? 0 : rs.getLong(3) / (double) calls, rs.getString(5)));
            }
        }
        return lines;
    }

    /** The largest entries, as mean numbers per sample or as percentages of the samples. */
    private String table(String title, Map<String, Long> counts, int limit, boolean percent) {
        StringBuilder text = new StringBuilder(title);
        counts.entrySet().stream()
                .sorted((a, b) -> Long.compare(b.getValue(), a.getValue()))
                .limit(limit)
                .forEach(e -> {
                    double perSample = e.getValue() / (double) Math.max(1, samples);
                    text.append(String.format(Locale.ROOT, percent ? "%n      %5.1f%%  %s" : "%n      %5.2f  %s",
                            percent ? 100 * perSample : perSample, e.getKey()));
                });
        return text.toString();
    }

    private static String counts(Histogram h) {
        if (h.getTotalCount() == 0) {
            return "no samples";
        }
        return String.format(Locale.ROOT, "mean %.1f, p50 %d, p99 %d, max %d", h.getMean(), h.getValueAtPercentile(50),
                h.getValueAtPercentile(99), h.getMaxValue());
    }

    private void run() {
        // one row per backend state; the fourth column tells the group that holds the append lock apart
        String activity = "select a.state, coalesce(a.wait_event_type || ' / ' || a.wait_event, 'on CPU (no wait event)'),"
                + " count(*), bool_or(l.pid is not null) from pg_stat_activity a left join pg_locks l"
                + " on l.pid = a.pid and l.locktype = 'advisory' and l.granted"
                + " where a.datname = current_database() and a.pid <> pg_backend_pid()"
                + " and a.state in ('active', 'idle in transaction') group by 1, 2, l.pid is not null";
        HikariPoolMXBean pool = dataSource instanceof HikariDataSource hikari ? hikari.getHikariPoolMXBean() : null;
        try (Connection connection = dataSource.getConnection();
             PreparedStatement head = connection.prepareStatement(
                     "select coalesce(max(global_index), -1) from domain_event_entry");
             PreparedStatement sessionsQuery = connection.prepareStatement(activity);
             PreparedStatement statementsQuery = connection.prepareStatement("select left(regexp_replace(query,"
                     + " '\\s+', ' ', 'g'), 90), count(*) from pg_stat_activity where datname = current_database()"
                     + " and pid <> pg_backend_pid() and state = 'active' group by 1")) {
            connection.setAutoCommit(true);
            statementStatistics = resetStatementStatistics();
            walAtStart = wal(connection);
            walStartNanos = System.nanoTime();
            long next = System.nanoTime();
            while (running) {
                sample(head, sessionsQuery, pool);
                try (ResultSet rs = statementsQuery.executeQuery()) {
                    while (rs.next()) {
                        statements.merge(rs.getString(1), rs.getLong(2), Long::sum);
                    }
                }
                next += interval.toNanos();
                long sleep = next - System.nanoTime();
                if (sleep > 0) {
                    Thread.sleep(sleep / 1_000_000, (int) (sleep % 1_000_000));
                }
            }
            walAtEnd = wal(connection);
            walEndNanos = System.nanoTime();
            if (statementStatistics) {
                try (Connection superuser = superuser()) {
                    statementTotals.addAll(statementTotals(superuser, (walEndNanos - walStartNanos) / 1e9));
                }
            }
        } catch (SQLException | RuntimeException e) {
            failure = e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void sample(PreparedStatement head, PreparedStatement sessionsQuery, HikariPoolMXBean pool)
            throws SQLException {
        long published = relay.lastPublished();
        ProjectionConsumer.Status status = projection.status();
        long storeHead;
        try (ResultSet rs = head.executeQuery()) {
            rs.next();
            storeHead = rs.getLong(1);
        }
        Instant now = Instant.now();
        samples++;
        if (published >= 0) {
            relayBacklog.recordValue(Math.max(0, storeHead - published));
            projectionBacklog.recordValue(Math.max(0, published - status.lastAppliedSequence().orElse(-1)));
        }
        status.lastAppliedEventTime().ifPresent(t -> Latency.record(eventTimeLag, Duration.between(t, now).toNanos()));
        kafkaLag.recordValue(Math.max(0, status.totalLag()));
        if (pool != null) {
            poolActive.recordValue(Math.max(0, pool.getActiveConnections()));
            poolWaiting.recordValue(Math.max(0, pool.getThreadsAwaitingConnection()));
        }
        boolean held = false;
        try (ResultSet rs = sessionsQuery.executeQuery()) {
            while (rs.next()) {
                String what = rs.getString(1) + ": " + rs.getString(2);
                sessions.merge(what, rs.getLong(3), Long::sum);
                if (rs.getBoolean(4)) {
                    appendLockHolder.merge(what, 1L, Long::sum);
                    held = true;
                }
            }
        }
        if (!held) {
            appendLockHolder.merge("not held", 1L, Long::sum);
        }
    }

    /** Commits in this database, WAL syncs and WAL bytes so far (PostgreSQL's cumulative statistics). */
    private static long[] wal(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("select (select xact_commit from"
                + " pg_stat_database where datname = current_database()), wal_sync, wal_bytes::bigint from pg_stat_wal");
             ResultSet rs = statement.executeQuery()) {
            rs.next();
            return new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)};
        }
    }
}
