package io.iamledger.infra.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

/**
 * Calls the ledger's {@code /v1} JSON API as a client would: signed by the SDK's own SigV4 signer (signing name
 * {@code iamledger} unless told otherwise, the body too), or not signed at all.
 */
final class LedgerApi {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The HTTP status and the JSON body of one answer. */
    record Answer(int status, JsonNode body) {}

    private LedgerApi() {}

    /** {@code parameters} are name, value pairs, sent URL-encoded in the query string. */
    static Answer get(AwsCredentials credentials, String path, String... parameters) {
        return call(credentials, "iamledger", SdkHttpMethod.GET, path, parameters);
    }

    static Answer call(AwsCredentials credentials, String signingName, SdkHttpMethod method, String path,
                       String... parameters) {
        StringBuilder query = new StringBuilder();
        for (int i = 0; i < parameters.length; i += 2) {
            query.append(query.length() == 0 ? "" : "&").append(encode(parameters[i])).append('=')
                    .append(encode(parameters[i + 1]));
        }
        URI uri = SharedLedger.server().endpoint().resolve(path + (query.length() == 0 ? "" : "?" + query));
        SdkHttpRequest request = SdkHttpRequest.builder().method(method).uri(uri).build();
        if (credentials != null) {
            SignedRequest signed = AwsV4HttpSigner.create().sign(r -> r
                    .identity(credentials)
                    .request(request)
                    .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, signingName)
                    .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1"));
            return send(signed.request());
        }
        return send(request);
    }

    /** A signed POST of {@code body} (JSON, or anything for testing what the server refuses) to {@code path}. */
    static Answer post(AwsCredentials credentials, String path, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        SdkHttpRequest request = SdkHttpRequest.builder().method(SdkHttpMethod.POST)
                .uri(SharedLedger.server().endpoint().resolve(path))
                .putHeader("Content-Type", "application/json")
                .putHeader("Content-Length", String.valueOf(bytes.length))
                .build();
        ContentStreamProvider payload = ContentStreamProvider.fromByteArray(bytes);
        SignedRequest signed = AwsV4HttpSigner.create().sign(r -> r
                .identity(credentials)
                .request(request)
                .payload(payload)
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "iamledger")
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1"));
        return send(signed.request(), payload);
    }

    private static Answer send(SdkHttpRequest request) {
        return send(request, null);
    }

    private static Answer send(SdkHttpRequest request, ContentStreamProvider payload) {
        try (SdkHttpClient http = UrlConnectionHttpClient.create()) {
            HttpExecuteResponse response = http.prepareRequest(HttpExecuteRequest.builder().request(request)
                            .contentStreamProvider(payload).build())
                    .call();
            byte[] body = response.responseBody().isPresent() ? response.responseBody().get().readAllBytes()
                    : new byte[0];
            return new Answer(response.httpResponse().statusCode(), JSON.readTree(body));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
