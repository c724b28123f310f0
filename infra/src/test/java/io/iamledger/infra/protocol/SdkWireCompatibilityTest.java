package io.iamledger.infra.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.iamledger.events.error.ErrorCode;
import io.iamledger.events.error.IamException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.ContextEntry;
import software.amazon.awssdk.services.iam.model.ContextKeyTypeEnum;
import software.amazon.awssdk.services.iam.model.DeleteConflictException;
import software.amazon.awssdk.services.iam.model.EvaluationResult;
import software.amazon.awssdk.services.iam.model.ListUsersResponse;
import software.amazon.awssdk.services.iam.model.PolicyEvaluationDecisionType;
import software.amazon.awssdk.services.iam.model.SimulatePrincipalPolicyResponse;
import software.amazon.awssdk.services.iam.model.Tag;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;
import software.amazon.awssdk.services.sts.model.PolicyDescriptorType;

/**
 * Wire compatibility with the AWS SDK for Java v2: the SDK's own unmarshallers read what {@link XmlResponseWriter}
 * writes, and {@link QueryRequest} reads what the SDK's marshallers send. A JDK HTTP server on the loopback
 * interface stands in for the HTTP layer.
 */
class SdkWireCompatibilityTest {
    private static final Set<String> IAM_OPERATIONS = Set.of("ListUsers", "CreateUser", "DeleteUser",
            "AttachUserPolicy", "GetPolicyVersion", "SimulatePrincipalPolicy");
    private static final Set<String> STS_OPERATIONS = Set.of("AssumeRole");
    private static final String REQUEST_ID = "7a62c49f-347e-4fc4-9331-6e8eEXAMPLE";

    private static HttpServer server;
    private static volatile QueryService service;
    private static volatile Function<QueryRequest, String> responder;
    private static volatile QueryRequest received;

    @BeforeAll
    static void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", SdkWireCompatibilityTest::answer);
        server.start();
    }

    @AfterAll
    static void stopServer() {
        server.stop(0);
    }

    @AfterEach
    void forgetRequest() {
        received = null;
    }

    @Test
    void theSdkReadsAListUsersPageWithItsMarker() {
        Instant created = Instant.parse("2012-09-05T19:38:48Z");
        Instant lastUsed = Instant.parse("2016-09-08T21:47:36.123456789Z");
        respondWith(QueryService.IAM, request -> XmlResponseWriter.result(QueryService.IAM, "ListUsers")
                .list("Users", List.of("Ana", "Bob & <Co>"), (w, name) -> w
                        .element("Path", "/division_abc/")
                        .element("UserName", name)
                        .element("UserId", "AIDACKCEVSQ6C2EXAMPLE")
                        .element("Arn", "arn:aws:iam::123456789012:user/division_abc/" + name)
                        .element("CreateDate", created)
                        .element("PasswordLastUsed", lastUsed))
                .element("IsTruncated", true)
                .element("Marker", "AAEAAXy3+/=&<opaque>")
                .finish(REQUEST_ID));

        ListUsersResponse page;
        try (IamClient iam = iam()) {
            page = iam.listUsers(r -> r.pathPrefix("/division_abc/").maxItems(2));
        }

        assertThat(received.action()).isEqualTo("ListUsers");
        assertThat(received.parameters().optionalInt("MaxItems", 1, 1000)).contains(2);
        assertThat(received.parameters().optionalString("PathPrefix")).contains("/division_abc/");
        assertThat(page.users()).hasSize(2);
        assertThat(page.users().get(1).userName()).isEqualTo("Bob & <Co>");
        assertThat(page.users().get(1).arn()).isEqualTo("arn:aws:iam::123456789012:user/division_abc/Bob & <Co>");
        assertThat(page.users().get(0).createDate()).isEqualTo(created);
        assertThat(page.users().get(0).passwordLastUsed()).isEqualTo(Instant.parse("2016-09-08T21:47:36Z"));
        assertThat(page.isTruncated()).isTrue();
        assertThat(page.marker()).isEqualTo("AAEAAXy3+/=&<opaque>");
        assertThat(page.responseMetadata().requestId()).isEqualTo(REQUEST_ID);
    }

    @Test
    void aRequestWithoutOutputGetsAResponseWithoutResult() {
        respondWith(QueryService.IAM, request -> XmlResponseWriter.withoutResult(QueryService.IAM,
                "AttachUserPolicy", REQUEST_ID));

        try (IamClient iam = iam()) {
            assertThat(iam.attachUserPolicy(r -> r.userName("Bob").policyArn("arn:aws:iam::aws:policy/ReadOnly"))
                    .responseMetadata().requestId()).isEqualTo(REQUEST_ID);
        }
        assertThat(received.parameters().requiredString("PolicyArn")).isEqualTo("arn:aws:iam::aws:policy/ReadOnly");
    }

    @Test
    void aPolicyDocumentArrivesUrlEncodedAsFromAws() {
        String document = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:*\","
                + "\"Resource\":\"arn:aws:s3:::my bucket/~home/*\",\"Condition\":{\"StringEquals\":{\"k\":\"ü+&\"}}}]}";
        respondWith(QueryService.IAM, request -> XmlResponseWriter.result(QueryService.IAM, "GetPolicyVersion")
                .start("PolicyVersion")
                .urlEncodedElement("Document", document)
                .element("VersionId", "v1")
                .element("IsDefaultVersion", true)
                .element("CreateDate", Instant.parse("2015-03-09T18:39:23Z"))
                .end()
                .finish(REQUEST_ID));

        String returned;
        try (IamClient iam = iam()) {
            returned = iam.getPolicyVersion(r -> r.policyArn("arn:aws:iam::123456789012:policy/P").versionId("v1"))
                    .policyVersion().document();
        }

        assertThat(returned).contains("%20", "%2A", "~home").doesNotContain("+", "*", " ");
        assertThat(URLDecoder.decode(returned, StandardCharsets.UTF_8)).isEqualTo(document);
    }

    @Test
    void aModeledErrorBecomesTheSdksModeledException() {
        respondWith(QueryService.IAM, request -> {
            throw new IamException(ErrorCode.DELETE_CONFLICT, "Cannot delete entity, must detach all policies first.");
        });

        try (IamClient iam = iam()) {
            assertThatThrownBy(() -> iam.deleteUser(r -> r.userName("Bob")))
                    .isInstanceOfSatisfying(DeleteConflictException.class, e -> {
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("DeleteConflict");
                        assertThat(e.awsErrorDetails().errorMessage())
                                .isEqualTo("Cannot delete entity, must detach all policies first.");
                        assertThat(e.statusCode()).isEqualTo(409);
                        assertThat(e.requestId()).isEqualTo(REQUEST_ID);
                    });
        }
    }

    @Test
    void anUnknownActionReachesTheSdkAsInvalidAction() {
        respondWith(QueryService.IAM, request -> "never reached: the action is unknown");

        try (IamClient iam = iam()) {
            assertThatThrownBy(iam::getAccountSummary)
                    .isInstanceOfSatisfying(software.amazon.awssdk.services.iam.model.IamException.class, e -> {
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidAction");
                        assertThat(e.awsErrorDetails().errorMessage())
                                .isEqualTo("Could not find operation GetAccountSummary for version 2010-05-08");
                        assertThat(e.statusCode()).isEqualTo(400);
                    });
        }
    }

    @Test
    void createUserWithTagsAsTheSdkSendsIt() {
        respondWith(QueryService.IAM, request -> XmlResponseWriter.result(QueryService.IAM, "CreateUser")
                .start("User")
                .element("Path", "/")
                .element("UserName", request.parameters().requiredString("UserName"))
                .element("UserId", "AIDACKCEVSQ6C2EXAMPLE")
                .element("Arn", "arn:aws:iam::123456789012:user/Bob")
                .element("CreateDate", Instant.parse("2013-06-08T03:20:41Z"))
                .list("Tags", request.parameters().structList("Tags"), (w, tag) -> w
                        .element("Key", tag.requiredString("Key"))
                        .element("Value", tag.requiredString("Value")))
                .end()
                .finish(REQUEST_ID));

        List<Tag> echoed;
        try (IamClient iam = iam()) {
            echoed = iam.createUser(r -> r.userName("Bob").permissionsBoundary("arn:aws:iam::123456789012:policy/B")
                    .tags(Tag.builder().key("team").value("a b+c=d&e").build(),
                            Tag.builder().key("ünïcode").value("").build()))
                    .user().tags();
        }

        QueryParameters parameters = received.parameters();
        assertThat(received.action()).isEqualTo("CreateUser");
        assertThat(received.version()).isEqualTo("2010-05-08");
        assertThat(parameters.requiredString("UserName")).isEqualTo("Bob");
        assertThat(parameters.optionalString("PermissionsBoundary")).contains("arn:aws:iam::123456789012:policy/B");
        assertThat(parameters.optionalString("Path")).isEmpty();
        List<QueryParameters> tags = parameters.structList("Tags");
        assertThat(tags).hasSize(2);
        assertThat(tags.get(0).requiredString("Key")).isEqualTo("team");
        assertThat(tags.get(0).requiredString("Value")).isEqualTo("a b+c=d&e");
        assertThat(tags.get(1).requiredString("Key")).isEqualTo("ünïcode");
        assertThat(tags.get(1).requiredString("Value")).isEmpty();
        assertThat(echoed).extracting(Tag::value)
                .containsExactly("a b+c=d&e", "");
    }

    @Test
    void simulatePrincipalPolicyWithContextEntriesAsTheSdkSendsIt() {
        respondWith(QueryService.IAM, request -> XmlResponseWriter.result(QueryService.IAM,
                        "SimulatePrincipalPolicy")
                .list("EvaluationResults", request.parameters().stringList("ActionNames"), (w, action) -> w
                        .element("EvalActionName", action)
                        .element("EvalResourceName", "*")
                        .element("EvalDecision", "allowed")
                        .list("MatchedStatements", List.of("Grant"), (m, id) -> m
                                .element("SourcePolicyId", id)
                                .element("SourcePolicyType", "user")
                                .start("StartPosition").element("Line", 3).element("Column", 19).end()
                                .start("EndPosition").element("Line", 9).element("Column", 10).end())
                        .stringList("MissingContextValues", List.of())
                        .stringMap("EvalDecisionDetails", Map.of("IdentityPolicy", "allowed")))
                .element("IsTruncated", false)
                .finish(REQUEST_ID));

        SimulatePrincipalPolicyResponse response;
        try (IamClient iam = iam()) {
            response = iam.simulatePrincipalPolicy(r -> r
                    .policySourceArn("arn:aws:iam::123456789012:user/Bob")
                    .actionNames("s3:GetObject", "s3:PutObject")
                    .resourceArns("arn:aws:s3:::bucket/*")
                    .contextEntries(
                            ContextEntry.builder().contextKeyName("aws:SourceIp").contextKeyType(ContextKeyTypeEnum.IP)
                                    .contextKeyValues("10.0.0.1").build(),
                            ContextEntry.builder().contextKeyName("aws:PrincipalTag/team")
                                    .contextKeyType(ContextKeyTypeEnum.STRING_LIST)
                                    .contextKeyValues("a", "b c").build())
                    .maxItems(10));
        }

        QueryParameters parameters = received.parameters();
        assertThat(parameters.requiredString("PolicySourceArn")).isEqualTo("arn:aws:iam::123456789012:user/Bob");
        assertThat(parameters.stringList("ActionNames")).containsExactly("s3:GetObject", "s3:PutObject");
        assertThat(parameters.stringList("ResourceArns")).containsExactly("arn:aws:s3:::bucket/*");
        assertThat(parameters.optionalInt("MaxItems", 1, 1000)).contains(10);
        List<QueryParameters> entries = parameters.structList("ContextEntries");
        assertThat(entries).hasSize(2);
        assertThat(entries.get(0).requiredString("ContextKeyName")).isEqualTo("aws:SourceIp");
        assertThat(entries.get(0).optionalString("ContextKeyType")).contains("ip");
        assertThat(entries.get(0).stringList("ContextKeyValues")).containsExactly("10.0.0.1");
        assertThat(entries.get(1).optionalString("ContextKeyType")).contains("stringList");
        assertThat(entries.get(1).stringList("ContextKeyValues")).containsExactly("a", "b c");

        EvaluationResult result = response.evaluationResults().get(1);
        assertThat(result.evalActionName()).isEqualTo("s3:PutObject");
        assertThat(result.evalDecision()).isEqualTo(PolicyEvaluationDecisionType.ALLOWED);
        assertThat(result.matchedStatements().get(0).startPosition().column()).isEqualTo(19);
        assertThat(result.missingContextValues()).isEmpty();
        assertThat(result.evalDecisionDetails()).containsEntry("IdentityPolicy", PolicyEvaluationDecisionType.ALLOWED);
        assertThat(response.isTruncated()).isFalse();
    }

    @Test
    void stsAssumeRoleAsTheSdkSendsAndReadsIt() {
        respondWith(QueryService.STS, request -> XmlResponseWriter.result(QueryService.STS, "AssumeRole")
                .start("Credentials")
                .element("AccessKeyId", "ASIAIOSFODNN7EXAMPLE")
                .element("SecretAccessKey", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY")
                .element("SessionToken", "IQoJb3JpZ2luX2VjEXAMPLE")
                .element("Expiration", Instant.parse("2019-11-09T13:34:41Z"))
                .end()
                .start("AssumedRoleUser")
                .element("AssumedRoleId", "AROA3XFRBF535PLBIFPI4:s3-access-example")
                .element("Arn", "arn:aws:sts::123456789012:assumed-role/xaccounts3access/s3-access-example")
                .end()
                .element("PackedPolicySize", 6)
                .finish(REQUEST_ID));

        AssumeRoleResponse response;
        try (StsClient sts = StsClient.builder().endpointOverride(endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKID", "SECRET")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())).build()) {
            response = sts.assumeRole(r -> r.roleArn("arn:aws:iam::123456789012:role/demo")
                    .roleSessionName("s3-access-example").durationSeconds(3600)
                    .policyArns(PolicyDescriptorType.builder().arn("arn:aws:iam::aws:policy/ReadOnlyAccess").build())
                    .tags(software.amazon.awssdk.services.sts.model.Tag.builder().key("project").value("x").build())
                    .transitiveTagKeys("project"));
        }

        QueryParameters parameters = received.parameters();
        assertThat(received.service()).isEqualTo(QueryService.STS);
        assertThat(received.version()).isEqualTo("2011-06-15");
        assertThat(parameters.requiredString("RoleSessionName")).isEqualTo("s3-access-example");
        assertThat(parameters.optionalInt("DurationSeconds", 900, 43_200)).contains(3600);
        assertThat(parameters.structList("PolicyArns").get(0).requiredString("arn"))
                .isEqualTo("arn:aws:iam::aws:policy/ReadOnlyAccess");
        assertThat(parameters.structList("Tags").get(0).requiredString("Value")).isEqualTo("x");
        assertThat(parameters.stringList("TransitiveTagKeys")).containsExactly("project");
        assertThat(response.credentials().expiration()).isEqualTo(Instant.parse("2019-11-09T13:34:41Z"));
        assertThat(response.assumedRoleUser().assumedRoleId()).isEqualTo("AROA3XFRBF535PLBIFPI4:s3-access-example");
        assertThat(response.packedPolicySize()).isEqualTo(6);
    }

    private static void respondWith(QueryService answeringService, Function<QueryRequest, String> answer) {
        service = answeringService;
        responder = answer;
    }

    private static IamClient iam() {
        return IamClient.builder().endpointOverride(endpoint()).region(Region.AWS_GLOBAL)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKID", "SECRET")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }

    private static URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private static void answer(HttpExchange exchange) throws IOException {
        int status = 200;
        String body;
        try {
            QueryRequest request = QueryRequest.parse(service,
                    service == QueryService.IAM ? IAM_OPERATIONS : STS_OPERATIONS,
                    exchange.getRequestURI().getRawQuery(), exchange.getRequestBody().readAllBytes());
            received = request;
            body = responder.apply(request);
        } catch (IamException e) {
            status = e.code().httpStatus();
            body = XmlResponseWriter.error(service, e, REQUEST_ID);
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", XmlResponseWriter.CONTENT_TYPE);
        exchange.getResponseHeaders().add("x-amzn-RequestId", REQUEST_ID);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
