package io.iamledger.infra.it;

import static io.iamledger.infra.it.AwsErrors.assertAwsError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.iamledger.infra.config.LedgerSettings;
import io.iamledger.infra.credentials.WebIdentityTokens;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleWithWebIdentityResponse;

/**
 * AssumeRoleWithWebIdentity through the AWS SDK, unsigned as the SDK sends it: an ID token signed by a key
 * configured for a registered provider opens the role whose trust policy allows that provider and the token's
 * subject; a token for another subject or audience, a forged, expired or foreign one does not. The token never
 * reaches the audit trail, whose record names the web identity.
 */
class WebIdentityIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static KeyPair signing;
    private static KeyPair stranger;

    private final IamClient root = SharedLedger.iam();

    @BeforeAll
    static void keys() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        signing = generator.generateKeyPair();
        stranger = generator.generateKeyPair();
    }

    @Test
    void aTokenFromARegisteredProviderOpensTheRoleItsTrustPolicyAllows() throws Exception {
        String host = SharedLedger.unique("login") + ".example.com";
        String url = "https://" + host + "/tenant";
        String account = SharedLedger.server().accountId();
        String providerArn = root.createOpenIDConnectProvider(r -> r.url(url).clientIDList("app"))
                .openIDConnectProviderArn();
        Path keyFile = new WebIdentityTokens(SharedLedger.server().context().getBean(LedgerSettings.class)
                .dataDir()).keySetFile(host + "/tenant");
        Files.createDirectories(keyFile.getParent());
        RSAPublicKey publicKey = (RSAPublicKey) signing.getPublic();
        Files.writeString(keyFile, "{\"keys\":[{\"kty\":\"RSA\",\"kid\":\"k1\",\"alg\":\"RS256\",\"use\":\"sig\","
                + "\"n\":\"" + b64(unsigned(publicKey.getModulus().toByteArray())) + "\",\"e\":\""
                + b64(unsigned(publicKey.getPublicExponent().toByteArray())) + "\"}]}");

        String role = SharedLedger.unique("web-app");
        String trust = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{"
                + "\"Federated\":\"" + providerArn + "\"},\"Action\":\"sts:AssumeRoleWithWebIdentity\",\"Condition\":{"
                + "\"StringEquals\":{\"" + host + "/tenant:sub\":\"alice\",\"" + host + "/tenant:aud\":\"app\"}}}]}";
        String roleArn = root.createRole(r -> r.roleName(role).assumeRolePolicyDocument(trust)).role().arn();
        root.putRolePolicy(r -> r.roleName(role).policyName("list").policyDocument("{\"Version\":\"2012-10-17\","
                + "\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"iam:ListUsers\",\"Resource\":\"*\"}]}"));

        long now = Instant.now().getEpochSecond();
        String token = token(signing, url, "alice", "app", now + 600);
        try (StsClient anonymous = anonymousSts()) {
            AssumeRoleWithWebIdentityResponse answer = anonymous.assumeRoleWithWebIdentity(r -> r.roleArn(roleArn)
                    .roleSessionName("alice-laptop").webIdentityToken(token));
            assertThat(answer.credentials().accessKeyId()).startsWith("ASIA");
            assertThat(answer.assumedRoleUser().arn()).isEqualTo("arn:aws:sts::" + account + ":assumed-role/" + role
                    + "/alice-laptop");
            assertThat(answer.subjectFromWebIdentityToken()).isEqualTo("alice");
            assertThat(answer.audience()).isEqualTo("app");
            assertThat(answer.provider()).isEqualTo(host + "/tenant");
            AwsSessionCredentials session = AwsSessionCredentials.create(answer.credentials().accessKeyId(),
                    answer.credentials().secretAccessKey(), answer.credentials().sessionToken());
            try (StsClient sts = SharedLedger.sts(session); IamClient iam = SharedLedger.iam(session)) {
                assertThat(sts.getCallerIdentity().arn()).isEqualTo(answer.assumedRoleUser().arn());
                iam.listUsers();
                assertAwsError(() -> iam.listRoles(), 403, "AccessDenied", null);
            }

            // another subject, another audience, another signer, an expired token, an unregistered issuer
            assertAwsError(() -> anonymous.assumeRoleWithWebIdentity(r -> r.roleArn(roleArn).roleSessionName("other-try")
                    .webIdentityToken(token(signing, url, "bob", "app", now + 600))), 403, "AccessDenied",
                    "Not authorized to perform sts:AssumeRoleWithWebIdentity");
            assertAwsError(() -> anonymous.assumeRoleWithWebIdentity(r -> r.roleArn(roleArn).roleSessionName("other-try")
                    .webIdentityToken(token(signing, url, "alice", "other-app", now + 600))), 400,
                    "InvalidIdentityToken", "Incorrect token audience");
            assertAwsError(() -> anonymous.assumeRoleWithWebIdentity(r -> r.roleArn(roleArn).roleSessionName("other-try")
                    .webIdentityToken(token(stranger, url, "alice", "app", now + 600))), 400,
                    "InvalidIdentityToken", null);
            assertAwsError(() -> anonymous.assumeRoleWithWebIdentity(r -> r.roleArn(roleArn).roleSessionName("other-try")
                    .webIdentityToken(token(signing, url, "alice", "app", now - 5))), 400,
                    "ExpiredTokenException", null);
            assertAwsError(() -> anonymous.assumeRoleWithWebIdentity(r -> r.roleArn(roleArn).roleSessionName("other-try")
                    .webIdentityToken(token(signing, "https://elsewhere.example.com", "alice", "app", now + 600))),
                    400, "InvalidIdentityToken", null);
            assertAwsError(() -> anonymous.assumeRoleWithWebIdentity(r -> r.roleArn(roleArn).roleSessionName("other-try")
                    .webIdentityToken("not-a-jwt")), 400, "InvalidIdentityToken", null);
        }

        JdbcTemplate jdbc = new JdbcTemplate(SharedLedger.server().context().getBean(DataSource.class));
        List<String> records = jdbc.queryForList("select record::text from audit_record where event_name ="
                + " 'AssumeRoleWithWebIdentity'", String.class);
        assertThat(records).isNotEmpty().noneMatch(text -> text.contains(token.substring(token.lastIndexOf('.'))));
        JsonNode success = records.stream().map(WebIdentityIT::json)
                .filter(record -> record.path("errorCode").isMissingNode()
                        && record.toString().contains("alice-laptop"))
                .findFirst().orElseThrow();
        assertThat(success.path("userIdentity").path("type").asText()).isEqualTo("WebIdentityUser");
        assertThat(success.path("userIdentity").path("userName").asText()).isEqualTo("alice");
        assertThat(success.path("recipientAccountId").asText()).isEqualTo(account);
        assertThat(jdbc.queryForObject("select count(*) from " + LedgerSettings.READ_SCHEMA + ".role_sessions"
                + " where session_name = 'alice-laptop' and issuer_arn = ?", Integer.class, providerArn))
                .isEqualTo(1);
    }

    private static StsClient anonymousSts() {
        return StsClient.builder()
                .endpointOverride(SharedLedger.server().endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(AnonymousCredentialsProvider.create())
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    private static String token(KeyPair key, String issuer, String subject, String audience, long expires) {
        String header = b64("{\"alg\":\"RS256\",\"kid\":\"k1\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String claims = b64(("{\"iss\":\"" + issuer + "\",\"sub\":\"" + subject + "\",\"aud\":\"" + audience
                + "\",\"iat\":" + (expires - 900) + ",\"exp\":" + expires + "}").getBytes(StandardCharsets.UTF_8));
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(key.getPrivate());
            signature.update((header + "." + claims).getBytes(StandardCharsets.US_ASCII));
            return header + "." + claims + "." + b64(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] unsigned(byte[] twosComplement) {
        return twosComplement.length > 1 && twosComplement[0] == 0
                ? Arrays.copyOfRange(twosComplement, 1, twosComplement.length) : twosComplement;
    }

    private static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
