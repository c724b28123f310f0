package io.iamledger.infra.protocol;

import java.nio.charset.StandardCharsets;

/**
 * Percent-encoding as RFC 3986 defines it, the form in which IAM returns policy documents
 * ({@code PolicyDocument}, {@code AssumeRolePolicyDocument}, {@code Document}): every byte of the UTF-8 text is
 * encoded except the unreserved {@code A-Z a-z 0-9 - . _ ~}. Unlike {@link java.net.URLEncoder}, a space becomes
 * {@code %20}, {@code *} becomes {@code %2A} and {@code ~} stays as it is.
 */
public final class UrlEncoding {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private UrlEncoding() {}

    public static String encode(String text) {
        int i = 0;
        int length = text.length();
        while (i < length && isUnreserved(text.charAt(i))) {
            i++;
        }
        if (i == length) {
            return text;
        }
        StringBuilder out = new StringBuilder(length + length / 2);
        out.append(text, 0, i);
        byte[] bytes = text.substring(i).getBytes(StandardCharsets.UTF_8);
        for (byte b : bytes) {
            char c = (char) (b & 0xFF);
            if (isUnreserved(c)) {
                out.append(c);
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
        }
        return out.toString();
    }

    private static boolean isUnreserved(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                || c == '-' || c == '.' || c == '_' || c == '~';
    }
}
