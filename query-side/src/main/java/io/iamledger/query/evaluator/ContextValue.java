package io.iamledger.query.evaluator;

import io.iamledger.events.document.ConditionValues;
import io.iamledger.events.document.IpRange;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The value of one request context key: typed, and either single-valued or multivalued (a list, possibly empty).
 * AWS's rule is that multivalued keys need a {@code ForAnyValue:} or {@code ForAllValues:} operator, so a
 * multivalued value never satisfies a plain operator, even with one element, and cannot be a policy variable.
 *
 * <p>Every value also has a text form, used by the String and Arn operators and by policy variables: strings as
 * given, numbers as written (or {@link BigDecimal#toPlainString()}), dates as written (or
 * {@link Instant#toString()}), booleans {@code true}/{@code false}, binary as base64, IP addresses as written.
 * An operator of another family reads the text form (a string {@code "10"} satisfies {@code NumericEquals 10});
 * text it cannot read does not satisfy it. Immutable and thread-safe.
 */
public final class ContextValue {
    /** The value types AWS's condition keys have ({@code ArrayOf...} being the multivalued forms). */
    public enum Type {
        STRING, NUMBER, DATE, BOOLEAN, BINARY, IP
    }

    private static final ContextValue TRUE = parse(Type.BOOLEAN, false, List.of("true"));
    private static final ContextValue FALSE = parse(Type.BOOLEAN, false, List.of("false"));

    private final Type type;
    private final boolean multivalued;
    private final String[] texts;
    private final BigDecimal[] numbers;
    private final Instant[] dates;
    private final byte[][] bytes;
    private final byte[] booleans;

    private ContextValue(Type type, boolean multivalued, String[] texts, BigDecimal[] numbers, Instant[] dates,
            byte[][] bytes, byte[] booleans) {
        this.type = type;
        this.multivalued = multivalued;
        this.texts = texts;
        this.numbers = numbers;
        this.dates = dates;
        this.bytes = bytes;
        this.booleans = booleans;
    }

    /** A single string. */
    public static ContextValue string(String value) {
        return parse(Type.STRING, false, List.of(value));
    }

    /** A multivalued string key such as {@code aws:TagKeys}. */
    public static ContextValue strings(List<String> values) {
        return parse(Type.STRING, true, values);
    }

    /** A single number. */
    public static ContextValue number(BigDecimal value) {
        return numbers(false, List.of(value));
    }

    /** A single number. */
    public static ContextValue number(long value) {
        return number(BigDecimal.valueOf(value));
    }

    /** A multivalued number key. */
    public static ContextValue numbers(List<BigDecimal> values) {
        return numbers(true, values);
    }

    /** A single point in time, such as {@code aws:CurrentTime}. */
    public static ContextValue date(Instant value) {
        return dates(false, List.of(value));
    }

    /** A multivalued date key. */
    public static ContextValue dates(List<Instant> values) {
        return dates(true, values);
    }

    /** A single boolean, such as {@code aws:SecureTransport}. */
    public static ContextValue bool(boolean value) {
        return value ? TRUE : FALSE;
    }

    /** A multivalued boolean key. */
    public static ContextValue bools(List<Boolean> values) {
        List<String> texts = new ArrayList<>(values.size());
        for (Boolean value : values) {
            texts.add(Objects.requireNonNull(value, "value").toString());
        }
        return parse(Type.BOOLEAN, true, texts);
    }

    /** A single binary value, compared by {@code BinaryEquals} byte for byte. */
    public static ContextValue binary(byte[] value) {
        return binaries(false, List.of(value));
    }

    /** A multivalued binary key. */
    public static ContextValue binaries(List<byte[]> values) {
        return binaries(true, values);
    }

    /**
     * A single IPv4 or IPv6 address, such as {@code aws:SourceIp}.
     *
     * @throws IllegalArgumentException if the text is not one address
     */
    public static ContextValue ip(String address) {
        return parse(Type.IP, false, List.of(address));
    }

    /** A multivalued IP address key. */
    public static ContextValue ips(List<String> addresses) {
        return parse(Type.IP, true, addresses);
    }

    /**
     * A value given as text, as a request or a simulation supplies it: numbers as decimals (an exponent is
     * accepted), dates as ISO 8601 or epoch seconds, booleans {@code true}/{@code false} in any case, binary as
     * base64, IP addresses without a prefix length.
     *
     * @param type the value's type
     * @param multivalued whether the key is multivalued; a single-valued key needs exactly one text
     * @param texts the values; none may be null
     * @throws IllegalArgumentException naming the text that is not a value of {@code type}, or when a
     *     single-valued key has other than one text
     */
    public static ContextValue parse(Type type, boolean multivalued, List<String> texts) {
        Objects.requireNonNull(type, "type");
        String[] copy = texts.toArray(new String[0]);
        if (!multivalued && copy.length != 1) {
            throw new IllegalArgumentException("a single-valued key needs exactly one value, got " + copy.length);
        }
        int n = copy.length;
        BigDecimal[] numbers = type == Type.NUMBER ? new BigDecimal[n] : null;
        Instant[] dates = type == Type.DATE ? new Instant[n] : null;
        byte[][] bytes = type == Type.BINARY || type == Type.IP ? new byte[n][] : null;
        byte[] booleans = type == Type.BOOLEAN ? new byte[n] : null;
        for (int i = 0; i < n; i++) {
            String text = Objects.requireNonNull(copy[i], "value");
            boolean ok = switch (type) {
                case STRING -> true;
                case NUMBER -> (numbers[i] = readNumber(text)) != null;
                case DATE -> (dates[i] = ConditionValues.parseDate(text).orElse(null)) != null;
                case BOOLEAN -> (booleans[i] = readBoolean(text)) >= 0;
                case BINARY -> (bytes[i] = readBase64(text)) != null;
                case IP -> (bytes[i] = readAddress(text)) != null;
            };
            if (!ok) {
                throw new IllegalArgumentException("not a " + type.name().toLowerCase(Locale.ROOT)
                        + " value: \"" + text + "\"");
            }
            if (type == Type.BOOLEAN) {
                copy[i] = booleans[i] == 1 ? "true" : "false";
            }
        }
        return new ContextValue(type, multivalued, copy, numbers, dates, bytes, booleans);
    }

    private static ContextValue numbers(boolean multivalued, List<BigDecimal> values) {
        String[] texts = new String[values.size()];
        BigDecimal[] numbers = new BigDecimal[values.size()];
        for (int i = 0; i < texts.length; i++) {
            numbers[i] = Objects.requireNonNull(values.get(i), "value");
            texts[i] = numbers[i].toPlainString();
        }
        return new ContextValue(Type.NUMBER, multivalued, texts, numbers, null, null, null);
    }

    private static ContextValue dates(boolean multivalued, List<Instant> values) {
        String[] texts = new String[values.size()];
        Instant[] dates = new Instant[values.size()];
        for (int i = 0; i < texts.length; i++) {
            dates[i] = Objects.requireNonNull(values.get(i), "value");
            texts[i] = dates[i].toString();
        }
        return new ContextValue(Type.DATE, multivalued, texts, null, dates, null, null);
    }

    private static ContextValue binaries(boolean multivalued, List<byte[]> values) {
        String[] texts = new String[values.size()];
        byte[][] bytes = new byte[values.size()][];
        for (int i = 0; i < texts.length; i++) {
            bytes[i] = Objects.requireNonNull(values.get(i), "value").clone();
            texts[i] = Base64.getEncoder().encodeToString(bytes[i]);
        }
        return new ContextValue(Type.BINARY, multivalued, texts, null, null, bytes, null);
    }

    public Type type() {
        return type;
    }

    public boolean multivalued() {
        return multivalued;
    }

    /** How many values; exactly 1 for a single-valued key, any number for a multivalued one. */
    public int size() {
        return texts.length;
    }

    /** The text forms of the values, in order. */
    public List<String> texts() {
        return List.of(texts);
    }

    String textAt(int i) {
        return texts[i];
    }

    /** The i-th value as a number, or null when it cannot be read as one. */
    BigDecimal numberAt(int i) {
        return numbers != null ? numbers[i] : readNumber(texts[i]);
    }

    /** The i-th value as an instant, or null when it cannot be read as one. */
    Instant dateAt(int i) {
        return dates != null ? dates[i] : ConditionValues.parseDate(texts[i]).orElse(null);
    }

    /** 1 for true, 0 for false, -1 when the i-th value is not a boolean. */
    int boolAt(int i) {
        return booleans != null ? booleans[i] : readBoolean(texts[i]);
    }

    /** The i-th value's bytes for BinaryEquals, or null. */
    byte[] binaryAt(int i) {
        return type == Type.BINARY ? bytes[i] : readBase64(texts[i]);
    }

    /** The i-th value as an address (4 or 16 bytes), or null. */
    byte[] addressAt(int i) {
        return type == Type.IP ? bytes[i] : readAddress(texts[i]);
    }

    static BigDecimal readNumber(String text) {
        Optional<BigDecimal> strict = ConditionValues.parseNumber(text);
        if (strict.isPresent()) {
            return strict.get();
        }
        if (text.length() > 64) {
            return null;
        }
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static byte readBoolean(String text) {
        if ("true".equalsIgnoreCase(text)) {
            return 1;
        }
        return "false".equalsIgnoreCase(text) ? (byte) 0 : (byte) -1;
    }

    static byte[] readBase64(String text) {
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** One address: a CIDR block whose prefix covers every bit, so {@code 10.0.0.0/8} is not an address. */
    static byte[] readAddress(String text) {
        Optional<IpRange> range = IpRange.parse(text);
        if (range.isEmpty() || range.get().prefixLength() != (range.get().isIpv6() ? 128 : 32)) {
            return null;
        }
        return range.get().network();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ContextValue that && type == that.type && multivalued == that.multivalued
                && Arrays.equals(texts, that.texts);
    }

    @Override
    public int hashCode() {
        return 31 * type.hashCode() + Arrays.hashCode(texts);
    }

    @Override
    public String toString() {
        return multivalued ? type + Arrays.toString(texts) : type + "(" + texts[0] + ")";
    }
}
