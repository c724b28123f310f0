package io.iamledger.events.document;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A condition operator as written in a {@code Condition} element, e.g.
 * {@code ForAnyValue:StringEqualsIgnoreCaseIfExists}, with its parts. Only operators AWS defines can be
 * parsed: a base {@link #name()} from the String, Numeric, Date, Bool, BinaryEquals, IpAddress/NotIpAddress,
 * Arn and Null families, optionally suffixed {@code IfExists} (never on {@code Null}) and optionally prefixed
 * {@code ForAnyValue:} or {@code ForAllValues:}. Names are case-sensitive. Immutable and thread-safe; equal
 * when the text is equal.
 */
public final class ConditionOperator {
    /** The set operator that says how a multivalued context key is compared. */
    public enum SetQualifier {
        /** No prefix: the key is single-valued. */
        NONE(""),
        /** {@code ForAnyValue:} — at least one request value must match. */
        FOR_ANY_VALUE("ForAnyValue:"),
        /** {@code ForAllValues:} — every request value must match (vacuously true for none). */
        FOR_ALL_VALUES("ForAllValues:");

        private final String prefix;

        SetQualifier(String prefix) {
            this.prefix = prefix;
        }

        /** The prefix as written, including the colon; empty for {@link #NONE}. */
        public String prefix() {
            return prefix;
        }
    }

    private static final String IF_EXISTS = "IfExists";
    private static final Set<String> NAMES = Set.of(
            "StringEquals", "StringNotEquals", "StringEqualsIgnoreCase", "StringNotEqualsIgnoreCase",
            "StringLike", "StringNotLike",
            "NumericEquals", "NumericNotEquals", "NumericLessThan", "NumericLessThanEquals",
            "NumericGreaterThan", "NumericGreaterThanEquals",
            "DateEquals", "DateNotEquals", "DateLessThan", "DateLessThanEquals",
            "DateGreaterThan", "DateGreaterThanEquals",
            "Bool", "BinaryEquals", "IpAddress", "NotIpAddress",
            "ArnEquals", "ArnNotEquals", "ArnLike", "ArnNotLike",
            "Null");

    private final String text;
    private final String name;
    private final SetQualifier setQualifier;
    private final boolean ifExists;

    private ConditionOperator(String text, String name, SetQualifier setQualifier, boolean ifExists) {
        this.text = text;
        this.name = name;
        this.setQualifier = setQualifier;
        this.ifExists = ifExists;
    }

    /** The operator written as {@code text}, or empty when AWS defines no such operator. Never throws. */
    public static Optional<ConditionOperator> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String rest = text;
        SetQualifier qualifier = SetQualifier.NONE;
        for (SetQualifier candidate : SetQualifier.values()) {
            if (candidate != SetQualifier.NONE && rest.startsWith(candidate.prefix)) {
                qualifier = candidate;
                rest = rest.substring(candidate.prefix.length());
                break;
            }
        }
        boolean ifExists = rest.endsWith(IF_EXISTS);
        if (ifExists) {
            rest = rest.substring(0, rest.length() - IF_EXISTS.length());
        }
        if (!NAMES.contains(rest) || ifExists && rest.equals("Null")) {
            return Optional.empty();
        }
        return Optional.of(new ConditionOperator(text, rest, qualifier, ifExists));
    }

    /** The operator exactly as written, e.g. {@code ForAllValues:StringLikeIfExists}. */
    public String text() {
        return text;
    }

    /** The base operator without set prefix or {@code IfExists}, e.g. {@code StringLike}. */
    public String name() {
        return name;
    }

    public SetQualifier setQualifier() {
        return setQualifier;
    }

    /** Whether the operator ends in {@code IfExists}: the condition holds when the key is absent from the request. */
    public boolean ifExists() {
        return ifExists;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ConditionOperator that && text.equals(that.text);
    }

    @Override
    public int hashCode() {
        return Objects.hash(text);
    }

    @Override
    public String toString() {
        return text;
    }
}
