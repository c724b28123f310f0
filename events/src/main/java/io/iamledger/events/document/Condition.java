package io.iamledger.events.document;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One condition of a statement: an operator, a context key and the values it is compared with. A statement's
 * conditions are ANDed; the values of one condition are ORed (the evaluator's job).
 *
 * @param operator the operator block the key appears in
 * @param key the context key as written, e.g. {@code aws:PrincipalTag/Team}; keys compare case-insensitively,
 *     see {@link #keyLowerCase()}
 * @param values the values in document order as strings: JSON numbers keep their text ({@code 1.50} stays
 *     {@code "1.50"}) and booleans become {@code "true"} / {@code "false"}, as AWS does; may be empty
 */
public record Condition(ConditionOperator operator, String key, List<String> values) {
    public Condition {
        Objects.requireNonNull(operator, "operator");
        Objects.requireNonNull(key, "key");
        values = List.copyOf(Objects.requireNonNull(values, "values"));
    }

    /** The key lower-cased with the root locale, for case-insensitive lookup in a request context. */
    public String keyLowerCase() {
        return key.toLowerCase(Locale.ROOT);
    }
}
