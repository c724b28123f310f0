package io.iamledger.infra.load;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The start-up benchmark: runs {@code java -jar iam-ledger.jar serve} (or, with an empty jar, the same main class
 * {@code io.iamledger.infra.IamLedger serve} on this JVM's class path) on a loopback port, first on an empty data
 * directory, then again on the same one, and measures the wall time from launching the process until the server
 * is ready. Ready means {@code GET /health} answers 200; while the server has no {@code /health} (it answers 404),
 * an unsigned {@code POST /} that gets any HTTP answer counts instead. Also reported: the first HTTP answer of any
 * kind, the server's own "ready in" line, and how long a graceful stop (SIGTERM) takes.
 */
final class StartupBench {
    private static final String READY_LINE = "IAM Ledger ready in ";

    /** One start: nanoseconds from launch, -1 when not seen. */
    private record Start(String label, long firstAnswer, long ready, String criterion, String serverSays,
                         long stop) {}

    private static final String MAIN_CLASS = "io.iamledger.infra.IamLedger";

    /** The executable jar, or empty to run the main class from this JVM's class path. */
    private final Optional<Path> jar;
    private final Duration timeout;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    StartupBench(Optional<Path> jar, Duration timeout) {
        this.jar = jar;
        this.timeout = timeout;
    }

    int run(Path dataDir, PrintStream out) throws Exception {
        List<Start> starts = new ArrayList<>();
        out.println(launched() + ", data directory " + dataDir + " (load average " + CpuMeter.loadAverage() + ")");
        starts.add(start("first start (empty data directory)", dataDir, out));
        starts.add(start("restart (same data directory)", dataDir, out));
        out.println();
        out.println("==== start-up: " + launched() + ", wall time from launch ====");
        int exit = 0;
        for (Start s : starts) {
            out.printf(Locale.ROOT, "%-38s ready %s (%s); first HTTP answer %s; server's own line: %s; stop (SIGTERM) took %s%n",
                    s.label(), seconds(s.ready()), s.criterion(), seconds(s.firstAnswer()), s.serverSays(),
                    seconds(s.stop()));
            if (s.ready() < 0) {
                exit = 1;
            }
        }
        return exit;
    }

    private String launched() {
        return jar.map(j -> "java -jar " + j.getFileName() + " serve")
                .orElse("java -cp <the driver's class path> " + MAIN_CLASS + " serve");
    }

    private static String seconds(long nanos) {
        return nanos < 0 ? "n/a" : String.format(Locale.ROOT, "%.2f s", nanos / 1e9);
    }

    private Start start(String label, Path dataDir, PrintStream out) throws Exception {
        int port = freeLoopbackPort();
        Path log = dataDir.resolveSibling(dataDir.getFileName() + "-" + (Files.exists(dataDir) ? "restart" : "first")
                + ".log");
        Files.createDirectories(dataDir);
        String java = ProcessHandle.current().info().command().orElse("java");
        // server.address: the server binds 0.0.0.0 by default (a Spring default property, which a system
        // property overrides); a benchmark has no business listening beyond loopback.
        List<String> command = new ArrayList<>(List.of(java, "-Dserver.address=127.0.0.1"));
        if (jar.isPresent()) {
            command.addAll(List.of("-jar", jar.get().toString(), "serve"));
        } else {
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), MAIN_CLASS, "serve"));
        }
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("IAMLEDGER_DATA_DIR", dataDir.toString());
        builder.environment().put("IAMLEDGER_PORT", String.valueOf(port));
        long launched = System.nanoTime();
        Process process = builder.start();
        // if this JVM is stopped meanwhile, stop the server too (gracefully, so its PostgreSQL goes with it)
        Thread reaper = new Thread(() -> {
            try {
                stop(process);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "startup-reaper");
        Runtime.getRuntime().addShutdownHook(reaper);
        AtomicLong readyLineAt = new AtomicLong(-1);
        AtomicReference<String> serverSays = new AtomicReference<>("none");
        Thread pump = new Thread(() -> pump(process, log, launched, readyLineAt, serverSays), "startup-log");
        pump.setDaemon(true);
        pump.start();
        long firstAnswer = -1;
        long ready = -1;
        String criterion = "not ready within " + timeout.toSeconds() + " s";
        URI base = URI.create("http://127.0.0.1:" + port);
        long stop;
        long deadline = launched + timeout.toNanos();
        try {
            while (System.nanoTime() < deadline && process.isAlive()) {
                int health = status(HttpRequest.newBuilder(base.resolve("/health")).GET());
                long now = System.nanoTime();
                if (health > 0 && firstAnswer < 0) {
                    firstAnswer = now - launched;
                }
                if (health == 200) {
                    ready = now - launched;
                    criterion = "GET /health 200";
                    break;
                }
                if (health == 404) {
                    int post = status(HttpRequest.newBuilder(base.resolve("/"))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString("Action=ListUsers&Version=2010-05-08")));
                    if (post > 0) {
                        ready = System.nanoTime() - launched;
                        criterion = "no /health (404); unsigned POST / answered " + post;
                        break;
                    }
                }
                Thread.sleep(20);
            }
            if (!process.isAlive()) {
                criterion = "process exited with " + process.exitValue();
            }
            // the server's own figure, printed once it has created the default account
            long lineDeadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (readyLineAt.get() < 0 && process.isAlive() && System.nanoTime() < lineDeadline) {
                Thread.sleep(20);
            }
        } finally {
            stop = stop(process);
            pump.join(5_000);
            try {
                Runtime.getRuntime().removeShutdownHook(reaper);
            } catch (IllegalStateException e) {
                // this JVM is already stopping; the reaper finds the process gone
            }
        }
        out.printf(Locale.ROOT, "  %s: ready %s (%s)%n", label, seconds(ready), criterion);
        if (ready < 0) {
            printTail(log, out);
        }
        String says = readyLineAt.get() < 0 ? "none"
                : serverSays.get() + " (printed at " + seconds(readyLineAt.get()) + ")";
        return new Start(label, firstAnswer, ready, criterion, says, stop);
    }

    /** SIGTERM, then wait for the JVM (which stops PostgreSQL and Kafka) to exit; forcibly after 2 minutes. */
    private static long stop(Process process) throws InterruptedException {
        long t0 = System.nanoTime();
        process.destroy();
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
            return -1;
        }
        return System.nanoTime() - t0;
    }

    /** The HTTP status, or -1 when nothing answered (not listening yet, or no answer within 2 s). */
    private int status(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static void pump(Process process, Path log, long launched, AtomicLong readyLineAt,
                             AtomicReference<String> serverSays) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
             PrintWriter file = new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (readyLineAt.get() < 0 && line.contains(READY_LINE)) {
                    serverSays.set(line.substring(line.indexOf(READY_LINE)).split(":")[0]);
                    readyLineAt.set(System.nanoTime() - launched);
                }
                file.println(line);
            }
        } catch (IOException e) {
            // the process went away; the log has what there was
        }
    }

    /** Why a start failed: the log's error lines, deduplicated (the log goes with the temporary directory). */
    private static void printTail(Path log, PrintStream out) throws IOException {
        Set<String> errors = new LinkedHashSet<>();
        for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
            if (line.contains(" ERROR ") || line.startsWith("Caused by:")) {
                errors.add(line.length() > 300 ? line.substring(0, 300) + "..." : line);
            }
        }
        List<String> lines = new ArrayList<>(errors);
        for (String line : lines.subList(Math.max(0, lines.size() - 8), lines.size())) {
            out.println("    | " + line);
        }
    }

    private static int freeLoopbackPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
