package io.iamledger.infra.ledger;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes a checkpoint every interval on one daemon thread, the first one interval after start. A failed attempt is
 * logged (the exception's message, never key material) and the next one runs on time. {@link #close} stops it.
 */
final class CheckpointSchedule implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CheckpointSchedule.class);

    private final ScheduledExecutorService executor;

    CheckpointSchedule(Checkpointer checkpointer, Duration interval) {
        this.executor = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "log-checkpoint");
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(() -> {
            try {
                checkpointer.checkpoint();
            } catch (Exception e) {
                // a scheduled task that throws is never run again; the next minute may well succeed
                log.warn("log checkpoint failed: {}", e.toString());
            }
        }, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
