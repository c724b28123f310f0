package io.iamledger.infra.protocol;

import io.iamledger.events.error.ErrorCode;
import io.iamledger.events.error.IamException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiConsumer;

/**
 * Writes awsQuery response bodies as AWS does, straight into a {@link StringBuilder}:
 * <pre>{@code
 * <ListUsersResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/">
 *   <ListUsersResult>…elements…</ListUsersResult>
 *   <ResponseMetadata><RequestId>…</RequestId></ResponseMetadata>
 * </ListUsersResponse>
 * }</pre>
 * (without the indentation). Lists are {@code <Name><member>…</member></Name>}, maps
 * {@code <Name><entry><key>…</key><value>…</value></entry></Name>}, timestamps ISO-8601 UTC to the second
 * ({@code 2013-06-08T03:20:41Z}), booleans {@code true}/{@code false}. Text is XML-escaped; characters XML 1.0
 * cannot carry at all are replaced by U+FFFD. Element names are taken as given and must be XML names.
 *
 * <p>Start a body with {@link #result}, write the result elements, then {@link #finish}; operations without output
 * use {@link #withoutResult}; errors {@link #error}. Every body is sent with {@link #CONTENT_TYPE}, the status is
 * 200 for results and {@link ErrorCode#httpStatus()} for errors, and the request id also goes in the
 * {@code x-amzn-RequestId} header. A writer is single-use and not thread-safe.
 */
public final class XmlResponseWriter {
    public static final String CONTENT_TYPE = "text/xml";

    private final StringBuilder out = new StringBuilder(512);
    private final ArrayDeque<String> open = new ArrayDeque<>();
    private final String operation;
    private boolean finished;

    private XmlResponseWriter(QueryService service, String operation) {
        this.operation = Objects.requireNonNull(operation, "operation");
        out.append('<').append(operation).append("Response xmlns=\"").append(service.xmlNamespace()).append("\">");
        out.append('<').append(operation).append("Result>");
    }

    /** Starts the response of an operation that has output: {@code <OpResponse xmlns=…><OpResult>}. */
    public static XmlResponseWriter result(QueryService service, String operation) {
        return new XmlResponseWriter(service, operation);
    }

    /** The whole response of an operation without output, such as {@code AttachUserPolicy}. */
    public static String withoutResult(QueryService service, String operation, String requestId) {
        StringBuilder out = new StringBuilder(200);
        out.append('<').append(operation).append("Response xmlns=\"").append(service.xmlNamespace()).append("\">");
        appendMetadata(out, requestId);
        return out.append("</").append(operation).append("Response>").toString();
    }

    /** The error response for an exception, sent with status {@code error.code().httpStatus()}. */
    public static String error(QueryService service, IamException error, String requestId) {
        return error(service, error.code(), error.getMessage(), requestId);
    }

    /**
     * {@code <ErrorResponse xmlns=…><Error><Type>Sender|Receiver</Type><Code>…</Code><Message>…</Message></Error>
     * <RequestId>…</RequestId></ErrorResponse>}, sent with status {@code code.httpStatus()}.
     *
     * @param message shown to the caller as is; null for none
     */
    public static String error(QueryService service, ErrorCode code, String message, String requestId) {
        StringBuilder out = new StringBuilder(300);
        out.append("<ErrorResponse xmlns=\"").append(service.xmlNamespace()).append("\"><Error><Type>")
                .append(code.faultType()).append("</Type><Code>").append(code.awsCode()).append("</Code><Message>");
        escape(out, message == null ? "" : message);
        out.append("</Message></Error><RequestId>");
        escape(out, requestId);
        return out.append("</RequestId></ErrorResponse>").toString();
    }

    /** Opens an element for nested content; close it with {@link #end()}. */
    public XmlResponseWriter start(String name) {
        checkWritable();
        out.append('<').append(name).append('>');
        open.push(name);
        return this;
    }

    /** Closes the element opened last. */
    public XmlResponseWriter end() {
        checkWritable();
        if (open.isEmpty()) {
            throw new IllegalStateException("no element is open in the " + operation + " result");
        }
        out.append("</").append(open.pop()).append('>');
        return this;
    }

    public XmlResponseWriter element(String name, String text) {
        Objects.requireNonNull(text, name);
        checkWritable();
        out.append('<').append(name).append('>');
        escape(out, text);
        out.append("</").append(name).append('>');
        return this;
    }

    public XmlResponseWriter element(String name, boolean value) {
        return raw(name, value ? "true" : "false");
    }

    public XmlResponseWriter element(String name, long value) {
        checkWritable();
        out.append('<').append(name).append('>').append(value).append("</").append(name).append('>');
        return this;
    }

    /** A timestamp as AWS writes it: UTC, whole seconds, e.g. {@code 2013-06-08T03:20:41Z}. */
    public XmlResponseWriter element(String name, Instant time) {
        checkWritable();
        out.append('<').append(name).append('>');
        appendTimestamp(out, time);
        out.append("</").append(name).append('>');
        return this;
    }

    /** A policy document, URL-encoded as IAM returns them (see {@link UrlEncoding}). */
    public XmlResponseWriter urlEncodedElement(String name, String document) {
        return raw(name, UrlEncoding.encode(document));
    }

    /** {@code <name><member>…</member>…</name>}, each member's content written by {@code member}. */
    public <T> XmlResponseWriter list(String name, Iterable<T> items, BiConsumer<XmlResponseWriter, T> member) {
        start(name);
        for (T item : items) {
            start("member");
            member.accept(this, item);
            end();
        }
        return end();
    }

    /** {@code <name><member>value</member>…</name>}. */
    public XmlResponseWriter stringList(String name, Iterable<String> values) {
        start(name);
        for (String value : values) {
            element("member", value);
        }
        return end();
    }

    /** {@code <name><entry><key>…</key><value>…</value></entry>…</name>}, in the map's iteration order. */
    public XmlResponseWriter stringMap(String name, Map<String, String> entries) {
        start(name);
        for (Map.Entry<String, String> entry : entries.entrySet()) {
            start("entry").element("key", entry.getKey()).element("value", entry.getValue()).end();
        }
        return end();
    }

    /**
     * Closes the result, adds the response metadata and returns the body.
     *
     * @throws IllegalStateException when an element started is still open, or the writer was finished before
     */
    public String finish(String requestId) {
        checkWritable();
        if (!open.isEmpty()) {
            throw new IllegalStateException("<" + open.peek() + "> is still open in the " + operation + " result");
        }
        finished = true;
        out.append("</").append(operation).append("Result>");
        appendMetadata(out, requestId);
        return out.append("</").append(operation).append("Response>").toString();
    }

    private XmlResponseWriter raw(String name, String text) {
        checkWritable();
        out.append('<').append(name).append('>').append(text).append("</").append(name).append('>');
        return this;
    }

    private void checkWritable() {
        if (finished) {
            throw new IllegalStateException("the " + operation + " response is already finished");
        }
    }

    private static void appendMetadata(StringBuilder out, String requestId) {
        out.append("<ResponseMetadata><RequestId>");
        escape(out, requestId);
        out.append("</RequestId></ResponseMetadata>");
    }

    static void appendTimestamp(StringBuilder out, Instant time) {
        LocalDateTime t = LocalDateTime.ofEpochSecond(time.getEpochSecond(), 0, ZoneOffset.UTC);
        pad(out, t.getYear(), 4).append('-');
        pad(out, t.getMonthValue(), 2).append('-');
        pad(out, t.getDayOfMonth(), 2).append('T');
        pad(out, t.getHour(), 2).append(':');
        pad(out, t.getMinute(), 2).append(':');
        pad(out, t.getSecond(), 2).append('Z');
    }

    private static StringBuilder pad(StringBuilder out, int value, int width) {
        for (int limit = 10, digits = 1; digits < width; digits++, limit *= 10) {
            if (value < limit) {
                out.append('0');
            }
        }
        return out.append(value);
    }

    static void escape(StringBuilder out, String text) {
        for (int i = 0, n = text.length(); i < n; i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                // a literal CR would be read back as LF by any XML parser
                case '\r' -> out.append("&#13;");
                default -> {
                    if (c < 0x20 && c != '\t' && c != '\n' || c == 0xFFFE || c == 0xFFFF) {
                        out.append('\uFFFD');
                    } else if (Character.isSurrogate(c)) {
                        if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1))) {
                            out.append(c).append(text.charAt(++i));
                        } else {
                            out.append('\uFFFD');
                        }
                    } else {
                        out.append(c);
                    }
                }
            }
        }
    }
}
