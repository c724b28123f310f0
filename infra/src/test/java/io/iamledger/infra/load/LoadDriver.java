package io.iamledger.infra.load;

import io.iamledger.infra.config.LedgerSettings;
import io.iamledger.infra.server.LedgerServer;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The load driver's entry point; {@code infra/load.sh} runs it on the test classpath. Every mode is bounded in time
 * (a watchdog ends a run that overruns), listens on loopback only, and stops the servers it started.
 *
 * <pre>
 * writes  [seconds=60] [clients=16]  --warmup=10 --sample-every=20 --watch-kafka (signing clients in this JVM)
 *         --client=sdk --targets=null,ledger,moto (the SDK in a JVM of its own, against each target in turn)
 *         --data-dir=DIR (default: fresh, deleted after)
 * sts     [seconds=30] [clients=16]  --warmup=10 --client=signing|sdk --phases=user,session,assume
 *                                    (GetCallerIdentity as a user and as a role session, then AssumeRole; each
 *                                    phase warmed up and measured)
 * history [events=1000000]           --users=9000 --roles=1000 --queries=1000
 *                                    --data-dir=DIR (default /tmp/iam-ledger-load/history, kept for the next run)
 * rebuild [events=200000]            --batch=2000[,500,...] --threads=4 --users-per-tx=50
 *                                    --data-dir=DIR (default /tmp/iam-ledger-load/rebuild, kept for the next run)
 * startup                            --jar=infra/target/iam-ledger.jar --timeout=180
 *                                    --classpath (the main class from this class path instead of the jar)
 * </pre>
 */
public final class LoadDriver {
    private LoadDriver() {}

    public static void main(String[] args) {
        int exit;
        try {
            exit = run(Options.parse(args), System.out);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            exit = 64;
        } catch (Exception e) {
            e.printStackTrace();
            exit = 2;
        }
        System.out.flush();
        // Kafka, Spring and the SDK leave non-daemon threads behind; the servers are closed by now
        System.exit(exit);
    }

    private static int run(Options options, PrintStream out) throws Exception {
        switch (options.mode()) {
            case "writes" -> {
                Duration duration = Duration.ofSeconds(options.positiveAt(0, "seconds", 60));
                int clients = Math.toIntExact(options.positiveAt(1, "clients", 16));
                Duration warmup = options.seconds("warmup", 10);
                WriteLoad.Client client =
                        WriteLoad.Client.valueOf(options.text("client").orElse("signing").toUpperCase(Locale.ROOT));
                Optional<Path> given = options.path("data-dir");
                if (client == WriteLoad.Client.SDK) {
                    List<String> targets = List.of(options.text("targets").orElse("null,ledger,moto").split(","));
                    watchdog(warmup.plus(duration).plusMinutes(2).multipliedBy(targets.size()).plusMinutes(5));
                    return new SdkWriteComparison(new SdkWriteComparison.Config(clients, warmup, duration, targets,
                            given)).run(out);
                }
                WriteLoad.Config config = new WriteLoad.Config(clients, warmup, duration,
                        Math.toIntExact(options.positive("sample-every", 20)), options.flag("watch-kafka"));
                watchdog(config.warmup().plus(duration).plusMinutes(5));
                Path dataDir = given.isPresent() ? given.get() : Files.createTempDirectory("iam-ledger-load-writes-");
                try (LedgerServer server = startServer(dataDir, out)) {
                    return new WriteLoad(server, config).run(out);
                } finally {
                    if (given.isEmpty()) {
                        deleteTree(dataDir);
                    }
                }
            }
            case "sts" -> {
                Duration duration = Duration.ofSeconds(options.positiveAt(0, "seconds", 30));
                int clients = Math.toIntExact(options.positiveAt(1, "clients", 16));
                StsLoad.Config config = new StsLoad.Config(clients, options.seconds("warmup", 10), duration,
                        WriteLoad.Client.valueOf(options.text("client").orElse("signing").toUpperCase(Locale.ROOT)),
                        List.of(options.text("phases").orElse("user,session,assume").split(",")));
                watchdog(config.warmup().plus(duration).multipliedBy(3).plusMinutes(5));
                Path dataDir = Files.createTempDirectory("iam-ledger-load-sts-");
                try (LedgerServer server = startServer(dataDir, out)) {
                    return new StsLoad(server, config).run(out);
                } finally {
                    deleteTree(dataDir);
                }
            }
            case "rebuild" -> {
                RebuildBench.Config config = new RebuildBench.Config(options.positiveAt(0, "events", 200_000),
                        options.positiveList("batch", List.of(2_000)),
                        Math.toIntExact(options.positive("threads", 4)),
                        Math.toIntExact(options.positive("users-per-tx", 50)));
                watchdog(Duration.ofMinutes(40));
                Path dataDir = options.path("data-dir").orElse(Path.of("/tmp/iam-ledger-load/rebuild"));
                try (LedgerServer server = startServer(dataDir, out)) {
                    return new RebuildBench(server, config).run(out);
                }
            }
            case "history" -> {
                HistoryBench.Config config = new HistoryBench.Config(
                        Math.toIntExact(options.positive("users", 9_000)),
                        Math.toIntExact(options.positive("roles", 1_000)),
                        options.positiveAt(0, "events", 1_000_000),
                        Math.toIntExact(options.positive("queries", 1_000)),
                        List.of(options.text("ask").orElse("can,timeline,who-can").split(",")));
                watchdog(Duration.ofMinutes(120));
                Path dataDir = options.path("data-dir").orElse(Path.of("/tmp/iam-ledger-load/history"));
                try (LedgerServer server = startServer(dataDir, out)) {
                    return new HistoryBench(server, config).run(out);
                }
            }
            case "startup" -> {
                Duration timeout = options.seconds("timeout", 180);
                watchdog(timeout.multipliedBy(2).plusMinutes(6));
                // --classpath: the same main class from the driver's class path, when the jar cannot be used
                Optional<Path> jar = options.flag("classpath") ? Optional.empty()
                        : Optional.of(options.path("jar").orElse(Path.of("infra/target/iam-ledger.jar").toAbsolutePath()));
                if (jar.isPresent() && !Files.isRegularFile(jar.get())) {
                    throw new IllegalArgumentException("jar not found: " + jar.get() + " (build it with mvn package)");
                }
                Path dataDir = Files.createTempDirectory("iam-ledger-load-startup-");
                try {
                    return new StartupBench(jar, timeout).run(dataDir.resolve("data"), out);
                } finally {
                    deleteTree(dataDir);
                }
            }
            default -> {
                out.println("usage: load.sh writes [seconds] [clients] | sts [seconds] [clients] | rebuild [events] | history [events] | startup   (see LoadDriver)");
                return options.mode().equals("help") ? 0 : 64;
            }
        }
    }

    /** Starts a server on a free loopback port; closed by the caller, or by a shutdown hook if the JVM stops first. */
    static LedgerServer startServer(Path dataDir, PrintStream out) {
        // LedgerServer binds 0.0.0.0 through a Spring default property; a system property takes precedence
        System.setProperty("server.address", "127.0.0.1");
        long t0 = System.nanoTime();
        // the caller's IAMLEDGER_* settings apply (e.g. IAMLEDGER_POSTGRES_SETTINGS), except where and how to listen
        Map<String, String> env = new HashMap<>();
        System.getenv().forEach((name, value) -> {
            if (name.startsWith("IAMLEDGER_")) {
                env.put(name, value);
            }
        });
        env.put("IAMLEDGER_DATA_DIR", dataDir.toString());
        env.put("IAMLEDGER_PORT", "0");
        LedgerServer server = LedgerServer.start(LedgerSettings.from(env));
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "load-server-stop"));
        out.printf(Locale.ROOT, "server up in %.1f s at %s, data directory %s%n", (System.nanoTime() - t0) / 1e9,
                server.endpoint(), dataDir);
        return server;
    }

    /** Ends the JVM (shutdown hooks stop the servers) if the run has not finished within {@code limit}. */
    private static void watchdog(Duration limit) {
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(limit.toMillis());
            } catch (InterruptedException e) {
                return;
            }
            System.err.println("load driver: still running after " + limit.toMinutes() + " min; thread dump follows, then exit");
            for (ThreadInfo info : ManagementFactory.getThreadMXBean().dumpAllThreads(false, false)) {
                System.err.print(info);
            }
            Thread halt = new Thread(() -> {
                try {
                    Thread.sleep(120_000);
                } catch (InterruptedException e) {
                    return;
                }
                Runtime.getRuntime().halt(3);
            }, "load-watchdog-halt");
            halt.setDaemon(true);
            halt.start();
            System.exit(3);
        }, "load-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }

    static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                    Files.delete(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + root, e);
        }
    }
}
