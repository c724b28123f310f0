package io.iamledger.infra.sigv4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.iamledger.events.error.IamException;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What the command-line clients' signer signs, the server's verifier accepts; any change to it is caught. */
class RequestSignerTest {
    private static final Instant NOW = Instant.parse("2026-03-03T14:00:00Z");
    private static final String KEY = "AKIAIOSFODNN7EXAMPLE";
    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY";
    private static final URI CAN = URI.create("http://localhost:8080/v1/can?principal=arn%3Aaws%3Aiam%3A%3A1"
            + "23456789012%3Auser%2Fbob&action=s3%3AGetObject&resource=*&at=2026-03-03T14%3A00%3A00Z");

    private final SigV4Verifier<String> verifier = SigV4Verifier.<String>builder(key -> key.equals(KEY)
                    ? Optional.of(SigningCredential.longTerm(SECRET, "bob")) : Optional.empty())
            .services(Set.of("iamledger"))
            .clock(Clock.fixed(NOW, ZoneOffset.UTC))
            .build();

    @Test
    void aSignedGetVerifies() {
        Map<String, String> headers = RequestSigner.sign("GET", CAN, new byte[0], "us-east-1", "iamledger", KEY,
                SECRET, NOW);
        VerifiedCaller<String> caller = verifier.verify(request("GET", CAN, headers, new byte[0]));
        assertThat(caller.principal()).isEqualTo("bob");
        assertThat(caller.service()).isEqualTo("iamledger");
    }

    @Test
    void aSignedPostWithABodyVerifies() {
        URI checkpoint = URI.create("http://127.0.0.1:9000/v1/log/checkpoint");
        byte[] body = "{}".getBytes();
        Map<String, String> headers = RequestSigner.sign("POST", checkpoint, body, "eu-west-1", "iamledger", KEY,
                SECRET, NOW);
        assertThat(verifier.verify(request("POST", checkpoint, headers, body)).region()).isEqualTo("eu-west-1");
    }

    @Test
    void aChangedQueryOrSecretIsRefused() {
        Map<String, String> headers = RequestSigner.sign("GET", CAN, new byte[0], "us-east-1", "iamledger", KEY,
                SECRET, NOW);
        URI other = URI.create(CAN.toString().replace("bob", "eve"));
        assertThatThrownBy(() -> verifier.verify(request("GET", other, headers, new byte[0])))
                .isInstanceOfSatisfying(IamException.class,
                        e -> assertThat(e.code().awsCode()).isEqualTo("SignatureDoesNotMatch"));
        Map<String, String> forged = RequestSigner.sign("GET", CAN, new byte[0], "us-east-1", "iamledger", KEY,
                "x".repeat(40), NOW);
        assertThatThrownBy(() -> verifier.verify(request("GET", CAN, forged, new byte[0])))
                .isInstanceOf(IamException.class);
    }

    private static IncomingRequest request(String method, URI uri, Map<String, String> headers, byte[] body) {
        IncomingRequest.Builder builder = IncomingRequest.builder().method(method).rawPath(uri.getRawPath())
                .rawQuery(uri.getRawQuery() == null ? "" : uri.getRawQuery()).body(body);
        headers.forEach(builder::header);
        return builder.build();
    }
}
