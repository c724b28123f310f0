package io.iamledger.infra;

import io.iamledger.events.error.IamException;
import io.iamledger.infra.accounts.AccountCredentials;
import io.iamledger.infra.accounts.ProfileFiles;
import io.iamledger.infra.config.LedgerSettings;
import io.iamledger.infra.server.LedgerServer;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code iam-ledger account create}: makes an account while the server is stopped, by starting everything the
 * server starts but its HTTP endpoint, on the same data directory and configuration. A running server makes
 * accounts through {@code POST /v1/accounts} instead.
 */
@Command(name = "account", description = "Manage the server's accounts.",
        subcommands = AccountCommand.Create.class)
final class AccountCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing required subcommand: account create");
    }

    /** Exit codes: 0 created, 1 refused (the profile name), 2 the ledger could not be opened. */
    @Command(name = "create", description = "Create an account with a root access key, whose credentials go to a"
            + " new profile of <data dir>/credentials; prints the account id and the profile, never the secret."
            + " The server must be stopped (a running one creates accounts with POST /v1/accounts).")
    static final class Create implements Callable<Integer> {
        @Option(names = "--profile", description = "Name of the new profile (default account-<id>).")
        String profile;

        @Option(names = "--data-dir", description = "Data directory (default $IAMLEDGER_DATA_DIR, else ./data).")
        Path dataDir;

        private final PrintStream out;
        private final PrintStream err;

        Create() {
            this(System.out, System.err);
        }

        Create(PrintStream out, PrintStream err) {
            this.out = out;
            this.err = err;
        }

        @Override
        public Integer call() {
            Map<String, String> environment = new HashMap<>(System.getenv());
            if (dataDir != null) {
                environment.put("IAMLEDGER_DATA_DIR", dataDir.toString());
            }
            LedgerSettings settings = LedgerSettings.from(environment);
            Optional<String> name = Optional.ofNullable(profile);
            try {
                // refused before the ledger is started, which takes seconds
                name.ifPresent(ProfileFiles::requireValidName);
                name.ifPresent(ProfileFiles.in(settings.dataDir(), settings.region())::requireAbsent);
            } catch (IamException e) {
                err.println("account create: " + e.getMessage());
                return 1;
            }
            LedgerServer ledger;
            try {
                ledger = LedgerServer.startWithoutHttp(settings);
            } catch (RuntimeException e) {
                err.println("account create: cannot open the ledger in " + settings.dataDir() + ": " + e.getMessage()
                        + " (if the server is running, create the account with POST /v1/accounts)");
                return 2;
            }
            try (ledger) {
                AccountCredentials created = ledger.createAccount(name);
                out.println("account " + created.accountId() + " created: profile " + created.profile() + " in "
                        + settings.dataDir().resolve("credentials"));
                return 0;
            } catch (IamException e) {
                err.println("account create: " + e.getMessage());
                return 1;
            }
        }
    }
}
