package io.iamledger.events.document;

import java.util.Optional;

/** The policy language version named by a document's {@code Version} element. */
public enum PolicyVersion {
    /** The original version, and what AWS assumes when a document has no {@code Version}. Policy variables are literal text. */
    V2008_10_17("2008-10-17"),
    /** The current version; {@code ${...}} in resources and condition values are policy variables. */
    V2012_10_17("2012-10-17");

    private final String text;

    PolicyVersion(String text) {
        this.text = text;
    }

    /** The version as written in a document, e.g. {@code 2012-10-17}. */
    public String text() {
        return text;
    }

    /** Whether {@code ${...}} in resources and condition values are substituted at evaluation time. */
    public boolean supportsPolicyVariables() {
        return this == V2012_10_17;
    }

    /** The version written exactly as {@code text}, or empty for any other string. */
    public static Optional<PolicyVersion> fromText(String text) {
        for (PolicyVersion version : values()) {
            if (version.text.equals(text)) {
                return Optional.of(version);
            }
        }
        return Optional.empty();
    }
}
