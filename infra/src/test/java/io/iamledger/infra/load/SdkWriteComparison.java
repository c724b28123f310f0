package io.iamledger.infra.load;

import io.iamledger.infra.server.LedgerServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The write figure as users see it ({@code writes --client=sdk}): the same SDK load ({@link SdkLoadClient}, in a
 * JVM of its own) against each target in turn, one at a time on the same machine, each with a fresh client JVM,
 * the same warm-up and the same window:
 * <ul>
 *   <li>{@code null}: {@link NullIamServer}, which answers every call with a fixed response, in this JVM: the
 *       client side's own ceiling here;</li>
 *   <li>{@code ledger}: IAM Ledger as {@code serve} runs it (embedded PostgreSQL, in-process Kafka), in this JVM;</li>
 *   <li>{@code moto}: {@code moto_server} (Python), when it is installed, with AWS managed policies loaded so that
 *       AttachUserPolicy of ReadOnlyAccess works there too.</li>
 * </ul>
 * The report puts the three side by side: requests/s and latency, the ratio of each to the ceiling, and CPU per call
 * split between the client JVM and the server.
 */
final class SdkWriteComparison {

    /**
     * @param clients  concurrent SDK clients in the client JVM
     * @param warmup   per target, excluded from the figures
     * @param duration the measured window of each target
     * @param targets  which targets to run, in order, of {@code null}, {@code ledger} and {@code moto}
     * @param dataDir  the ledger's data directory (a fresh temporary one when empty)
     */
    record Config(int clients, Duration warmup, Duration duration, List<String> targets, Optional<Path> dataDir) {}

    /** What one target measured; latencies in microseconds. */
    private record Outcome(String target, long calls, long failed, double seconds, long p50, long p90, long p99,
                           double machineCores) {
        double requestsPerSecond() {
            return calls / seconds;
        }
    }

    private static final String MOTO_POLICY_SETTING = "MOTO_IAM_LOAD_MANAGED_POLICIES";
    private static final Duration GAUGE_INTERVAL = Duration.ofMillis(500);

    private final Config config;

    SdkWriteComparison(Config config) {
        this.config = config;
    }

    /** Runs every target and prints the comparison; returns 0, or 1 when a call failed or a target could not run. */
    int run(PrintStream out) throws Exception {
        out.printf(Locale.ROOT, "writes through the AWS SDK for Java v2 in its own JVM: %d clients, warm-up %d s, then "
                        + "%d s measured, per target: %s (load average %s)%n", config.clients(),
                config.warmup().toSeconds(), config.duration().toSeconds(), String.join(", ", config.targets()),
                CpuMeter.loadAverage());
        List<Outcome> outcomes = new ArrayList<>();
        boolean complete = true;
        for (String target : config.targets()) {
            Optional<Outcome> outcome = switch (target) {
                case "null" -> againstNullServer(out);
                case "ledger" -> againstLedger(out);
                case "moto" -> againstMoto(out);
                default -> throw new IllegalArgumentException("targets: unknown target '" + target
                        + "' (null, ledger or moto)");
            };
            outcome.ifPresent(outcomes::add);
            complete &= outcome.isPresent() && outcome.get().failed() == 0;
        }
        report(out, outcomes);
        return complete ? 0 : 1;
    }

    private Optional<Outcome> againstNullServer(PrintStream out) throws Exception {
        try (NullIamServer server = NullIamServer.start(config.clients())) {
            out.printf(Locale.ROOT, "%n---- null server (the JDK's HTTP server, fixed responses) at %s%n",
                    server.endpoint());
            return drive(out, "null server", server.endpoint(), "AKIANULLSERVER000000", "null-server-secret",
                    WriteLoad.POLICY_ARN, Optional.empty(), null);
        }
    }

    private Optional<Outcome> againstLedger(PrintStream out) throws Exception {
        Optional<Path> given = config.dataDir();
        Path dataDir = given.isPresent() ? given.get() : Files.createTempDirectory("iam-ledger-load-sdk-");
        try (LedgerServer server = LoadDriver.startServer(dataDir, out)) {
            out.printf(Locale.ROOT, "%n---- IAM Ledger at %s%n", server.endpoint());
            return drive(out, "IAM Ledger", server.endpoint(), server.rootAccessKeyId(), server.rootSecretAccessKey(),
                    WriteLoad.POLICY_ARN, Optional.empty(), server);
        } finally {
            if (given.isEmpty()) {
                LoadDriver.deleteTree(dataDir);
            }
        }
    }

    private Optional<Outcome> againstMoto(PrintStream out) throws Exception {
        Optional<Path> executable = onPath(System.getenv().getOrDefault("LOAD_MOTO_SERVER", "moto_server"));
        if (executable.isEmpty()) {
            out.println();
            out.println("---- moto: moto_server not found on PATH (pip install 'moto[server]'); skipped");
            return Optional.empty();
        }
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        ProcessBuilder builder = new ProcessBuilder(executable.get().toString(), "-H", "127.0.0.1", "-p",
                String.valueOf(port)).redirectErrorStream(true).redirectOutput(Path.of(
                System.getProperty("java.io.tmpdir"), "iam-ledger-load-moto-" + port + ".log").toFile());
        builder.environment().put(MOTO_POLICY_SETTING, "true");
        Process moto = builder.start();
        try {
            URI endpoint = URI.create("http://127.0.0.1:" + port);
            awaitListening(port, moto, Duration.ofSeconds(60));
            out.printf(Locale.ROOT, "%n---- moto_server (%s=true) at %s, pid %d%n", MOTO_POLICY_SETTING, endpoint,
                    moto.pid());
            return drive(out, "moto", endpoint, "AKIAMOTOLOADTEST0000", "moto-load-secret", WriteLoad.POLICY_ARN,
                    Optional.of(moto.toHandle()), null);
        } finally {
            moto.descendants().forEach(ProcessHandle::destroy);
            moto.destroy();
            if (!moto.waitFor(10, TimeUnit.SECONDS)) {
                moto.descendants().forEach(ProcessHandle::destroyForcibly);
                moto.destroyForcibly();
            }
        }
    }

    /**
     * Starts a client JVM against {@code endpoint}, echoes its report, and measures CPU and (for the ledger) the
     * server's gauges over its window.
     */
    private Optional<Outcome> drive(PrintStream out, String target, URI endpoint, String accessKeyId,
                                    String secretAccessKey, String policyArn, Optional<ProcessHandle> serverProcess,
                                    LedgerServer ledger) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String option : System.getenv().getOrDefault("LOAD_CLIENT_JAVA_OPTS", "-Xms256m -Xmx1g").trim()
                .split("\\s+")) {
            if (!option.isEmpty()) {
                command.add(option);
            }
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), SdkLoadClient.class.getName(),
                endpoint.toString(), String.valueOf(config.duration().toSeconds()), String.valueOf(config.clients()),
                String.valueOf(config.warmup().toSeconds()), policyArn));
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
        // the credentials go through the environment, as the SDK's users pass them, not through the command line
        builder.environment().put("AWS_ACCESS_KEY_ID", accessKeyId);
        builder.environment().put("AWS_SECRET_ACCESS_KEY", secretAccessKey);
        Process client = builder.start();
        // no PostgreSQL without the ledger: a directory that does not exist holds no postmaster.pid, so it counts 0
        CpuMeter cpu = new CpuMeter(ledger != null ? ledger.settings().dataDir().resolve("postgres")
                : Path.of("/nonexistent"));
        CpuMeter.Snapshot before = null;
        CpuMeter.Snapshot after = null;
        long[] processTicksBefore = new long[2];
        long[] processTicksAfter = new long[2];
        ServerGauges gauges = null;
        List<String> serverFigures = List.of();
        Map<String, String> result = null;
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(client.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.equals(SdkLoadClient.WINDOW_START)) {
                    before = cpu.take();
                    processTicksBefore = processTicks(client.toHandle(), serverProcess);
                    if (ledger != null) {
                        // the null server and moto are not sampled: sampling costs the ledger's JVM and PostgreSQL
                        // CPU (about 7% of its JVM's at every 100 ms), so sample seldom enough not to matter
                        gauges = new ServerGauges(ledger.context(), GAUGE_INTERVAL);
                        gauges.start();
                    }
                } else if (line.equals(SdkLoadClient.WINDOW_END)) {
                    after = cpu.take();
                    processTicksAfter = processTicks(client.toHandle(), serverProcess);
                    if (gauges != null) {
                        serverFigures = gauges.stop();
                    }
                } else if (line.startsWith(SdkLoadClient.RESULT + " ")) {
                    result = parse(line);
                } else {
                    out.println("  " + line);
                }
            }
        } finally {
            if (!client.waitFor(60, TimeUnit.SECONDS)) {
                client.destroyForcibly();
            }
        }
        if (result == null || before == null || after == null) {
            out.printf(Locale.ROOT, "  the client JVM ended (exit %d) without a result%n", client.exitValue());
            return Optional.empty();
        }
        double seconds = (after.wallNanos() - before.wallNanos()) / 1e9;
        double machine = (after.machineBusyTicks() - before.machineBusyTicks()) / CpuMeter.TICKS_PER_SECOND / seconds;
        double clientCores = (processTicksAfter[0] - processTicksBefore[0]) / CpuMeter.TICKS_PER_SECOND / seconds;
        double[] jvmAndPostgres = CpuMeter.jvmAndPostgresCores(before, after);
        double otherServer = (processTicksAfter[1] - processTicksBefore[1]) / CpuMeter.TICKS_PER_SECOND / seconds;
        double serverCores = serverProcess.isPresent() ? otherServer : jvmAndPostgres[0] + jvmAndPostgres[1];
        String server = serverProcess.isPresent() ? "moto_server" : ledger == null ? "server JVM"
                : String.format(Locale.ROOT, "server JVM %.2f + PostgreSQL %.2f =", jvmAndPostgres[0], jvmAndPostgres[1]);
        out.printf(Locale.ROOT, "  CPU busy %.2f of %d cores: client JVM %.2f, %s %.2f, everything else %.2f%n",
                machine, Runtime.getRuntime().availableProcessors(), clientCores, server, serverCores,
                Math.max(0, machine - clientCores - serverCores));
        Outcome outcome = new Outcome(target, Long.parseLong(result.get("calls")), Long.parseLong(result.get("failed")),
                Double.parseDouble(result.get("seconds")), Long.parseLong(result.get("p50")),
                Long.parseLong(result.get("p90")), Long.parseLong(result.get("p99")), machine);
        double callsPerSecond = Math.max(1e-9, outcome.requestsPerSecond());
        out.printf(Locale.ROOT, "  CPU per call: client JVM %.2f ms, server %.2f ms%n",
                1000 * clientCores / callsPerSecond, 1000 * serverCores / callsPerSecond);
        for (String line : serverFigures) {
            out.println("  " + line);
        }
        return Optional.of(outcome);
    }

    private static long[] processTicks(ProcessHandle client, Optional<ProcessHandle> server) {
        return new long[] {CpuMeter.processTreeTicks(client),
                server.map(CpuMeter::processTreeTicks).orElse(0L)};
    }

    private static Map<String, String> parse(String line) {
        Map<String, String> values = new HashMap<>();
        for (String part : line.substring(SdkLoadClient.RESULT.length() + 1).split(" ")) {
            int eq = part.indexOf('=');
            values.put(part.substring(0, eq), part.substring(eq + 1));
        }
        return values;
    }

    private void report(PrintStream out, List<Outcome> outcomes) {
        out.println();
        out.printf(Locale.ROOT, "==== writes through the AWS SDK in its own JVM: %d clients, %d s measured per target "
                + "====%n", config.clients(), config.duration().toSeconds());
        Optional<Outcome> ceiling = outcomes.stream().filter(o -> o.target().equals("null server")).findFirst();
        Optional<Outcome> moto = outcomes.stream().filter(o -> o.target().equals("moto")).findFirst();
        out.printf(Locale.ROOT, "%-12s %11s %9s %9s %9s %7s %13s %14s %11s%n", "target", "requests/s", "p50", "p90",
                "p99", "failed", "of ceiling", "p99/ceiling's", "CPU/call");
        for (Outcome o : outcomes) {
            String ofCeiling = ceiling.map(c -> String.format(Locale.ROOT, "%.0f%%",
                    100 * o.requestsPerSecond() / c.requestsPerSecond())).orElse("-");
            String p99Ratio = ceiling.map(c -> String.format(Locale.ROOT, "%.1f×", (double) o.p99() / c.p99()))
                    .orElse("-");
            double cpuPerCall = 1000 * o.machineCores() / Math.max(1e-9, o.requestsPerSecond());
            out.printf(Locale.ROOT, "%-12s %,11.0f %9s %9s %9s %,7d %13s %14s %8.2f ms%n", o.target(),
                    o.requestsPerSecond(), Latency.ms(o.p50()), Latency.ms(o.p90()), Latency.ms(o.p99()), o.failed(),
                    ofCeiling, p99Ratio, cpuPerCall);
        }
        Optional<Outcome> ledger = outcomes.stream().filter(o -> o.target().equals("IAM Ledger")).findFirst();
        if (ledger.isPresent() && moto.isPresent()) {
            out.printf(Locale.ROOT, "IAM Ledger / moto: %.2f× the requests/s, %.2f× the p99%n",
                    ledger.get().requestsPerSecond() / moto.get().requestsPerSecond(),
                    (double) ledger.get().p99() / moto.get().p99());
        }
        out.println("(CPU/call: the whole machine's busy CPU over the window per call, client and server together)");
    }

    private static Optional<Path> onPath(String name) {
        if (name.contains("/")) {
            Path path = Path.of(name);
            return Files.isExecutable(path) ? Optional.of(path) : Optional.empty();
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, name);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static void awaitListening(int port, Process process, Duration limit) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("moto_server exited with " + process.exitValue() + " before listening");
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
                return;
            } catch (IOException notYet) {
                Thread.sleep(200);
            }
        }
        throw new IOException("moto_server did not listen on port " + port + " within " + limit.toSeconds() + " s");
    }
}
