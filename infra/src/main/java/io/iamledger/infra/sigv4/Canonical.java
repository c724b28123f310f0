package io.iamledger.infra.sigv4;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The canonical forms SigV4 hashes: URI, query string and header values. Works on the raw request text, so what is
 * signed is exactly what was sent.
 */
final class Canonical {
    private static final char[] HEX_UPPER = "0123456789ABCDEF".toCharArray();

    private Canonical() {}

    /** One query parameter with name and value in canonical (RFC 3986, upper-case hex) encoding. */
    record QueryParam(String name, String value) implements Comparable<QueryParam> {
        @Override
        public int compareTo(QueryParam other) {
            // the encoded forms are ASCII, so String order is the byte order the spec sorts by
            int byName = name.compareTo(other.name);
            return byName != 0 ? byName : value.compareTo(other.value);
        }
    }

    /**
     * Appends the canonical URI: dot segments and empty segments removed, then every character other than unreserved
     * ones and {@code /} percent-encoded. The raw path is encoded once more as it stands, so an escape the client
     * sent ({@code %20}) becomes {@code %2520}: the double encoding the SDKs apply for every service but S3.
     */
    static void appendUri(StringBuilder out, String rawPath) {
        if (rawPath.equals("/")) {
            out.append('/');
            return;
        }
        List<String> segments = new ArrayList<>();
        int length = rawPath.length();
        int start = 0;
        while (start <= length) {
            int slash = rawPath.indexOf('/', start);
            int end = slash < 0 ? length : slash;
            String segment = rawPath.substring(start, end);
            if (segment.equals("..")) {
                if (!segments.isEmpty()) {
                    segments.remove(segments.size() - 1);
                }
            } else if (!segment.isEmpty() && !segment.equals(".")) {
                segments.add(segment);
            }
            start = end + 1;
        }
        boolean trailingSlash = rawPath.endsWith("/") || rawPath.endsWith("/.") || rawPath.endsWith("/..");
        out.append('/');
        for (int i = 0; i < segments.size(); i++) {
            if (i > 0) {
                out.append('/');
            }
            encodeText(out, segments.get(i), 0, segments.get(i).length());
        }
        if (trailingSlash && !segments.isEmpty()) {
            out.append('/');
        }
    }

    /**
     * Parses a raw query string into canonical parameters, sorted as the canonical query string lists them. Escapes
     * are decoded and re-encoded at byte level, {@code +} counts as a space (as form decoding of the same query
     * string will read it), and a {@code %} not followed by two hex digits stands for itself.
     */
    static List<QueryParam> parseQuery(String rawQuery) {
        if (rawQuery.isEmpty()) {
            return List.of();
        }
        List<QueryParam> params = new ArrayList<>();
        int length = rawQuery.length();
        int start = 0;
        while (start < length) {
            int amp = rawQuery.indexOf('&', start);
            int end = amp < 0 ? length : amp;
            if (end > start) {
                int eq = rawQuery.indexOf('=', start);
                if (eq < 0 || eq > end) {
                    params.add(new QueryParam(normalize(rawQuery, start, end), ""));
                } else {
                    params.add(new QueryParam(normalize(rawQuery, start, eq), normalize(rawQuery, eq + 1, end)));
                }
            }
            start = end + 1;
        }
        Collections.sort(params);
        return params;
    }

    /** Appends {@code name=value} pairs joined by {@code &}, leaving out parameters of the given names. */
    static void appendQuery(StringBuilder out, List<QueryParam> params, String skipName, String alsoSkipName) {
        boolean first = true;
        for (int i = 0, n = params.size(); i < n; i++) {
            QueryParam param = params.get(i);
            if (param.name().equals(skipName) || param.name().equals(alsoSkipName)) {
                continue;
            }
            if (!first) {
                out.append('&');
            }
            out.append(param.name()).append('=').append(param.value());
            first = false;
        }
    }

    /** The decoded text of a canonical-encoded value, read as UTF-8. */
    static String decode(String canonical) {
        if (canonical.indexOf('%') < 0) {
            return canonical;
        }
        byte[] bytes = new byte[canonical.length()];
        int n = 0;
        for (int i = 0; i < canonical.length(); i++) {
            char c = canonical.charAt(i);
            if (c == '%') {
                bytes[n++] = (byte) (hexValue(canonical.charAt(i + 1)) << 4 | hexValue(canonical.charAt(i + 2)));
                i += 2;
            } else {
                bytes[n++] = (byte) c;
            }
        }
        return new String(bytes, 0, n, StandardCharsets.UTF_8);
    }

    /**
     * Appends the canonical value of a header: each value with leading and trailing whitespace removed and inner
     * runs of whitespace collapsed to one space, values joined by commas in arrival order.
     */
    static void appendHeaderValue(StringBuilder out, List<String> values) {
        for (int v = 0, n = values.size(); v < n; v++) {
            if (v > 0) {
                out.append(',');
            }
            String value = values.get(v);
            boolean pendingSpace = false;
            boolean started = false;
            for (int i = 0, len = value.length(); i < len; i++) {
                char c = value.charAt(i);
                if (isWhitespace(c)) {
                    pendingSpace = started;
                } else {
                    if (pendingSpace) {
                        out.append(' ');
                        pendingSpace = false;
                    }
                    out.append(c);
                    started = true;
                }
            }
        }
    }

    private static boolean isWhitespace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\u000b';
    }

    private static String normalize(String raw, int from, int to) {
        if (isCanonical(raw, from, to)) {
            return raw.substring(from, to);
        }
        StringBuilder out = new StringBuilder((to - from) + 16);
        for (int i = from; i < to; i++) {
            char c = raw.charAt(i);
            if (c == '%' && isHex(raw, i + 1, to) && isHex(raw, i + 2, to)) {
                appendByte(out, hexValue(raw.charAt(i + 1)) << 4 | hexValue(raw.charAt(i + 2)));
                i += 2;
            } else if (c == '+') {
                appendByte(out, ' ');
            } else if (c < 0x80) {
                appendByte(out, c);
            } else {
                i = appendUtf8(out, raw, i, to);
            }
        }
        return out.toString();
    }

    /** True when the text is already in canonical form, so that the common case copies nothing twice. */
    private static boolean isCanonical(String raw, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = raw.charAt(i);
            if (isUnreserved(c)) {
                continue;
            }
            if (c != '%' || !isUpperHex(raw, i + 1, to) || !isUpperHex(raw, i + 2, to)
                    || isUnreserved((char) (hexValue(raw.charAt(i + 1)) << 4 | hexValue(raw.charAt(i + 2))))) {
                return false;
            }
            i += 2;
        }
        return true;
    }

    /** Percent-encodes text (as UTF-8) except unreserved characters; a {@code %} is encoded too. */
    private static void encodeText(StringBuilder out, String text, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                appendByte(out, c);
            } else {
                i = appendUtf8(out, text, i, to);
            }
        }
    }

    /** Encodes the code point starting at {@code i}; returns the index of its last char. */
    private static int appendUtf8(StringBuilder out, String text, int i, int to) {
        int cp = text.charAt(i);
        int last = i;
        if (Character.isHighSurrogate((char) cp) && i + 1 < to && Character.isLowSurrogate(text.charAt(i + 1))) {
            cp = Character.toCodePoint((char) cp, text.charAt(i + 1));
            last = i + 1;
        } else if (Character.isSurrogate((char) cp)) {
            cp = 0xFFFD; // what String.getBytes(UTF_8) substitutes for a lone surrogate
        }
        if (cp < 0x800) {
            appendByte(out, 0xC0 | cp >> 6);
            appendByte(out, 0x80 | cp & 0x3F);
        } else if (cp < 0x10000) {
            appendByte(out, 0xE0 | cp >> 12);
            appendByte(out, 0x80 | cp >> 6 & 0x3F);
            appendByte(out, 0x80 | cp & 0x3F);
        } else {
            appendByte(out, 0xF0 | cp >> 18);
            appendByte(out, 0x80 | cp >> 12 & 0x3F);
            appendByte(out, 0x80 | cp >> 6 & 0x3F);
            appendByte(out, 0x80 | cp & 0x3F);
        }
        return last;
    }

    private static void appendByte(StringBuilder out, int b) {
        if (isUnreserved((char) b)) {
            out.append((char) b);
        } else {
            out.append('%').append(HEX_UPPER[b >> 4 & 0xF]).append(HEX_UPPER[b & 0xF]);
        }
    }

    static boolean isUnreserved(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                || c == '-' || c == '.' || c == '_' || c == '~';
    }

    private static boolean isHex(String s, int i, int to) {
        if (i >= to) {
            return false;
        }
        char c = s.charAt(i);
        return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F') || (c >= 'a' && c <= 'f');
    }

    private static boolean isUpperHex(String s, int i, int to) {
        if (i >= to) {
            return false;
        }
        char c = s.charAt(i);
        return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F');
    }

    static int hexValue(char c) {
        if (c <= '9') {
            return c - '0';
        }
        return (c | 0x20) - 'a' + 10;
    }
}
