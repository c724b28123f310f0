package io.iamledger.infra.load;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A lean awsQuery client for the benchmark: one keep-alive HTTP/1.1 connection, requests signed with SigV4 the way
 * the AWS SDK signs IAM and STS calls (form body, {@code content-type;host;x-amz-date} signed, plus
 * {@code x-amz-security-token} with temporary credentials; region us-east-1), responses read to the end and judged
 * by status and {@code <Code>}. It costs the machine a few microseconds
 * per call, where the SDK costs about a millisecond, so the figures measure the server rather than its clients;
 * the integration tests use the real SDK. Not thread-safe: one per client thread.
 */
final class SigningWriteClient implements WriteClient {
    private static final String REGION = "us-east-1";
    private static final String CONTENT_TYPE = "application/x-www-form-urlencoded; charset=utf-8";
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT);
    private static final HexFormat HEX = HexFormat.of();

    private final String host;
    private final int port;
    private final String service;
    private final String accessKeyId;
    private final String sessionToken;
    private final byte[] secretKey;
    private final MessageDigest sha256;
    private final Mac hmac;
    private Socket socket;
    private OutputStream out;
    private InputStream in;
    private String signingDate = "";
    private byte[] signingKey;

    SigningWriteClient(URI endpoint, String accessKeyId, String secretAccessKey) {
        this(endpoint, "iam", accessKeyId, secretAccessKey, null);
    }

    /**
     * @param service      the signing name: {@code iam} or {@code sts}
     * @param sessionToken the session token of temporary credentials, or null for a long-term key
     */
    SigningWriteClient(URI endpoint, String service, String accessKeyId, String secretAccessKey,
                       String sessionToken) {
        this.host = endpoint.getHost();
        this.port = endpoint.getPort();
        this.service = service;
        this.accessKeyId = accessKeyId;
        this.sessionToken = sessionToken;
        this.secretKey = ("AWS4" + secretAccessKey).getBytes(StandardCharsets.UTF_8);
        try {
            this.sha256 = MessageDigest.getInstance("SHA-256");
            this.hmac = Mac.getInstance("HmacSHA256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void createUser(String userName) {
        call("Action=CreateUser&Version=2010-05-08&UserName=" + encode(userName));
    }

    @Override
    public void attachUserPolicy(String userName, String policyArn) {
        call("Action=AttachUserPolicy&Version=2010-05-08&UserName=" + encode(userName)
                + "&PolicyArn=" + encode(policyArn));
    }

    /** Sends one awsQuery call; returns the response body of a 200, or throws {@link CallFailed}. */
    String call(String form) {
        try {
            if (socket == null) {
                connect();
            }
            byte[] body = form.getBytes(StandardCharsets.UTF_8);
            out.write(request(body));
            out.write(body);
            out.flush();
            Response response = Response.read(in);
            if (response.closeAfter) {
                close();
            }
            if (response.status != 200) {
                String code = response.errorCode();
                throw new CallFailed(code + " (HTTP " + response.status + ")", response.body, null);
            }
            return response.body;
        } catch (IOException e) {
            close();
            throw new CallFailed("client: " + e.getClass().getSimpleName(), e.getMessage(), e);
        }
    }

    private byte[] request(byte[] body) {
        ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
        String amzDate = AMZ_DATE.format(now);
        String date = amzDate.substring(0, 8);
        String hostHeader = host + ":" + port;
        String signedHeaders = sessionToken == null ? "content-type;host;x-amz-date"
                : "content-type;host;x-amz-date;x-amz-security-token";
        String canonicalRequest = "POST\n/\n\n"
                + "content-type:" + CONTENT_TYPE + "\n"
                + "host:" + hostHeader + "\n"
                + "x-amz-date:" + amzDate + "\n"
                + (sessionToken == null ? "" : "x-amz-security-token:" + sessionToken + "\n")
                + "\n" + signedHeaders + "\n"
                + HEX.formatHex(sha256.digest(body));
        String scope = date + "/" + REGION + "/" + service + "/aws4_request";
        String stringToSign = "AWS4-HMAC-SHA256\n" + amzDate + "\n" + scope + "\n"
                + HEX.formatHex(sha256.digest(canonicalRequest.getBytes(StandardCharsets.UTF_8)));
        String signature = HEX.formatHex(hmac(signingKey(date), stringToSign));
        String head = "POST / HTTP/1.1\r\n"
                + "Host: " + hostHeader + "\r\n"
                + "Content-Type: " + CONTENT_TYPE + "\r\n"
                + "X-Amz-Date: " + amzDate + "\r\n"
                + (sessionToken == null ? "" : "X-Amz-Security-Token: " + sessionToken + "\r\n")
                + "Authorization: AWS4-HMAC-SHA256 Credential=" + accessKeyId + "/" + scope
                + ", SignedHeaders=" + signedHeaders + ", Signature=" + signature + "\r\n"
                + "Content-Length: " + body.length + "\r\n"
                + "\r\n";
        return head.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** The day's signing key, derived once per UTC date as SigV4 defines it. */
    private byte[] signingKey(String date) {
        if (!date.equals(signingDate)) {
            byte[] key = hmac(secretKey, date);
            key = hmac(key, REGION);
            key = hmac(key, service);
            signingKey = hmac(key, "aws4_request");
            signingDate = date;
        }
        return signingKey;
    }

    private byte[] hmac(byte[] key, String data) {
        try {
            hmac.init(new SecretKeySpec(key, "HmacSHA256"));
            return hmac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private void connect() throws IOException {
        socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(60_000);
        socket.connect(new InetSocketAddress(host, port), 5_000);
        out = socket.getOutputStream();
        in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing a connection we are abandoning anyway
            }
            socket = null;
        }
    }

    /** The parts of an HTTP/1.1 response the benchmark needs; the body is read whole (Content-Length framing). */
    private record Response(int status, String body, boolean closeAfter) {
        static Response read(InputStream in) throws IOException {
            String statusLine = line(in);
            if (statusLine == null) {
                throw new IOException("connection closed before a response");
            }
            int status = Integer.parseInt(statusLine.split(" ", 3)[1]);
            int length = -1;
            boolean close = false;
            for (String header = line(in); header != null && !header.isEmpty(); header = line(in)) {
                int colon = header.indexOf(':');
                String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                String value = header.substring(colon + 1).trim();
                if (name.equals("content-length")) {
                    length = Integer.parseInt(value);
                } else if (name.equals("connection") && value.equalsIgnoreCase("close")) {
                    close = true;
                } else if (name.equals("transfer-encoding")) {
                    throw new IOException("unexpected transfer-encoding " + value);
                }
            }
            if (length < 0) {
                throw new IOException("response without Content-Length");
            }
            byte[] body = in.readNBytes(length);
            if (body.length < length) {
                throw new IOException("connection closed within the response body");
            }
            return new Response(status, new String(body, StandardCharsets.UTF_8), close);
        }

        String errorCode() {
            int start = body.indexOf("<Code>");
            int end = body.indexOf("</Code>");
            return start < 0 || end < start ? "(no code)" : body.substring(start + 6, end);
        }

        private static String line(InputStream in) throws IOException {
            StringBuilder line = new StringBuilder(64);
            for (int b = in.read(); b != -1; b = in.read()) {
                if (b == '\n') {
                    int last = line.length() - 1;
                    return last >= 0 && line.charAt(last) == '\r' ? line.substring(0, last) : line.toString();
                }
                line.append((char) b);
            }
            return line.length() == 0 ? null : line.toString();
        }
    }
}
