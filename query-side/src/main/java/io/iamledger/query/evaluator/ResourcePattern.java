package io.iamledger.query.evaluator;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * One entry of a {@code Resource} or {@code NotResource} element, matched against the whole request ARN with
 * {@code *} matching any run of characters (including {@code /} and {@code :}) and {@code ?} any one character,
 * case-sensitively. AWS's Resource page: "The asterisk (*) character can expand to replace everything within a
 * segment, including characters like a forward slash (/)" and, in its current text, "If the * wildcard is the last
 * character of a resource ARN segment, it can expand to match beyond the colon boundaries" — so a short pattern
 * such as {@code arn:aws:dynamodb:us-east-1:*} covers every table of the region. Policy variables are substituted
 * only in the resource part (after the fifth colon), as AWS documents. Immutable and thread-safe.
 */
final class ResourcePattern {
    private final String text;
    /** The wildcard's shape, copied here with its literal so the common shapes never load the wildcard. */
    private final int shape;
    /**
     * The fast-path literal as ISO-8859-1 bytes, compared with the request's resource bytes: deciding over many
     * principals is bounded by cache misses, and this reads one array where the wildcard reads two objects and an
     * array. Null for the general shape, for templates, and for literals outside ISO-8859-1.
     */
    private final byte[] literal;
    private final Wildcard wildcard;
    private final Template template;

    private ResourcePattern(String text, Wildcard wildcard, Template template) {
        this.text = text;
        this.wildcard = wildcard;
        this.template = template;
        this.shape = wildcard == null ? Wildcard.GENERAL : wildcard.shape();
        this.literal = wildcard == null || shape == Wildcard.GENERAL ? null : latin1(wildcard.literal());
    }

    /** The ISO-8859-1 bytes of {@code text}, or null when it has a character outside that set. */
    static byte[] latin1(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) > 0xFF) {
                return null;
            }
        }
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    static ResourcePattern compile(String text, boolean variables) {
        if (variables) {
            int resourcePart = resourcePartStart(text);
            Template tail = resourcePart < 0 ? null : Template.parse(text.substring(resourcePart));
            if (tail != null) {
                return new ResourcePattern(text, null, tail.withPrefix(text.substring(0, resourcePart)));
            }
        }
        return new ResourcePattern(text, Wildcard.compile(text, false), null);
    }

    /** Where the resource part starts: just past the fifth colon, or -1 when there are fewer. */
    private static int resourcePartStart(String text) {
        int at = -1;
        for (int colon = 0; colon < 5; colon++) {
            at = text.indexOf(':', at + 1);
            if (at < 0) {
                return -1;
            }
        }
        return at + 1;
    }

    boolean matches(AuthorizationRequest request, String resource) {
        if (template != null) {
            return template.likeRegion(request, resource, 0, resource.length(), false);
        }
        byte[] pattern = literal;
        byte[] bytes = request.resourceLatin1();
        if (pattern != null && bytes != null) {
            int n = pattern.length;
            int length = bytes.length;
            switch (shape) {
                case Wildcard.ANY:
                    return true;
                case Wildcard.EXACT:
                    return Arrays.equals(bytes, pattern);
                case Wildcard.PREFIX:
                    return length >= n && Arrays.equals(bytes, 0, n, pattern, 0, n);
                case Wildcard.SUFFIX:
                    return length >= n && Arrays.equals(bytes, length - n, length, pattern, 0, n);
                default:
                    break;
            }
        }
        return wildcard.matches(resource, 0, resource.length());
    }

    void addVariableKeys(List<String> into) {
        if (template != null) {
            template.addVariableKeys(into);
        }
    }

    @Override
    public String toString() {
        return text;
    }
}
