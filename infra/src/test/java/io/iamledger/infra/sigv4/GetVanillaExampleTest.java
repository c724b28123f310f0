package io.iamledger.infra.sigv4;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The worked example of AWS's SigV4 documentation ("get-vanilla": GET / on example.amazonaws.com, key AKIDEXAMPLE,
 * 2015-08-30T12:36:00Z, region us-east-1, service {@code service}) and its published signature: a check against
 * AWS's own numbers, independent of the SDK-signed requests the other tests use.
 */
class GetVanillaExampleTest {
    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    private static final String DOCUMENTED_SIGNATURE =
            "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31";

    private static IncomingRequest getVanilla(String signature) {
        return IncomingRequest.builder()
                .method("GET")
                .rawPath("/")
                .header("Host", "example.amazonaws.com")
                .header("X-Amz-Date", "20150830T123600Z")
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/"
                        + "aws4_request, SignedHeaders=host;x-amz-date, Signature=" + signature)
                .body(new byte[0])
                .build();
    }

    @Test
    void canonicalRequestAndSignatureMatchTheDocumentedExample() {
        IncomingRequest request = getVanilla(DOCUMENTED_SIGNATURE);
        SignatureElements elements = SignatureElements.locate(request, List.of());
        String canonical = SigV4Verifier.canonicalRequest(request, List.of(), elements,
                new String[] {"host", "x-amz-date"}, false);
        String stringToSign = "AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/service/aws4_request\n"
                + HexFormat.of().formatHex(Crypto.sha256(canonical.getBytes(StandardCharsets.UTF_8)));
        byte[] key = SigningKeyCache.derive(("AWS4" + SECRET).getBytes(StandardCharsets.UTF_8),
                "20150830", "us-east-1", "service");

        assertThat(canonical).isEqualTo("""
                GET
                /

                host:example.amazonaws.com
                x-amz-date:20150830T123600Z

                host;x-amz-date
                e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855""");
        assertThat(HexFormat.of().formatHex(Crypto.hmacSha256(key, stringToSign))).isEqualTo(DOCUMENTED_SIGNATURE);
    }

    @Test
    void theVerifierAcceptsTheDocumentedRequestAtItsSigningTime() {
        SigV4Verifier<String> verifier = SigV4Verifier.<String>builder(
                        id -> Optional.of(SigningCredential.longTerm(SECRET, "example")))
                .clock(Clock.fixed(Instant.parse("2015-08-30T12:36:00Z"), ZoneOffset.UTC))
                .services(java.util.Set.of("service"))
                .build();
        assertThat(verifier.verify(getVanilla(DOCUMENTED_SIGNATURE)).principal()).isEqualTo("example");
    }
}
