package io.iamledger.events.document;

/**
 * A place in a policy document's original JSON text, as AWS reports it in {@code StartPosition} and
 * {@code EndPosition}: both numbers are 1-based, the column counts UTF-16 characters from the start of the line,
 * and CR, LF and CRLF each end a line.
 */
public record SourcePosition(int line, int column) {
    public SourcePosition {
        if (line < 1 || column < 1) {
            throw new IllegalArgumentException("line and column are 1-based, got " + line + ":" + column);
        }
    }
}
