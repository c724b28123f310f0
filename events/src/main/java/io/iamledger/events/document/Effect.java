package io.iamledger.events.document;

/** A statement's {@code Effect}. */
public enum Effect {
    ALLOW("Allow"),
    DENY("Deny");

    private final String text;

    Effect(String text) {
        this.text = text;
    }

    /** The effect as written in a document: {@code Allow} or {@code Deny}. */
    public String text() {
        return text;
    }
}
