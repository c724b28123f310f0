package io.iamledger.infra.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.iamledger.events.identity.IdentityRef;
import io.iamledger.infra.accounts.AccountCredentials;
import io.iamledger.infra.authz.AuthorizationIndex;
import io.iamledger.infra.config.LedgerSettings;
import io.iamledger.infra.credentials.SessionTokens;
import io.iamledger.infra.credentials.TemporarySession;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import javax.sql.DataSource;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;
import software.amazon.awssdk.services.sts.model.PolicyDescriptorType;
import software.amazon.awssdk.services.sts.model.Tag;

/**
 * Roles in action through the AWS SDK's {@code StsClient}: who may assume a role (trust policy, identity policy,
 * external id, across accounts), what a session may do (the role's policies, narrowed by session policies and
 * conditioned on session tags), how long (MaxSessionDuration, the one-hour chaining limit, expiry), when its
 * credentials stop working (tampered token, role deleted, trust changed), GetSessionToken's limits, and how a
 * session shows in the audit trail, which never holds its secret or token.
 */
class StsIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final IamClient root = SharedLedger.iam();
    private final String account = SharedLedger.server().accountId();

    @Test
    void aTrustPolicyNamingTheUserIsEnoughAndTheSessionIsTheRoles() {
        String bob = SharedLedger.unique("bob");
        AwsCredentials bobKey = SharedLedger.userWithKey(root, bob);
        String role = SharedLedger.unique("auditor");
        String roleArn = createRole(role, "/audit/", trustUser(bob), 3600);
        try (StsClient sts = SharedLedger.sts(bobKey)) {
            Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            AssumeRoleResponse assumed = sts.assumeRole(r -> r.roleArn(roleArn).roleSessionName("bob-audit"));
            String roleId = root.getRole(r -> r.roleName(role)).role().roleId();

            Credentials credentials = assumed.credentials();
            assertThat(credentials.accessKeyId()).startsWith("ASIA").hasSize(20);
            assertThat(credentials.secretAccessKey()).hasSize(40);
            assertThat(credentials.sessionToken()).isNotBlank();
            assertThat(credentials.expiration()).isCloseTo(before.plusSeconds(3600), within(5, ChronoUnit.SECONDS));
            String sessionArn = "arn:aws:sts::" + account + ":assumed-role/" + role + "/bob-audit";
            assertThat(assumed.assumedRoleUser().arn()).isEqualTo(sessionArn);
            assertThat(assumed.assumedRoleUser().assumedRoleId()).isEqualTo(roleId + ":bob-audit");
            assertThat(assumed.packedPolicySize()).isNull();

            try (StsClient session = SharedLedger.sts(session(assumed))) {
                GetCallerIdentityResponse me = session.getCallerIdentity();
                assertThat(me.arn()).isEqualTo(sessionArn);
                assertThat(me.userId()).isEqualTo(roleId + ":bob-audit");
                assertThat(me.account()).isEqualTo(account);
            }
        }
    }

    @Test
    void issuingSessionsLeavesTheAccountsCachedAuthorizationValid() {
        String bob = SharedLedger.unique("bob");
        AwsCredentials bobKey = SharedLedger.userWithKey(root, bob);
        String role = SharedLedger.unique("cached");
        String roleArn = createRole(role, "/", trustUser(bob), 3600);
        root.listUsers(); // waits until the read model holds every change made so far
        AuthorizationIndex index = SharedLedger.server().context().getBean(AuthorizationIndex.class);
        try (StsClient sts = SharedLedger.sts(bobKey); IamClient asBob = SharedLedger.iam(bobKey)) {
            sts.assumeRole(r -> r.roleArn(roleArn).roleSessionName("warm-up"));
            long built = index.accountViewsBuilt();
            for (int i = 0; i < 5; i++) {
                int n = i;
                AssumeRoleResponse assumed = sts.assumeRole(r -> r.roleArn(roleArn).roleSessionName("s" + n));
                try (StsClient session = SharedLedger.sts(session(assumed))) {
                    assertThat(session.getCallerIdentity().arn()).endsWith(":assumed-role/" + role + "/s" + n);
                }
                assertIamDenied(asBob::listRoles, "User: arn:aws:iam::" + account + ":user/" + bob);
            }
            assertThat(index.accountViewsBuilt()).as("views built while only sessions were issued").isEqualTo(built);

            root.putUserPolicy(r -> r.userName(bob).policyName("list").policyDocument(
                    policy("{\"Effect\":\"Allow\",\"Action\":\"iam:ListRoles\",\"Resource\":\"*\"}")));
            assertThat(asBob.listRoles().roles()).extracting(r -> r.roleName()).contains(role);
            assertThat(index.accountViewsBuilt()).as("views built after a policy change").isGreaterThan(built);
        }
    }

    @Test
    void aTrustPolicyNamingTheAccountAlsoNeedsTheCallersIdentityPolicy() {
        String carl = SharedLedger.unique("carl");
        AwsCredentials carlKey = SharedLedger.userWithKey(root, carl);
        String role = SharedLedger.unique("deployer");
        String roleArn = createRole(role, "/", trust("\"AWS\":\"arn:aws:iam::" + account + ":root\""), 3600);
        try (StsClient sts = SharedLedger.sts(carlKey)) {
            assertStsError(() -> sts.assumeRole(r -> r.roleArn(roleArn).roleSessionName("carl")), 403,
                    "AccessDenied", "User: arn:aws:iam::" + account + ":user/" + carl
                            + " is not authorized to perform: sts:AssumeRole on resource: " + roleArn);
            root.putUserPolicy(r -> r.userName(carl).policyName("assume").policyDocument(policy(
                    "{\"Effect\":\"Allow\",\"Action\":\"sts:AssumeRole\",\"Resource\":\"" + roleArn + "\"}")));
            assertThat(sts.assumeRole(r -> r.roleArn(roleArn).roleSessionName("carl")).assumedRoleUser().arn())
                    .endsWith(":assumed-role/" + role + "/carl");
        }
    }

    @Test
    void withoutTrustOrWithoutTheRoleTheAnswerIsTheSameAccessDenied() {
        String dora = SharedLedger.unique("dora");
        AwsCredentials doraKey = SharedLedger.userWithKey(root, dora);
        root.putUserPolicy(r -> r.userName(dora).policyName("assume-any").policyDocument(policy(
                "{\"Effect\":\"Allow\",\"Action\":\"sts:AssumeRole\",\"Resource\":\"*\"}")));
        String someoneElse = SharedLedger.unique("someone");
        root.createUser(r -> r.userName(someoneElse));
        String role = SharedLedger.unique("private");
        String roleArn = createRole(role, "/", trustUser(someoneElse), 3600);
        String missing = "arn:aws:iam::" + account + ":role/" + SharedLedger.unique("missing");
        try (StsClient sts = SharedLedger.sts(doraKey)) {
            for (String arn : List.of(roleArn, missing)) {
                assertStsError(() -> sts.assumeRole(r -> r.roleArn(arn).roleSessionName("dora")), 403,
                        "AccessDenied", "User: arn:aws:iam::" + account + ":user/" + dora
                                + " is not authorized to perform: sts:AssumeRole on resource: " + arn);
            }
        }
        try (StsClient asRoot = SharedLedger.sts(SharedLedger.rootCredentials())) {
            assertStsError(() -> asRoot.assumeRole(r -> r.roleArn(roleArn).roleSessionName("root")), 403,
                    "AccessDenied", "Roles may not be assumed by root accounts.");
        }
    }

    @Test
    void anExternalIdConditionIsEnforced() {
        String eve = SharedLedger.unique("eve");
        AwsCredentials eveKey = SharedLedger.userWithKey(root, eve);
        String role = SharedLedger.unique("vendor");
        String roleArn = createRole(role, "/", "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                + "\"Principal\":{\"AWS\":\"arn:aws:iam::" + account + ":user/" + eve + "\"},\"Action\":"
                + "\"sts:AssumeRole\",\"Condition\":{\"StringEquals\":{\"sts:ExternalId\":\"order-66\"}}}]}", 3600);
        try (StsClient sts = SharedLedger.sts(eveKey)) {
            assertStsError(() -> sts.assumeRole(r -> r.roleArn(roleArn).roleSessionName("eve")), 403,
                    "AccessDenied", null);
            assertStsError(() -> sts.assumeRole(r -> r.roleArn(roleArn).roleSessionName("eve").externalId("order-67")),
                    403, "AccessDenied", null);
            assertThat(sts.assumeRole(r -> r.roleArn(roleArn).roleSessionName("eve").externalId("order-66"))
                    .credentials().accessKeyId()).startsWith("ASIA");
        }
    }

    @Test
    void aSessionActsWithTheRolesPoliciesNarrowedByItsSessionPolicies() {
        String fred = SharedLedger.unique("fred");
        AwsCredentials fredKey = SharedLedger.userWithKey(root, fred);
        String role = SharedLedger.unique("admin");
        String roleArn = createRole(role, "/", trustUser(fred), 3600);
        root.putRolePolicy(r -> r.roleName(role).policyName("users").policyDocument(policy(
                "{\"Effect\":\"Allow\",\"Action\":[\"iam:ListUsers\",\"iam:CreateUser\"],\"Resource\":\"*\"}")));
        String readOnly = root.createPolicy(r -> r.policyName(SharedLedger.unique("list-only")).policyDocument(policy(
                "{\"Effect\":\"Allow\",\"Action\":\"iam:ListUsers\",\"Resource\":\"*\"}"))).policy().arn();
        try (StsClient sts = SharedLedger.sts(fredKey)) {
            AssumeRoleResponse full = sts.assumeRole(r -> r.roleArn(roleArn).roleSessionName("full"));
            try (IamClient asRole = SharedLedger.iam(session(full))) {
                String made = SharedLedger.unique("made-by-role");
                asRole.createUser(r -> r.userName(made));
                assertThat(asRole.listUsers().users()).extracting(u -> u.userName()).contains(made);
                assertIamDenied(() -> asRole.listRoles(), "User: arn:aws:sts::" + account + ":assumed-role/" + role
                        + "/full is not authorized to perform: iam:ListRoles on resource: *");
            }

            AssumeRoleResponse inline = sts.assumeRole(r -> r.roleArn(roleArn).roleSessionName("inline")
                    .policy(policy("{\"Effect\":\"Allow\",\"Action\":\"iam:ListUsers\",\"Resource\":\"*\"}")));
            AssumeRoleResponse managed = sts.assumeRole(r -> r.roleArn(roleArn).roleSessionName("managed")
                    .policyArns(PolicyDescriptorType.builder().arn(readOnly).build()));
            assertThat(inline.packedPolicySize()).isBetween(1, 100);
            for (AssumeRoleResponse narrowed : List.of(inline, managed)) {
                try (IamClient asSession = SharedLedger.iam(session(narrowed))) {
                    assertThat(asSession.listUsers().users()).isNotEmpty();
                    assertIamDenied(() -> asSession.createUser(r -> r.userName(SharedLedger.unique("x"))), null);
                }
            }
            // a session policy cannot grant what the role's policies do not
            AssumeRoleResponse wider = sts.assumeRole(r -> r.roleArn(roleArn).roleSessionName("wider")
                    .policy(policy("{\"Effect\":\"Allow\",\"Action\":\"iam:*\",\"Resource\":\"*\"}")));
            try (IamClient asSession = SharedLedger.iam(session(wider))) {
                assertIamDenied(asSession::listRoles, null);
            }
        }
    }

    @Test
    void sessionTagsNeedTagSessionAndArePrincipalTagsOfTheSession() {
        String gus = SharedLedger.unique("gus");
        AwsCredentials gusKey = SharedLedger.userWithKey(root, gus);
        String untaggable = SharedLedger.unique("untaggable");
        String untaggableArn = createRole(untaggable, "/", trustUser(gus), 3600);
        String role = SharedLedger.unique("team-role");
        String roleArn = createRole(role, "/", "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                + "\"Principal\":{\"AWS\":\"arn:aws:iam::" + account + ":user/" + gus + "\"},"
                + "\"Action\":[\"sts:AssumeRole\",\"sts:TagSession\"]}]}", 3600);
        root.putRolePolicy(r -> r.roleName(role).policyName("red-team-only").policyDocument(policy(
                "{\"Effect\":\"Allow\",\"Action\":\"iam:ListUsers\",\"Resource\":\"*\","
                        + "\"Condition\":{\"StringEquals\":{\"aws:PrincipalTag/team\":\"red\"}}}")));
        Tag red = Tag.builder().key("team").value("red").build();
        try (StsClient sts = SharedLedger.sts(gusKey)) {
            assertStsError(() -> sts.assumeRole(r -> r.roleArn(untaggableArn).roleSessionName("gus").tags(red)), 403,
                    "AccessDenied", "User: arn:aws:iam::" + account + ":user/" + gus
                            + " is not authorized to perform: sts:TagSession on resource: " + untaggableArn);
            AssumeRoleResponse tagged = sts.assumeRole(r -> r.roleArn(roleArn).roleSessionName("red").tags(red));
            AssumeRoleResponse plain = sts.assumeRole(r -> r.roleArn(roleArn).roleSessionName("plain"));
            try (IamClient asRed = SharedLedger.iam(session(tagged));
                 IamClient asPlain = SharedLedger.iam(session(plain))) {
                assertThat(asRed.listUsers().users()).isNotEmpty();
                assertIamDenied(asPlain::listUsers, null);
            }
        }
    }

    @Test
    void durationIsBoundByTheRolesMaximumAndByOneHourWhenChained() {
        String hank = SharedLedger.unique("hank");
        AwsCredentials hankKey = SharedLedger.userWithKey(root, hank);
        String first = SharedLedger.unique("first");
        String firstArn = createRole(first, "/", trustUser(hank), 3600);
        String second = SharedLedger.unique("second");
        String secondArn = createRole(second, "/", trust("\"AWS\":\"" + firstArn + "\""), 43200);
        root.putRolePolicy(r -> r.roleName(first).policyName("chain").policyDocument(policy(
                "{\"Effect\":\"Allow\",\"Action\":\"sts:AssumeRole\",\"Resource\":\"" + secondArn + "\"}")));
        try (StsClient sts = SharedLedger.sts(hankKey)) {
            assertStsError(() -> sts.assumeRole(r -> r.roleArn(firstArn).roleSessionName("long").durationSeconds(7200)),
                    400, "ValidationError", "The requested DurationSeconds exceeds the MaxSessionDuration set for this"
                            + " role.");
            assertStsError(() -> sts.assumeRole(r -> r.roleArn(firstArn).roleSessionName("x")), 400,
                    "ValidationError", "1 validation error detected: Value 'x' at 'roleSessionName' failed to satisfy"
                            + " constraint: Member must have length greater than or equal to 2");
            assertStsError(() -> sts.assumeRole(r -> r.roleArn(firstArn).roleSessionName("short").durationSeconds(60)),
                    400, "ValidationError", "1 validation error detected: Value '60' at 'durationSeconds' failed to"
                            + " satisfy constraint: Member must have value greater than or equal to 900");
            Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            AssumeRoleResponse hop = sts.assumeRole(r -> r.roleArn(firstArn).roleSessionName("hop")
                    .durationSeconds(900));
            assertThat(hop.credentials().expiration()).isCloseTo(before.plusSeconds(900), within(5, ChronoUnit.SECONDS));
            try (StsClient chained = SharedLedger.sts(session(hop))) {
                assertStsError(() -> chained.assumeRole(r -> r.roleArn(secondArn).roleSessionName("chained")
                        .durationSeconds(7200)), 400, "ValidationError", "The requested DurationSeconds exceeds the 1"
                        + " hour session limit for roles assumed by role chaining.");
                AssumeRoleResponse next = chained.assumeRole(r -> r.roleArn(secondArn).roleSessionName("chained"));
                try (StsClient asSecond = SharedLedger.sts(session(next))) {
                    assertThat(asSecond.getCallerIdentity().arn())
                            .isEqualTo("arn:aws:sts::" + account + ":assumed-role/" + second + "/chained");
                }
            }
        }
        // without the longer duration the role would allow it; with it, the role's maximum lets it through
        try (StsClient sts = SharedLedger.sts(hankKey)) {
            root.updateRole(r -> r.roleName(first).maxSessionDuration(7200));
            assertThat(sts.assumeRole(r -> r.roleArn(firstArn).roleSessionName("long").durationSeconds(7200))
                    .credentials().accessKeyId()).startsWith("ASIA");
        }
    }

    @Test
    void credentialsStopWorkingWhenTamperedExpiredOrTheirRoleChanges() {
        String ida = SharedLedger.unique("ida");
        AwsCredentials idaKey = SharedLedger.userWithKey(root, ida);
        String kept = SharedLedger.unique("kept");
        String keptArn = createRole(kept, "/", trustUser(ida), 3600);
        String retrusted = SharedLedger.unique("retrusted");
        String retrustedArn = createRole(retrusted, "/", trustUser(ida), 3600);
        String deleted = SharedLedger.unique("deleted");
        String deletedArn = createRole(deleted, "/", trustUser(ida), 3600);
        try (StsClient sts = SharedLedger.sts(idaKey)) {
            Credentials good = sts.assumeRole(r -> r.roleArn(keptArn).roleSessionName("ida")).credentials();
            String token = good.sessionToken();
            char last = token.charAt(token.length() / 2);
            String tampered = token.substring(0, token.length() / 2) + (last == 'A' ? 'B' : 'A')
                    + token.substring(token.length() / 2 + 1);
            assertInvalidToken(AwsSessionCredentials.create(good.accessKeyId(), good.secretAccessKey(), tampered));
            assertInvalidToken(AwsBasicCredentials.create(good.accessKeyId(), good.secretAccessKey()));
            Credentials other = sts.assumeRole(r -> r.roleArn(keptArn).roleSessionName("other")).credentials();
            assertInvalidToken(AwsSessionCredentials.create(other.accessKeyId(), other.secretAccessKey(), token));
            try (StsClient stillGood = SharedLedger.sts(session(good))) {
                assertThat(stillGood.getCallerIdentity().arn()).endsWith("/" + kept + "/ida");
            }

            AwsCredentials beforeRetrust = session(sts.assumeRole(r -> r.roleArn(retrustedArn)
                    .roleSessionName("ida")));
            AwsCredentials beforeDelete = session(sts.assumeRole(r -> r.roleArn(deletedArn).roleSessionName("ida")));
            root.updateAssumeRolePolicy(r -> r.roleName(retrusted).policyDocument(trustUser(ida).replace(
                    "\"sts:AssumeRole\"", "[\"sts:AssumeRole\",\"sts:TagSession\"]")));
            root.deleteRole(r -> r.roleName(deleted));
            assertInvalidToken(beforeRetrust);
            assertInvalidToken(beforeDelete);
            // the changed trust still trusts ida: a new session works
            try (StsClient renewed = SharedLedger.sts(session(sts.assumeRole(r -> r.roleArn(retrustedArn)
                    .roleSessionName("ida"))))) {
                assertThat(renewed.getCallerIdentity().arn()).endsWith("/" + retrusted + "/ida");
            }
        }

        // a genuine token of this server whose session ended an hour ago
        SessionTokens tokens = SharedLedger.server().context().getBean(SessionTokens.class);
        String roleId = root.getRole(r -> r.roleName(kept)).role().roleId();
        String trustDocument = java.net.URLDecoder.decode(
                root.getRole(r -> r.roleName(kept)).role().assumeRolePolicyDocument(), StandardCharsets.UTF_8);
        Instant issued = Instant.now().minus(Duration.ofHours(2));
        String keyId = "ASIA" + "EXPIREDSESSION01";
        String secret = "expiredSecretAccessKeyForTheTestOnly0000";
        TemporarySession ended = new TemporarySession(keyId, account, IdentityRef.role(roleId, kept),
                Optional.of(keptArn), Optional.of("ida"), Optional.of(SessionTokens.trustDigest(trustDocument)),
                issued, issued.plusSeconds(3600), Optional.empty(), Optional.empty(), List.of(), Map.of(), List.of(),
                false, "arn:aws:iam::" + account + ":user/" + ida);
        try (StsClient expired = SharedLedger.sts(AwsSessionCredentials.create(keyId, secret,
                tokens.issue(ended, secret)))) {
            assertStsError(expired::getCallerIdentity, 403, "ExpiredToken",
                    "The security token included in the request is expired");
        }
    }

    @Test
    void getSessionTokenCredentialsActAsTheUserButNotOnIam() {
        String jan = SharedLedger.unique("jan");
        AwsCredentials janKey = SharedLedger.userWithKey(root, jan);
        root.putUserPolicy(r -> r.userName(jan).policyName("everything").policyDocument(policy(
                "{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}")));
        try (StsClient sts = SharedLedger.sts(janKey)) {
            Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            Credentials credentials = sts.getSessionToken().credentials();
            assertThat(credentials.accessKeyId()).startsWith("ASIA");
            assertThat(credentials.expiration()).isCloseTo(before.plusSeconds(43200), within(5, ChronoUnit.SECONDS));
            AwsCredentials temporary = AwsSessionCredentials.create(credentials.accessKeyId(),
                    credentials.secretAccessKey(), credentials.sessionToken());
            try (StsClient asSession = SharedLedger.sts(temporary); IamClient iamAsSession = SharedLedger.iam(temporary)) {
                assertThat(asSession.getCallerIdentity().arn()).isEqualTo("arn:aws:iam::" + account + ":user/" + jan);
                assertStsError(asSession::getSessionToken, 403, "AccessDenied", null);
                assertThatThrownBy(iamAsSession::listUsers).isInstanceOfSatisfying(AwsServiceException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidClientTokenId"));
            }
        }
        try (StsClient asRoot = SharedLedger.sts(SharedLedger.rootCredentials())) {
            Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            assertThat(asRoot.getSessionToken(r -> r.durationSeconds(7200)).credentials().expiration())
                    .as("an account root's session lasts at most an hour")
                    .isCloseTo(before.plusSeconds(3600), within(5, ChronoUnit.SECONDS));
        }
    }

    @Test
    void aRoleInAnotherAccountNeedsBothItsTrustAndTheCallersPolicy() throws InterruptedException {
        AccountCredentials other = SharedLedger.server().createAccount(Optional.empty());
        AwsCredentials otherRoot = AwsBasicCredentials.create(other.accessKeyId(), other.secretAccessKey());
        String kim = SharedLedger.unique("kim");
        AwsCredentials kimKey = SharedLedger.userWithKey(root, kim);
        String role = SharedLedger.unique("partner");
        String roleArn;
        try (IamClient otherIam = SharedLedger.iam(otherRoot)) {
            roleArn = otherIam.createRole(r -> r.roleName(role).assumeRolePolicyDocument(
                    trust("\"AWS\":\"" + account + "\""))).role().arn();
            otherIam.putRolePolicy(r -> r.roleName(role).policyName("list").policyDocument(policy(
                    "{\"Effect\":\"Allow\",\"Action\":\"iam:ListUsers\",\"Resource\":\"*\"}")));
            otherIam.createUser(r -> r.userName("only-in-other"));
        }
        assertThat(roleArn).startsWith("arn:aws:iam::" + other.accountId() + ":role/");
        try (StsClient sts = SharedLedger.sts(kimKey)) {
            assertStsError(() -> sts.assumeRole(r -> r.roleArn(roleArn).roleSessionName("kim")), 403,
                    "AccessDenied", "User: arn:aws:iam::" + account + ":user/" + kim
                            + " is not authorized to perform: sts:AssumeRole on resource: " + roleArn);
            root.putUserPolicy(r -> r.userName(kim).policyName("partner").policyDocument(policy(
                    "{\"Effect\":\"Allow\",\"Action\":\"sts:AssumeRole\",\"Resource\":\"" + roleArn + "\"}")));
            AssumeRoleResponse assumed = sts.assumeRole(r -> r.roleArn(roleArn).roleSessionName("kim"));
            try (StsClient asPartner = SharedLedger.sts(session(assumed));
                 IamClient iamAsPartner = SharedLedger.iam(session(assumed))) {
                assertThat(asPartner.getCallerIdentity().account()).isEqualTo(other.accountId());
                assertThat(iamAsPartner.listUsers().users()).extracting(u -> u.userName())
                        .containsExactly("only-in-other");
            }
            // anyone may ask which account a temporary key belongs to: the role's, once the session is recorded
            try (StsClient rootSts = SharedLedger.sts(SharedLedger.rootCredentials())) {
                String keyId = assumed.credentials().accessKeyId();
                String answer = null;
                for (long deadline = System.nanoTime() + 10_000_000_000L; answer == null
                        && System.nanoTime() < deadline; ) {
                    try {
                        answer = rootSts.getAccessKeyInfo(r -> r.accessKeyId(keyId)).account();
                    } catch (AwsServiceException notYet) {
                        Thread.sleep(50); // the session reaches role_sessions through the projection
                    }
                }
                assertThat(answer).isEqualTo(other.accountId());
                assertStsError(() -> rootSts.getAccessKeyInfo(r -> r.accessKeyId("ASIAUNKNOWNKEY000000")), 400,
                        "InvalidParameterValue", null);
            }
        }
    }

    @Test
    void theAuditTrailShowsTheSessionAndNeverItsSecretOrToken() throws Exception {
        String lou = SharedLedger.unique("lou");
        AwsCredentials louKey = SharedLedger.userWithKey(root, lou);
        String role = SharedLedger.unique("reader");
        String roleArn = createRole(role, "/", trustUser(lou), 3600);
        String sessionName = SharedLedger.unique("s");
        try (StsClient sts = SharedLedger.sts(louKey)) {
            assertStsError(() -> sts.assumeRole(r -> r.roleArn(roleArn).roleSessionName(sessionName)
                    .sourceIdentity("lou-at-corp")), 403, "AccessDenied", "User: arn:aws:iam::" + account + ":user/"
                    + lou + " is not authorized to perform: sts:SetSourceIdentity on resource: " + roleArn);
        }
        root.updateAssumeRolePolicy(r -> r.roleName(role).policyDocument(trustUser(lou).replace(
                "\"sts:AssumeRole\"", "[\"sts:AssumeRole\",\"sts:SetSourceIdentity\"]")));
        root.putRolePolicy(r -> r.roleName(role).policyName("list").policyDocument(policy(
                "{\"Effect\":\"Allow\",\"Action\":\"iam:ListUsers\",\"Resource\":\"*\"}")));
        List<String> secrets = new ArrayList<>();
        Credentials credentials;
        try (StsClient sts = SharedLedger.sts(louKey)) {
            credentials = sts.assumeRole(r -> r.roleArn(roleArn).roleSessionName(sessionName)
                    .sourceIdentity("lou-at-corp")).credentials();
            Credentials sessionToken = sts.getSessionToken().credentials();
            secrets.addAll(List.of(credentials.secretAccessKey(), credentials.sessionToken(),
                    sessionToken.secretAccessKey(), sessionToken.sessionToken()));
        }
        try (IamClient asSession = SharedLedger.iam(AwsSessionCredentials.create(credentials.accessKeyId(),
                credentials.secretAccessKey(), credentials.sessionToken()))) {
            asSession.listUsers();
        }
        String roleId = root.getRole(r -> r.roleName(role)).role().roleId();

        JdbcTemplate jdbc = new JdbcTemplate(SharedLedger.server().context().getBean(DataSource.class));
        Function<String, List<String>> records = text -> jdbc.queryForList("select record::text from audit_record"
                + " where record::text like ?", String.class, "%" + text + "%");
        List<String> listUsers = awaitRows(() -> records.apply(credentials.accessKeyId()).stream()
                .filter(r -> r.contains("\"ListUsers\"")).toList());
        JsonNode identity = JSON.readTree(listUsers.get(0)).path("userIdentity");
        assertThat(identity.path("type").asText()).isEqualTo("AssumedRole");
        assertThat(identity.path("principalId").asText()).isEqualTo(roleId + ":" + sessionName);
        assertThat(identity.path("arn").asText()).isEqualTo("arn:aws:sts::" + account + ":assumed-role/" + role + "/"
                + sessionName);
        assertThat(identity.path("accessKeyId").asText()).isEqualTo(credentials.accessKeyId());
        JsonNode context = identity.path("sessionContext");
        assertThat(context.path("sessionIssuer").path("type").asText()).isEqualTo("Role");
        assertThat(context.path("sessionIssuer").path("arn").asText()).isEqualTo(roleArn);
        assertThat(context.path("sessionIssuer").path("principalId").asText()).isEqualTo(roleId);
        assertThat(context.path("attributes").path("mfaAuthenticated").asText()).isEqualTo("false");
        assertThat(context.path("sourceIdentity").asText()).isEqualTo("lou-at-corp");

        List<String> assumeRole = awaitRows(() -> records.apply(sessionName).stream()
                .filter(r -> r.contains("\"AssumeRole\"") && !r.contains("\"errorCode\"")).toList());
        JsonNode issued = JSON.readTree(assumeRole.get(0));
        assertThat(issued.path("userIdentity").path("arn").asText()).isEqualTo("arn:aws:iam::" + account + ":user/"
                + lou);
        assertThat(issued.path("responseElements").toString()).contains(credentials.accessKeyId());

        List<String> persisted = new ArrayList<>(records.apply(lou));
        persisted.addAll(records.apply(credentials.accessKeyId()));
        jdbc.query("select payload, meta_data from domain_event_entry", rs -> {
            persisted.add(new String(rs.getBytes(1), StandardCharsets.UTF_8));
        });
        persisted.addAll(jdbc.queryForList("select t::text from " + LedgerSettings.READ_SCHEMA + ".role_sessions t",
                String.class));
        assertThat(persisted).anyMatch(text -> text.contains(credentials.accessKeyId()));
        for (String secret : secrets) {
            assertThat(persisted).noneMatch(text -> text.contains(secret));
        }
    }

    private static List<String> awaitRows(java.util.function.Supplier<List<String>> rows) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(10);
        List<String> found = rows.get();
        while (found.isEmpty() && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
            found = rows.get();
        }
        assertThat(found).as("audit records").isNotEmpty();
        return found;
    }

    private String createRole(String name, String path, String trust, int maxSessionDuration) {
        return root.createRole(r -> r.roleName(name).path(path).assumeRolePolicyDocument(trust)
                .maxSessionDuration(maxSessionDuration)).role().arn();
    }

    private String trustUser(String userName) {
        return trust("\"AWS\":\"arn:aws:iam::" + account + ":user/" + userName + "\"");
    }

    private static String trust(String principal) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{" + principal
                + "},\"Action\":\"sts:AssumeRole\"}]}";
    }

    private static String policy(String statement) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[" + statement + "]}";
    }

    private static AwsCredentials session(AssumeRoleResponse assumed) {
        return session(assumed.credentials());
    }

    private static AwsCredentials session(Credentials c) {
        return AwsSessionCredentials.create(c.accessKeyId(), c.secretAccessKey(), c.sessionToken());
    }

    private static void assertInvalidToken(AwsCredentials credentials) {
        try (StsClient sts = SharedLedger.sts(credentials)) {
            assertStsError(sts::getCallerIdentity, 403, "InvalidClientTokenId", null);
        }
    }

    private static void assertStsError(ThrowingCallable call, int status, String code, String message) {
        assertThatThrownBy(call).isInstanceOfSatisfying(AwsServiceException.class, e -> {
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
            assertThat(e.statusCode()).isEqualTo(status);
            if (message != null) {
                assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(message);
            }
        });
    }

    private static void assertIamDenied(ThrowingCallable call, String messageStart) {
        assertThatThrownBy(call).isInstanceOfSatisfying(AwsServiceException.class, e -> {
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
            assertThat(e.statusCode()).isEqualTo(403);
            if (messageStart != null) {
                assertThat(e.awsErrorDetails().errorMessage()).startsWith(messageStart);
            }
        });
    }
}
