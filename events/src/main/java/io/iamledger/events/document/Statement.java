package io.iamledger.events.document;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One statement of a policy document.
 *
 * @param index the statement's 0-based position in the document's {@code Statement} array (0 for a single
 *     statement object)
 * @param sid the {@code Sid} as written, if any
 * @param effect the statement's effect
 * @param principal the {@code Principal} or {@code NotPrincipal} element; always empty in identity policies
 *     and always present in trust and resource policies
 * @param action the {@code Action} or {@code NotAction} element
 * @param resource the {@code Resource} or {@code NotResource} element; always present in identity policies,
 *     always empty in trust policies, optional in resource policies
 * @param conditions every operator/key pair of the {@code Condition} element in document order; empty for none
 * @param start where the statement's opening brace is in the source text
 * @param end the position just past the statement's closing brace
 */
public record Statement(
        int index,
        Optional<String> sid,
        Effect effect,
        Optional<PrincipalBlock> principal,
        ActionBlock action,
        Optional<ResourceBlock> resource,
        List<Condition> conditions,
        SourcePosition start,
        SourcePosition end) {
    public Statement {
        if (index < 0) {
            throw new IllegalArgumentException("index must not be negative: " + index);
        }
        Objects.requireNonNull(sid, "sid");
        Objects.requireNonNull(effect, "effect");
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(resource, "resource");
        conditions = List.copyOf(Objects.requireNonNull(conditions, "conditions"));
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
    }
}
