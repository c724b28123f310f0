package io.iamledger.infra.sigv4;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The parts of an HTTP request that a SigV4 signature covers, exactly as they arrived: method, raw (still
 * percent-encoded) path and query string, headers, and the body bytes before any form decoding. Build one per
 * request with {@link #builder()}.
 *
 * <p>Header names are case-insensitive; a header sent several times keeps its values in arrival order.
 * Immutable and thread-safe. {@link #toString()} shows neither header values nor the body, since they may carry a
 * session token.
 */
public final class IncomingRequest {
    private final String method;
    private final String rawPath;
    private final String rawQuery;
    private final Map<String, List<String>> headers;
    private final byte[] body;

    private IncomingRequest(Builder builder) {
        this.method = builder.method;
        this.rawPath = builder.rawPath;
        this.rawQuery = builder.rawQuery;
        Map<String, List<String>> copy = new HashMap<>(builder.headers.size() * 2);
        builder.headers.forEach((name, values) -> copy.put(name, List.copyOf(values)));
        this.headers = copy;
        this.body = builder.body;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The HTTP method as sent, e.g. {@code POST}. */
    public String method() {
        return method;
    }

    /** The path as sent on the request line, percent-encoding intact, e.g. {@code /} or {@code /a%20b}. */
    public String rawPath() {
        return rawPath;
    }

    /** The query string as sent, without the {@code ?}, percent-encoding intact; empty when there is none. */
    public String rawQuery() {
        return rawQuery;
    }

    /** Every value of the named header (any case) in arrival order; empty when the header is absent. */
    public List<String> headers(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null ? List.of() : values;
    }

    /** The body bytes, read-only and without copying. */
    public ByteBuffer body() {
        return ByteBuffer.wrap(body).asReadOnlyBuffer();
    }

    byte[] bodyBytes() {
        return body;
    }

    /** Looks up a header by its lower-case name without converting the argument. */
    List<String> lowerCaseHeader(String lowerCaseName) {
        List<String> values = headers.get(lowerCaseName);
        return values == null ? List.of() : values;
    }

    @Override
    public String toString() {
        return "IncomingRequest[" + method + " " + rawPath + ", " + headers.size() + " headers, " + body.length
                + " body bytes]";
    }

    /**
     * Collects the parts of one request. Defaults: path {@code /}, empty query string, no headers, empty body; the
     * method has no default. Not thread-safe.
     */
    public static final class Builder {
        private static final byte[] EMPTY = new byte[0];

        private String method;
        private String rawPath = "/";
        private String rawQuery = "";
        private final Map<String, List<String>> headers = new HashMap<>();
        private byte[] body = EMPTY;

        private Builder() {}

        public Builder method(String method) {
            this.method = Objects.requireNonNull(method, "method");
            return this;
        }

        /** The raw request path; an empty path stands for {@code /}. */
        public Builder rawPath(String rawPath) {
            Objects.requireNonNull(rawPath, "rawPath");
            this.rawPath = rawPath.isEmpty() ? "/" : rawPath;
            return this;
        }

        /** The raw query string without the leading {@code ?}; {@code null} is taken as none, as servlets report it. */
        public Builder rawQuery(String rawQuery) {
            this.rawQuery = rawQuery == null ? "" : rawQuery;
            return this;
        }

        /** Adds one value of a header; call again for each further value or repetition. */
        public Builder header(String name, String value) {
            Objects.requireNonNull(name, "header name");
            Objects.requireNonNull(value, "value of header " + name);
            headers.computeIfAbsent(name.toLowerCase(Locale.ROOT), k -> new ArrayList<>(1)).add(value);
            return this;
        }

        /** The body as received; the array is copied. */
        public Builder body(byte[] body) {
            this.body = body.length == 0 ? EMPTY : body.clone();
            return this;
        }

        /** @throws IllegalStateException when no method was set */
        public IncomingRequest build() {
            if (method == null) {
                throw new IllegalStateException("IncomingRequest needs a method");
            }
            return new IncomingRequest(this);
        }
    }
}
