package io.iamledger.events.document;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A statement's {@code Principal} or {@code NotPrincipal} element: either the bare {@code "*"} (anyone) or
 * principal values grouped by type. Values are kept as written; {@code {"AWS":"*"}} is a map entry, not
 * {@link #anyone()}.
 *
 * @param negated true for {@code NotPrincipal}
 * @param anyone true when the element is the string {@code "*"}; then {@code principals} is empty
 * @param principals values by type in {@link PrincipalType} order, each list in document order and non-empty
 *     in a validated document; unmodifiable
 */
public record PrincipalBlock(boolean negated, boolean anyone, Map<PrincipalType, List<String>> principals) {
    public PrincipalBlock {
        Objects.requireNonNull(principals, "principals");
        if (anyone && !principals.isEmpty()) {
            throw new IllegalArgumentException("a \"*\" principal has no typed values");
        }
        EnumMap<PrincipalType, List<String>> copy = new EnumMap<>(PrincipalType.class);
        principals.forEach((type, values) -> copy.put(Objects.requireNonNull(type, "type"), List.copyOf(values)));
        principals = Collections.unmodifiableMap(copy);
    }

    /** The bare {@code "*"} principal, or its negation. */
    public static PrincipalBlock anyone(boolean negated) {
        return new PrincipalBlock(negated, true, Map.of());
    }

    /** The values of one type, empty when the element names none of that type. */
    public List<String> principals(PrincipalType type) {
        return principals.getOrDefault(type, List.of());
    }
}
