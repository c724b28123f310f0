package io.iamledger.infra.sigv4;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/** The ISO-8601 basic format SigV4 uses for {@code X-Amz-Date}: {@code 20150830T123600Z}, always UTC. */
final class AmzDate {
    static final int LENGTH = 16;

    private AmzDate() {}

    /** Epoch seconds of a well-formed value, or {@code Long.MIN_VALUE} when the text is not one. */
    static long parse(String text) {
        if (text.length() != LENGTH || text.charAt(8) != 'T' || text.charAt(15) != 'Z') {
            return Long.MIN_VALUE;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 4, 6);
        int day = digits(text, 6, 8);
        int hour = digits(text, 9, 11);
        int minute = digits(text, 11, 13);
        int second = digits(text, 13, 15);
        if ((year | month | day | hour | minute | second) < 0 || hour > 23 || minute > 59 || second > 59) {
            return Long.MIN_VALUE;
        }
        try {
            return LocalDate.of(year, month, day).toEpochDay() * 86_400L + hour * 3_600L + minute * 60L + second;
        } catch (DateTimeException e) {
            return Long.MIN_VALUE;
        }
    }

    static String format(long epochSecond) {
        LocalDateTime t = LocalDateTime.ofEpochSecond(epochSecond, 0, ZoneOffset.UTC);
        StringBuilder out = new StringBuilder(LENGTH);
        pad(out, t.getYear(), 4);
        pad(out, t.getMonthValue(), 2);
        pad(out, t.getDayOfMonth(), 2);
        out.append('T');
        pad(out, t.getHour(), 2);
        pad(out, t.getMinute(), 2);
        pad(out, t.getSecond(), 2);
        return out.append('Z').toString();
    }

    private static int digits(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static void pad(StringBuilder out, int value, int width) {
        String digits = Integer.toString(value);
        for (int i = digits.length(); i < width; i++) {
            out.append('0');
        }
        out.append(digits);
    }
}
