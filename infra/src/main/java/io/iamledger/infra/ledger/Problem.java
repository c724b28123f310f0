package io.iamledger.infra.ledger;

import java.util.Objects;

/**
 * One finding of {@code verify-log}.
 *
 * @param kind    the classification
 * @param subject the row or checkpoint it concerns, as a report names it ({@code audit record 1234 (event id ...)},
 *                {@code checkpoint 7})
 * @param index   the row's index in its chain, or the checkpoint id for {@link Tampering#BAD_SIGNATURE}
 * @param detail  why, in a sentence
 */
public record Problem(Tampering kind, String subject, long index, String detail) {
    public Problem {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(detail, "detail");
    }

    /** The report line: {@code ALTERED: audit record 1234 (event id ...): its hash does not match its contents}. */
    public String line() {
        return kind + ": " + subject + ": " + detail;
    }
}
