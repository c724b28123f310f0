package io.iamledger.infra.credentials;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * When each long-term access key last signed a request (AWS's {@code AccessKeyLastUsed}): in table
 * {@code access_key_last_used}, not in the log, since a use changes no one's permissions. A request only touches
 * a map in memory; one daemon thread writes what gathered every {@link #FLUSH_INTERVAL} in one batch, and reads
 * write it first, so a reader sees every use made before it asked. A use of a key deleted meanwhile is dropped
 * ({@link CredentialVault#delete} removes a key's row).
 * Thread-safe.
 */
public final class KeyUsage implements AutoCloseable {
    static final Duration FLUSH_INTERVAL = Duration.ofSeconds(1);
    private static final Logger log = LoggerFactory.getLogger(KeyUsage.class);

    /**
     * One use of a key.
     *
     * @param serviceName the service namespace signed for ({@code iam}, {@code sts}, ...)
     * @param region      the region it was used in ({@code us-east-1} for IAM, which is global)
     */
    public record Use(Instant at, String serviceName, String region) {
        public Use {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(serviceName, "serviceName");
            Objects.requireNonNull(region, "region");
        }
    }

    private final JdbcTemplate jdbc;
    private final ConcurrentHashMap<String, Use> pending = new ConcurrentHashMap<>();
    private final Object flushing = new Object();
    private final ScheduledExecutorService executor;

    public KeyUsage(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.executor = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "key-usage-flush");
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(() -> {
            try {
                flush();
            } catch (RuntimeException e) {
                // kept in memory: the next flush tries again
                log.warn("writing access key last-used times failed: {}", e.toString());
            }
        }, FLUSH_INTERVAL.toMillis(), FLUSH_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Notes that {@code accessKeyId} signed a request; the latest use of a key wins. */
    public void record(String accessKeyId, Use use) {
        pending.merge(accessKeyId, use, (old, now) -> now.at().isBefore(old.at()) ? old : now);
    }

    /** The last use of each of {@code accessKeyIds} that has one. */
    public Map<String, Use> lastUsed(Collection<String> accessKeyIds) {
        flush();
        Map<String, Use> uses = new HashMap<>();
        if (accessKeyIds.isEmpty()) {
            return uses;
        }
        String marks = String.join(", ", Collections.nCopies(accessKeyIds.size(), "?"));
        jdbc.query("select access_key_id, last_used_at, service_name, region from access_key_last_used"
                        + " where access_key_id in (" + marks + ")",
                rs -> {
                    uses.put(rs.getString(1), new Use(rs.getTimestamp(2).toInstant(), rs.getString(3),
                            rs.getString(4)));
                }, accessKeyIds.toArray());
        return uses;
    }

    public Optional<Use> lastUsed(String accessKeyId) {
        return Optional.ofNullable(lastUsed(List.of(accessKeyId)).get(accessKeyId));
    }

    /** Writes the uses gathered so far; a use that fails to be written stays for the next attempt. */
    void flush() {
        synchronized (flushing) {
            if (pending.isEmpty()) {
                return;
            }
            List<Map.Entry<String, Use>> batch = new ArrayList<>();
            for (String key : List.copyOf(pending.keySet())) {
                Use use = pending.remove(key);
                if (use != null) {
                    batch.add(Map.entry(key, use));
                }
            }
            try {
                jdbc.batchUpdate("insert into access_key_last_used (access_key_id, last_used_at, service_name, region)"
                                + " select ?, ?, ?, ? where exists (select 1 from credential where access_key_id = ?)"
                                + " on conflict (access_key_id) do update set last_used_at = excluded.last_used_at,"
                                + " service_name = excluded.service_name, region = excluded.region"
                                + " where access_key_last_used.last_used_at < excluded.last_used_at",
                        batch, batch.size(), (statement, entry) -> {
                            statement.setString(1, entry.getKey());
                            statement.setTimestamp(2, Timestamp.from(entry.getValue().at()));
                            statement.setString(3, entry.getValue().serviceName());
                            statement.setString(4, entry.getValue().region());
                            statement.setString(5, entry.getKey());
                        });
            } catch (RuntimeException e) {
                batch.forEach(entry -> record(entry.getKey(), entry.getValue()));
                throw e;
            }
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
        try {
            flush();
        } catch (RuntimeException e) {
            log.warn("writing access key last-used times at shutdown failed: {}", e.toString());
        }
    }
}
