package io.iamledger.query.evaluator;

import io.iamledger.events.document.Condition;
import io.iamledger.events.document.ConditionOperator;
import io.iamledger.events.document.ConditionOperator.SetQualifier;
import io.iamledger.events.document.ConditionValues;
import io.iamledger.events.document.IpRange;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * One operator/key pair of a {@code Condition} element with its values parsed once. The rules, each from AWS's
 * documentation (see the evaluator tests for the passages):
 * <ul>
 *   <li>the values are ORed; for a negated operator ({@code StringNotEquals}, {@code NotIpAddress},
 *       {@code ArnNotLike}, ...) the request value must match none of them (NOR);
 *   <li>a key missing from the request makes the condition false, except that a negated operator is then true,
 *       {@code ...IfExists} is then true, {@code ForAllValues:} is then true and {@code Null} tests exactly that;
 *   <li>a multivalued key needs {@code ForAnyValue:} (some request value satisfies the operator; none never
 *       does) or {@code ForAllValues:} (every request value does; vacuously true for none); a plain operator on a
 *       multivalued key is false;
 *   <li>policy variables are substituted in the String, Arn and Bool operators only; a variable with no value
 *       and no default leaves that policy value matching nothing, so positive operators do not match it and
 *       negated ones do.
 * </ul>
 * Evaluation never throws and allocates only when a request value must be converted from its text form or a
 * Like pattern holds a variable. Immutable and thread-safe.
 */
final class ConditionMatcher {
    private static final int STRING = 0;
    private static final int STRING_IGNORE_CASE = 1;
    private static final int STRING_LIKE = 2;
    private static final int NUMERIC = 3;
    private static final int DATE = 4;
    private static final int BOOL = 5;
    private static final int BINARY = 6;
    private static final int IP = 7;
    private static final int ARN = 8;
    private static final int NULL = 9;

    private static final int EQ = 0;
    private static final int LT = 1;
    private static final int LE = 2;
    private static final int GT = 3;
    private static final int GE = 4;

    private final Condition condition;
    private final String keyLower;
    private final int keyHash;
    private final int family;
    private final int comparison;
    private final boolean negated;
    private final SetQualifier qualifier;
    private final boolean ifExists;

    private final String[] strings;
    private final Template[] templates;
    private final Wildcard[] likes;
    private final BigDecimal[] numbers;
    private final Instant[] dates;
    private final byte[] booleans;
    private final byte[][] binaries;
    private final IpBlock[] blocks;
    private final ArnPattern[] arns;

    private ConditionMatcher(Condition condition, int family, int comparison, boolean negated, int n) {
        this.condition = condition;
        this.keyLower = condition.keyLowerCase().intern(); // see StringTable
        this.keyHash = keyLower.hashCode();
        this.family = family;
        this.comparison = comparison;
        this.negated = negated;
        ConditionOperator operator = condition.operator();
        this.qualifier = operator.setQualifier();
        this.ifExists = operator.ifExists();
        boolean text = family == STRING || family == STRING_IGNORE_CASE || family == STRING_LIKE;
        this.strings = text || family == BOOL ? new String[n] : null;
        this.templates = text || family == BOOL ? new Template[n] : null;
        this.likes = family == STRING_LIKE ? new Wildcard[n] : null;
        this.numbers = family == NUMERIC ? new BigDecimal[n] : null;
        this.dates = family == DATE ? new Instant[n] : null;
        this.booleans = family == BOOL || family == NULL ? new byte[n] : null;
        this.binaries = family == BINARY ? new byte[n][] : null;
        this.blocks = family == IP ? new IpBlock[n] : null;
        this.arns = family == ARN ? new ArnPattern[n] : null;
    }

    static ConditionMatcher compile(Condition condition, boolean variables) {
        String name = condition.operator().name();
        int family;
        int comparison = EQ;
        boolean negated = false;
        switch (name) {
            case "StringEquals" -> family = STRING;
            case "StringNotEquals" -> {
                family = STRING;
                negated = true;
            }
            case "StringEqualsIgnoreCase" -> family = STRING_IGNORE_CASE;
            case "StringNotEqualsIgnoreCase" -> {
                family = STRING_IGNORE_CASE;
                negated = true;
            }
            case "StringLike" -> family = STRING_LIKE;
            case "StringNotLike" -> {
                family = STRING_LIKE;
                negated = true;
            }
            case "Bool" -> family = BOOL;
            case "BinaryEquals" -> family = BINARY;
            case "IpAddress" -> family = IP;
            case "NotIpAddress" -> {
                family = IP;
                negated = true;
            }
            case "ArnEquals", "ArnLike" -> family = ARN;
            case "ArnNotEquals", "ArnNotLike" -> {
                family = ARN;
                negated = true;
            }
            case "Null" -> family = NULL;
            default -> {
                family = name.startsWith("Numeric") ? NUMERIC : DATE;
                String rest = name.substring(family == NUMERIC ? "Numeric".length() : "Date".length());
                switch (rest) {
                    case "NotEquals" -> negated = true;
                    case "LessThan" -> comparison = LT;
                    case "LessThanEquals" -> comparison = LE;
                    case "GreaterThan" -> comparison = GT;
                    case "GreaterThanEquals" -> comparison = GE;
                    default -> comparison = EQ;
                }
            }
        }
        List<String> values = condition.values();
        ConditionMatcher matcher = new ConditionMatcher(condition, family, comparison, negated, values.size());
        for (int i = 0; i < values.size(); i++) {
            matcher.compileValue(i, values.get(i), variables);
        }
        return matcher;
    }

    private void compileValue(int i, String value, boolean variables) {
        switch (family) {
            case STRING, STRING_IGNORE_CASE, STRING_LIKE, BOOL -> {
                Template template = variables ? Template.parse(value) : null;
                templates[i] = template;
                strings[i] = value;
                if (family == STRING_LIKE && template == null) {
                    likes[i] = Wildcard.compile(value, false);
                }
                if (family == BOOL) {
                    booleans[i] = template == null ? ContextValue.readBoolean(value) : -1;
                }
            }
            case NUMERIC -> numbers[i] = ConditionValues.parseNumber(value).orElse(null);
            case DATE -> dates[i] = ConditionValues.parseDate(value).orElse(null);
            case BINARY -> binaries[i] = ContextValue.readBase64(value);
            case IP -> blocks[i] = IpRange.parse(value).map(IpBlock::new).orElse(null);
            case ARN -> arns[i] = ArnPattern.condition(value, variables);
            default -> booleans[i] = ContextValue.readBoolean(value);
        }
    }

    /** Whether the condition holds for the request. */
    boolean holds(AuthorizationRequest request) {
        ContextValue value = request.contextValue(keyLower, keyHash);
        if (family == NULL) {
            boolean absent = value == null || value.multivalued() && value.size() == 0;
            for (byte wanted : booleans) {
                if (wanted == 1 && absent || wanted == 0 && !absent) {
                    return true;
                }
            }
            return false;
        }
        if (value == null) {
            if (ifExists) {
                return true;
            }
            return switch (qualifier) {
                case FOR_ALL_VALUES -> true;
                case FOR_ANY_VALUE -> false;
                case NONE -> negated;
            };
        }
        switch (qualifier) {
            case FOR_ANY_VALUE:
                for (int i = 0; i < value.size(); i++) {
                    if (satisfied(value, i, request)) {
                        return true;
                    }
                }
                return false;
            case FOR_ALL_VALUES:
                for (int i = 0; i < value.size(); i++) {
                    if (!satisfied(value, i, request)) {
                        return false;
                    }
                }
                return true;
            default:
                return !value.multivalued() && satisfied(value, 0, request);
        }
    }

    /** Whether request value {@code i} satisfies the operator; a value the operator cannot read never does. */
    private boolean satisfied(ContextValue value, int i, AuthorizationRequest request) {
        boolean matched;
        switch (family) {
            case STRING, STRING_IGNORE_CASE, STRING_LIKE, ARN -> matched = matchesText(value.textAt(i), request);
            case NUMERIC -> {
                BigDecimal number = value.numberAt(i);
                if (number == null) {
                    return false;
                }
                matched = false;
                for (BigDecimal policy : numbers) {
                    if (policy != null && compares(number.compareTo(policy))) {
                        matched = true;
                        break;
                    }
                }
            }
            case DATE -> {
                Instant date = value.dateAt(i);
                if (date == null) {
                    return false;
                }
                matched = false;
                for (Instant policy : dates) {
                    if (policy != null && compares(date.compareTo(policy))) {
                        matched = true;
                        break;
                    }
                }
            }
            case BOOL -> {
                int bool = value.boolAt(i);
                if (bool < 0) {
                    return false;
                }
                matched = false;
                for (int j = 0; j < booleans.length; j++) {
                    int policy = templates[j] == null ? booleans[j] : resolvedBoolean(j, request);
                    if (policy == bool) {
                        matched = true;
                        break;
                    }
                }
            }
            case BINARY -> {
                byte[] bytes = value.binaryAt(i);
                if (bytes == null) {
                    return false;
                }
                matched = false;
                for (byte[] policy : binaries) {
                    if (policy != null && Arrays.equals(policy, bytes)) {
                        matched = true;
                        break;
                    }
                }
            }
            default -> {
                byte[] address = value.addressAt(i);
                if (address == null) {
                    return false;
                }
                matched = false;
                for (IpBlock block : blocks) {
                    if (block != null && block.contains(address)) {
                        matched = true;
                        break;
                    }
                }
            }
        }
        return matched != negated;
    }

    private boolean matchesText(String text, AuthorizationRequest request) {
        int n = family == ARN ? arns.length : strings.length;
        for (int j = 0; j < n; j++) {
            if (matchesTextValue(j, text, request)) {
                return true;
            }
        }
        return false;
    }

    private boolean matchesTextValue(int j, String text, AuthorizationRequest request) {
        switch (family) {
            case STRING:
                return templates[j] != null ? templates[j].equalsRegion(request, text, 0, text.length(), false)
                        : strings[j].equals(text);
            case STRING_IGNORE_CASE:
                return templates[j] != null ? templates[j].equalsRegion(request, text, 0, text.length(), true)
                        : strings[j].equalsIgnoreCase(text);
            case STRING_LIKE:
                return templates[j] != null ? templates[j].likeRegion(request, text, 0, text.length(), false)
                        : likes[j].matches(text);
            default:
                return arns[j].matches(request, text);
        }
    }

    private int resolvedBoolean(int j, AuthorizationRequest request) {
        String resolved = templates[j].resolve(request);
        return resolved == null ? -2 : ContextValue.readBoolean(resolved);
    }

    private boolean compares(int order) {
        return switch (comparison) {
            case LT -> order < 0;
            case LE -> order <= 0;
            case GT -> order > 0;
            case GE -> order >= 0;
            default -> order == 0;
        };
    }

    /** Adds the key and the context keys of variables in the values, as written. */
    void addKeys(List<String> into) {
        into.add(condition.key());
        if (templates != null) {
            for (Template template : templates) {
                if (template != null) {
                    template.addVariableKeys(into);
                }
            }
        }
        if (arns != null) {
            for (ArnPattern arn : arns) {
                arn.addVariableKeys(into);
            }
        }
    }

    @Override
    public String toString() {
        return condition.operator() + " " + condition.key() + " " + condition.values();
    }

    /** A CIDR block that tests addresses without allocating. */
    static final class IpBlock {
        private final byte[] network;
        private final int prefix;

        IpBlock(IpRange range) {
            this.network = range.network();
            this.prefix = range.prefixLength();
        }

        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int whole = prefix >>> 3;
            for (int b = 0; b < whole; b++) {
                if (address[b] != network[b]) {
                    return false;
                }
            }
            int rest = prefix & 7;
            if (rest == 0) {
                return true;
            }
            int mask = 0xFF << (8 - rest) & 0xFF;
            return (address[whole] & mask) == (network[whole] & mask);
        }
    }
}
