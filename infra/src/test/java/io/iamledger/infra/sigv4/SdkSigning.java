package io.iamledger.infra.sigv4;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/** Requests signed by the AWS SDK's own SigV4 signer, kept editable so that tests can tamper with them. */
final class SdkSigning {
    private SdkSigning() {}

    /** An unsigned request: method, URL (encoded as it will be sent), headers and body. */
    static final class Draft {
        private final SdkHttpFullRequest.Builder request;
        private byte[] body = new byte[0];
        private String service;
        private String region = "us-east-1";
        private AwsV4FamilyHttpSigner.AuthLocation location = AwsV4FamilyHttpSigner.AuthLocation.HEADER;
        private Duration expiration;
        private boolean payloadSigning = true;

        private Draft(SdkHttpMethod method, String url, String service) {
            this.request = SdkHttpFullRequest.builder().method(method).uri(URI.create(url));
            this.service = service;
        }

        Draft header(String name, String value) {
            request.appendHeader(name, value);
            return this;
        }

        Draft form(String body) {
            request.putHeader("Content-Type", "application/x-www-form-urlencoded; charset=utf-8");
            return body(body);
        }

        Draft body(String body) {
            this.body = body.getBytes(StandardCharsets.UTF_8);
            return this;
        }

        Draft region(String region) {
            this.region = region;
            return this;
        }

        Draft presigned(Duration expiration) {
            this.location = AwsV4FamilyHttpSigner.AuthLocation.QUERY_STRING;
            this.expiration = expiration;
            return this;
        }

        Draft unsignedPayload() {
            this.payloadSigning = false;
            return this;
        }

        Parts signAt(Instant time, AwsCredentialsIdentity identity) {
            byte[] payload = body;
            SdkHttpFullRequest unsigned = request.contentStreamProvider(
                    ContentStreamProvider.fromByteArrayUnsafe(payload)).build();
            SignedRequest signed = AwsV4HttpSigner.create().sign(r -> {
                r.identity(identity).request(unsigned)
                        .payload(() -> new ByteArrayInputStream(payload))
                        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                        .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                        .putProperty(AwsV4FamilyHttpSigner.AUTH_LOCATION, location)
                        .putProperty(AwsV4FamilyHttpSigner.PAYLOAD_SIGNING_ENABLED, payloadSigning)
                        .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(time, ZoneOffset.UTC));
                if (expiration != null) {
                    r.putProperty(AwsV4FamilyHttpSigner.EXPIRATION_DURATION, expiration);
                }
            });
            return Parts.of(signed.request(), payload);
        }
    }

    static Draft post(String url, String service) {
        return new Draft(SdkHttpMethod.POST, url, service);
    }

    static Draft get(String url, String service) {
        return new Draft(SdkHttpMethod.GET, url, service);
    }

    /** A signed request as the server receives it, with edits for tampering. */
    static final class Parts {
        String method;
        String rawPath;
        String rawQuery;
        final Map<String, List<String>> headers = new LinkedHashMap<>();
        byte[] body;

        static Parts of(SdkHttpRequest request, byte[] body) {
            Parts parts = new Parts();
            parts.method = request.method().name();
            parts.rawPath = request.encodedPath();
            String query = request.getUri().getRawQuery();
            parts.rawQuery = query == null ? "" : query;
            request.forEachHeader((name, values) -> parts.headers.put(name, new ArrayList<>(values)));
            parts.body = body.clone();
            return parts;
        }

        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElseThrow();
        }

        Parts setHeader(String name, String value) {
            headers.keySet().removeIf(k -> k.equalsIgnoreCase(name));
            headers.put(name, new ArrayList<>(List.of(value)));
            return this;
        }

        Parts removeHeader(String name) {
            headers.keySet().removeIf(k -> k.equalsIgnoreCase(name));
            return this;
        }

        Parts editAuthorization(String from, String to) {
            String authorization = header("Authorization");
            if (!authorization.contains(from)) {
                throw new IllegalArgumentException(authorization + " does not contain " + from);
            }
            return setHeader("Authorization", authorization.replace(from, to));
        }

        IncomingRequest toRequest() {
            IncomingRequest.Builder builder = IncomingRequest.builder().method(method).rawPath(rawPath)
                    .rawQuery(rawQuery).body(body);
            headers.forEach((name, values) -> values.forEach(value -> builder.header(name, value)));
            return builder.build();
        }
    }
}
