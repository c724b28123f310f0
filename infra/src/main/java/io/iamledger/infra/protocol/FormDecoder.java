package io.iamledger.infra.protocol;

import io.iamledger.events.error.ErrorCode;
import io.iamledger.events.error.IamException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.function.BiConsumer;

/**
 * Decodes {@code application/x-www-form-urlencoded} bytes: pairs split at {@code &} and the first {@code =},
 * {@code +} read as a space, {@code %XX} escapes, and the result read as strict UTF-8. Not thread-safe; one per
 * request.
 */
final class FormDecoder {
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private byte[] buffer = new byte[64];

    /** Hands each name and value to {@code sink} in order; empty pairs ({@code &&}) are skipped. */
    void decode(byte[] form, BiConsumer<String, String> sink) {
        int length = form.length;
        int start = 0;
        while (start < length) {
            int end = indexOf(form, (byte) '&', start, length);
            if (end > start) {
                int eq = indexOf(form, (byte) '=', start, end);
                String name = text(form, start, eq);
                String value = eq < end ? text(form, eq + 1, end) : "";
                sink.accept(name, value);
            }
            start = end + 1;
        }
    }

    private String text(byte[] form, int from, int to) {
        boolean plain = true;
        for (int i = from; i < to && plain; i++) {
            byte b = form[i];
            plain = b >= 0 && b != '%' && b != '+';
        }
        if (plain) {
            // the common case: nothing to decode, ASCII only
            return new String(form, from, to - from, StandardCharsets.ISO_8859_1);
        }
        if (buffer.length < to - from) {
            buffer = new byte[Math.max(to - from, buffer.length * 2)];
        }
        int n = 0;
        for (int i = from; i < to; i++) {
            byte b = form[i];
            if (b == '+') {
                buffer[n++] = ' ';
            } else if (b == '%') {
                int high = i + 2 < to ? hexValue(form[i + 1]) : -1;
                int low = i + 2 < to ? hexValue(form[i + 2]) : -1;
                if ((high | low) < 0) {
                    throw malformed(form, from, to, "contains an invalid percent-encoding");
                }
                buffer[n++] = (byte) (high << 4 | low);
                i += 2;
            } else {
                buffer[n++] = b;
            }
        }
        try {
            CharBuffer chars = utf8.reset().decode(ByteBuffer.wrap(buffer, 0, n));
            return chars.toString();
        } catch (CharacterCodingException e) {
            throw malformed(form, from, to, "is not valid UTF-8 once decoded");
        }
    }

    private static IamException malformed(byte[] form, int from, int to, String problem) {
        // quote only the start: the text may be a whole policy document
        int shown = Math.min(to - from, 64);
        String text = new String(form, from, shown, StandardCharsets.ISO_8859_1) + (shown < to - from ? "..." : "");
        return new IamException(ErrorCode.INVALID_PARAMETER_VALUE,
                "Malformed request parameters: '" + text + "' " + problem);
    }

    private static int indexOf(byte[] bytes, byte wanted, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] == wanted) {
                return i;
            }
        }
        return to;
    }

    private static int hexValue(byte b) {
        if (b >= '0' && b <= '9') {
            return b - '0';
        }
        if (b >= 'A' && b <= 'F') {
            return b - 'A' + 10;
        }
        if (b >= 'a' && b <= 'f') {
            return b - 'a' + 10;
        }
        return -1;
    }
}
