package io.iamledger.infra.sigv4;

import static io.iamledger.infra.sigv4.SdkSigning.get;
import static io.iamledger.infra.sigv4.SdkSigning.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.iamledger.events.error.ErrorCode;
import io.iamledger.events.error.IamException;
import io.iamledger.infra.sigv4.SdkSigning.Parts;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

/** Requests signed by the AWS SDK's own signer verify; each part tampered with fails with the AWS error code. */
class SdkSignedRequestTest {
    private static final Instant SIGNED_AT = Instant.parse("2024-05-01T10:00:00Z");
    private static final String KEY = "AKIAIOSFODNN7EXAMPLE";
    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY";
    private static final String TEMPORARY_KEY = "ASIAIOSFODNN7EXAMPLE";
    private static final String TEMPORARY_SECRET = "je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY";
    private static final String TOKEN = "IQoJb3JpZ2luX2VjEXAMPLE//////////wEaCXVzLWVhc3QtMSJHMEUCIQDtoken+/=";
    private static final AwsCredentialsIdentity ALICE = AwsCredentialsIdentity.create(KEY, SECRET);
    private static final AwsCredentialsIdentity SESSION =
            AwsSessionCredentialsIdentity.create(TEMPORARY_KEY, TEMPORARY_SECRET, TOKEN);
    private static final String CREATE_USER = "Action=CreateUser&UserName=Bob&Version=2010-05-08"
            + "&Tags.member.1.Key=team&Tags.member.1.Value=a%20b%2Bc";

    private final Map<String, SigningCredential<String>> keys = new HashMap<>(Map.of(
            KEY, SigningCredential.longTerm(SECRET, "alice"),
            TEMPORARY_KEY, SigningCredential.temporary(TEMPORARY_SECRET, TOKEN, SIGNED_AT.plusSeconds(3600),
                    "alice-session")));

    // -- what verifies

    @Test
    void iamFormPostSignedByTheSdkVerifies() {
        Parts request = post("https://iam.amazonaws.com/", "iam").form(CREATE_USER).signAt(SIGNED_AT, ALICE);

        assertThat(verifyAt(SIGNED_AT, request)).isEqualTo(new VerifiedCaller<>(KEY, "alice", "us-east-1", "iam"));
    }

    @Test
    void stsPostWithSessionCredentialsSignedByTheSdkVerifies() {
        Parts request = post("https://sts.amazonaws.com/", "sts").form("Action=GetCallerIdentity&Version=2011-06-15")
                .signAt(SIGNED_AT, SESSION);

        assertThat(request.header("Authorization")).contains("x-amz-security-token");
        assertThat(verifyAt(SIGNED_AT, request))
                .isEqualTo(new VerifiedCaller<>(TEMPORARY_KEY, "alice-session", "us-east-1", "sts"));
    }

    @Test
    void cloudTrailJsonPostSignedByTheSdkVerifies() {
        Parts request = post("https://cloudtrail.eu-west-1.amazonaws.com/", "cloudtrail").region("eu-west-1")
                .header("Content-Type", "application/x-amz-json-1.1")
                .header("X-Amz-Target", "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.LookupEvents")
                .body("{\"MaxResults\":50}").signAt(SIGNED_AT, ALICE);

        assertThat(verifyAt(SIGNED_AT, request))
                .isEqualTo(new VerifiedCaller<>(KEY, "alice", "eu-west-1", "cloudtrail"));
    }

    @Test
    void getWithAQueryStringSignedByTheSdkVerifies() {
        Parts request = get("https://iam.amazonaws.com/?Action=ListUsers&Version=2010-05-08"
                + "&PathPrefix=%2Fdivision%20abc%2F&Marker=a%2Bb%3Dc~d*e&Empty=", "iam").signAt(SIGNED_AT, ALICE);

        assertThat(verifyAt(SIGNED_AT, request).service()).isEqualTo("iam");
    }

    @Test
    void encodedPathSignedByTheSdkVerifies() {
        Parts request = get("https://iam.amazonaws.com/a%20b/c%2Fd/%E1%88%B4/x:y", "iam").signAt(SIGNED_AT, ALICE);

        assertThat(verifyAt(SIGNED_AT, request).service()).isEqualTo("iam");
    }

    @Test
    void headerValuesAreTrimmedAndRepeatedHeadersJoinedAsTheSdkDoes() {
        Parts request = post("https://iam.amazonaws.com/", "iam").form(CREATE_USER)
                .header("X-Custom", " \t a   b \t c  ").header("X-Custom", "second   value ")
                .signAt(SIGNED_AT, ALICE);

        assertThat(request.header("Authorization")).contains("x-custom");
        assertThat(verifyAt(SIGNED_AT, request).accessKeyId()).isEqualTo(KEY);
    }

    @Test
    void presignedQuerySignedByTheSdkVerifies() {
        Parts request = get("https://sts.amazonaws.com/?Action=GetCallerIdentity&Version=2011-06-15", "sts")
                .presigned(Duration.ofMinutes(5)).signAt(SIGNED_AT, SESSION);

        assertThat(request.rawQuery).contains("X-Amz-Signature=", "X-Amz-Security-Token=", "X-Amz-Expires=300");
        assertThat(verifyAt(SIGNED_AT.plusSeconds(299), request).principal()).isEqualTo("alice-session");
    }

    @Test
    void sessionTokenSignedAsAnOrdinaryHeaderVerifiesAsBotocoreSendsIt() {
        Parts request = post("https://sts.amazonaws.com/", "sts").form("Action=GetCallerIdentity&Version=2011-06-15")
                .header("X-Amz-Security-Token", TOKEN)
                .signAt(SIGNED_AT, AwsCredentialsIdentity.create(TEMPORARY_KEY, TEMPORARY_SECRET));

        assertThat(request.header("Authorization")).contains("x-amz-security-token");
        assertThat(verifyAt(SIGNED_AT, request).accessKeyId()).isEqualTo(TEMPORARY_KEY);
    }

    @Test
    void sessionTokenAddedAfterSigningVerifies() {
        Parts request = post("https://sts.amazonaws.com/", "sts").form("Action=GetCallerIdentity&Version=2011-06-15")
                .signAt(SIGNED_AT, AwsCredentialsIdentity.create(TEMPORARY_KEY, TEMPORARY_SECRET))
                .setHeader("X-Amz-Security-Token", TOKEN);

        assertThat(request.header("Authorization")).doesNotContain("x-amz-security-token");
        assertThat(verifyAt(SIGNED_AT, request).accessKeyId()).isEqualTo(TEMPORARY_KEY);
    }

    @Test
    void requestsSignedFifteenMinutesOffEitherWayStillVerify() {
        Parts request = post("https://iam.amazonaws.com/", "iam").form(CREATE_USER).signAt(SIGNED_AT, ALICE);

        assertThat(verifyAt(SIGNED_AT.plus(Duration.ofMinutes(15)), request).accessKeyId()).isEqualTo(KEY);
        assertThat(verifyAt(SIGNED_AT.minus(Duration.ofMinutes(15)), request).accessKeyId()).isEqualTo(KEY);
    }

    // -- what fails, and with which AWS error

    @Test
    void noSignatureAtAllIsAMissingAuthenticationToken() {
        Parts request = post("https://iam.amazonaws.com/", "iam").form(CREATE_USER).signAt(SIGNED_AT, ALICE)
                .removeHeader("Authorization");

        failsWith(request, ErrorCode.MISSING_AUTHENTICATION_TOKEN).hasMessage("Missing Authentication Token");
    }

    @Test
    void aChangedBodyByteDoesNotMatch() {
        Parts request = post("https://iam.amazonaws.com/", "iam").form(CREATE_USER).signAt(SIGNED_AT, ALICE);
        request.body[request.body.length - 1] ^= 1;

        failsWith(request, ErrorCode.SIGNATURE_DOES_NOT_MATCH).hasMessage(Failures.SIGNATURE_MISMATCH);
    }

    @Test
    void aChangedSignedHeaderDoesNotMatch() {
        Parts request = post("https://iam.amazonaws.com/", "iam").form(CREATE_USER).signAt(SIGNED_AT, ALICE)
                .setHeader("Content-Type", "application/x-www-form-urlencoded");

        failsWith(request, ErrorCode.SIGNATURE_DOES_NOT_MATCH);
    }

    @Test
    void aChangedQueryParameterDoesNotMatch() {
        Parts request = get("https://iam.amazonaws.com/?Action=ListUsers&Version=2010-05-08&MaxItems=10", "iam")
                .signAt(SIGNED_AT, ALICE);
        request.rawQuery = request.rawQuery.replace("MaxItems=10", "MaxItems=11");

        failsWith(request, ErrorCode.SIGNATURE_DOES_NOT_MATCH);
    }

    @Test
    void aRequestSignedSixteenMinutesAgoHasExpired() {
        Parts request = post("https://iam.amazonaws.com/", "iam").form(CREATE_USER).signAt(SIGNED_AT, ALICE);

        failsWith(SIGNED_AT.plus(Duration.ofMinutes(16)), request, ErrorCode.SIGNATURE_DOES_NOT_MATCH)
                .hasMessage("Signature expired: 20240501T100000Z is now earlier than 20240501T100100Z "
                        + "(20240501T101600Z - 15 min.)");
    }

    @Test
    void aRequestSignedSixteenMinutesAheadIsNotYetCurrent() {
        Parts request = post("https://iam.amazonaws.com/", "iam").form(CREATE_USER).signAt(SIGNED_AT, ALICE);

        failsWith(SIGNED_AT.minus(Duration.ofMinutes(16)), request, ErrorCode.SIGNATURE_DOES_NOT_MATCH)
                .hasMessage("Signature not yet current: 20240501T100000Z is still later than 20240501T095900Z "
                        + "(20240501T094400Z + 15 min.)");
    }

    @Test
    void theWrongSecretDoesNotMatch() {
        Parts request = post("https://iam.amazonaws.com/", "iam").form(CREATE_USER)
                .signAt(SIGNED_AT, AwsCredentialsIdentity.create(KEY, SECRET.replace('w', 'v')));

        failsWith(request, ErrorCode.SIGNATURE_DOES_NOT_MATCH).hasMessage(Failures.SIGNATURE_MISMATCH);
    }

    @Test
    void anUnknownKeyIsAnInvalidClientTokenId() {
        Parts request = post("https://iam.amazonaws.com/", "iam").form(CREATE_USER)
                .signAt(SIGNED_AT, AwsCredentialsIdentity.create("AKIAUNKNOWNEXAMPLE00", SECRET));

        failsWith(request, ErrorCode.INVALID_CLIENT_TOKEN_ID)
                .hasMessage("The security token included in the request is invalid.");
    }

    @Test
    void aMissingSignatureElementIsAnIncompleteSignature() {
        Parts request = post("https://iam.amazonaws.com/", "iam").form(CREATE_USER).signAt(SIGNED_AT, ALICE);
        String authorization = request.header("Authorization");
        request.setHeader("Authorization", authorization.substring(0, authorization.indexOf(", Signature=")));

        failsWith(request, ErrorCode.INCOMPLETE_SIGNATURE).hasMessage(
                "Authorization header requires 'Signature' parameter. Authorization="
                        + authorization.substring(0, authorization.indexOf(", Signature=")));
    }

    @Test
    void aMissingDateIsAnIncompleteSignature() {
        Parts request = post("https://iam.amazonaws.com/", "iam").form(CREATE_USER).signAt(SIGNED_AT, ALICE)
                .removeHeader("X-Amz-Date");

        failsWith(request, ErrorCode.INCOMPLETE_SIGNATURE).message()
                .startsWith("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
    }

    @Test
    void anElementWithoutEqualSignIsAnIncompleteSignature() {
        Parts request = post("https://iam.amazonaws.com/", "iam").form(CREATE_USER).signAt(SIGNED_AT, ALICE)
                .editAuthorization("Credential=", "Credential ");

        failsWith(request, ErrorCode.INCOMPLETE_SIGNATURE).message()
                .contains("not a valid key=value pair (missing equal-sign) in Authorization header");
    }

    @Test
    void anUnsignedHostIsAnIncompleteSignature() {
        Parts request = post("https://iam.amazonaws.com/", "iam").form(CREATE_USER).signAt(SIGNED_AT, ALICE)
                .editAuthorization(";host;", ";");

        failsWith(request, ErrorCode.INCOMPLETE_SIGNATURE)
                .hasMessage("'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
    }

    @Test
    void aScopeDateOtherThanTheRequestDateDoesNotMatch() {
        Parts request = post("https://iam.amazonaws.com/", "iam").form(CREATE_USER).signAt(SIGNED_AT, ALICE)
                .editAuthorization("/20240501/", "/20240430/");

        failsWith(request, ErrorCode.SIGNATURE_DOES_NOT_MATCH).hasMessage("Date in Credential scope does not match "
                + "YYYYMMDD from ISO-8601 version of date from HTTP: '20240430' != '20240501', from "
                + "'20240501T100000Z'.");
    }

    @Test
    void aScopeForAnotherServiceIsAnIncompleteSignature() {
        Parts request = post("https://s3.amazonaws.com/", "s3").form(CREATE_USER).signAt(SIGNED_AT, ALICE);

        failsWith(request, ErrorCode.INCOMPLETE_SIGNATURE)
                .hasMessage("Credential should be scoped to correct service: 'cloudtrail' or 'iam' or 'sts'.");
    }

    @Test
    void aMalformedRegionIsAnIncompleteSignature() {
        Parts request = post("https://iam.amazonaws.com/", "iam").form(CREATE_USER).region("US_EAST_1")
                .signAt(SIGNED_AT, ALICE);

        failsWith(request, ErrorCode.INCOMPLETE_SIGNATURE)
                .hasMessage("Credential should be scoped to a valid region, not 'US_EAST_1'.");
    }

    @Test
    void aRegionOutsideTheConfiguredOnesIsAnIncompleteSignature() {
        Parts request = post("https://iam.amazonaws.com/", "iam").form(CREATE_USER).region("eu-west-1")
                .signAt(SIGNED_AT, ALICE);
        SigV4Verifier<String> usEastOnly = SigV4Verifier.builder(this::resolve).regions(Set.of("us-east-1"))
                .clock(Clock.fixed(SIGNED_AT, ZoneOffset.UTC)).build();

        assertThatThrownBy(() -> usEastOnly.verify(request.toRequest()))
                .isInstanceOfSatisfying(IamException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.INCOMPLETE_SIGNATURE));
    }

    @Test
    void aBadTerminatorIsAnIncompleteSignature() {
        Parts request = post("https://iam.amazonaws.com/", "iam").form(CREATE_USER).signAt(SIGNED_AT, ALICE)
                .editAuthorization("/aws4_request", "/aws5_request");

        failsWith(request, ErrorCode.INCOMPLETE_SIGNATURE).hasMessage(
                "Credential should be scoped with a valid terminator: 'aws4_request', not 'aws5_request'.");
    }

    @Test
    void aMalformedDateIsAnIncompleteSignature() {
        Parts request = post("https://iam.amazonaws.com/", "iam").form(CREATE_USER).signAt(SIGNED_AT, ALICE)
                .setHeader("X-Amz-Date", "2024-05-01T10:00:00Z");

        failsWith(request, ErrorCode.INCOMPLETE_SIGNATURE).message().startsWith("Date must be in ISO-8601");
    }

    @Test
    void aWrongSessionTokenIsAnInvalidClientTokenId() {
        Parts request = post("https://sts.amazonaws.com/", "sts").form("Action=GetCallerIdentity&Version=2011-06-15")
                .signAt(SIGNED_AT, AwsSessionCredentialsIdentity.create(TEMPORARY_KEY, TEMPORARY_SECRET, "forged"));

        failsWith(request, ErrorCode.INVALID_CLIENT_TOKEN_ID);
    }

    @Test
    void aTemporaryKeyWithoutItsSessionTokenIsAnInvalidClientTokenId() {
        Parts request = post("https://sts.amazonaws.com/", "sts").form("Action=GetCallerIdentity&Version=2011-06-15")
                .signAt(SIGNED_AT, AwsCredentialsIdentity.create(TEMPORARY_KEY, TEMPORARY_SECRET));

        failsWith(request, ErrorCode.INVALID_CLIENT_TOKEN_ID);
    }

    @Test
    void aLongTermKeyWithASessionTokenIsAnInvalidClientTokenId() {
        Parts request = post("https://iam.amazonaws.com/", "iam").form(CREATE_USER)
                .signAt(SIGNED_AT, AwsSessionCredentialsIdentity.create(KEY, SECRET, TOKEN));

        failsWith(request, ErrorCode.INVALID_CLIENT_TOKEN_ID);
    }

    @Test
    void aTemporaryKeyPastItsExpirationIsAnExpiredToken() {
        Parts request = post("https://sts.amazonaws.com/", "sts").form("Action=GetCallerIdentity&Version=2011-06-15")
                .signAt(SIGNED_AT.plusSeconds(3600), SESSION);

        failsWith(SIGNED_AT.plusSeconds(3600), request, ErrorCode.EXPIRED_TOKEN)
                .hasMessage("The security token included in the request is expired");
    }

    @Test
    void aPresignedRequestPastItsExpiryHasExpired() {
        Parts request = get("https://sts.amazonaws.com/?Action=GetCallerIdentity&Version=2011-06-15", "sts")
                .presigned(Duration.ofSeconds(60)).signAt(SIGNED_AT, SESSION);

        failsWith(SIGNED_AT.plusSeconds(61), request, ErrorCode.SIGNATURE_DOES_NOT_MATCH)
                .hasMessage("Signature expired: 20240501T100000Z is now earlier than 20240501T100001Z "
                        + "(20240501T100101Z - 1 min.)");
    }

    @Test
    void aPresignedRequestLivesNoLongerThanFifteenMinutesWhateverItsExpiry() {
        Parts request = get("https://sts.amazonaws.com/?Action=GetCallerIdentity&Version=2011-06-15", "sts")
                .presigned(Duration.ofHours(1)).signAt(SIGNED_AT, SESSION);

        failsWith(SIGNED_AT.plus(Duration.ofMinutes(16)), request, ErrorCode.SIGNATURE_DOES_NOT_MATCH)
                .message().startsWith("Signature expired:");
    }

    @Test
    void aPresignedRequestWithATamperedParameterDoesNotMatch() {
        Parts request = get("https://sts.amazonaws.com/?Action=GetCallerIdentity&Version=2011-06-15", "sts")
                .presigned(Duration.ofSeconds(60)).signAt(SIGNED_AT, SESSION);
        request.rawQuery = request.rawQuery.replace("Action=GetCallerIdentity", "Action=GetSessionToken");

        failsWith(request, ErrorCode.SIGNATURE_DOES_NOT_MATCH);
    }

    @Test
    void aPresignedRequestWithoutItsSignatureIsAnIncompleteSignature() {
        Parts request = get("https://sts.amazonaws.com/?Action=GetCallerIdentity&Version=2011-06-15", "sts")
                .presigned(Duration.ofSeconds(60)).signAt(SIGNED_AT, SESSION);
        request.rawQuery = request.rawQuery.replaceAll("&?X-Amz-Signature=[0-9a-f]+", "");

        failsWith(request, ErrorCode.INCOMPLETE_SIGNATURE).hasMessage(
                "AWS query-string parameters must include 'X-Amz-Signature'. Re-examine the query-string parameters.");
    }

    @Test
    void bothAuthorizationFormsAtOnceAreAnIncompleteSignature() {
        Parts presigned = get("https://sts.amazonaws.com/?Action=GetCallerIdentity&Version=2011-06-15", "sts")
                .presigned(Duration.ofSeconds(60)).signAt(SIGNED_AT, SESSION);
        Parts signed = get("https://sts.amazonaws.com/?Action=GetCallerIdentity&Version=2011-06-15", "sts")
                .signAt(SIGNED_AT, SESSION);
        presigned.setHeader("Authorization", signed.header("Authorization"));

        failsWith(presigned, ErrorCode.INCOMPLETE_SIGNATURE);
    }

    @Test
    void anUnsignedPayloadIsRefused() {
        Parts request = post("https://iam.amazonaws.com/", "iam").form(CREATE_USER).unsignedPayload()
                .signAt(SIGNED_AT, ALICE);

        assertThat(request.header("x-amz-content-sha256")).isEqualTo("UNSIGNED-PAYLOAD");
        failsWith(request, ErrorCode.SIGNATURE_DOES_NOT_MATCH);
    }

    // -- secrets, caching

    @Test
    void noFailureMessageOrToStringRevealsASecretOrSessionToken() {
        Parts wrongSecret = post("https://sts.amazonaws.com/", "sts").form("Action=GetCallerIdentity")
                .signAt(SIGNED_AT, AwsSessionCredentialsIdentity.create(TEMPORARY_KEY, SECRET, TOKEN));
        Parts wrongToken = post("https://sts.amazonaws.com/", "sts").form("Action=GetCallerIdentity")
                .signAt(SIGNED_AT, AwsSessionCredentialsIdentity.create(TEMPORARY_KEY, TEMPORARY_SECRET, TOKEN + "x"));
        SigningCredential<String> credential = keys.get(TEMPORARY_KEY);

        for (Parts request : new Parts[] {wrongSecret, wrongToken}) {
            assertThatThrownBy(() -> verifyAt(SIGNED_AT, request)).isInstanceOf(IamException.class)
                    .message().doesNotContain(SECRET, TEMPORARY_SECRET, TOKEN);
            assertThat(request.toRequest().toString()).doesNotContain(TOKEN);
        }
        assertThat(credential.toString()).doesNotContain(TEMPORARY_SECRET, TOKEN);
    }

    @Test
    void aKeyWhoseSecretChangedIsNotServedAStaleSigningKey() {
        SigV4Verifier<String> verifier = SigV4Verifier.builder(this::resolve)
                .clock(Clock.fixed(SIGNED_AT, ZoneOffset.UTC)).build();
        Parts first = post("https://iam.amazonaws.com/", "iam").form(CREATE_USER).signAt(SIGNED_AT, ALICE);
        String newSecret = "newSecretKeyEXAMPLEnewSecretKeyEXAMPLE00";
        Parts second = post("https://iam.amazonaws.com/", "iam").form(CREATE_USER)
                .signAt(SIGNED_AT, AwsCredentialsIdentity.create(KEY, newSecret));

        verifier.verify(first.toRequest());
        keys.put(KEY, SigningCredential.longTerm(newSecret.toCharArray(), "alice"));

        assertThat(verifier.verify(second.toRequest()).accessKeyId()).isEqualTo(KEY);
        assertThatThrownBy(() -> verifier.verify(first.toRequest())).isInstanceOf(IamException.class);
    }

    private Optional<SigningCredential<String>> resolve(String accessKeyId) {
        return Optional.ofNullable(keys.get(accessKeyId));
    }

    private VerifiedCaller<String> verifyAt(Instant now, Parts request) {
        return SigV4Verifier.builder(this::resolve).clock(Clock.fixed(now, ZoneOffset.UTC)).build()
                .verify(request.toRequest());
    }

    private AbstractThrowableAssert<?, ? extends Throwable> failsWith(Parts request, ErrorCode code) {
        return failsWith(SIGNED_AT, request, code);
    }

    private AbstractThrowableAssert<?, ? extends Throwable> failsWith(Instant now, Parts request, ErrorCode code) {
        return assertThatThrownBy(() -> verifyAt(now, request))
                .isInstanceOfSatisfying(IamException.class, e -> assertThat(e.code()).isEqualTo(code));
    }
}
