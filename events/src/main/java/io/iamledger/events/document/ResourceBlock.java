package io.iamledger.events.document;

import java.util.List;
import java.util.Objects;

/**
 * A statement's {@code Resource} or {@code NotResource} element: {@code *} or ARN patterns as written, with
 * {@code *} and {@code ?} wildcards and, when the document's version supports them, {@code ${...}} policy
 * variables. A validated document never has an empty list.
 *
 * @param negated true for {@code NotResource}
 * @param resources the resource patterns in document order, a single string being a list of one
 */
public record ResourceBlock(boolean negated, List<String> resources) {
    public ResourceBlock {
        resources = List.copyOf(Objects.requireNonNull(resources, "resources"));
    }
}
