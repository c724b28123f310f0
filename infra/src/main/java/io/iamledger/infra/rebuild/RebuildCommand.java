package io.iamledger.infra.rebuild;

import io.iamledger.infra.config.LedgerSettings;
import io.iamledger.infra.embedded.LocalPostgres;
import java.util.concurrent.Callable;
import org.postgresql.ds.PGSimpleDataSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code iam-ledger rebuild}: replays the whole log into fresh read-model tables and compares checksums with the
 * live tables. Exit code 0 when they are equal, 1 (with the differing tables) when not. With the embedded
 * default the server must be stopped first, since it owns the data directory's PostgreSQL.
 */
@Command(name = "rebuild", description = "Replay the event store into fresh read-model tables and compare them "
        + "with the live ones by checksum.")
public final class RebuildCommand implements Callable<Integer> {
    @Option(names = "--batch", description = "Events per transaction (default ${DEFAULT-VALUE}).")
    int batch = Rebuild.DEFAULT_BATCH;

    @Option(names = "--keep", description = "Keep the rebuilt schema (iam_rebuild) for inspection.")
    boolean keep;

    @Override
    public Integer call() throws Exception {
        LedgerSettings settings = LedgerSettings.fromEnvironment();
        LocalPostgres embedded = null;
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        try {
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
            Rebuild.Result result = new Rebuild(dataSource, LedgerSettings.READ_SCHEMA, "iam_rebuild", batch)
                    .run(System.err, keep);
            System.out.printf("replayed %,d events up to sequence %d in %.1f s (%,.0f events/s)%n", result.events(),
                    result.upToSequence(), result.elapsed().toMillis() / 1000.0, result.eventsPerSecond());
            System.out.println("live    checksum " + result.live().digest());
            System.out.println("rebuilt checksum " + result.rebuilt().digest());
            if (result.matches()) {
                System.out.println("OK: the rebuilt read model equals the live one");
                return 0;
            }
            System.err.println("MISMATCH: the rebuilt read model differs from the live one in tables "
                    + result.rebuilt().differingTables(result.live()));
            return 1;
        } finally {
            if (embedded != null) {
                embedded.close();
            }
        }
    }
}
