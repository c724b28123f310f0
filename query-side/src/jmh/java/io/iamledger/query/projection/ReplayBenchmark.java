package io.iamledger.query.projection;

import io.iamledger.events.EventEnvelope;
import java.sql.Connection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Replay speed into fresh tables: {@link #EVENTS} synthetic events through {@link Projector#apply}, one transaction
 * per {@code batch}, into a new read-model schema on the embedded PostgreSQL, each invocation a fresh schema. The
 * score is time per event (invert it for events/s: 25 µs/op is 40,000 events/s). Run with
 * {@code mvn -B -Pjmh -pl query-side -DskipTests test-compile exec:exec -Djmh.args=ReplayBenchmark}
 * (optionally {@code -Djmh.args="ReplayBenchmark -p batch=500,2000"}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(1)
public class ReplayBenchmark {
    static final int EVENTS = 200_000;

    @Param("2000")
    public int batch;

    private List<EventEnvelope> log;
    private DataSource dataSource;
    private String schema;

    @Setup(Level.Trial)
    public void generate() {
        log = SyntheticLog.generate(42, 50, EVENTS);
        dataSource = TestDatabase.dataSource();
    }

    @Setup(Level.Invocation)
    public void freshSchema() {
        schema = TestDatabase.freshSchema("bench");
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public int replay() throws Exception {
        Projector projector = new Projector(schema);
        int applied = 0;
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            for (int from = 0; from < log.size(); from += batch) {
                applied += projector.apply(connection, log.subList(from, Math.min(log.size(), from + batch))).applied();
                connection.commit();
            }
        }
        if (applied != log.size()) {
            throw new IllegalStateException("applied " + applied + " of " + log.size() + " events");
        }
        return applied;
    }
}
