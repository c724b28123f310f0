package io.iamledger.events.document;

/**
 * Where an element sits in a document, for error messages: {@code Statement[0].Condition.StringEquals["aws:username"]}.
 * Grammar-like keys print bare, any other key quoted in brackets.
 */
final class Path {
    static final Path ROOT = new Path(null, null, -1);

    private final Path parent;
    private final String key;
    private final int index;

    private Path(Path parent, String key, int index) {
        this.parent = parent;
        this.key = key;
        this.index = index;
    }

    Path child(String childKey) {
        return new Path(this, childKey, -1);
    }

    Path at(int childIndex) {
        return new Path(this, null, childIndex);
    }

    @Override
    public String toString() {
        if (parent == null) {
            return "the policy";
        }
        StringBuilder out = new StringBuilder();
        appendTo(out);
        return out.toString();
    }

    private void appendTo(StringBuilder out) {
        if (parent == null) {
            return;
        }
        parent.appendTo(out);
        if (key == null) {
            out.append('[').append(index).append(']');
        } else if (isIdentifier(key)) {
            if (parent.parent != null) {
                out.append('.');
            }
            out.append(key);
        } else {
            out.append('[').append(Problems.quote(key)).append(']');
        }
    }

    private static boolean isIdentifier(String text) {
        if (text.isEmpty() || text.length() > 64 || !isLetter(text.charAt(0))) {
            return false;
        }
        for (int i = 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!isLetter(c) && (c < '0' || c > '9')) {
                return false;
            }
        }
        return true;
    }

    private static boolean isLetter(char c) {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z';
    }
}
