package io.iamledger.infra.authz;

import static io.iamledger.infra.authz.FakeLoader.ACCOUNT;
import static io.iamledger.infra.authz.FakeLoader.arn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.iamledger.events.error.ErrorCode;
import io.iamledger.events.error.IamException;
import io.iamledger.events.identity.IdentityRef;
import io.iamledger.events.identity.Tag;
import io.iamledger.infra.protocol.QueryParameters;
import io.iamledger.infra.protocol.QueryRequest;
import io.iamledger.infra.protocol.QueryService;
import io.iamledger.query.evaluator.CompiledPrincipalPolicies;
import io.iamledger.query.evaluator.PolicySource;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class AuthorizerTest {
    private static final String ALICE_ID = "AIDAALICE";
    private static final IdentityRef ALICE = IdentityRef.user(ALICE_ID, "alice");

    private final FakeLoader store = new FakeLoader();
    private final AtomicLong position = new AtomicLong(10);
    private final List<Long> askedAtLeast = new ArrayList<>();
    private final AtomicLong lastWritten = new AtomicLong(-1);
    private final AuthorizationIndex index = new AuthorizationIndex(store, (account, atLeast) -> {
        askedAtLeast.add(atLeast);
        return position.get();
    }, account -> { }, account -> lastWritten.get(), 100);
    private final Authorizer authorizer = Authorizer.create(index, () -> ACCOUNT);

    @Test
    void theRootIsAllowedEverythingWithoutLookingAnythingUp() {
        authorizer.authorize(call(IdentityRef.root(ACCOUNT), "DeleteUser", "UserName", "bob"));
        assertThat(store.userLoads).hasValue(0);
        assertThat(askedAtLeast).isEmpty();
    }

    @Test
    void aUserWithoutPoliciesIsDeniedWithAwsMessageNamingItsPathAndTheTarget() {
        store.user("/ops/", "alice", ALICE_ID);
        assertDenied(call(ALICE, "CreateUser", "UserName", "bob"), "User: " + arn("user", "/ops/", "alice")
                + " is not authorized to perform: iam:CreateUser on resource: " + arn("user", "/", "bob")
                + " because no identity-based policy allows the iam:CreateUser action");
        assertDenied(call(ALICE, "ListUsers"), "User: " + arn("user", "/ops/", "alice")
                + " is not authorized to perform: iam:ListUsers on resource: * because no identity-based policy"
                + " allows the iam:ListUsers action");
    }

    @Test
    void createUserIsCheckedAtTheRequestedPath() {
        store.user("/", "alice", ALICE_ID, allow("iam:CreateUser", arn("user", "/team/", "*")));
        authorizer.authorize(call(ALICE, "CreateUser", "UserName", "bob", "Path", "/team/"));
        assertDenied(call(ALICE, "CreateUser", "UserName", "bob"), null);
    }

    @Test
    void anExistingTargetIsCheckedAtItsPath() {
        store.user("/", "alice", ALICE_ID, allow("iam:DeleteUser", arn("user", "/team/", "*")));
        store.user("/team/", "bob", "AIDABOB");
        authorizer.authorize(call(ALICE, "DeleteUser", "UserName", "BOB"));
        // an unknown user is named as if at the root path, as its ARN would be
        assertDenied(call(ALICE, "DeleteUser", "UserName", "carl"), "User: " + arn("user", "/", "alice")
                + " is not authorized to perform: iam:DeleteUser on resource: " + arn("user", "/", "carl")
                + " because no identity-based policy allows the iam:DeleteUser action");
    }

    @Test
    void withoutUserNameAnAccessKeyCallActsOnTheCallerAndPolicyVariablesResolve() {
        store.user("/dev/", "alice", ALICE_ID,
                allow("iam:CreateAccessKey", "arn:aws:iam::" + ACCOUNT + ":user/dev/${aws:username}"));
        store.user("/dev/", "bob", "AIDABOB");
        authorizer.authorize(call(ALICE, "CreateAccessKey"));
        authorizer.authorize(call(ALICE, "CreateAccessKey", "UserName", "alice"));
        assertDenied(call(ALICE, "CreateAccessKey", "UserName", "bob"), null);
    }

    @Test
    void renamingNeedsPermissionOnTheOldAndTheNewArn() {
        store.user("/", "alice", ALICE_ID, allow("iam:UpdateUser", arn("user", "/", "bob")));
        store.user("/", "bob", "AIDABOB");
        authorizer.authorize(call(ALICE, "UpdateUser", "UserName", "bob"));
        assertDenied(call(ALICE, "UpdateUser", "UserName", "bob", "NewUserName", "robert"),
                "User: " + arn("user", "/", "alice") + " is not authorized to perform: iam:UpdateUser on resource: "
                        + arn("user", "/", "robert") + " because no identity-based policy allows the iam:UpdateUser"
                        + " action");
        assertDenied(call(ALICE, "UpdateUser", "UserName", "bob", "NewPath", "/x/"), null);
    }

    @Test
    void attachingSeesThePolicyArnAndTheTargetsCurrentBoundary() {
        String boundary = "arn:aws:iam::" + ACCOUNT + ":policy/limits";
        store.user("/", "alice", ALICE_ID, "{\"Effect\":\"Allow\",\"Action\":\"iam:AttachUserPolicy\",\"Resource\":"
                + "\"*\",\"Condition\":{\"ArnEquals\":{\"iam:PolicyARN\":\"arn:aws:iam::aws:policy/ReadOnlyAccess\","
                + "\"iam:PermissionsBoundary\":\"" + boundary + "\"}}}");
        store.user("/", "bob", "AIDABOB", List.of(), CompiledPrincipalPolicies.builder().permissionsBoundary(
                FakeLoader.compiled(PolicySource.of(boundary, PolicySource.Kind.CUSTOMER_MANAGED),
                        FakeLoader.policy(allow("iam:*", "*")))).build());
        store.user("/", "carl", "AIDACARL");
        authorizer.authorize(call(ALICE, "AttachUserPolicy", "UserName", "bob",
                "PolicyArn", "arn:aws:iam::aws:policy/ReadOnlyAccess"));
        assertDenied(call(ALICE, "AttachUserPolicy", "UserName", "bob",
                "PolicyArn", "arn:aws:iam::aws:policy/AdministratorAccess"), null);
        assertDenied(call(ALICE, "AttachUserPolicy", "UserName", "carl",
                "PolicyArn", "arn:aws:iam::aws:policy/ReadOnlyAccess"), null);
    }

    @Test
    void createUserSeesTheRequestedBoundaryAndTags() {
        String boundary = "arn:aws:iam::" + ACCOUNT + ":policy/limits";
        store.user("/", "alice", ALICE_ID, "{\"Effect\":\"Allow\",\"Action\":\"iam:CreateUser\",\"Resource\":\"*\","
                + "\"Condition\":{\"StringEquals\":{\"iam:PermissionsBoundary\":\"" + boundary + "\","
                + "\"aws:RequestTag/team\":\"red\"},\"ForAllValues:StringEquals\":{\"aws:TagKeys\":[\"team\"]}}}");
        authorizer.authorize(call(ALICE, "CreateUser", "UserName", "bob", "PermissionsBoundary", boundary,
                "Tags.member.1.Key", "team", "Tags.member.1.Value", "red"));
        assertDenied(call(ALICE, "CreateUser", "UserName", "bob", "PermissionsBoundary", boundary,
                "Tags.member.1.Key", "team", "Tags.member.1.Value", "red",
                "Tags.member.2.Key", "cost", "Tags.member.2.Value", "1"), null);
        assertDenied(call(ALICE, "CreateUser", "UserName", "bob",
                "Tags.member.1.Key", "team", "Tags.member.1.Value", "red"), null);
    }

    @Test
    void principalTagsAndResourceTagsAreConditionKeys() {
        store.user("/", "alice", ALICE_ID, List.of(new Tag("team", "red")), CompiledPrincipalPolicies.builder()
                .identityPolicy(FakeLoader.compiled(PolicySource.of("inline", PolicySource.Kind.USER_INLINE),
                        FakeLoader.policy("{\"Effect\":\"Allow\",\"Action\":\"iam:GetUser\",\"Resource\":\"*\","
                                + "\"Condition\":{\"StringEquals\":{\"aws:ResourceTag/team\":"
                                + "\"${aws:PrincipalTag/team}\"}}}"))).build());
        store.user("/", "bob", "AIDABOB", List.of(new Tag("team", "red")), CompiledPrincipalPolicies.empty());
        store.user("/", "carl", "AIDACARL", List.of(new Tag("team", "blue")), CompiledPrincipalPolicies.empty());
        authorizer.authorize(call(ALICE, "GetUser", "UserName", "bob"));
        assertDenied(call(ALICE, "GetUser", "UserName", "carl"), null);
    }

    @Test
    void theTagsOfTheUserActedOnAreAlsoIamResourceTags() {
        store.user("/", "alice", ALICE_ID, List.of(), CompiledPrincipalPolicies.builder()
                .identityPolicy(FakeLoader.compiled(PolicySource.of("inline", PolicySource.Kind.USER_INLINE),
                        FakeLoader.policy("{\"Effect\":\"Allow\",\"Action\":\"iam:TagUser\",\"Resource\":\"*\","
                                + "\"Condition\":{\"StringEquals\":{\"iam:ResourceTag/env\":\"dev\"}}}"))).build());
        store.user("/", "dev-bot", "AIDADEVBOT", List.of(new Tag("env", "dev")), CompiledPrincipalPolicies.empty());
        store.user("/", "prod-bot", "AIDAPRODBOT", List.of(new Tag("env", "prod")), CompiledPrincipalPolicies.empty());
        authorizer.authorize(call(ALICE, "TagUser", "UserName", "dev-bot"));
        assertDenied(call(ALICE, "TagUser", "UserName", "prod-bot"), null);
    }

    @Test
    void rotateAccessKeyNeedsCreateAndUpdate() {
        store.user("/", "alice", ALICE_ID, allow("iam:CreateAccessKey", "*"));
        assertDenied(call(ALICE, "RotateAccessKey", "AccessKeyId", "AKIAOLD"), "User: " + arn("user", "/", "alice")
                + " is not authorized to perform: iam:UpdateAccessKey on resource: " + arn("user", "/", "alice")
                + " because no identity-based policy allows the iam:UpdateAccessKey action");
    }

    @Test
    void globalKeysComeFromTheRequest() {
        store.user("/", "alice", ALICE_ID, "{\"Effect\":\"Allow\",\"Action\":\"iam:ListUsers\",\"Resource\":\"*\","
                + "\"Condition\":{\"IpAddress\":{\"aws:SourceIp\":\"10.0.0.0/8\"},\"Bool\":{\"aws:SecureTransport\":"
                + "\"false\"},\"StringEquals\":{\"aws:RequestedRegion\":\"us-east-1\",\"aws:PrincipalType\":\"User\","
                + "\"aws:userid\":\"" + ALICE_ID + "\"},\"NumericGreaterThan\":{\"aws:EpochTime\":\"1000\"}}}");
        authorizer.authorize(call(ALICE, "ListUsers"));
        AccessRequest elsewhere = call(ALICE, "ListUsers");
        assertThatThrownBy(() -> authorizer.authorize(new AccessRequest(elsewhere.service(), elsewhere.action(),
                elsewhere.parameters(), ACCOUNT, ALICE, "192.168.0.1", false, "us-east-1", elsewhere.receivedAt())))
                .isInstanceOf(IamException.class);
    }

    @Test
    void getCallerIdentityIsNeverDenied() {
        store.user("/", "alice", ALICE_ID, "{\"Effect\":\"Deny\",\"Action\":\"*\",\"Resource\":\"*\"}");
        AccessRequest sts = new AccessRequest(QueryService.STS, "GetCallerIdentity", parameters(QueryService.STS,
                "GetCallerIdentity"), ACCOUNT, ALICE, "10.0.0.1", false, "us-east-1", Instant.now());
        assertThatCode(() -> authorizer.authorize(sts)).doesNotThrowAnyException();
    }

    @Test
    void anUnknownCallerOrOneUnderAnotherIdIsAllowedNothing() {
        store.user("/", "alice", "AIDAOTHERALICE", allow("*", "*"));
        assertDenied(call(ALICE, "ListUsers"), null);
    }

    @Test
    void entriesAreReusedUntilTheAccountMovesAndOwnWritesAreAwaited() {
        store.user("/", "alice", ALICE_ID, allow("iam:ListUsers", "*"));
        authorizer.authorize(call(ALICE, "ListUsers"));
        authorizer.authorize(call(ALICE, "ListUsers"));
        assertThat(store.userLoads).hasValue(1);

        store.user("/", "alice", ALICE_ID);
        position.incrementAndGet();
        lastWritten.set(11);
        assertDenied(call(ALICE, "ListUsers"), null);
        assertThat(store.userLoads).hasValue(2);
        assertThat(askedAtLeast).endsWith(11L);
    }

    @Test
    void everyServedActionMustHaveARule() {
        assertThatCode(() -> Authorizer.requireCovered(QueryService.IAM, Set.of("CreateUser", "ListUsers",
                "SimulatePrincipalPolicy", "RotateAccessKey"))).doesNotThrowAnyException();
        assertThatThrownBy(() -> Authorizer.requireCovered(QueryService.IAM, Set.of("CreateUser", "CreateWidget")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("[CreateWidget]");
    }

    @Test
    void sourceAddressesAreReadAsAwsShowsThem() {
        assertThat(Authorizer.sourceIp("10.1.2.3")).isPresent();
        assertThat(Authorizer.sourceIp("0:0:0:0:0:0:0:1")).isPresent();
        assertThat(Authorizer.sourceIp("[::1]")).isPresent();
        assertThat(Authorizer.sourceIp("fe80::1%eth0")).isPresent();
        assertThat(Authorizer.sourceIp("")).isEmpty();
        assertThat(Authorizer.sourceIp("not-an-address")).isEmpty();
    }

    private static String allow(String action, String resource) {
        return "{\"Effect\":\"Allow\",\"Action\":\"" + action + "\",\"Resource\":\"" + resource + "\"}";
    }

    @Test
    void onlyTheDefaultAccountsRootMayCreateAccountsWhateverThePolicies() {
        authorizer.authorizePermission(call(IdentityRef.root(ACCOUNT), "CreateAccount"), "iamledger:CreateAccount",
                "*");
        store.user("/", "alice", ALICE_ID, allow("*", "*"));
        assertThatThrownBy(() -> authorizer.authorizePermission(call(ALICE, "CreateAccount"),
                "iamledger:CreateAccount", "*")).isInstanceOfSatisfying(IamException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.ACCESS_DENIED);
                    assertThat(e.getMessage()).isEqualTo("User: " + arn("user", "/", "alice") + " is not authorized"
                            + " to perform: iamledger:CreateAccount on resource: * because only the root user of the"
                            + " server's default account may, whatever the policies");
                });
        String other = "444455556666";
        AccessRequest otherRoot = new AccessRequest(QueryService.IAM, "CreateAccount", QueryParameters.none(), other,
                IdentityRef.root(other), "10.0.0.1", false, "us-east-1", Instant.parse("2026-01-02T03:04:05Z"));
        assertThatThrownBy(() -> authorizer.authorizePermission(otherRoot, "iamledger:CreateAccount", "*"))
                .isInstanceOfSatisfying(IamException.class, e -> assertThat(e.getMessage())
                        .startsWith("User: arn:aws:iam::" + other + ":root is not authorized"));
        // the same root may do everything else in its own account
        authorizer.authorizePermission(otherRoot, "iamledger:GetState", "*");
    }

    private void assertDenied(AccessRequest request, String message) {
        assertThatThrownBy(() -> authorizer.authorize(request)).isInstanceOfSatisfying(IamException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.ACCESS_DENIED);
            if (message != null) {
                assertThat(e.getMessage()).isEqualTo(message);
            }
        });
    }

    private static AccessRequest call(IdentityRef caller, String action, String... parameters) {
        return new AccessRequest(QueryService.IAM, action, parameters(QueryService.IAM, action, parameters), ACCOUNT,
                caller, "10.0.0.1", false, "us-east-1", Instant.parse("2026-01-02T03:04:05Z"));
    }

    private static io.iamledger.infra.protocol.QueryParameters parameters(QueryService service, String action,
                                                                          String... parameters) {
        StringBuilder query = new StringBuilder("Action=" + action + "&Version=" + service.version());
        for (int i = 0; i < parameters.length; i += 2) {
            query.append('&').append(parameters[i]).append('=')
                    .append(URLEncoder.encode(parameters[i + 1], StandardCharsets.UTF_8));
        }
        return QueryRequest.parse(service, Set.of(action), query.toString(), new byte[0]).parameters();
    }
}
