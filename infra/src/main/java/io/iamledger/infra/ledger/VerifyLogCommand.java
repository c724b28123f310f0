package io.iamledger.infra.ledger;

import io.iamledger.infra.config.LedgerSettings;
import io.iamledger.infra.embedded.LocalPostgres;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.postgresql.ds.PGSimpleDataSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code iam-ledger verify-log}: verifies every checkpoint's signature, both hash chains, and their agreement, on
 * the external database ({@code IAMLEDGER_JDBC_URL}) or the data directory's embedded one (the server must then be
 * stopped, since it owns it). Needs only the public key. Exit code 0 when the logs are intact, 1 when tampering
 * was found (each finding on its own line, the first one first), 2 for a usage, key or connection error.
 */
@Command(name = "verify-log", description = "Verify the hash chains of the event log and the audit trail and "
        + "the signed checkpoints over them.")
public final class VerifyLogCommand implements Callable<Integer> {
    static final int INTACT = 0;
    static final int TAMPERED = 1;
    static final int ERROR = 2;

    @Option(names = "--public-key", paramLabel = "FILE",
            description = "PEM public key of the checkpoints (default <data dir>/" + CheckpointSigner.PUBLIC_KEY_FILE
                    + ").")
    Path publicKey;

    @Override
    public Integer call() {
        LedgerSettings settings;
        try {
            settings = LedgerSettings.fromEnvironment();
        } catch (IllegalArgumentException e) {
            System.err.println("verify-log: " + e.getMessage());
            return ERROR;
        }
        return run(settings, publicKey, System.out, System.err);
    }

    /** The command on given settings, for tests: returns the exit code. */
    public static int run(LedgerSettings settings, Path publicKeyFile, PrintStream out, PrintStream err) {
        Path keyFile = publicKeyFile != null ? publicKeyFile
                : settings.dataDir().resolve(CheckpointSigner.PUBLIC_KEY_FILE);
        PublicKey key;
        try {
            if (!Files.isRegularFile(keyFile)) {
                err.println("verify-log: no public key at " + keyFile + " (give one with --public-key FILE)");
                return ERROR;
            }
            key = CheckpointSigner.readPublicKey(keyFile);
        } catch (IOException | IllegalArgumentException e) {
            err.println("verify-log: cannot read the public key: " + e.getMessage());
            return ERROR;
        }
        LocalPostgres embedded = null;
        try {
            PGSimpleDataSource dataSource = new PGSimpleDataSource();
            if (settings.jdbcUrl().isPresent()) {
                dataSource.setUrl(settings.jdbcUrl().get());
                dataSource.setUser(settings.jdbcUser());
                dataSource.setPassword(settings.jdbcPassword());
            } else {
                embedded = LocalPostgres.builder(settings.dataDir()).start();
                dataSource.setUrl(embedded.jdbcUrl());
                dataSource.setUser(embedded.user());
                dataSource.setPassword(embedded.password());
            }
            LogVerifier.Report report;
            try (Connection connection = dataSource.getConnection()) {
                report = LogVerifier.verify(connection, key);
            }
            print(report, CheckpointSigner.fingerprint(key), out);
            return report.intact() ? INTACT : TAMPERED;
        } catch (SQLException e) {
            // the message names the failing statement or host, never the password
            err.println("verify-log: cannot read the logs: " + e.getMessage());
            return ERROR;
        } catch (RuntimeException e) {
            err.println("verify-log: cannot open the database: " + e.getMessage());
            return ERROR;
        } finally {
            if (embedded != null) {
                embedded.close();
            }
        }
    }

    static void print(LogVerifier.Report report, String fingerprint, PrintStream out) {
        out.printf(Locale.ROOT, "verified %,d events, %,d audit records and %,d checkpoint(s) (key %s) in %.2f s:"
                        + " %,.0f records/s%n", report.events().rows(), report.audit().rows(), report.checkpoints(),
                fingerprint, report.elapsed().toNanos() / 1e9, report.recordsPerSecond());
        if (report.events().unchainedRows() > 0) {
            out.printf(Locale.ROOT, "%,d leading events predate the chain (no chain columns)%n",
                    report.events().unchainedRows());
        }
        if (report.checkpoints() == 0) {
            out.println("no checkpoints yet: removal of a chain's last rows cannot be detected");
        }
        if (report.intact()) {
            out.println("OK: both chains are intact and agree with every checkpoint");
            return;
        }
        for (Problem problem : report.problems()) {
            out.println(problem.line());
        }
    }
}
