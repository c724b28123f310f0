package io.iamledger.infra.rebuild;

import io.iamledger.infra.config.LedgerSettings;
import io.iamledger.infra.embedded.LocalPostgres;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.postgresql.ds.PGSimpleDataSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code iam-ledger rebuild}: replays the whole log into fresh read-model tables and compares checksums with the
 * live tables. With {@code --to T} ({@code replay --to T}), only the events up to T, compared with the live model's
 * history as of then, and also replayed into an empty in-memory model whose state of every account is compared with
 * the temporal read model's state as of T. Exit code 0 when everything agrees, 1 (with the differing tables, or the
 * first differing path of the state) when not. With the embedded default the server must be stopped first, since
 * it owns the data directory's PostgreSQL.
 */
@Command(name = "rebuild", aliases = "replay", description = "Replay the event store into fresh read-model tables"
        + " and compare them with the live ones by checksum; with --to, only the events up to an instant, compared"
        + " with the live model's history as of then, and also replayed into memory and compared, account by"
        + " account, with the temporal read model's state as of then.")
public final class RebuildCommand implements Callable<Integer> {
    @Option(names = "--batch", description = "Events per transaction (default ${DEFAULT-VALUE}).")
    int batch = Rebuild.DEFAULT_BATCH;

    @Option(names = "--keep", description = "Keep the rebuilt schema (iam_rebuild) for inspection.")
    boolean keep;

    @Option(names = "--to", description = "ISO-8601 instant: replay up to the last event at or before it.")
    String to;

    @Override
    public Integer call() throws Exception {
        Optional<Instant> upTo;
        try {
            upTo = to == null ? Optional.empty() : Optional.of(OffsetDateTime.parse(to).toInstant());
        } catch (DateTimeParseException e) {
            System.err.println("replay: --to " + to + " is not an ISO-8601 instant such as 2026-03-03T14:00:00Z");
            return 2;
        }
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
                    .run(System.err, keep, upTo);
            System.out.printf("replayed %,d events up to sequence %d in %.1f s (%,.0f events/s)%n", result.events(),
                    result.upToSequence(), result.elapsed().toMillis() / 1000.0, result.eventsPerSecond());
            upTo.ifPresent(instant -> System.out.println("the state as of " + instant + " is the state after event "
                    + result.upToSequence() + ", the last one that occurred by then"));
            System.out.println("live    checksum " + result.live().digest());
            System.out.println("rebuilt checksum " + result.rebuilt().digest());
            if (!result.matches()) {
                System.err.println("MISMATCH: the rebuilt read model differs from the live one in tables "
                        + result.rebuilt().differingTables(result.live()));
            }
            result.inMemory().ifPresent(comparison -> {
                if (comparison.eventsAfterTo() > 0) {
                    System.out.println("note: " + comparison.eventsAfterTo() + " replayed events occurred after "
                            + upTo.get() + " but were committed before the last one that occurred by then");
                }
                comparison.difference().ifPresentOrElse(
                        difference -> System.err.println("MISMATCH: the in-memory replay differs from the temporal"
                                + " read model as of " + upTo.get() + " at " + difference.describe()),
                        () -> System.out.println("in-memory replay: " + comparison.accounts() + " accounts as of "
                                + upTo.get() + " equal to the temporal read model's state"));
            });
            if (result.agrees()) {
                System.out.println(upTo.isPresent()
                        ? "OK: both replays agree with the temporal read model as of " + upTo.get()
                        : "OK: the rebuilt read model equals the live one");
                return 0;
            }
            return 1;
        } finally {
            if (embedded != null) {
                embedded.close();
            }
        }
    }
}
