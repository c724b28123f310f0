package io.iamledger.events.document;

import java.util.List;
import java.util.Objects;

/**
 * A statement's {@code Action} or {@code NotAction} element. Each action is {@code *} or {@code vendor:name}
 * as written; {@code *} and {@code ?} in the name are wildcards and matching is case-insensitive (the
 * evaluator's job). A validated document always has at least one action per statement.
 *
 * @param negated true for {@code NotAction}
 * @param actions the action patterns in document order, a single string being a list of one
 */
public record ActionBlock(boolean negated, List<String> actions) {
    public ActionBlock {
        actions = List.copyOf(Objects.requireNonNull(actions, "actions"));
    }
}
