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

    /**
     * Not a difference in evaluation but in reading: the events module's validator rejects Resource/NotResource
     * entries with fewer than six colon-separated parts ({@code arn:aws:lambda:us-east-1:111111111*}), which the
     * corpus uses (1,334 cases at the time of writing). AWS's Resource page documents such patterns ("If the *
     * wildcard is the last character of a resource ARN segment, it can expand to match beyond the colon
     * boundaries"), and moto's validator, modelled on AWS's responses, accepts them unless they contain
     * {@code ::} before the fifth colon. Whether to accept them is the reader's decision; meanwhile the corpus test
     * evaluates such documents as written so the evaluator is checked on them (see
     * {@link DifferentialCorpusTest#document}).
     */
    static final String SHORT_RESOURCE_ARNS = "short resource ARNs are read leniently by the corpus test";

    private CorpusKnownDifferences() {
    }

    static Optional<String> reason(String caseId) {
        return Optional.ofNullable(CASES.get(caseId));
    }
}
