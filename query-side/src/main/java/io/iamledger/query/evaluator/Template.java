package io.iamledger.query.evaluator;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A policy string holding policy variables, split once at compile time into policy text, escaped characters
 * ({@code ${*}}, {@code ${?}}, {@code ${$}}) and variables ({@code ${aws:username}},
 * {@code ${aws:PrincipalTag/team, 'none'}}). At evaluation a variable takes the text of its single-valued
 * context key, else its default; with neither the template matches nothing, as AWS says of a variable with no
 * value. Substituted text and escapes are always literal: only wildcards written in the policy text are
 * wildcards. Immutable and thread-safe.
 */
final class Template {
    private static final byte TEXT = 0;
    private static final byte LITERAL = 1;
    private static final byte VARIABLE = 2;
    /** Per-thread buffer for substituted Like patterns, so matching one allocates nothing in the steady state. */
    private static final ThreadLocal<int[]> SCRATCH = ThreadLocal.withInitial(() -> new int[128]);

    private final byte[] kinds;
    /** For TEXT and LITERAL the text; for VARIABLE the key lower-cased. */
    private final String[] values;
    /** For VARIABLE the default value, else null. */
    private final String[] defaults;
    /** For VARIABLE the key as written. */
    private final String[] keys;

    private Template(byte[] kinds, String[] values, String[] defaults, String[] keys) {
        this.kinds = kinds;
        this.values = values;
        this.defaults = defaults;
        this.keys = keys;
    }

    /** The template for {@code text}, or null when it has no {@code ${...}} to substitute. */
    static Template parse(String text) {
        if (!text.contains("${")) {
            return null;
        }
        List<Byte> kinds = new ArrayList<>();
        List<String> values = new ArrayList<>();
        List<String> defaults = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        StringBuilder pending = new StringBuilder();
        int i = 0;
        boolean any = false;
        while (i < text.length()) {
            int open = text.indexOf("${", i);
            int close = open < 0 ? -1 : text.indexOf('}', open + 2);
            if (open < 0 || close < 0) {
                pending.append(text, i, text.length());
                break;
            }
            pending.append(text, i, open);
            String inner = text.substring(open + 2, close);
            i = close + 1;
            if (inner.equals("*") || inner.equals("?") || inner.equals("$")) {
                add(kinds, values, defaults, keys, pending);
                kinds.add(LITERAL);
                values.add(inner);
                defaults.add(null);
                keys.add(null);
                any = true;
                continue;
            }
            add(kinds, values, defaults, keys, pending);
            int comma = inner.indexOf(',');
            String key = (comma < 0 ? inner : inner.substring(0, comma)).trim();
            String fallback = null;
            if (comma >= 0) {
                String rest = inner.substring(comma + 1).trim();
                if (rest.length() >= 2 && rest.charAt(0) == '\'' && rest.charAt(rest.length() - 1) == '\'') {
                    fallback = rest.substring(1, rest.length() - 1);
                }
            }
            kinds.add(VARIABLE);
            values.add(key.toLowerCase(Locale.ROOT).intern()); // see StringTable
            defaults.add(fallback);
            keys.add(key);
            any = true;
        }
        if (!any) {
            return null;
        }
        add(kinds, values, defaults, keys, pending);
        byte[] kindArray = new byte[kinds.size()];
        for (int k = 0; k < kindArray.length; k++) {
            kindArray[k] = kinds.get(k);
        }
        return new Template(kindArray, values.toArray(new String[0]), defaults.toArray(new String[0]),
                keys.toArray(new String[0]));
    }

    private static void add(List<Byte> kinds, List<String> values, List<String> defaults, List<String> keys,
            StringBuilder pending) {
        if (pending.length() > 0) {
            kinds.add(TEXT);
            values.add(pending.toString());
            defaults.add(null);
            keys.add(null);
            pending.setLength(0);
        }
    }

    /** This template with {@code prefix} before it as policy text (its wildcards active, no variables). */
    Template withPrefix(String prefix) {
        if (prefix.isEmpty()) {
            return this;
        }
        int n = kinds.length + 1;
        byte[] k = new byte[n];
        String[] v = new String[n];
        String[] d = new String[n];
        String[] keyNames = new String[n];
        k[0] = TEXT;
        v[0] = prefix;
        System.arraycopy(kinds, 0, k, 1, kinds.length);
        System.arraycopy(values, 0, v, 1, values.length);
        System.arraycopy(defaults, 0, d, 1, defaults.length);
        System.arraycopy(keys, 0, keyNames, 1, keys.length);
        return new Template(k, v, d, keyNames);
    }

    /** The text of part {@code i}: for a variable its value or default, null when it has neither. */
    private String part(int i, AuthorizationRequest request) {
        if (kinds[i] != VARIABLE) {
            return values[i];
        }
        String value = request.variable(values[i]);
        return value != null ? value : defaults[i];
    }

    /** Whether the substituted text equals {@code text[from, to)}; wildcards are literal here. */
    boolean equalsRegion(AuthorizationRequest request, String text, int from, int to, boolean ignoreCase) {
        int at = from;
        for (int i = 0; i < kinds.length; i++) {
            String part = part(i, request);
            if (part == null) {
                return false;
            }
            int n = part.length();
            if (at + n > to || !text.regionMatches(ignoreCase, at, part, 0, n)) {
                return false;
            }
            at += n;
        }
        return at == to;
    }

    /** Whether {@code text[from, to)} is like the substituted pattern; false when a variable cannot be resolved. */
    boolean likeRegion(AuthorizationRequest request, String text, int from, int to, boolean ignoreCase) {
        int length = 0;
        for (int i = 0; i < kinds.length; i++) {
            String part = part(i, request);
            if (part == null) {
                return false;
            }
            length += part.length();
        }
        int[] codes = SCRATCH.get();
        if (codes.length < length) {
            codes = new int[Math.max(length, codes.length * 2)];
            SCRATCH.set(codes);
        }
        int at = 0;
        for (int i = 0; i < kinds.length; i++) {
            String part = part(i, request);
            boolean wild = kinds[i] == TEXT;
            for (int c = 0; c < part.length(); c++) {
                char ch = part.charAt(c);
                codes[at++] = wild && ch == '*' ? Wildcard.STAR : wild && ch == '?' ? Wildcard.QUESTION : ch;
            }
        }
        return Wildcard.matchesCodes(codes, length, text, from, to, ignoreCase);
    }

    /** The substituted text, or null when a variable has no value and no default. */
    String resolve(AuthorizationRequest request) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < kinds.length; i++) {
            String part = part(i, request);
            if (part == null) {
                return null;
            }
            out.append(part);
        }
        return out.toString();
    }

    /** Adds the context keys this template reads, as written. */
    void addVariableKeys(List<String> into) {
        for (int i = 0; i < kinds.length; i++) {
            if (kinds[i] == VARIABLE) {
                into.add(keys[i]);
            }
        }
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < kinds.length; i++) {
            out.append(kinds[i] == TEXT ? values[i] : kinds[i] == LITERAL ? "${" + values[i] + "}" : "${" + keys[i] + "}");
        }
        return out.toString();
    }
}
