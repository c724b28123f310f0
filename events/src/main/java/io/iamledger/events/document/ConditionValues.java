package io.iamledger.events.document;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * Parsers for condition values, the same ones the reader validates documents with, so that whatever a
 * validated document holds for a Numeric, Date or Bool/Null operator parses again at evaluation time.
 * Every method returns empty for text it does not accept and never throws; all are thread-safe.
 */
public final class ConditionValues {
    private ConditionValues() {
    }

    /**
     * A decimal number: optional sign, digits, optional fraction ({@code 10}, {@code -1.5}, {@code .5});
     * no exponent, no spaces.
     */
    public static Optional<BigDecimal> parseNumber(String text) {
        return isNumber(text) ? Optional.of(new BigDecimal(text)) : Optional.empty();
    }

    static boolean isNumber(String text) {
        int i = 0;
        int length = text.length();
        if (i < length && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
            i++;
        }
        int integerDigits = 0;
        while (i < length && isDigit(text.charAt(i))) {
            i++;
            integerDigits++;
        }
        int fractionDigits = 0;
        if (i < length && text.charAt(i) == '.') {
            i++;
            while (i < length && isDigit(text.charAt(i))) {
                i++;
                fractionDigits++;
            }
        }
        return i == length && (integerDigits > 0 || fractionDigits > 0);
    }

    /**
     * A point in time as AWS date operators accept it: epoch seconds ({@code 1700000000}), or an ISO 8601 date
     * with optional time and offset — {@code 2024}, {@code 2024-05}, {@code 2024-05-01},
     * {@code 2024-05-01T12}, {@code 2024-05-01T12:30}, {@code 2024-05-01T12:30:15.123Z},
     * {@code 2024-05-01T12:30:15+02:00}. Text without an offset is UTC. A string with neither {@code -} nor
     * {@code T} is read as epoch seconds.
     */
    public static Optional<Instant> parseDate(String text) {
        if (text.isEmpty() || text.length() > 64) {
            return Optional.empty();
        }
        if (text.indexOf('-') < 0 && text.indexOf('T') < 0 && text.indexOf('t') < 0) {
            return epochSeconds(text);
        }
        return new IsoDate(text).parse();
    }

    /** {@code true} or {@code false} in any letter case. */
    public static Optional<Boolean> parseBoolean(String text) {
        if ("true".equalsIgnoreCase(text)) {
            return Optional.of(Boolean.TRUE);
        }
        if ("false".equalsIgnoreCase(text)) {
            return Optional.of(Boolean.FALSE);
        }
        return Optional.empty();
    }

    private static Optional<Instant> epochSeconds(String text) {
        if (text.length() > 18) {
            return Optional.empty();
        }
        long seconds = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!isDigit(c)) {
                return Optional.empty();
            }
            seconds = seconds * 10 + (c - '0');
        }
        return seconds <= Instant.MAX.getEpochSecond() ? Optional.of(Instant.ofEpochSecond(seconds)) : Optional.empty();
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** A cursor over one ISO 8601 string; each read returns -1 when the expected field is not there. */
    private static final class IsoDate {
        private final String text;
        private int at;

        IsoDate(String text) {
            this.text = text;
        }

        Optional<Instant> parse() {
            int year = digits(4);
            int month = 1;
            int day = 1;
            if (year < 0) {
                return Optional.empty();
            }
            if (accept('-')) {
                month = digits(2);
                if (month < 1 || month > 12) {
                    return Optional.empty();
                }
                if (accept('-')) {
                    day = digits(2);
                    if (day < 1 || !YearMonth.of(year, month).isValidDay(day)) {
                        return Optional.empty();
                    }
                }
            }
            int hour = 0;
            int minute = 0;
            int second = 0;
            int nanos = 0;
            int offsetSeconds = 0;
            if (accept('T') || accept('t')) {
                hour = digits(2);
                if (hour < 0 || hour > 23) {
                    return Optional.empty();
                }
                if (accept(':')) {
                    minute = digits(2);
                    if (minute < 0 || minute > 59) {
                        return Optional.empty();
                    }
                    if (accept(':')) {
                        second = digits(2);
                        if (second < 0 || second > 59) {
                            return Optional.empty();
                        }
                        if (accept('.')) {
                            nanos = fraction();
                            if (nanos < 0) {
                                return Optional.empty();
                            }
                        }
                    }
                }
                offsetSeconds = offset();
                if (offsetSeconds == Integer.MIN_VALUE) {
                    return Optional.empty();
                }
            }
            if (at != text.length()) {
                return Optional.empty();
            }
            LocalDateTime local = LocalDateTime.of(year, month, day, hour, minute, second, nanos);
            return Optional.of(local.toInstant(ZoneOffset.ofTotalSeconds(offsetSeconds)));
        }

        /** Seconds east of UTC, or {@link Integer#MIN_VALUE} for a malformed offset. */
        private int offset() {
            if (at == text.length()) {
                return 0;
            }
            if (accept('Z') || accept('z')) {
                return 0;
            }
            int sign;
            if (accept('+')) {
                sign = 1;
            } else if (accept('-')) {
                sign = -1;
            } else {
                return Integer.MIN_VALUE;
            }
            int hours = digits(2);
            int minutes = 0;
            if (hours < 0 || hours > 18) {
                return Integer.MIN_VALUE;
            }
            if (accept(':') || at < text.length()) {
                minutes = digits(2);
                if (minutes < 0 || minutes > 59 || hours == 18 && minutes > 0) {
                    return Integer.MIN_VALUE;
                }
            }
            return sign * (hours * 3600 + minutes * 60);
        }

        private int fraction() {
            int start = at;
            int nanos = 0;
            while (at < text.length() && isDigit(text.charAt(at)) && at - start < 9) {
                nanos = nanos * 10 + (text.charAt(at) - '0');
                at++;
            }
            int count = at - start;
            if (count == 0) {
                return -1;
            }
            for (int i = count; i < 9; i++) {
                nanos *= 10;
            }
            return nanos;
        }

        private int digits(int count) {
            if (at + count > text.length()) {
                return -1;
            }
            int value = 0;
            for (int i = 0; i < count; i++) {
                char c = text.charAt(at + i);
                if (!isDigit(c)) {
                    return -1;
                }
                value = value * 10 + (c - '0');
            }
            at += count;
            return value;
        }

        private boolean accept(char expected) {
            if (at < text.length() && text.charAt(at) == expected) {
                at++;
                return true;
            }
            return false;
        }
    }
}
