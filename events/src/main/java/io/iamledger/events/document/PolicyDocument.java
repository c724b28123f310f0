package io.iamledger.events.document;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A policy document as read by {@link PolicyDocuments#read}: immutable, thread-safe, never holding nulls.
 *
 * @param version the {@code Version} element, {@link PolicyVersion#V2008_10_17} when the document has none
 * @param id the {@code Id} element as written, if any
 * @param statements the statements in document order; a document read from JSON has at least one
 */
public record PolicyDocument(PolicyVersion version, Optional<String> id, List<Statement> statements) {
    public PolicyDocument {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(id, "id");
        statements = List.copyOf(Objects.requireNonNull(statements, "statements"));
    }

    /**
     * Whether {@code ${...}} in resources and condition values are policy variables to substitute at evaluation
     * time; when false they are literal text.
     */
    public boolean variablesEnabled() {
        return version.supportsPolicyVariables();
    }
}
