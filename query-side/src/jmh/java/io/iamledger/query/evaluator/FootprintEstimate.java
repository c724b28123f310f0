package io.iamledger.query.evaluator;

import java.util.ArrayList;
import java.util.List;

/**
 * A non-asserting main estimating the heap held per principal for the {@link EvaluatorBenchmark} workload (ten
 * identity-based policies and a boundary), by retaining many copies and measuring the heap after full GCs. Three
 * cases: every policy compiled for the principal alone; the four AWS managed policies shared (compiled once, as a
 * cache keyed by policy ARN and version would); every policy shared, leaving only the per-principal merged index.
 */
public final class FootprintEstimate {
    private static final int COPIES = 2_000;

    private FootprintEstimate() {
    }

    public static void main(String[] args) {
        List<CompiledPolicy> managed = List.of(EvaluatorBenchmark.Workload.managed("IAMUserChangePassword"),
                EvaluatorBenchmark.Workload.managed("AmazonS3ReadOnlyAccess"),
                EvaluatorBenchmark.Workload.managed("AmazonEC2ReadOnlyAccess"),
                EvaluatorBenchmark.Workload.managed("CloudWatchReadOnlyAccess"));
        CompiledPrincipalPolicies template = EvaluatorBenchmark.Workload.principalPolicies();
        List<CompiledPolicy> shared = template.identityPolicies();
        System.out.printf("statements: %d identity + %d boundary%n",
                shared.stream().mapToInt(CompiledPolicy::statementCount).sum(),
                template.permissionsBoundary().orElseThrow().statementCount());

        measure("all ten policies and the boundary compiled per principal", EvaluatorBenchmark.Workload::principalPolicies);
        measure("AWS managed policies shared, six customer policies and boundary per principal", () -> {
            CompiledPrincipalPolicies fresh = EvaluatorBenchmark.Workload.principalPolicies();
            CompiledPrincipalPolicies.Builder builder = CompiledPrincipalPolicies.builder().identityPolicies(managed);
            fresh.identityPolicies().subList(4, 10).forEach(builder::identityPolicy);
            return builder.permissionsBoundary(fresh.permissionsBoundary().orElseThrow()).build();
        });
        measure("every policy shared (merged index only)", () -> CompiledPrincipalPolicies.builder()
                .identityPolicies(shared).permissionsBoundary(template.permissionsBoundary().orElseThrow()).build());
    }

    private interface Factory {
        CompiledPrincipalPolicies make();
    }

    private static void measure(String what, Factory factory) {
        List<CompiledPrincipalPolicies> keep = new ArrayList<>(COPIES);
        long before = usedAfterGc();
        for (int i = 0; i < COPIES; i++) {
            keep.add(factory.make());
        }
        long after = usedAfterGc();
        System.out.printf("%s: about %,d bytes per principal%n", what, (after - before) / COPIES);
        if (keep.size() != COPIES) {
            throw new AssertionError();
        }
    }

    private static long usedAfterGc() {
        Runtime runtime = Runtime.getRuntime();
        for (int i = 0; i < 4; i++) {
            System.gc();
        }
        return runtime.totalMemory() - runtime.freeMemory();
    }
}
