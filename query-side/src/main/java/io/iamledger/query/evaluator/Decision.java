package io.iamledger.query.evaluator;

/**
 * The outcome of evaluating a request, with the names AWS's policy simulator uses on the wire
 * ({@code EvalDecision}: {@code allowed}, {@code explicitDeny}, {@code implicitDeny}).
 */
public enum Decision {
    /** An applicable {@code Allow} grants the request and nothing denies it. */
    ALLOWED("allowed"),
    /** An applicable {@code Deny} statement in some policy denies the request; nothing can override it. */
    EXPLICIT_DENY("explicitDeny"),
    /** Nothing denies the request, but the policies that must allow it do not. */
    IMPLICIT_DENY("implicitDeny");

    private final String wireName;

    Decision(String wireName) {
        this.wireName = wireName;
    }

    /** The name AWS's simulator uses, e.g. {@code explicitDeny}. */
    public String wireName() {
        return wireName;
    }

    /** Whether this is {@link #ALLOWED}. */
    public boolean isAllowed() {
        return this == ALLOWED;
    }
}
