package io.iamledger.infra.load;

import io.iamledger.command.user.AttachUserPolicyCommand;
import io.iamledger.command.user.CreateUserCommand;
import io.iamledger.events.EventEnvelope;
import io.iamledger.infra.api.CommandSender;
import io.iamledger.infra.credentials.IdGenerator;
import io.iamledger.infra.rebuild.EventLogReader;
import io.iamledger.infra.server.LedgerServer;
import io.iamledger.query.projection.Projector;
import io.iamledger.query.projection.ReadModelChecksum;
import io.iamledger.query.projection.ReadModelSchema;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.HdrHistogram.Histogram;

/**
 * The rebuild benchmark: makes sure the event store holds at least {@code events} events (topping it up in-process
 * through the {@link CommandSender}: CreateUser + AttachUserPolicy pairs, many per transaction), waits for the live
 * projection to catch up so nothing else competes, then replays the whole log into a fresh schema with
 * {@link EventLogReader} and {@link Projector}, one transaction per batch, as {@code rebuild} does — timing reading
 * (SQL and JSON decoding), applying and committing separately. The first replay's schema is compared with the live
 * one by {@link ReadModelChecksum}.
 */
final class RebuildBench {

    /**
     * @param events           the least number of events to replay
     * @param batchSizes       one replay per batch size, in this order
     * @param generatorThreads threads topping up the store
     * @param usersPerTransaction CreateUser + AttachUserPolicy pairs per generating transaction
     */
    record Config(long events, List<Integer> batchSizes, int generatorThreads, int usersPerTransaction) {}

    static final String SCRATCH_SCHEMA = "load_rebuild";

    private final LedgerServer server;
    private final Config config;
    private final DataSource dataSource;

    RebuildBench(LedgerServer server, Config config) {
        this.server = server;
        this.config = config;
        this.dataSource = server.context().getBean(DataSource.class);
    }

    int run(PrintStream out) throws Exception {
        CpuMeter cpu = new CpuMeter(server.settings().dataDir().resolve("postgres"));
        long stored = StoredLog.events(dataSource);
        out.printf(Locale.ROOT, "event store holds %,d events; %,d wanted%n", stored, config.events());
        String generated = "none needed";
        if (stored < config.events()) {
            generated = generate(config.events() - stored, out);
        }
        Duration caughtUp = StoredLog.awaitLiveProjection(server, dataSource, Duration.ofMinutes(10));

        out.println();
        out.println("==== rebuild: replay of the event store into a fresh read-model schema ====");
        out.println("events generated: " + generated);
        out.printf(Locale.ROOT, "waited %.1f s for the live projection to reach the store's head (so it does not"
                + " compete with the replay)%n", caughtUp.toMillis() / 1000.0);
        int exit = 0;
        boolean first = true;
        for (int batch : config.batchSizes()) {
            CpuMeter.Snapshot before = cpu.take();
            Replay replay = replay(batch);
            CpuMeter.Snapshot after = cpu.take();
            out.printf(Locale.ROOT, "batch %5d: %,d events in %.2f s = %,.0f events/s%n", batch, replay.events,
                    replay.nanos / 1e9, replay.events / (replay.nanos / 1e9));
            out.printf(Locale.ROOT, "             read + decode %.2f s, apply %.2f s, commit %.2f s; apply per batch %s%n",
                    replay.readNanos / 1e9, replay.applyNanos / 1e9, replay.commitNanos / 1e9,
                    Latency.summary(replay.applyPerBatch));
            out.println("             " + CpuMeter.describe(before, after));
            if (first) {
                first = false;
                long t0 = System.nanoTime();
                Optional<List<String>> differing = compareWithLive(replay.head);
                out.printf(Locale.ROOT, "             checksum vs live iam_read at sequence %d: %s (%.1f s)%n",
                        replay.head, differing.map(d -> d.isEmpty() ? "EQUAL" : "DIFFERENT in " + d).orElse("n/a"),
                        (System.nanoTime() - t0) / 1e9);
                if (differing.isPresent() && !differing.get().isEmpty()) {
                    exit = 1;
                }
            }
        }
        try (Connection connection = dataSource.getConnection()) {
            ReadModelSchema.drop(connection, SCRATCH_SCHEMA);
        }
        return exit;
    }


    // ---- topping up the store ----

    private String generate(long missing, PrintStream out) throws InterruptedException {
        CommandSender sender = server.context().getBean(CommandSender.class);
        IdGenerator ids = server.context().getBean(IdGenerator.class);
        String account = server.accountId();
        String prefix = "gen-" + Long.toString(System.currentTimeMillis(), 36) + "-";
        long pairsWanted = (missing + 1) / 2;
        AtomicLong pairs = new AtomicLong();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        long t0 = System.nanoTime();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < config.generatorThreads(); t++) {
            int thread = t;
            threads.add(new Thread(() -> {
                try {
                    for (long n = 0; pairs.get() < pairsWanted && failure.get() == null; ) {
                        long first = n;
                        sender.inTransaction(account, () -> {
                            for (int i = 0; i < config.usersPerTransaction(); i++) {
                                String userId = ids.userId();
                                String name = prefix + thread + "-" + (first + i);
                                Instant now = Instant.now();
                                sender.dispatch(new CreateUserCommand(account, userId, name, "/", Optional.empty(),
                                        List.of(), now));
                                sender.dispatch(new AttachUserPolicyCommand(account, userId, name,
                                        WriteLoad.POLICY_ARN, now));
                            }
                            return null;
                        });
                        n += config.usersPerTransaction();
                        pairs.addAndGet(config.usersPerTransaction());
                    }
                } catch (RuntimeException e) {
                    failure.compareAndSet(null, e);
                }
            }, "generator-" + t));
        }
        threads.forEach(Thread::start);
        long lastReport = System.nanoTime();
        for (Thread thread : threads) {
            while (thread.isAlive()) {
                thread.join(1_000);
                if (System.nanoTime() - lastReport > 10_000_000_000L) {
                    lastReport = System.nanoTime();
                    out.printf(Locale.ROOT, "  generated %,d of %,d events%n", 2 * pairs.get(), missing);
                }
            }
        }
        if (failure.get() != null) {
            throw new IllegalStateException("generating events failed", failure.get());
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        return String.format(Locale.ROOT, "%,d in-process through CommandSender (no HTTP, no SigV4), %d threads, "
                        + "%d users per transaction: %.1f s, %,.0f events/s",
                2 * pairs.get(), config.generatorThreads(), config.usersPerTransaction(), seconds,
                2 * pairs.get() / seconds);
    }


    // ---- the replay ----

    private static final class Replay {
        long head;
        long events;
        long nanos;
        long readNanos;
        long applyNanos;
        long commitNanos;
        final Histogram applyPerBatch = Latency.histogram();
    }

    private Replay replay(int batchSize) throws SQLException {
        Replay replay = new Replay();
        try (Connection read = dataSource.getConnection(); Connection write = dataSource.getConnection()) {
            read.setAutoCommit(false);
            read.setReadOnly(true);
            write.setAutoCommit(false);
            replay.head = EventLogReader.head(read);
            read.commit();
            ReadModelSchema.drop(write, SCRATCH_SCHEMA);
            ReadModelSchema.create(write, SCRATCH_SCHEMA);
            write.commit();

            Projector projector = new Projector(SCRATCH_SCHEMA);
            EventLogReader reader = new EventLogReader();
            long start = System.nanoTime();
            long after = -1;
            while (true) {
                long t0 = System.nanoTime();
                List<EventEnvelope> batch = reader.read(read, after, replay.head, batchSize);
                read.commit();
                long t1 = System.nanoTime();
                replay.readNanos += t1 - t0;
                if (batch.isEmpty()) {
                    break;
                }
                projector.apply(write, batch);
                long t2 = System.nanoTime();
                write.commit();
                long t3 = System.nanoTime();
                replay.applyNanos += t2 - t1;
                replay.commitNanos += t3 - t2;
                Latency.record(replay.applyPerBatch, t2 - t1);
                after = batch.get(batch.size() - 1).globalSequence();
                replay.events += batch.size();
            }
            replay.nanos = System.nanoTime() - start;
        }
        return replay;
    }

    /** The tables that differ between the replay and the live model as of {@code head}; empty when equal. */
    private Optional<List<String>> compareWithLive(long head) throws SQLException {
        if (head < 0) {
            return Optional.empty();
        }
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            ReadModelChecksum rebuilt = ReadModelChecksum.compute(connection, SCRATCH_SCHEMA, head);
            ReadModelChecksum live = ReadModelChecksum.compute(connection, WriteLoad.READ_SCHEMA, head);
            connection.commit();
            return Optional.of(rebuilt.differingTables(live));
        }
    }
}
