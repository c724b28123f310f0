package io.iamledger.infra.load;

import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * The client side of {@code writes --client=sdk}, run in a JVM of its own as a user's CI would run its SDK calls:
 * {@code clients} threads, each with its own AWS SDK for Java v2 {@code IamClient} ({@link SdkWriteClient}), call
 * CreateUser with a fresh name and then AttachUserPolicy on it, again and again. The credentials come from
 * {@code AWS_ACCESS_KEY_ID} and {@code AWS_SECRET_ACCESS_KEY} in the environment, never from the command line.
 *
 * <p>Its standard output is read by {@link SdkWriteComparison}: the line {@value #WINDOW_START} when the warm-up
 * ends, {@value #WINDOW_END} when the window ends, then a report for people and one line starting with
 * {@value #RESULT} for the driver (latencies in microseconds).
 */
public final class SdkLoadClient {
    static final String WINDOW_START = "window-start";
    static final String WINDOW_END = "window-end";
    static final String RESULT = "result";

    private final URI endpoint;
    private final int clients;
    private final Duration warmup;
    private final Duration duration;
    private final String policyArn;
    private final String prefix = "sdk-load-" + Long.toString(System.currentTimeMillis(), 36) + "-";
    private volatile boolean stop;
    private MeasurementWindow window;

    private SdkLoadClient(URI endpoint, int clients, Duration warmup, Duration duration, String policyArn) {
        this.endpoint = endpoint;
        this.clients = clients;
        this.warmup = warmup;
        this.duration = duration;
        this.policyArn = policyArn;
    }

    /** {@code endpoint seconds clients warmup-seconds policy-arn}; exits 0, or 1 when a call failed. */
    public static void main(String[] args) throws Exception {
        if (args.length != 5) {
            System.err.println("usage: SdkLoadClient endpoint seconds clients warmup-seconds policy-arn");
            System.exit(64);
        }
        SdkLoadClient load = new SdkLoadClient(URI.create(args[0]), Integer.parseInt(args[2]),
                Duration.ofSeconds(Long.parseLong(args[3])), Duration.ofSeconds(Long.parseLong(args[1])), args[4]);
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(load.warmup.plus(load.duration).plusMinutes(3).toMillis());
            } catch (InterruptedException e) {
                return;
            }
            System.err.println("sdk load client: still running 3 min after its window; exit");
            Runtime.getRuntime().halt(3);
        }, "sdk-load-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        int exit = load.run(System.out);
        System.out.flush();
        // the SDK's HTTP clients leave non-daemon threads behind
        System.exit(exit);
    }

    private int run(PrintStream out) throws InterruptedException {
        // url-connection keeps at most 5 idle keep-alive connections per host by default; a fleet keeps its own
        System.setProperty("http.maxConnections", String.valueOf(Math.max(5, clients * 2)));
        String accessKeyId = System.getenv("AWS_ACCESS_KEY_ID");
        String secretAccessKey = System.getenv("AWS_SECRET_ACCESS_KEY");
        if (accessKeyId == null || secretAccessKey == null) {
            throw new IllegalStateException("AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY must be set");
        }
        List<Worker> workers = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            workers.add(new Worker(i, new SdkWriteClient(endpoint, accessKeyId, secretAccessKey)));
        }
        window = new MeasurementWindow(warmup, duration);
        List<Thread> threads = new ArrayList<>();
        for (Worker worker : workers) {
            Thread thread = new Thread(worker::run, "sdk-load-client-" + worker.id);
            threads.add(thread);
            thread.start();
        }
        window.awaitStart();
        out.println(WINDOW_START);
        out.flush();
        window.awaitEnd();
        out.println(WINDOW_END);
        out.flush();
        stop = true;
        for (Thread thread : threads) {
            thread.join(60_000);
        }
        for (Worker worker : workers) {
            worker.client.close();
        }
        return report(out, workers);
    }

    private int report(PrintStream out, List<Worker> workers) {
        Histogram all = Latency.histogram();
        Map<String, Long> errors = new TreeMap<>();
        Map<String, String> examples = new TreeMap<>();
        long warmupCalls = 0;
        for (Worker worker : workers) {
            all.add(worker.tally.latency);
            warmupCalls += worker.tally.warmupCalls;
            worker.tally.errors.forEach((code, count) -> errors.merge(code, count, Long::sum));
            worker.tally.examples.forEach(examples::putIfAbsent);
        }
        long failed = errors.values().stream().mapToLong(Long::longValue).sum();
        double seconds = duration.toNanos() / 1e9;
        out.printf(Locale.ROOT, "throughput   %,.0f requests/s (%,d calls OK, %,d failed)%n",
                all.getTotalCount() / seconds, all.getTotalCount(), failed);
        out.println("latency      " + Latency.summary(all));
        out.println("per second   " + window.perSecondLine());
        out.printf(Locale.ROOT, "warm-up      %,d calls completed in %d s (not counted)%n", warmupCalls,
                warmup.toSeconds());
        if (errors.isEmpty()) {
            out.println("errors       none");
        } else {
            out.println("errors by code:");
            errors.forEach((code, count) -> out.printf(Locale.ROOT, "      %,8d  %s   e.g. %s%n", count, code,
                    examples.get(code)));
        }
        out.printf(Locale.ROOT, "%s calls=%d failed=%d seconds=%.3f p50=%d p90=%d p99=%d max=%d%n", RESULT,
                all.getTotalCount(), failed, seconds,
                all.getTotalCount() == 0 ? 0 : all.getValueAtPercentile(50),
                all.getTotalCount() == 0 ? 0 : all.getValueAtPercentile(90),
                all.getTotalCount() == 0 ? 0 : all.getValueAtPercentile(99), all.getMaxValue());
        return failed == 0 ? 0 : 1;
    }

    /** One client thread, its own SDK client and its private tallies (read after it stops). */
    private final class Worker {
        final int id;
        final WriteClient client;
        final CallTally tally = new CallTally();

        Worker(int id, WriteClient client) {
            this.id = id;
            this.client = client;
        }

        void run() {
            for (long n = 0; !stop; n++) {
                String name = prefix + id + "-" + n;
                if (tally.time(window, () -> client.createUser(name)) == null && !stop) {
                    tally.time(window, () -> client.attachUserPolicy(name, policyArn));
                }
            }
        }
    }
}
