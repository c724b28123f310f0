package io.iamledger.query.evaluator;

import static io.iamledger.query.evaluator.Fixtures.ACCOUNT;
import static io.iamledger.query.evaluator.Fixtures.ALICE;
import static io.iamledger.query.evaluator.Fixtures.ALICE_ARN;
import static io.iamledger.query.evaluator.Fixtures.CAROL;
import static io.iamledger.query.evaluator.Fixtures.CAROL_ARN;
import static io.iamledger.query.evaluator.Fixtures.OTHER_ACCOUNT;
import static io.iamledger.query.evaluator.Fixtures.allow;
import static io.iamledger.query.evaluator.Fixtures.decide;
import static io.iamledger.query.evaluator.Fixtures.deny;
import static io.iamledger.query.evaluator.Fixtures.evaluate;
import static io.iamledger.query.evaluator.Fixtures.policies;
import static io.iamledger.query.evaluator.Fixtures.trust;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * AssumeRole with the role's trust policy as a resource-based policy that must explicitly allow, from the IAM User
 * Guide's evaluation logic page ("IAM role trust policies and KMS key policies are exceptions to this logic, because
 * they must explicitly allow access for principals") and the shared AWS reference, section 2 ("AssumeRole
 * evaluation rules").
 */
class AssumeRoleTest {
    private static final String TARGET = "arn:aws:iam::" + ACCOUNT + ":role/deployer";

    private static CompiledPolicy trusting(String principalJson) {
        return trust("{'Effect':'Allow','Principal':" + principalJson + ",'Action':'sts:AssumeRole'}");
    }

    // Rule 1: "The role's trust policy is a resource-based policy and must always contain an applicable Allow for
    // sts:AssumeRole whose Principal matches the caller".
    @Test
    void trustPolicyMustAllowEvenWhenTheIdentityPolicyDoes() {
        Evaluation evaluation = evaluate(AuthorizationRequest.assumeRole(ALICE, TARGET,
                trusting("{'AWS':'arn:aws:iam::" + ACCOUNT + ":user/someone-else'}"))
                .principalPolicies(policies(allow("sts:AssumeRole", TARGET))));

        assertThat(evaluation.decision()).isEqualTo(Decision.IMPLICIT_DENY);
        assertThat(evaluation.accessDeniedReason())
                .contains("because no resource-based policy allows the sts:AssumeRole action");
    }

    // Rule 2: "Same account: if the trust policy names the caller's ARN directly, no identity policy is needed".
    @Test
    void trustNamingTheCallerSufficesWithoutIdentityPolicyInTheSameAccount() {
        assertThat(decide(AuthorizationRequest.assumeRole(ALICE, TARGET, trusting("{'AWS':'" + ALICE_ARN + "'}"))))
                .isEqualTo(Decision.ALLOWED);
    }

    // Rule 2: "if it names only the account ..., the caller's identity policy must also allow sts:AssumeRole on the
    // role ARN."
    @Test
    void trustNamingTheAccountNeedsTheCallersIdentityPolicy() {
        CompiledPolicy trust = trusting("{'AWS':'arn:aws:iam::" + ACCOUNT + ":root'}");

        Evaluation denied = evaluate(AuthorizationRequest.assumeRole(ALICE, TARGET, trust));
        assertThat(denied.decision()).isEqualTo(Decision.IMPLICIT_DENY);
        assertThat(denied.denial()).contains(new Evaluation.Denial(PolicyType.IDENTITY_BASED, false));
        assertThat(decide(AuthorizationRequest.assumeRole(ALICE, TARGET, trust)
                .principalPolicies(policies(allow("sts:AssumeRole", TARGET))))).isEqualTo(Decision.ALLOWED);
    }

    // Rule 3: "Cross account: both sides are required — caller's identity policy ... must allow sts:AssumeRole on the
    // role ARN, and the trust policy in the trusting account must name the caller or its account."
    @Test
    void crossAccountAssumeRoleNeedsTheCallersIdentityPolicyAndTheTrust() {
        CompiledPolicy trust = trusting("{'AWS':'" + CAROL_ARN + "'}");

        assertThat(decide(AuthorizationRequest.assumeRole(CAROL, TARGET, trust))).isEqualTo(Decision.IMPLICIT_DENY);
        assertThat(decide(AuthorizationRequest.assumeRole(CAROL, TARGET, trust)
                .principalPolicies(policies(allow("sts:AssumeRole", "arn:aws:iam::" + ACCOUNT + ":role/*")))))
                .isEqualTo(Decision.ALLOWED);
        assertThat(decide(AuthorizationRequest.assumeRole(CAROL, TARGET, trusting("{'AWS':'" + OTHER_ACCOUNT + "'}"))
                .principalPolicies(policies(allow("sts:AssumeRole", "*"))))).isEqualTo(Decision.ALLOWED);
    }

    // Rule 1: "An explicit Deny anywhere wins."
    @Test
    void explicitDenyInTheCallersPolicyWinsOverTheTrust() {
        assertThat(decide(AuthorizationRequest.assumeRole(ALICE, TARGET, trusting("{'AWS':'" + ALICE_ARN + "'}"))
                .principalPolicies(policies(deny("sts:AssumeRole", "*"))))).isEqualTo(Decision.EXPLICIT_DENY);
    }

    // Rule 5: "ExternalId: enforced only through the trust-policy condition "StringEquals": {"sts:ExternalId": "…"};
    // absent/mismatched → AccessDenied."
    @Test
    void externalIdIsEnforcedByTheTrustCondition() {
        CompiledPolicy trust = trust("{'Effect':'Allow','Principal':{'AWS':'" + OTHER_ACCOUNT + "'},'Action':'sts:AssumeRole',"
                + "'Condition':{'StringEquals':{'sts:ExternalId':'unicorn-42'}}}");
        CompiledPrincipalPolicies caller = policies(allow("sts:AssumeRole", "*"));

        assertThat(decide(AuthorizationRequest.assumeRole(CAROL, TARGET, trust).principalPolicies(caller)))
                .isEqualTo(Decision.IMPLICIT_DENY);
        assertThat(decide(AuthorizationRequest.assumeRole(CAROL, TARGET, trust).principalPolicies(caller)
                .context("sts:ExternalId", ContextValue.string("wrong")))).isEqualTo(Decision.IMPLICIT_DENY);
        assertThat(decide(AuthorizationRequest.assumeRole(CAROL, TARGET, trust).principalPolicies(caller)
                .context("sts:ExternalId", ContextValue.string("unicorn-42")))).isEqualTo(Decision.ALLOWED);
    }

    // Principal element, "Web identity session principals": "Principal": { "Federated": "accounts.google.com" } in a
    // role trust policy lets users of that provider assume the role with AssumeRoleWithWebIdentity.
    @Test
    void webIdentityUserAssumesARoleWhoseTrustNamesItsProvider() {
        CompiledPolicy trust = trust("{'Effect':'Allow','Principal':{'Federated':'accounts.google.com'},"
                + "'Action':'sts:AssumeRoleWithWebIdentity','Condition':{'StringEquals':{'accounts.google.com:aud':'app-1'}}}");
        AuthorizationRequest.Builder request = AuthorizationRequest.builder(
                Principal.webIdentityUser("accounts.google.com"), "sts:AssumeRoleWithWebIdentity")
                .resource(TARGET, ACCOUNT).requiredResourcePolicy(trust);

        assertThat(decide(request.context("accounts.google.com:aud", ContextValue.string("app-1"))))
                .isEqualTo(Decision.ALLOWED);
        assertThat(decide(request.context("accounts.google.com:aud", ContextValue.string("app-2"))))
                .isEqualTo(Decision.IMPLICIT_DENY);
    }

    // "Service roles must include a trust policy" naming the service principal.
    @Test
    void serviceAssumesARoleWhoseTrustNamesIt() {
        CompiledPolicy trust = trusting("{'Service':'ec2.amazonaws.com'}");
        assertThat(decide(AuthorizationRequest.assumeRole(Principal.awsService("ec2.amazonaws.com"), TARGET, trust)))
                .isEqualTo(Decision.ALLOWED);
        assertThat(decide(AuthorizationRequest.assumeRole(Principal.awsService("lambda.amazonaws.com"), TARGET, trust)))
                .isEqualTo(Decision.IMPLICIT_DENY);
    }

    // Trust policies may hold other trust actions; a statement for sts:TagSession does not allow sts:AssumeRole.
    @Test
    void trustStatementForAnotherActionDoesNotAllowAssumeRole() {
        CompiledPolicy trust = trust("{'Effect':'Allow','Principal':{'AWS':'" + ALICE_ARN + "'},'Action':'sts:TagSession'}");
        assertThat(decide(AuthorizationRequest.assumeRole(ALICE, TARGET, trust))).isEqualTo(Decision.IMPLICIT_DENY);
    }
}
