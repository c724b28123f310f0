package io.iamledger.query.evaluator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Decisions per second on the differential corpus itself, one thread, so the figure compares with
 * {@code npm run bench} (iam-simulate on the same 8,200 cases). Requests are built and policies compiled once, as
 * the server's authorization index does; the loop times {@link PolicyEvaluator#decide} only. Not a test: run with
 * {@code mvn -B -q -pl query-side test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=io.iamledger.query.evaluator.CorpusThroughput}.
 */
public final class CorpusThroughput {
    private CorpusThroughput() {}

    public static void main(String[] args) throws IOException {
        List<AuthorizationRequest> requests = new ArrayList<>();
        for (String file : List.of("corpus.jsonl.gz", "corpus-holdout.jsonl.gz")) {
            for (JsonNode c : read(file)) {
                requests.add(DifferentialCorpusTest.request(c));
            }
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long sink = 0;
        for (int round = 0; round < 200; round++) { // warm-up
            for (AuthorizationRequest request : requests) {
                sink += PolicyEvaluator.decide(request).ordinal();
            }
        }
        long decisions = 0;
        long wallStart = System.nanoTime();
        long cpuStart = threads.getCurrentThreadCpuTime();
        while (System.nanoTime() - wallStart < 10_000_000_000L) {
            for (AuthorizationRequest request : requests) {
                sink += PolicyEvaluator.decide(request).ordinal();
            }
            decisions += requests.size();
        }
        double wall = (System.nanoTime() - wallStart) / 1e9;
        double cpu = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e9;
        System.out.printf("corpus: %,d cases; %,d decisions in %.1f s wall (%.1f s CPU): %,.0f decisions/s wall, "
                        + "%,.0f per CPU-second (sink %d)%n", requests.size(), decisions, wall, cpu, decisions / wall,
                decisions / cpu, sink % 10);
    }

    private static List<JsonNode> read(String file) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> cases = new ArrayList<>();
        try (InputStream raw = CorpusThroughput.class.getClassLoader()
                .getResourceAsStream("io/iamledger/query/evaluator/corpus/" + file);
             BufferedReader lines = new BufferedReader(
                     new InputStreamReader(new GZIPInputStream(raw), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (!line.isBlank()) {
                    cases.add(json.readTree(line));
                }
            }
        }
        return cases;
    }
}
