package io.iamledger.infra.sigv4;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Signs one HTTP request with SigV4 ({@code Authorization} header), for this server's own command-line clients.
 * It shares the canonical forms with {@link SigV4Verifier}, so what it signs is what the server checks; the
 * header set is the one the AWS SDKs sign ({@code host}, {@code x-amz-content-sha256}, {@code x-amz-date}).
 */
public final class RequestSigner {
    private static final HexFormat HEX = HexFormat.of();
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private RequestSigner() {}

    /**
     * The headers to send with the request: {@code Host}, {@code X-Amz-Date}, {@code X-Amz-Content-Sha256} and
     * {@code Authorization}.
     *
     * @param uri the request's URI as it will be sent (its raw path and raw query are signed)
     */
    public static Map<String, String> sign(String method, URI uri, byte[] body, String region, String service,
                                           String accessKeyId, String secretAccessKey, Instant now) {
        String amzDate = AMZ_DATE.format(now);
        String date = amzDate.substring(0, 8);
        String host = uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
        String payloadHash = HEX.formatHex(Crypto.sha256(body));
        StringBuilder canonical = new StringBuilder(method).append('\n');
        Canonical.appendUri(canonical, uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/"
                : uri.getRawPath());
        canonical.append('\n');
        Canonical.appendQuery(canonical, Canonical.parseQuery(uri.getRawQuery() == null ? "" : uri.getRawQuery()),
                null, null);
        canonical.append('\n')
                .append("host:").append(host).append('\n')
                .append("x-amz-content-sha256:").append(payloadHash).append('\n')
                .append("x-amz-date:").append(amzDate).append('\n')
                .append('\n')
                .append("host;x-amz-content-sha256;x-amz-date").append('\n')
                .append(payloadHash);
        String scope = date + "/" + region + "/" + service + "/aws4_request";
        String stringToSign = SignatureElements.ALGORITHM + '\n' + amzDate + '\n' + scope + '\n'
                + HEX.formatHex(Crypto.sha256(canonical.toString().getBytes(StandardCharsets.UTF_8)));
        byte[] key = Crypto.hmacSha256(("AWS4" + secretAccessKey).getBytes(StandardCharsets.UTF_8), date);
        key = Crypto.hmacSha256(key, region);
        key = Crypto.hmacSha256(key, service);
        key = Crypto.hmacSha256(key, "aws4_request");
        String signature = HEX.formatHex(Crypto.hmacSha256(key, stringToSign));
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Host", host);
        headers.put("X-Amz-Date", amzDate);
        headers.put("X-Amz-Content-Sha256", payloadHash);
        headers.put("Authorization", SignatureElements.ALGORITHM + " Credential=" + accessKeyId + "/" + scope
                + ", SignedHeaders=host;x-amz-content-sha256;x-amz-date, Signature=" + signature);
        return headers;
    }
}
