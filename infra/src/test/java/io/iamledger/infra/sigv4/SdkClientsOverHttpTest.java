package io.iamledger.infra.sigv4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.iamledger.events.error.IamException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * The AWS SDK's real clients (IAM, STS, CloudTrail over the URL-connection HTTP client) send requests that this
 * verifier accepts, with every header the SDK adds; and a rejected signature reaches the client as the AWS error.
 */
class SdkClientsOverHttpTest {
    private static final String KEY = "AKIAIOSFODNN7EXAMPLE";
    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY";
    private static final String TEMPORARY_KEY = "ASIAIOSFODNN7EXAMPLE";
    private static final String TEMPORARY_SECRET = "je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY";
    private static final String TOKEN = "IQoJb3JpZ2luX2VjEXAMPLE//////////wEaCXVzLWVhc3QtMSJHMEUCIQDtoken+/=";

    private static final SigV4Verifier<String> VERIFIER = SigV4Verifier.<String>builder(id -> switch (id) {
        case KEY -> Optional.of(SigningCredential.longTerm(SECRET, "alice"));
        case TEMPORARY_KEY -> Optional.of(SigningCredential.temporary(TEMPORARY_SECRET, TOKEN,
                Instant.now().plusSeconds(3600), "alice-session"));
        default -> Optional.empty();
    }).build();
    private static final List<VerifiedCaller<String>> CALLERS = new CopyOnWriteArrayList<>();
    private static HttpServer server;

    @BeforeAll
    static void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", SdkClientsOverHttpTest::answer);
        server.start();
    }

    @AfterAll
    static void stopServer() {
        server.stop(0);
    }

    @Test
    void iamClientRequestsVerify() {
        try (IamClient iam = client(IamClient.builder(), Region.AWS_GLOBAL, basic(KEY, SECRET))) {
            assertThat(iam.getUser().user().userName()).isEqualTo("alice");
        }
        // with an endpoint override the SDK signs with the region name it was given, even the pseudo-region
        assertThat(lastCaller()).isEqualTo(new VerifiedCaller<>(KEY, "alice", "aws-global", "iam"));
    }

    @Test
    void stsClientRequestsWithSessionCredentialsVerify() {
        AwsSessionCredentials session = AwsSessionCredentials.create(TEMPORARY_KEY, TEMPORARY_SECRET, TOKEN);
        try (StsClient sts = client(StsClient.builder(), Region.EU_CENTRAL_1, session)) {
            assertThat(sts.getCallerIdentity().account()).isEqualTo("123456789012");
        }
        assertThat(lastCaller())
                .isEqualTo(new VerifiedCaller<>(TEMPORARY_KEY, "alice-session", "eu-central-1", "sts"));
    }

    @Test
    void cloudTrailClientRequestsVerify() {
        try (CloudTrailClient cloudTrail = client(CloudTrailClient.builder(), Region.EU_WEST_1, basic(KEY, SECRET))) {
            assertThat(cloudTrail.lookupEvents(r -> r.maxResults(5)).events()).isEmpty();
        }
        assertThat(lastCaller()).isEqualTo(new VerifiedCaller<>(KEY, "alice", "eu-west-1", "cloudtrail"));
    }

    @Test
    void aWrongSecretReachesTheIamClientAsSignatureDoesNotMatch() {
        try (IamClient iam = client(IamClient.builder(), Region.AWS_GLOBAL, basic(KEY, SECRET + "x"))) {
            assertThatThrownBy(iam::getUser).isInstanceOfSatisfying(
                    software.amazon.awssdk.services.iam.model.IamException.class, e -> {
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("SignatureDoesNotMatch");
                        assertThat(e.statusCode()).isEqualTo(403);
                    });
        }
    }

    @Test
    void anUnknownKeyReachesTheStsClientAsInvalidClientTokenId() {
        try (StsClient sts = client(StsClient.builder(), Region.US_EAST_1, basic("AKIAUNKNOWNEXAMPLE00", SECRET))) {
            assertThatThrownBy(sts::getCallerIdentity).isInstanceOfSatisfying(
                    software.amazon.awssdk.services.sts.model.StsException.class, e -> {
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidClientTokenId");
                        assertThat(e.statusCode()).isEqualTo(403);
                    });
        }
    }

    private static AwsCredentials basic(String key, String secret) {
        return AwsBasicCredentials.create(key, secret);
    }

    private static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C client(B builder, Region region,
                                                                 AwsCredentials credentials) {
        return builder.endpointOverride(URI.create("http://127.0.0.1:" + server.getAddress().getPort()))
                .region(region)
                .credentialsProvider(StaticCredentialsProvider.create(credentials))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }

    private static VerifiedCaller<String> lastCaller() {
        return CALLERS.get(CALLERS.size() - 1);
    }

    private static void answer(HttpExchange exchange) throws IOException {
        IncomingRequest.Builder request = IncomingRequest.builder()
                .method(exchange.getRequestMethod())
                .rawPath(exchange.getRequestURI().getRawPath())
                .rawQuery(exchange.getRequestURI().getRawQuery())
                .body(exchange.getRequestBody().readAllBytes());
        for (Map.Entry<String, List<String>> header : exchange.getRequestHeaders().entrySet()) {
            header.getValue().forEach(value -> request.header(header.getKey(), value));
        }
        try {
            VerifiedCaller<String> caller = VERIFIER.verify(request.build());
            CALLERS.add(caller);
            switch (caller.service()) {
                case "iam" -> send(exchange, 200, "text/xml", """
                        <GetUserResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><GetUserResult><User>\
                        <Path>/</Path><UserName>alice</UserName><UserId>AIDACKCEVSQ6C2EXAMPLE</UserId>\
                        <Arn>arn:aws:iam::123456789012:user/alice</Arn><CreateDate>2024-05-01T10:00:00Z</CreateDate>\
                        </User></GetUserResult><ResponseMetadata><RequestId>r1</RequestId></ResponseMetadata>\
                        </GetUserResponse>""");
                case "sts" -> send(exchange, 200, "text/xml", """
                        <GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">\
                        <GetCallerIdentityResult><Arn>arn:aws:iam::123456789012:user/alice</Arn>\
                        <UserId>AIDACKCEVSQ6C2EXAMPLE</UserId><Account>123456789012</Account>\
                        </GetCallerIdentityResult><ResponseMetadata><RequestId>r2</RequestId></ResponseMetadata>\
                        </GetCallerIdentityResponse>""");
                default -> send(exchange, 200, "application/x-amz-json-1.1", "{\"Events\":[]}");
            }
        } catch (IamException e) {
            send(exchange, e.code().httpStatus(), "text/xml", "<ErrorResponse><Error><Type>" + e.code().faultType()
                    + "</Type><Code>" + e.code().awsCode() + "</Code><Message>" + e.getMessage()
                    + "</Message></Error><RequestId>r3</RequestId></ErrorResponse>");
        }
    }

    private static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
