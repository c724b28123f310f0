package io.iamledger.query.evaluator;

/**
 * An IAM wildcard pattern compiled once: {@code *} matches any run of characters (including {@code /} and
 * {@code :}), {@code ?} exactly one. The common shapes get a fast path that is a single {@code String} comparison
 * ({@code abc}, {@code abc*}, {@code *abc}, {@code *abc*}, {@code *}); anything else runs the linear
 * backtrack-to-last-star matcher. Matching works on a region of the text so callers never cut substrings.
 * Immutable and thread-safe; matching allocates nothing.
 */
final class Wildcard {
    static final int STAR = -1;
    static final int QUESTION = -2;

    static final int ANY = 0;
    static final int EXACT = 1;
    static final int PREFIX = 2;
    static final int SUFFIX = 3;
    static final int CONTAINS = 4;
    static final int GENERAL = 5;

    private final int shape;
    private final String literal;
    private final String pattern;
    private final boolean ignoreCase;

    private Wildcard(int shape, String literal, String pattern, boolean ignoreCase) {
        this.shape = shape;
        this.literal = literal;
        this.pattern = pattern;
        this.ignoreCase = ignoreCase;
    }

    /** {@code pattern} with {@code *} and {@code ?} as wildcards. */
    static Wildcard compile(String pattern, boolean ignoreCase) {
        int stars = 0;
        boolean question = false;
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            stars += c == '*' ? 1 : 0;
            question |= c == '?';
        }
        int length = pattern.length();
        if (!question) {
            if (stars == 0) {
                return new Wildcard(EXACT, pattern, pattern, ignoreCase);
            }
            if (stars == length) {
                return new Wildcard(ANY, "", pattern, ignoreCase);
            }
            boolean leading = pattern.charAt(0) == '*';
            boolean trailing = pattern.charAt(length - 1) == '*';
            if (stars == 1 && trailing) {
                return new Wildcard(PREFIX, pattern.substring(0, length - 1), pattern, ignoreCase);
            }
            if (stars == 1 && leading) {
                return new Wildcard(SUFFIX, pattern.substring(1), pattern, ignoreCase);
            }
            if (stars == 2 && leading && trailing) {
                return new Wildcard(CONTAINS, pattern.substring(1, length - 1), pattern, ignoreCase);
            }
        }
        return new Wildcard(GENERAL, "", pattern, ignoreCase);
    }

    /** {@link #ANY}, {@link #EXACT}, {@link #PREFIX}, {@link #SUFFIX}, {@link #CONTAINS} or {@link #GENERAL}. */
    int shape() {
        return shape;
    }

    /** The fixed text of the fast-path shapes (empty for {@link #ANY}); empty for {@link #GENERAL}. */
    String literal() {
        return literal;
    }

    boolean matches(String text) {
        return matches(text, 0, text.length());
    }

    /** Whether {@code text[from, to)} matches. */
    boolean matches(String text, int from, int to) {
        int length = to - from;
        switch (shape) {
            case ANY:
                return true;
            case EXACT:
                return length == literal.length() && text.regionMatches(ignoreCase, from, literal, 0, length);
            case PREFIX:
                return length >= literal.length() && text.regionMatches(ignoreCase, from, literal, 0, literal.length());
            case SUFFIX:
                return length >= literal.length()
                        && text.regionMatches(ignoreCase, to - literal.length(), literal, 0, literal.length());
            case CONTAINS:
                return contains(text, from, to);
            default:
                return general(pattern, text, from, to, ignoreCase);
        }
    }

    private boolean contains(String text, int from, int to) {
        int n = literal.length();
        if (!ignoreCase) {
            int at = text.indexOf(literal, from);
            return at >= 0 && at + n <= to;
        }
        for (int i = from; i + n <= to; i++) {
            if (text.regionMatches(true, i, literal, 0, n)) {
                return true;
            }
        }
        return false;
    }

    private static boolean general(String pattern, String text, int from, int to, boolean ignoreCase) {
        int p = 0;
        int t = from;
        int star = -1;
        int starText = from;
        int plen = pattern.length();
        while (t < to) {
            char pc = p < plen ? pattern.charAt(p) : 0;
            if (p < plen && pc != '*' && (pc == '?' || same(pc, text.charAt(t), ignoreCase))) {
                p++;
                t++;
            } else if (p < plen && pc == '*') {
                star = p++;
                starText = t;
            } else if (star >= 0) {
                p = star + 1;
                t = ++starText;
            } else {
                return false;
            }
        }
        while (p < plen && pattern.charAt(p) == '*') {
            p++;
        }
        return p == plen;
    }

    /**
     * Matching for a pattern made at evaluation time, whose wildcards are {@link #STAR} and {@link #QUESTION} and
     * whose other codes are characters taken literally (so a {@code *} that came from a variable's value is not a
     * wildcard).
     */
    static boolean matchesCodes(int[] codes, int codeCount, String text, int from, int to, boolean ignoreCase) {
        int p = 0;
        int t = from;
        int star = -1;
        int starText = from;
        while (t < to) {
            int pc = p < codeCount ? codes[p] : Integer.MIN_VALUE;
            if (p < codeCount && pc != STAR && (pc == QUESTION || pc >= 0 && same((char) pc, text.charAt(t), ignoreCase))) {
                p++;
                t++;
            } else if (p < codeCount && pc == STAR) {
                star = p++;
                starText = t;
            } else if (star >= 0) {
                p = star + 1;
                t = ++starText;
            } else {
                return false;
            }
        }
        while (p < codeCount && codes[p] == STAR) {
            p++;
        }
        return p == codeCount;
    }

    static boolean same(char a, char b, boolean ignoreCase) {
        return a == b || ignoreCase && (Character.toLowerCase(a) == Character.toLowerCase(b)
                || Character.toUpperCase(a) == Character.toUpperCase(b));
    }

    @Override
    public String toString() {
        return pattern;
    }
}
