package io.iamledger.query.evaluator;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;

/**
 * A non-asserting main for a quick look without JMH: decisions per wall-clock and per CPU second over the
 * {@link EvaluatorBenchmark} workload, latency percentiles from batches of 64 decisions timed with
 * {@link System#nanoTime()}, allocation per decision (HotSpot's per-thread counter), and the outcome mix. Run by
 * hand; JMH's numbers are the ones to quote.
 */
public final class QuickThroughput {
    private QuickThroughput() {
    }

    public static void main(String[] args) {
        Principal principal = Principal.iamUser("arn:aws:iam::111122223333:user/dev/alice", "AIDAALICE")
                .withTags(Map.of("team", "payments"));
        CompiledPrincipalPolicies policies = EvaluatorBenchmark.Workload.principalPolicies();
        String[][] shapes = EvaluatorBenchmark.Workload.requestShapes();
        AuthorizationRequest[] requests = new AuthorizationRequest[shapes.length];
        Map<Decision, Integer> mix = new EnumMap<>(Decision.class);
        for (int i = 0; i < shapes.length; i++) {
            requests[i] = EvaluatorBenchmark.Workload.request(principal, policies, shapes[i]);
            mix.merge(PolicyEvaluator.decide(requests[i]), 1, Integer::sum);
        }
        System.out.println("outcomes over the 64 requests: " + mix);

        long sink = 0;
        for (int round = 0; round < 30; round++) {
            sink += run(requests, 1_000_000);
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        com.sun.management.ThreadMXBean hotspot = (com.sun.management.ThreadMXBean) threads;
        long tid = Thread.currentThread().getId();
        for (int round = 0; round < 5; round++) {
            long cpu0 = threads.getCurrentThreadCpuTime();
            long bytes0 = hotspot.getThreadAllocatedBytes(tid);
            long t0 = System.nanoTime();
            int n = 5_000_000;
            sink += run(requests, n);
            long wall = System.nanoTime() - t0;
            long cpu = threads.getCurrentThreadCpuTime() - cpu0;
            long bytes = hotspot.getThreadAllocatedBytes(tid) - bytes0;
            System.out.printf("round %d: %,.0f decisions/s wall, %,.0f decisions/CPU-s, %.1f bytes allocated/decision%n",
                    round, n * 1e9 / wall, n * 1e9 / cpu, (double) bytes / n);
        }

        int batches = 200_000;
        long[] perDecision = new long[batches];
        for (int b = 0; b < batches; b++) {
            long t0 = System.nanoTime();
            for (AuthorizationRequest request : requests) {
                sink += PolicyEvaluator.decide(request).ordinal();
            }
            perDecision[b] = (System.nanoTime() - t0) / requests.length;
        }
        Arrays.sort(perDecision);
        System.out.printf("per decision (mean of a batch of 64): p50 %d ns, p99 %d ns, p99.9 %d ns, max %d ns%n",
                perDecision[batches / 2], perDecision[batches * 99 / 100], perDecision[batches * 999 / 1000],
                perDecision[batches - 1]);

        long t0 = System.nanoTime();
        int n = 2_000_000;
        for (int i = 0; i < n; i++) {
            sink += PolicyEvaluator.decide(EvaluatorBenchmark.Workload.request(principal, policies, shapes[i & 63])).ordinal();
        }
        System.out.printf("build request + decide: %,.0f/s%n", n * 1e9 / (System.nanoTime() - t0));
        t0 = System.nanoTime();
        n = 500_000;
        for (int i = 0; i < n; i++) {
            sink += PolicyEvaluator.evaluate(requests[i & 63]).matchedStatements().size();
        }
        System.out.printf("evaluate + explain: %,.0f/s%n", n * 1e9 / (System.nanoTime() - t0));
        System.out.println("(sink " + sink + ")");
    }

    private static long run(AuthorizationRequest[] requests, int n) {
        long sink = 0;
        for (int i = 0; i < n; i++) {
            sink += PolicyEvaluator.decide(requests[i & 63]).ordinal();
        }
        return sink;
    }
}
