package io.iamledger.infra.rebuild;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.iamledger.events.EventEnvelope;
import io.iamledger.infra.history.TimeTravel;
import io.iamledger.infra.server.ReadModelWiring;
import io.iamledger.query.projection.Projector;
import io.iamledger.query.projection.ReadModelChecksum;
import io.iamledger.query.projection.ReadModelSchema;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Replays the whole event store into a fresh read-model schema and compares it, by checksum, with the live read
 * model as of the same global sequence. The live model is temporal, so the comparison holds even while the
 * server keeps writing. The scratch schema is dropped afterwards unless asked to keep it. Replaying up to an
 * instant also replays the same events into an empty {@link InMemoryAccountState} and compares it, account by
 * account, with {@link TimeTravel#state} as of that instant.
 */
public final class Rebuild {
    /** Events per transaction: the projector's batches cost a fixed number of round trips each. */
    public static final int DEFAULT_BATCH = 2_000;

    /**
     * What a rebuild did.
     *
     * @param events       events replayed
     * @param upToSequence the global sequence both models were compared at
     * @param elapsed      time spent replaying (not comparing)
     * @param inMemory     with an instant to replay up to, the in-memory replay's comparison with the temporal
     *                     read model as of then; empty for a whole replay
     */
    public record Result(long events, long upToSequence, Duration elapsed, ReadModelChecksum live,
                         ReadModelChecksum rebuilt, Optional<InMemoryComparison> inMemory) {
        /** Whether the rebuilt schema's checksum equals the live model's as of {@link #upToSequence}. */
        public boolean matches() {
            return live.digest().equals(rebuilt.digest());
        }

        /** Whether every comparison made agrees: the checksums and, when made, the in-memory replay's. */
        public boolean agrees() {
            return matches() && inMemory.map(comparison -> comparison.difference().isEmpty()).orElse(true);
        }

        public double eventsPerSecond() {
            return events / Math.max(1e-9, elapsed.toNanos() / 1e9);
        }
    }

    /**
     * The in-memory route's verdict: {@link InMemoryAccountState} after the replayed events against
     * {@link TimeTravel#state} as of the instant, for every account an event belonged to.
     *
     * @param accounts       accounts compared (up to the first that differs)
     * @param difference     the first difference, in account order; empty when every account agrees
     * @param eventsAfterTo  replayed events that occurred after the instant: they come before the last event that
     *                       occurred by then in the log's order, which is commit order, not time order (concurrent
     *                       calls). The temporal model places them by time, a replay by sequence, so near such
     *                       events the two routes can differ without either being wrong; 0 when times follow the
     *                       log
     */
    public record InMemoryComparison(int accounts, Optional<StateDifference> difference, long eventsAfterTo) {}

    private final DataSource dataSource;
    private final String liveSchema;
    private final String scratchSchema;
    private final int batchSize;

    public Rebuild(DataSource dataSource, String liveSchema, String scratchSchema, int batchSize) {
        this.dataSource = dataSource;
        this.liveSchema = ReadModelSchema.checkName(liveSchema);
        this.scratchSchema = ReadModelSchema.checkName(scratchSchema);
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be positive: " + batchSize);
        }
        this.batchSize = batchSize;
    }

    /**
     * @param progress where the progress bar goes (a terminal's stderr), or null for none
     * @param keep     whether to leave the scratch schema in place for inspection
     */
    public Result run(PrintStream progress, boolean keep) throws SQLException {
        return run(progress, keep, Optional.empty());
    }

    /**
     * Replays only the events up to the last one that occurred at or before {@code to} (all of them when empty)
     * and compares with the live model's history as it stood after that event: the temporal read model and a
     * replay of the log are two independent routes to the state of that moment, and must agree. With {@code to},
     * the same events also go into an empty {@link InMemoryAccountState}, compared with {@link TimeTravel#state}
     * as of {@code to} (see {@link Result#inMemory}). Either comparison presumes that the live model has applied
     * those events (the projection lags the store by its delay).
     */
    public Result run(PrintStream progress, boolean keep, Optional<Instant> to) throws SQLException {
        try (Connection read = dataSource.getConnection(); Connection write = dataSource.getConnection()) {
            read.setAutoCommit(false);
            read.setReadOnly(true);
            write.setAutoCommit(false);
            long head = to.isPresent() ? Math.max(0, EventLogReader.lastAtOrBefore(read, to.get()))
                    : EventLogReader.head(read);
            long total = EventLogReader.count(read, head);
            read.commit();

            ReadModelSchema.drop(write, scratchSchema);
            ReadModelSchema.create(write, scratchSchema);
            write.commit();

            Projector projector = new Projector(scratchSchema);
            InMemoryAccountState memory = to.isPresent() ? new InMemoryAccountState() : null;
            long eventsAfterTo = 0;
            EventLogReader reader = new EventLogReader();
            ProgressBar bar = new ProgressBar(progress, total);
            long start = System.nanoTime();
            long after = -1;
            long replayed = 0;
            while (true) {
                List<EventEnvelope> batch = reader.read(read, after, head, batchSize);
                read.commit();
                if (batch.isEmpty()) {
                    break;
                }
                projector.apply(write, batch);
                write.commit();
                if (memory != null) {
                    for (EventEnvelope envelope : batch) {
                        memory.apply(envelope);
                        eventsAfterTo += envelope.occurredAt().isAfter(to.get()) ? 1 : 0;
                    }
                }
                after = batch.get(batch.size() - 1).globalSequence();
                replayed += batch.size();
                bar.update(replayed);
            }
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            bar.done();

            ReadModelChecksum rebuilt = ReadModelChecksum.compute(write, scratchSchema, head);
            ReadModelChecksum live = ReadModelChecksum.compute(write, liveSchema, head);
            write.commit();
            if (!keep) {
                ReadModelSchema.drop(write, scratchSchema);
                write.commit();
            }
            Optional<InMemoryComparison> inMemory = memory == null ? Optional.empty()
                    : Optional.of(compare(memory, to.get(), eventsAfterTo));
            return new Result(replayed, head, elapsed, live, rebuilt, inMemory);
        }
    }

    private InMemoryComparison compare(InMemoryAccountState memory, Instant at, long eventsAfterTo) {
        TimeTravel timeTravel = new TimeTravel(ReadModelWiring.readModel(dataSource, liveSchema),
                new JdbcTemplate(dataSource), liveSchema);
        int compared = 0;
        for (String account : memory.accounts()) {
            compared++;
            ObjectNode temporal = timeTravel.state(account, at);
            Optional<StateDifference> difference = StateDifference.first(account, temporal,
                    memory.state(account, at));
            if (difference.isPresent()) {
                return new InMemoryComparison(compared, difference, eventsAfterTo);
            }
        }
        return new InMemoryComparison(compared, Optional.empty(), eventsAfterTo);
    }

    /** A one-line bar, redrawn with carriage returns; silent when there is no stream. */
    private static final class ProgressBar {
        private static final int WIDTH = 40;
        private final PrintStream out;
        private final long total;
        private int lastPercent = -1;

        ProgressBar(PrintStream out, long total) {
            this.out = out;
            this.total = total;
        }

        void update(long done) {
            if (out == null) {
                return;
            }
            int percent = total == 0 ? 100 : (int) (100 * done / total);
            if (percent != lastPercent) {
                lastPercent = percent;
                int filled = WIDTH * percent / 100;
                out.print("\r[" + "#".repeat(filled) + " ".repeat(WIDTH - filled) + "] " + percent + "% "
                        + done + "/" + total + " events");
                out.flush();
            }
        }

        void done() {
            if (out != null) {
                update(total);
                out.println();
            }
        }
    }
}
