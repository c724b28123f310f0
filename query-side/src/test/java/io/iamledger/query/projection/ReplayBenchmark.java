package io.iamledger.query.projection;

import io.iamledger.events.EventEnvelope;
import java.sql.Connection;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Replay speed into fresh tables, not a test: it asserts nothing about time. Run with
 * {@code mvn -B -q -o -pl query-side test -Dtest=ReplayBenchmark -Diamledger.benchmark=true}
 * (optionally {@code -Diamledger.benchmark.events=200000 -Diamledger.benchmark.batch=2000}). Prints events per
 * second and how the wall time splits between {@link Projector#apply} and the commits.
 */
@EnabledIfSystemProperty(named = "iamledger.benchmark", matches = "true")
class ReplayBenchmark {

    @Test
    void replayIntoFreshSchema() throws Exception {
        int events = Integer.getInteger("iamledger.benchmark.events", 200_000);
        int batch = Integer.getInteger("iamledger.benchmark.batch", 2_000);
        List<EventEnvelope> log = SyntheticLog.generate(42, 50, events);
        DataSource dataSource = TestDatabase.dataSource();
        // Warm up the JIT and the server's plan caches on a throwaway schema.
        EventLog.replay(dataSource, TestDatabase.freshSchema("warmup"), log.subList(0, Math.min(20_000, log.size())), batch);
        for (int round = 0; round < 2; round++) {
            String schema = TestDatabase.freshSchema("bench");
            Projector projector = new Projector(schema);
            long applyNanos = 0;
            long commitNanos = 0;
            int applied = 0;
            long start = System.nanoTime();
            try (Connection connection = dataSource.getConnection()) {
                connection.setAutoCommit(false);
                for (int from = 0; from < log.size(); from += batch) {
                    long t0 = System.nanoTime();
                    applied += projector.apply(connection, log.subList(from, Math.min(log.size(), from + batch))).applied();
                    long t1 = System.nanoTime();
                    connection.commit();
                    applyNanos += t1 - t0;
                    commitNanos += System.nanoTime() - t1;
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("replayed %d events (batch %d) in %.2f s: %.0f events/s (apply %.2f s, commit %.2f s)%n",
                    applied, batch, seconds, applied / seconds, applyNanos / 1e9, commitNanos / 1e9);
        }
    }
}
