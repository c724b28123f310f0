package io.iamledger.infra;

import io.iamledger.infra.config.LedgerSettings;
import io.iamledger.infra.history.HistoryCommands;
import io.iamledger.infra.ledger.VerifyLogCommand;
import io.iamledger.infra.rebuild.RebuildCommand;
import io.iamledger.infra.server.LedgerServer;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The executable jar {@code iam-ledger.jar}. Subcommands share the configuration read from the environment
 * ({@link LedgerSettings}); {@code serve} is the default.
 */
@Command(name = "iam-ledger", mixinStandardHelpOptions = true, version = "iam-ledger 0.1.0",
        description = "An event-sourced AWS IAM store with a verifiable audit trail.",
        subcommands = {IamLedger.Serve.class, AccountCommand.class, RebuildCommand.class, VerifyLogCommand.class,
            HistoryCommands.Can.class, HistoryCommands.WhoCan.class, HistoryCommands.Timeline.class,
            HistoryCommands.Diff.class, HistoryCommands.State.class})
public final class IamLedger implements Callable<Integer> {

    public static void main(String[] args) {
        System.setProperty("axoniq.update-checker.disabled", "true");
        int exit = new CommandLine(new IamLedger()).execute(args);
        if (exit != 0) {
            System.exit(exit);
        }
    }

    @Override
    public Integer call() throws Exception {
        return new Serve().call();
    }

    @Command(name = "serve", description = "Start the server (embedded PostgreSQL and Kafka unless configured).")
    static final class Serve implements Callable<Integer> {
        @Override
        public Integer call() throws Exception {
            long startNanos = System.nanoTime();
            LedgerSettings settings = LedgerSettings.fromEnvironment();
            LedgerServer server = LedgerServer.start(settings);
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                server.close();
                stopped.countDown();
            }, "iam-ledger-shutdown"));
            System.out.printf("IAM Ledger ready in %.1f s: http://localhost:%d (account %s)%n"
                            + "Credentials: %s (profile iamledger)%n",
                    (System.nanoTime() - startNanos) / 1e9, server.port(), server.accountId(),
                    settings.dataDir().resolve("credentials"));
            stopped.await();
            return 0;
        }
    }
}
