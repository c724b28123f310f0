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
    private final DataSource dataSource;
    private final KafkaRelay relay;
    private final ProjectionConsumer projection;
    private final Duration interval;
    private final Thread thread;

    private final Histogram relayBacklog = new Histogram(3);
    private final Histogram projectionBacklog = new Histogram(3);
    private final Histogram eventTimeLag = Latency.histogram();
    private final Histogram kafkaLag = new Histogram(3);
    private final Histogram poolActive = new Histogram(3);
    private final Histogram poolWaiting = new Histogram(3);
    private final Map<String, Long> sessions = new TreeMap<>();
    private volatile boolean running;
    private volatile Throwable failure;
    private int samples;

    ServerGauges(ApplicationContext context, Duration interval) {
        this.dataSource = context.getBean(DataSource.class);
        this.relay = context.getBean(KafkaRelay.class);
        this.projection = context.getBean(ProjectionConsumer.class);
        this.interval = interval;
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
        lines.add("connection pool (max 24): active " + counts(poolActive) + "; threads waiting " + counts(poolWaiting));
        StringBuilder profile = new StringBuilder("PostgreSQL sessions by state / wait event, mean number at a time:");
        sessions.entrySet().stream()
                .sorted((a, b) -> Long.compare(b.getValue(), a.getValue()))
                .forEach(e -> profile.append(String.format(Locale.ROOT, "%n      %5.2f  %s",
                        e.getValue() / (double) Math.max(1, samples), e.getKey())));
        lines.add(profile.toString());
        return lines;
    }

    private static String counts(Histogram h) {
        if (h.getTotalCount() == 0) {
            return "no samples";
        }
        return String.format(Locale.ROOT, "mean %.1f, p50 %d, p99 %d, max %d", h.getMean(), h.getValueAtPercentile(50),
                h.getValueAtPercentile(99), h.getMaxValue());
    }

    private void run() {
        String activity = "select state, coalesce(wait_event_type || ' / ' || wait_event, 'on CPU (no wait event)'),"
                + " count(*) from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()"
                + " and state in ('active', 'idle in transaction') group by 1, 2";
        HikariPoolMXBean pool = dataSource instanceof HikariDataSource hikari ? hikari.getHikariPoolMXBean() : null;
        try (Connection connection = dataSource.getConnection();
             PreparedStatement head = connection.prepareStatement(
                     "select coalesce(max(global_index), -1) from domain_event_entry");
             PreparedStatement sessionsQuery = connection.prepareStatement(activity)) {
            connection.setAutoCommit(true);
            long next = System.nanoTime();
            while (running) {
                sample(head, sessionsQuery, pool);
                next += interval.toNanos();
                long sleep = next - System.nanoTime();
                if (sleep > 0) {
                    Thread.sleep(sleep / 1_000_000, (int) (sleep % 1_000_000));
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
        try (ResultSet rs = sessionsQuery.executeQuery()) {
            while (rs.next()) {
                sessions.merge(rs.getString(1) + ": " + rs.getString(2), rs.getLong(3), Long::sum);
            }
        }
    }
}
