package io.iamledger.infra.load;

import io.iamledger.infra.config.LedgerSettings;
import io.iamledger.infra.server.LedgerServer;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.HdrHistogram.Histogram;

/**
 * The write benchmark: {@code clients} threads in this JVM, each with its own client connection
 * ({@link SigningWriteClient}, SigV4-signed like the SDK signs; no retries, so every failure is counted), repeatedly call CreateUser with a fresh name and then AttachUserPolicy (ReadOnlyAccess) on it. Calls that complete during the warm-up are not counted; the figures cover the calls that
 * complete within the measurement window. A {@link LagProbe} follows every {@code sampleEvery}-th user to the read
 * model and {@link ServerGauges} samples the server's own figures meanwhile.
 */
final class WriteLoad {

    /**
     * @param clients     concurrent client threads
     * @param warmup      excluded from the figures
     * @param duration    the measurement window
     * @param sampleEvery every n-th CreateUser of each client is followed to the read model
     * @param watchKafka  the lag probe also times arrivals at a Kafka consumer of its own (which loads the broker)
     */
    record Config(int clients, Duration warmup, Duration duration, int sampleEvery, boolean watchKafka) {}

    /**
     * The client implementation: the lean signing one measures the server; the SDK adds its own CPU cost (for
     * writes, in a JVM of its own: {@link SdkWriteComparison}).
     */
    enum Client { SIGNING, SDK }

    static final String POLICY_ARN = "arn:aws:iam::aws:policy/ReadOnlyAccess";
    static final String READ_SCHEMA = "iam_read";

    private final LedgerServer server;
    private final Config config;
    private final String prefix;
    private volatile boolean stop;
    private MeasurementWindow window;

    WriteLoad(LedgerServer server, Config config) {
        this.server = server;
        this.config = config;
        // lower case: the lag probe matches names with lower(user_name)
        this.prefix = "load-" + Long.toString(System.currentTimeMillis(), 36) + "-";
    }

    /** Runs the benchmark and prints the report; returns 0, or 1 when a call failed or a sample never arrived. */
    int run(PrintStream out) throws Exception {
        // The JDK keeps at most 5 idle keep-alive connections per host by default; with more clients than that,
        // connections would be closed and reopened all the time, which is not what a client fleet does.
        System.setProperty("http.maxConnections", String.valueOf(Math.max(5, config.clients() * 2)));
        DataSource dataSource = server.context().getBean(DataSource.class);
        CpuMeter cpu = new CpuMeter(server.settings().dataDir().resolve("postgres"));
        List<Worker> workers = new ArrayList<>();
        for (int i = 0; i < config.clients(); i++) {
            workers.add(new Worker(i, client()));
        }
        try (LagProbe probe = new LagProbe(dataSource, READ_SCHEMA, server.accountId(), server.kafkaBootstrap(),
                LedgerSettings.EVENTS_TOPIC, config.watchKafka())) {
            probe.start();
            window = new MeasurementWindow(config.warmup(), config.duration());
            List<Thread> threads = new ArrayList<>();
            for (Worker worker : workers) {
                Thread thread = new Thread(() -> worker.run(probe), "load-client-" + worker.id);
                threads.add(thread);
                thread.start();
            }
            out.printf(Locale.ROOT, "%d clients: warm-up %d s, then %d s measured (load average %s)%n",
                    config.clients(), config.warmup().toSeconds(), config.duration().toSeconds(), CpuMeter.loadAverage());
            window.awaitStart();
            ServerGauges gauges = new ServerGauges(server.context(), Duration.ofMillis(100));
            gauges.start();
            CpuMeter.Snapshot before = cpu.take();
            window.awaitEnd();
            CpuMeter.Snapshot after = cpu.take();
            List<String> serverFigures = gauges.stop();
            stop = true;
            for (Thread thread : threads) {
                thread.join(60_000);
            }
            LagProbe.Result lag = probe.finish(Duration.ofSeconds(30), window.windowStart(), window.windowEnd());
            return report(out, workers, lag, serverFigures, before, after);
        } finally {
            stop = true;
            for (Worker worker : workers) {
                worker.client.close();
            }
        }
    }

    private WriteClient client() {
        return new SigningWriteClient(server.endpoint(), server.rootAccessKeyId(), server.rootSecretAccessKey());
    }

    private int report(PrintStream out, List<Worker> workers, LagProbe.Result lag, List<String> serverFigures,
                       CpuMeter.Snapshot before, CpuMeter.Snapshot after) {
        Histogram create = Latency.histogram();
        Histogram attach = Latency.histogram();
        Map<String, Long> errors = new TreeMap<>();
        Map<String, String> examples = new TreeMap<>();
        long pairs = 0;
        long warmupCalls = 0;
        for (Worker worker : workers) {
            create.add(worker.create.latency);
            attach.add(worker.attach.latency);
            pairs += worker.pairs;
            for (CallTally tally : List.of(worker.create, worker.attach)) {
                warmupCalls += tally.warmupCalls;
                tally.errors.forEach((code, count) -> errors.merge(code, count, Long::sum));
                tally.examples.forEach(examples::putIfAbsent);
            }
        }
        Histogram all = Latency.histogram();
        all.add(create);
        all.add(attach);
        double seconds = config.duration().toNanos() / 1e9;
        long failed = errors.values().stream().mapToLong(Long::longValue).sum();

        out.println();
        out.println("==== writes: " + config.clients() + " clients (signing), " + config.duration().toSeconds() + " s measured ====");
        out.printf(Locale.ROOT, "throughput   %,.0f requests/s (%,d calls OK, %,d failed), %,.0f pairs/s (CreateUser + AttachUserPolicy)%n",
                all.getTotalCount() / seconds, all.getTotalCount(), failed, pairs / seconds);
        out.println("latency      all calls        " + Latency.summary(all));
        out.println("             CreateUser       " + Latency.summary(create));
        out.println("             AttachUserPolicy " + Latency.summary(attach));
        out.println("per second   " + window.perSecondLine());
        out.printf(Locale.ROOT, "warm-up      %,d calls completed in %d s (not counted)%n", warmupCalls,
                config.warmup().toSeconds());
        if (errors.isEmpty()) {
            out.println("errors       none");
        } else {
            out.println("errors by code:");
            errors.forEach((code, count) -> out.printf(Locale.ROOT, "      %,8d  %s   e.g. %s%n", count, code,
                    examples.get(code)));
        }
        out.println("machine      " + CpuMeter.describe(before, after));
        double[] cores = CpuMeter.jvmAndPostgresCores(before, after);
        double callsPerSecond = Math.max(1e-9, all.getTotalCount() / seconds);
        out.printf(Locale.ROOT, "CPU per call this JVM %.2f ms (server, Kafka broker and the clients), PostgreSQL %.2f ms%n",
                1000 * cores[0] / callsPerSecond, 1000 * cores[1] / callsPerSecond);
        out.println();
        out.printf(Locale.ROOT, "==== projection lag: every %dth user of each client, %,d samples ====%n",
                config.sampleEvery(), lag.samples());
        out.println("CreateUser returned -> row current in iam_read.users (JDBC poll every ~1 ms):");
        out.println("             " + Latency.summary(lag.visible()));
        if (lag.kafkaWatched()) {
            out.println("CreateUser returned -> UserCreated arrived at a Kafka consumer of iam.events (0 when it was earlier):");
            out.printf(Locale.ROOT, "             %s; published before the response arrived: %,d%n",
                    Latency.summary(lag.published()), lag.publishedBeforeReturn());
            out.println("arrived at Kafka consumer -> row visible:");
            out.println("             " + Latency.summary(lag.publishedToVisible()));
        } else {
            out.println("(arrival at Kafka not timed: --watch-kafka adds a consumer of iam.events, at some cost to the broker)");
        }
        if (lag.neverVisible() > 0 || lag.neverPublished() > 0) {
            out.printf(Locale.ROOT, "NOT SEEN within 30 s after the run: %,d in the read model, %,d in Kafka%n",
                    lag.neverVisible(), lag.neverPublished());
        }
        out.println();
        out.println("==== the server's own figures during the window (the sources of GET /health, and PostgreSQL's) ====");
        for (String line : serverFigures) {
            out.println("  " + line);
        }
        return failed == 0 && lag.neverVisible() == 0 ? 0 : 1;
    }

    /** One client thread and its private tallies (read after it stops). */
    private final class Worker {
        final int id;
        final WriteClient client;
        final CallTally create = new CallTally();
        final CallTally attach = new CallTally();
        long pairs;

        Worker(int id, WriteClient client) {
            this.id = id;
            this.client = client;
        }

        void run(LagProbe probe) {
            for (long n = 0; !stop; n++) {
                String name = prefix + id + "-" + n;
                LagProbe.Sample sample = n % config.sampleEvery() == 0 ? probe.watch(name) : null;
                long t0 = System.nanoTime();
                String failure = create.make(() -> client.createUser(name));
                long t1 = System.nanoTime();
                if (sample != null) {
                    if (failure == null) {
                        probe.returned(sample, t1);
                    } else {
                        probe.failed(sample);
                    }
                }
                create.tally(window, t0, t1, failure);
                if (failure != null || stop) {
                    continue;
                }
                t0 = System.nanoTime();
                failure = attach.make(() -> client.attachUserPolicy(name, POLICY_ARN));
                if (attach.tally(window, t0, System.nanoTime(), failure) == MeasurementWindow.Phase.MEASURED
                        && failure == null) {
                    pairs++;
                }
            }
        }
    }
}
