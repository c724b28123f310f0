package io.iamledger.query.evaluator;

import java.util.List;

/**
 * The value of an {@code Arn...} condition, matched segment by segment and case-sensitively as AWS documents for
 * ArnEquals/ArnLike ("Each of the six colon-delimited components of the ARN is checked separately"): a wildcard in
 * the first five parts ({@code arn}, partition, service, region, account) cannot cross a colon, while the resource
 * part is everything after the fifth colon and its {@code *} spans {@code /} and {@code :}. Colons inside a
 * {@code ${...}} variable do not separate segments. Immutable and thread-safe.
 */
final class ArnPattern {
    private static final int SEGMENTS = 6;

    private final String text;
    /**
     * Per segment three ints: the wildcard shape, and where its literal stands in {@link #text} (start, length), so
     * the common shapes compare regions of the pattern's own string. Deciding over many principals is bounded by
     * cache misses: this reads one array and one string where six wildcards read eighteen objects and arrays.
     */
    private final int[] layout;
    /** Per segment the wildcard for the contains and general shapes (matched by the wildcard), else null. */
    private final Wildcard[] wildcards;
    private final Template[] templates;
    private final boolean valid;

    private ArnPattern(String text, int[] layout, Wildcard[] wildcards, Template[] templates, boolean valid) {
        this.text = text;
        this.layout = layout;
        this.wildcards = wildcards;
        this.templates = templates;
        this.valid = valid;
    }

    /** A value of an {@code Arn...} condition: case-sensitive; variables anywhere. */
    static ArnPattern condition(String text, boolean variables) {
        return compile(text, variables);
    }

    private static ArnPattern compile(String text, boolean variables) {
        int[] bounds = colons(text, variables);
        if (bounds == null) {
            return new ArnPattern(text, null, null, null, false);
        }
        int[] layout = new int[3 * SEGMENTS];
        Wildcard[] wildcards = new Wildcard[SEGMENTS];
        Template[] templates = new Template[SEGMENTS];
        for (int s = 0; s < SEGMENTS; s++) {
            int from = s == 0 ? 0 : bounds[s - 1] + 1;
            int to = s == SEGMENTS - 1 ? text.length() : bounds[s];
            String segment = text.substring(from, to);
            Template template = variables ? Template.parse(segment) : null;
            if (template != null) {
                templates[s] = template;
                continue;
            }
            Wildcard wildcard = Wildcard.compile(segment, false);
            int shape = wildcard.shape();
            layout[3 * s] = shape;
            layout[3 * s + 1] = shape == Wildcard.SUFFIX ? from + 1 : from;
            layout[3 * s + 2] = wildcard.literal().length();
            if (shape == Wildcard.GENERAL || shape == Wildcard.CONTAINS) {
                wildcards[s] = wildcard;
            }
        }
        return new ArnPattern(text, layout, wildcards, templates, true);
    }

    /**
     * The positions of the first five colons of {@code text}, skipping colons inside {@code ${...}} when
     * {@code variables}; null when there are fewer than five.
     */
    private static int[] colons(String text, boolean variables) {
        int[] positions = new int[SEGMENTS - 1];
        int found = 0;
        int i = 0;
        while (i < text.length() && found < SEGMENTS - 1) {
            char c = text.charAt(i);
            if (variables && c == '$' && i + 1 < text.length() && text.charAt(i + 1) == '{') {
                int close = text.indexOf('}', i + 2);
                if (close > 0) {
                    i = close + 1;
                    continue;
                }
            }
            if (c == ':') {
                positions[found++] = i;
            }
            i++;
        }
        return found == SEGMENTS - 1 ? positions : null;
    }

    /** Whether {@code arn} matches; a pattern or value with fewer than six segments matches nothing. */
    boolean matches(AuthorizationRequest request, String arn) {
        if (!valid) {
            return false;
        }
        int c1 = arn.indexOf(':');
        int c2 = c1 < 0 ? -1 : arn.indexOf(':', c1 + 1);
        int c3 = c2 < 0 ? -1 : arn.indexOf(':', c2 + 1);
        int c4 = c3 < 0 ? -1 : arn.indexOf(':', c3 + 1);
        int c5 = c4 < 0 ? -1 : arn.indexOf(':', c4 + 1);
        if (c5 < 0) {
            return false;
        }
        return segment(0, request, arn, 0, c1)
                && segment(4, request, arn, c4 + 1, c5)
                && segment(2, request, arn, c2 + 1, c3)
                && segment(3, request, arn, c3 + 1, c4)
                && segment(1, request, arn, c1 + 1, c2)
                && segment(5, request, arn, c5 + 1, arn.length());
    }

    private boolean segment(int s, AuthorizationRequest request, String arn, int from, int to) {
        Template template = templates[s];
        if (template != null) {
            return template.likeRegion(request, arn, from, to, false);
        }
        int at = layout[3 * s + 1];
        int n = layout[3 * s + 2];
        int length = to - from;
        switch (layout[3 * s]) {
            case Wildcard.ANY:
                return true;
            case Wildcard.EXACT:
                return length == n && arn.regionMatches(from, text, at, n);
            case Wildcard.PREFIX:
                return length >= n && arn.regionMatches(from, text, at, n);
            case Wildcard.SUFFIX:
                return length >= n && arn.regionMatches(to - n, text, at, n);
            default:
                return wildcards[s].matches(arn, from, to);
        }
    }

    /** Adds the context keys this pattern's variables read. */
    void addVariableKeys(List<String> into) {
        if (templates != null) {
            for (Template template : templates) {
                if (template != null) {
                    template.addVariableKeys(into);
                }
            }
        }
    }

    @Override
    public String toString() {
        return text;
    }
}
