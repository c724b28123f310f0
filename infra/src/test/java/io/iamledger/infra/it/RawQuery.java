package io.iamledger.infra.it;

import io.iamledger.infra.server.LedgerServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
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
 * Calls an awsQuery action the SDK has no method for (our extensions, such as RotateAccessKey), signed by the
 * SDK's own SigV4 signer exactly as the SDK signs its calls. Returns the response body; fails on a non-200.
 */
final class RawQuery {
    private RawQuery() {}

    static String call(LedgerServer server, String action, String... parameters) {
        StringBuilder form = new StringBuilder("Action=").append(action).append("&Version=2010-05-08");
        for (int i = 0; i < parameters.length; i += 2) {
            form.append('&').append(parameters[i]).append('=')
                    .append(URLEncoder.encode(parameters[i + 1], StandardCharsets.UTF_8));
        }
        byte[] body = form.toString().getBytes(StandardCharsets.UTF_8);
        SdkHttpRequest request = SdkHttpRequest.builder()
                .method(SdkHttpMethod.POST)
                .uri(server.endpoint())
                .putHeader("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                .build();
        SignedRequest signed = AwsV4HttpSigner.create().sign(r -> r
                .identity(AwsBasicCredentials.create(server.rootAccessKeyId(), server.rootSecretAccessKey()))
                .request(request)
                .payload(ContentStreamProvider.fromByteArray(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "iam")
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1"));
        try (SdkHttpClient http = UrlConnectionHttpClient.create()) {
            HttpExecuteResponse response = http.prepareRequest(HttpExecuteRequest.builder()
                    .request(signed.request())
                    .contentStreamProvider(() -> new ByteArrayInputStream(body))
                    .build()).call();
            String text = new String(response.responseBody().orElseThrow().readAllBytes(), StandardCharsets.UTF_8);
            if (response.httpResponse().statusCode() != 200) {
                throw new AssertionError(action + " failed with " + response.httpResponse().statusCode() + ": " + text);
            }
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
