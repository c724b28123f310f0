package io.iamledger.query.evaluator;

import java.util.Map;
import java.util.Optional;

/**
 * The differential corpus cases where this evaluator deliberately answers differently from the corpus's expected
 * decision, each with the AWS documentation passage that justifies our answer. Keep it short: every entry is a
 * claim that the oracle is wrong.
 */
final class CorpusKnownDifferences {
    private static final Map<String, String> CASES = Map.of();

    private CorpusKnownDifferences() {
    }

    static Optional<String> reason(String caseId) {
        return Optional.ofNullable(CASES.get(caseId));
    }
}
