package io.iamledger.infra.relay;

import io.iamledger.infra.audit.AuditRecord;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Publishes every committed audit record to Kafka topic {@code iam.audit}, keyed by account id, in the audit
 * trail's order: the value is the record's CloudTrail JSON, header {@code audit-index} its position in the trail.
 * One thread reads the records after the last acknowledged one from PostgreSQL (so only committed records, no dual
 * write), sends a batch, waits until Kafka acknowledges all of it ({@code acks=all}, idempotent producer), then
 * stores the batch's end in {@code relay_position}. A crash in between publishes the batch again; consumers
 * deduplicate by {@code eventID}. Audit indexes are taken under the append lock, which is held until commit, so a
 * record never becomes visible behind one already relayed.
 */
public final class AuditRelay implements AutoCloseable {
    static final String NAME = "audit";
    private static final int BATCH = 1_000;
    private static final long IDLE_POLL_MS = 50;
    private static final Logger log = LoggerFactory.getLogger(AuditRelay.class);

    private final Producer<String, String> producer;
    private final String topic;
    private final JdbcTemplate jdbc;
    private final AtomicLong relayed = new AtomicLong(-1);
    private final Thread worker;
    private volatile boolean running = true;

    public AuditRelay(Producer<String, String> producer, String topic, JdbcTemplate jdbc) {
        this.producer = producer;
        this.topic = topic;
        this.jdbc = jdbc;
        this.worker = new Thread(this::run, "audit-relay");
        this.worker.setDaemon(true);
    }

    /** Starts relaying from where the last run stopped. */
    public AuditRelay start() {
        jdbc.update("insert into relay_position (relay_name, position) values (?, 0) on conflict do nothing", NAME);
        relayed.set(jdbc.queryForObject("select position from relay_position where relay_name = ?", Long.class,
                NAME));
        worker.start();
        return this;
    }

    /** The audit index of the last record Kafka acknowledged (0 before the first). */
    public long lastRelayed() {
        return relayed.get();
    }

    private void run() {
        while (running) {
            try {
                if (relayBatch() < BATCH) {
                    TimeUnit.MILLISECONDS.sleep(IDLE_POLL_MS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                // the position is stored only after acknowledgement: retrying re-sends at most one batch
                log.warn("cannot relay audit records after index {}; retrying: {}", relayed.get(), e.toString());
                sleepQuietly();
            }
        }
    }

    /** Relays the next batch; returns how many records it held. */
    int relayBatch() {
        long after = relayed.get();
        List<Row> rows = jdbc.query("select audit_index, account_id, record::text from audit_record"
                        + " where audit_index > ? order by audit_index limit ?",
                (row, i) -> new Row(row.getLong(1), row.getString(2), row.getString(3)), after, BATCH);
        if (rows.isEmpty()) {
            return 0;
        }
        List<Future<RecordMetadata>> sends = new ArrayList<>(rows.size());
        for (Row row : rows) {
            ProducerRecord<String, String> record = new ProducerRecord<>(topic, row.accountId(),
                    AuditRecord.cloudTrailJson(row.record()));
            record.headers().add("audit-index", Long.toString(row.auditIndex()).getBytes(StandardCharsets.US_ASCII));
            sends.add(producer.send(record));
        }
        KafkaRelay.awaitAcknowledged(sends, "an audit record");
        long last = rows.get(rows.size() - 1).auditIndex();
        jdbc.update("update relay_position set position = ? where relay_name = ?", last, NAME);
        relayed.set(last);
        return rows.size();
    }

    private static void sleepQuietly() {
        try {
            TimeUnit.SECONDS.sleep(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops relaying; what is not yet acknowledged is relayed by the next start. */
    @Override
    public void close() {
        running = false;
        worker.interrupt();
        try {
            worker.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private record Row(long auditIndex, String accountId, String record) {}
}
