package io.iamledger.query.evaluator;

import static io.iamledger.query.evaluator.Fixtures.ACCOUNT;
import static io.iamledger.query.evaluator.Fixtures.ALICE;
import static io.iamledger.query.evaluator.Fixtures.SESSION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The typed request: principals, context values and the builder's defaults. */
class RequestModelTest {

    // Principal key values (reference_policies_variables): IAM user – aws:username is the friendly name, aws:userid
    // the unique id, aws:PrincipalType User; role session – aws:username not present, aws:userid
    // role-id:caller-specified-role-name, aws:PrincipalType AssumedRole; aws:PrincipalArn is the role ARN.
    @Test
    void principalKeysFollowAwsPrincipalTable() {
        Map<String, ContextValue> user = AuthorizationRequest.builder(ALICE, "s3:GetObject").build().context();
        assertThat(user.get("aws:username").texts()).containsExactly("alice");
        assertThat(user.get("aws:userid").texts()).containsExactly("AIDAALICE");
        assertThat(user.get("aws:principaltype").texts()).containsExactly("User");
        assertThat(user.get("aws:principalaccount").texts()).containsExactly(ACCOUNT);

        Map<String, ContextValue> session = AuthorizationRequest.builder(SESSION, "s3:GetObject").build().context();
        assertThat(session).doesNotContainKey("aws:username");
        assertThat(session.get("aws:userid").texts()).containsExactly("AROAAPP:job-1");
        assertThat(session.get("aws:principaltype").texts()).containsExactly("AssumedRole");
        assertThat(session.get("aws:principalarn").texts()).containsExactly(Fixtures.ROLE_ARN);

        Map<String, ContextValue> root = AuthorizationRequest.builder(Fixtures.ROOT, "s3:GetObject").build().context();
        assertThat(root.get("aws:userid").texts()).containsExactly(ACCOUNT);
        assertThat(root.get("aws:principaltype").texts()).containsExactly("Account");
    }

    @Test
    void explicitContextWinsOverDerivedKeysAndCanBeTurnedOff() {
        AuthorizationRequest request = AuthorizationRequest.builder(ALICE, "s3:GetObject")
                .context("AWS:UserName", ContextValue.string("override")).build();
        assertThat(request.context().get("aws:username").texts()).containsExactly("override");
        assertThat(AuthorizationRequest.builder(ALICE, "s3:GetObject").principalContextKeys(false).build().context())
                .isEmpty();
    }

    @Test
    void principalTagsBecomeCaseInsensitiveKeys() {
        AuthorizationRequest request = AuthorizationRequest.builder(ALICE.withTags(Map.of("CostCenter", "42")),
                "s3:GetObject").build();
        assertThat(request.context().get("aws:principaltag/costcenter").texts()).containsExactly("42");
        assertThatThrownBy(() -> ALICE.withTags(Map.of("team", "a", "TEAM", "b")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("differ only in case");
    }

    @Test
    void resourceAccountDefaultsToTheArnsAccountThenThePrincipals() {
        assertThat(AuthorizationRequest.builder(ALICE, "sqs:SendMessage")
                .resource("arn:aws:sqs:us-east-1:444455556666:q").build().resourceAccount()).isEqualTo("444455556666");
        assertThat(AuthorizationRequest.builder(ALICE, "s3:GetObject").resource("arn:aws:s3:::b/k").build()
                .resourceAccount()).isEqualTo(ACCOUNT);
        AuthorizationRequest defaults = AuthorizationRequest.builder(ALICE, "iam:ListUsers").build();
        assertThat(defaults.resource()).isEqualTo("*");
        assertThat(defaults.sameAccount()).isTrue();
        assertThat(defaults.resourcePolicy()).isEmpty();
        assertThat(defaults.principalPolicies()).isSameAs(CompiledPrincipalPolicies.empty());
    }

    @Test
    void badInputsAreRejectedWithTheValueInTheMessage() {
        assertThatThrownBy(() -> AuthorizationRequest.builder(ALICE, "CreateUser"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("CreateUser");
        assertThatThrownBy(() -> AuthorizationRequest.builder(ALICE, "s3:Get*"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("s3:Get*");
        assertThatThrownBy(() -> ContextValue.ip("10.0.0.0/8")).hasMessageContaining("10.0.0.0/8");
        assertThatThrownBy(() -> ContextValue.parse(ContextValue.Type.NUMBER, false, List.of("ten")))
                .hasMessageContaining("\"ten\"");
        assertThatThrownBy(() -> ContextValue.parse(ContextValue.Type.STRING, false, List.of("a", "b")))
                .hasMessageContaining("exactly one");
        assertThatThrownBy(() -> Principal.iamUser("arn:aws:iam::1234:user/x", "AIDA"))
                .hasMessageContaining("arn:aws:iam::1234:user/x");
        assertThatThrownBy(() -> Principal.roleSession(Fixtures.SESSION_ARN, "arn:aws:iam::" + ACCOUNT + ":role/other", "AROA"))
                .hasMessageContaining("is not a session of role");
    }

    @Test
    void principalsFromArnsAloneKnowTheirKindAndIssuer() {
        Principal session = Principal.fromArn(Fixtures.SESSION_ARN);
        assertThat(session.kind()).isEqualTo(Principal.Kind.ROLE_SESSION);
        assertThat(session.issuerArn()).contains(Fixtures.ROLE_ARN);
        assertThat(Principal.fromArn("arn:aws:iam::" + ACCOUNT + ":root").kind()).isEqualTo(Principal.Kind.ROOT);
        assertThat(Principal.fromArn(Fixtures.FEDERATED_ARN).userId()).contains(ACCOUNT + ":bob");
        assertThat(Principal.federatedUser(Fixtures.FEDERATED_ARN, Optional.empty()).issuerArn()).isEmpty();
    }

    @Test
    void contextValuesKeepTextAndTypedForms() {
        ContextValue epoch = ContextValue.parse(ContextValue.Type.DATE, false, List.of("1714564800"));
        assertThat(epoch.texts()).containsExactly("1714564800");
        assertThat(epoch.dateAt(0)).isEqualTo(java.time.Instant.parse("2024-05-01T12:00:00Z"));
        assertThat(ContextValue.parse(ContextValue.Type.BOOLEAN, false, List.of("TRUE")).texts()).containsExactly("true");
        assertThat(ContextValue.strings(List.of()).size()).isZero();
        assertThat(ContextValue.number(new java.math.BigDecimal("1.50")).texts()).containsExactly("1.50");
    }
}
