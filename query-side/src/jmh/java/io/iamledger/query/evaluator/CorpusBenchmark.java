package io.iamledger.query.evaluator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Single-threaded decisions on the differential corpus itself (the 8,200 cases of {@code DifferentialCorpusTest},
 * each a principal with at most ten identity policies, boundaries, session and resource policies, conditions),
 * visited in turn, so each decision meets a principal whose compiled policies are not in the CPU cache: the
 * figure a server deciding for many different callers sees. Requests are built and policies compiled once, as the
 * authorization index does, then compacted by a full collection (see {@link #setUp}). Targets (issue 3): at least
 * 1,000,000 decisions per second, p99 under 5 µs.
 */
@State(Scope.Thread)
@Fork(value = 3, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Threads(1)
@Warmup(iterations = 5, time = 3)
@Measurement(iterations = 5, time = 3)
public class CorpusBenchmark {
    private AuthorizationRequest[] requests;
    private int next;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        List<AuthorizationRequest> built = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        for (String file : List.of("corpus.jsonl.gz", "corpus-holdout.jsonl.gz")) {
            try (InputStream raw = CorpusBenchmark.class.getClassLoader()
                    .getResourceAsStream("io/iamledger/query/evaluator/corpus/" + file);
                 BufferedReader lines = new BufferedReader(new InputStreamReader(new GZIPInputStream(raw),
                         StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    if (!line.isBlank()) {
                        JsonNode c = json.readTree(line);
                        built.add(DifferentialCorpusTest.request(c));
                    }
                }
            }
        }
        requests = built.toArray(new AuthorizationRequest[0]);
        if (Boolean.parseBoolean(System.getProperty("corpus.compact", "true"))) {
            // Compiled policies live long in a server: once promoted, the collector has moved them out of the
            // garbage they were allocated among (here: the parsed corpus JSON). A full collection gives them that
            // layout now; -Dcorpus.compact=false measures them where they were allocated.
            System.gc();
        }
    }

    private AuthorizationRequest nextRequest() {
        int i = next + 1;
        next = i == requests.length ? 0 : i;
        return requests[next];
    }

    /** Decisions per second, cycling through every corpus case. */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public Decision decide() {
        return PolicyEvaluator.decide(nextRequest());
    }

    /** The same, sampled for latency percentiles. */
    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public Decision decideLatency() {
        return PolicyEvaluator.decide(nextRequest());
    }
}
