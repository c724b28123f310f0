package io.iamledger.query.evaluator;

import static io.iamledger.query.evaluator.Fixtures.ACCOUNT;
import static io.iamledger.query.evaluator.Fixtures.ALICE;
import static io.iamledger.query.evaluator.Fixtures.ALICE_ARN;
import static io.iamledger.query.evaluator.Fixtures.BUCKET;
import static io.iamledger.query.evaluator.Fixtures.CAROL;
import static io.iamledger.query.evaluator.Fixtures.CAROL_ARN;
import static io.iamledger.query.evaluator.Fixtures.FEDERATED;
import static io.iamledger.query.evaluator.Fixtures.FEDERATED_ARN;
import static io.iamledger.query.evaluator.Fixtures.OBJECT;
import static io.iamledger.query.evaluator.Fixtures.OTHER_ACCOUNT;
import static io.iamledger.query.evaluator.Fixtures.ROLE_ARN;
import static io.iamledger.query.evaluator.Fixtures.ROOT;
import static io.iamledger.query.evaluator.Fixtures.SESSION;
import static io.iamledger.query.evaluator.Fixtures.SESSION_ARN;
import static io.iamledger.query.evaluator.Fixtures.allow;
import static io.iamledger.query.evaluator.Fixtures.decide;
import static io.iamledger.query.evaluator.Fixtures.deny;
import static io.iamledger.query.evaluator.Fixtures.evaluate;
import static io.iamledger.query.evaluator.Fixtures.request;
import static io.iamledger.query.evaluator.Fixtures.resource;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * How the policy types combine, each rule from the IAM User Guide's "Policy evaluation logic"
 * (reference_policies_evaluation-logic), "Cross-account policy evaluation logic" and "Permissions boundaries"
 * (access_policies_boundaries) pages; the passage relied on is quoted above each test.
 */
class EvaluationLogicTest {

    private static CompiledPrincipalPolicies withBoundary(CompiledPolicy boundary, CompiledPolicy... identity) {
        CompiledPrincipalPolicies.Builder builder = CompiledPrincipalPolicies.builder().permissionsBoundary(boundary);
        for (CompiledPolicy policy : identity) {
            builder.identityPolicy(policy);
        }
        return builder.build();
    }

    private static CompiledPrincipalPolicies withSession(CompiledPolicy session, CompiledPolicy... identity) {
        CompiledPrincipalPolicies.Builder builder = CompiledPrincipalPolicies.builder().sessionPolicy(session);
        for (CompiledPolicy policy : identity) {
            builder.identityPolicy(policy);
        }
        return builder.build();
    }

    private static CompiledPolicy bucketPolicyAllowing(String principalJson) {
        return resource("{'Effect':'Allow','Principal':" + principalJson + ",'Action':'s3:GetObject','Resource':'"
                + BUCKET + "/*'}");
    }

    // ---- within one account ----
    // "By default, all requests are implicitly denied with the exception of the AWS account root user"
    @Test
    void requestWithNoApplicablePolicyIsImplicitlyDenied() {
        Evaluation evaluation = evaluate(request(ALICE, "iam:CreateUser", "*"));

        assertThat(evaluation.decision()).isEqualTo(Decision.IMPLICIT_DENY);
        assertThat(evaluation.accessDeniedReason())
                .contains("because no identity-based policy allows the iam:CreateUser action");
    }

    // "An explicit allow in an identity-based or resource-based policy overrides this default."
    @Test
    void identityBasedAllowGrants() {
        assertThat(decide(request(ALICE, "s3:GetObject", OBJECT, allow("s3:GetObject", "*"))))
                .isEqualTo(Decision.ALLOWED);
    }

    // "If any statement in any applicable identity-based policies allows the requested action, the code continues."
    @Test
    void anAllowInAnyOfSeveralIdentityPoliciesSuffices() {
        assertThat(decide(request(ALICE, "s3:GetObject", OBJECT, allow("ec2:*", "*"), allow("iam:*", "*"),
                allow("s3:Get*", "*")))).isEqualTo(Decision.ALLOWED);
    }

    // "An explicit deny in any policy overrides any allows."
    @Test
    void explicitDenyInIdentityPolicyOverridesAllow() {
        Evaluation evaluation = evaluate(request(ALICE, "s3:GetObject", OBJECT, allow("s3:*", "*"),
                deny("s3:GetObject", "arn:aws:s3:::reports/*")));

        assertThat(evaluation.decision()).isEqualTo(Decision.EXPLICIT_DENY);
        assertThat(evaluation.accessDeniedReason()).contains("with an explicit deny in an identity-based policy");
    }

    // "Identity-based policies with boundaries ... The effective permissions are the intersection of both policy
    // types. An explicit deny in either of these policies overrides the allow."
    @Test
    void explicitDenyInBoundaryOverridesIdentityAllow() {
        CompiledPolicy boundary = Fixtures.identity("[{'Effect':'Allow','Action':'*','Resource':'*'},"
                + "{'Effect':'Deny','Action':'s3:GetObject','Resource':'*'}]");
        Evaluation evaluation = evaluate(request(ALICE, "s3:GetObject", OBJECT)
                .principalPolicies(withBoundary(boundary, allow("s3:*", "*"))));

        assertThat(evaluation.decision()).isEqualTo(Decision.EXPLICIT_DENY);
        assertThat(evaluation.accessDeniedReason()).contains("with an explicit deny in a permissions boundary");
    }

    // "If the policy that is used to set the permissions boundary does not allow the requested action, then the
    // request is implicitly denied."
    @Test
    void boundaryMustAlsoAllowAnIdentityBasedGrant() {
        Evaluation evaluation = evaluate(request(ALICE, "s3:PutObject", OBJECT)
                .principalPolicies(withBoundary(allow("s3:Get*", "*"), allow("s3:*", "*"))));

        assertThat(evaluation.decision()).isEqualTo(Decision.IMPLICIT_DENY);
        assertThat(evaluation.accessDeniedReason())
                .contains("because no permissions boundary allows the s3:PutObject action");
    }

    // "Permissions boundaries ... sets the maximum permissions that an identity-based policy can grant": a
    // boundary grants nothing by itself.
    @Test
    void boundaryAloneGrantsNothing() {
        Evaluation evaluation = evaluate(request(ALICE, "s3:GetObject", OBJECT)
                .principalPolicies(withBoundary(allow("*", "*"))));

        assertThat(evaluation.decision()).isEqualTo(Decision.IMPLICIT_DENY);
        assertThat(evaluation.accessDeniedReason())
                .contains("because no identity-based policy allows the s3:GetObject action");
    }

    // "If a session policy is present and does not allow the requested action, then the request is implicitly
    // denied."
    @Test
    void sessionPolicyMustAllowWhenPresent() {
        Evaluation evaluation = evaluate(request(SESSION, "s3:PutObject", OBJECT)
                .principalPolicies(withSession(allow("s3:GetObject", "*"), allow("s3:*", "*"))));

        assertThat(evaluation.decision()).isEqualTo(Decision.IMPLICIT_DENY);
        assertThat(evaluation.accessDeniedReason())
                .contains("because no session policy allows the s3:PutObject action");
    }

    // "If a session policy is present and allows the requested action, then the enforcement code returns a final
    // decision of Allow."
    @Test
    void sessionPolicyAllowingKeepsTheIdentityGrant() {
        assertThat(decide(request(SESSION, "s3:GetObject", OBJECT)
                .principalPolicies(withSession(allow("s3:GetObject", "*"), allow("s3:*", "*")))))
                .isEqualTo(Decision.ALLOWED);
    }

    // "The session's permissions are the intersection of the IAM entity's identity-based policy and the session
    // policies": a session policy grants nothing by itself.
    @Test
    void sessionPolicyAloneGrantsNothing() {
        assertThat(decide(request(SESSION, "s3:GetObject", OBJECT)
                .principalPolicies(withSession(allow("s3:*", "*"))))).isEqualTo(Decision.IMPLICIT_DENY);
    }

    // "If there is no session policy, the code checks whether the principal is a role session. If the principal
    // is a role session, then the request is Allowed."
    @Test
    void roleSessionWithoutSessionPolicyIsNotLimited() {
        assertThat(decide(request(SESSION, "s3:GetObject", OBJECT, allow("s3:*", "*"))))
                .isEqualTo(Decision.ALLOWED);
    }

    // "... If the principal is a role session, then the request is Allowed. Otherwise, the request is implicitly
    // denied and the code returns a final decision of Deny."
    @Test
    void federatedUserWithoutSessionPolicyIsImplicitlyDenied() {
        Evaluation evaluation = evaluate(request(FEDERATED, "s3:GetObject", OBJECT, allow("s3:*", "*")));

        assertThat(evaluation.decision()).isEqualTo(Decision.IMPLICIT_DENY);
        assertThat(evaluation.denial()).contains(new Evaluation.Denial(PolicyType.SESSION, false));
    }

    // "Deny evaluation ... These include ... session policies. In all those policies, the enforcement code looks
    // for a Deny statement that applies to the request."
    @Test
    void explicitDenyInSessionPolicyOverridesAllow() {
        CompiledPolicy session = Fixtures.identity("[{'Effect':'Allow','Action':'*','Resource':'*'},"
                + "{'Effect':'Deny','Action':'s3:GetObject','Resource':'*'}]");
        Evaluation evaluation = evaluate(request(SESSION, "s3:GetObject", OBJECT)
                .principalPolicies(withSession(session, allow("*", "*"))));

        assertThat(evaluation.decision()).isEqualTo(Decision.EXPLICIT_DENY);
        assertThat(evaluation.accessDeniedReason()).contains("with an explicit deny in a session policy");
    }

    // "If an action is allowed by an identity-based policy, a resource-based policy, or both, then AWS allows the
    // action."
    @Test
    void resourcePolicyNamingUserArnGrantsWithoutIdentityPolicySameAccount() {
        assertThat(decide(request(ALICE, "s3:GetObject", OBJECT)
                .resource(OBJECT, ACCOUNT).resourcePolicy(bucketPolicyAllowing("{'AWS':'" + ALICE_ARN + "'}"))))
                .isEqualTo(Decision.ALLOWED);
    }

    // "Within the same account, resource-based policies that grant permissions to an IAM user ARN (that is not a
    // federated user session) are not limited by an implicit deny in an identity-based policy or permissions
    // boundary."
    @Test
    void resourcePolicyNamingUserArnIsNotLimitedByBoundary() {
        assertThat(decide(request(ALICE, "s3:GetObject", OBJECT).resource(OBJECT, ACCOUNT)
                .principalPolicies(withBoundary(allow("iam:*", "*")))
                .resourcePolicy(bucketPolicyAllowing("{'AWS':'" + ALICE_ARN + "'}")))).isEqualTo(Decision.ALLOWED);
    }

    // "IAM role session – ... Permissions granted directly to a session are not limited by an implicit deny in an
    // identity-based policy, a permissions boundary, or session policy."
    @Test
    void resourcePolicyNamingSessionArnIsNotLimitedByBoundaryOrSessionPolicy() {
        CompiledPrincipalPolicies policies = CompiledPrincipalPolicies.builder()
                .permissionsBoundary(allow("iam:*", "*")).sessionPolicy(allow("ec2:*", "*")).build();

        assertThat(decide(request(SESSION, "s3:GetObject", OBJECT).resource(OBJECT, ACCOUNT)
                .principalPolicies(policies).resourcePolicy(bucketPolicyAllowing("{'AWS':'" + SESSION_ARN + "'}"))))
                .isEqualTo(Decision.ALLOWED);
    }

    // "IAM role – Resource-based policies that grant permissions to an IAM role ARN are limited by an implicit
    // deny in a permissions boundary or session policy."
    @Test
    void resourcePolicyNamingRoleArnIsLimitedByBoundary() {
        Evaluation evaluation = evaluate(request(SESSION, "s3:GetObject", OBJECT).resource(OBJECT, ACCOUNT)
                .principalPolicies(withBoundary(allow("iam:*", "*")))
                .resourcePolicy(bucketPolicyAllowing("{'AWS':'" + ROLE_ARN + "'}")));

        assertThat(evaluation.decision()).isEqualTo(Decision.IMPLICIT_DENY);
        assertThat(evaluation.denial()).contains(new Evaluation.Denial(PolicyType.PERMISSIONS_BOUNDARY, false));
    }

    // Same passage: "... limited by an implicit deny in a permissions boundary or session policy."
    @Test
    void resourcePolicyNamingRoleArnIsLimitedBySessionPolicy() {
        Evaluation evaluation = evaluate(request(SESSION, "s3:GetObject", OBJECT).resource(OBJECT, ACCOUNT)
                .principalPolicies(withSession(allow("ec2:*", "*")))
                .resourcePolicy(bucketPolicyAllowing("{'AWS':'" + ROLE_ARN + "'}")));

        assertThat(evaluation.decision()).isEqualTo(Decision.IMPLICIT_DENY);
        assertThat(evaluation.denial()).contains(new Evaluation.Denial(PolicyType.SESSION, false));
    }

    // "Resource-based policies ... The difference depends on whether the user or role's ARN or the session's ARN
    // is listed": naming the role grants the session when boundary and session policies do not limit it.
    @Test
    void resourcePolicyNamingRoleArnGrantsTheSessionWithoutIdentityPolicy() {
        assertThat(decide(request(SESSION, "s3:GetObject", OBJECT).resource(OBJECT, ACCOUNT)
                .principalPolicies(withBoundary(allow("s3:*", "*")))
                .resourcePolicy(bucketPolicyAllowing("{'AWS':'" + ROLE_ARN + "'}")))).isEqualTo(Decision.ALLOWED);
    }

    // "Within the same account, resource-based policies that grant permissions to a federated user ARN grant
    // permissions directly to the session. ... not limited by an implicit deny in ... session policy."
    @Test
    void resourcePolicyNamingFederatedUserArnGrantsDirectly() {
        assertThat(decide(request(FEDERATED, "s3:GetObject", OBJECT).resource(OBJECT, ACCOUNT)
                .resourcePolicy(bucketPolicyAllowing("{'AWS':'" + FEDERATED_ARN + "'}")))).isEqualTo(Decision.ALLOWED);
    }

    // "However, if a resource-based policy grants permission to the ARN of the IAM user who federated, then
    // requests made by the federated user during the session are limited by an implicit deny in a permission
    // boundary or session policy."
    @Test
    void resourcePolicyNamingTheFederatingUserIsLimitedBySessionPolicy() {
        String bob = "arn:aws:iam::" + ACCOUNT + ":user/bob";
        AuthorizationRequest.Builder request = request(FEDERATED, "s3:GetObject", OBJECT).resource(OBJECT, ACCOUNT)
                .resourcePolicy(bucketPolicyAllowing("{'AWS':'" + bob + "'}"));

        assertThat(decide(request.principalPolicies(withSession(allow("ec2:*", "*")))))
                .isEqualTo(Decision.IMPLICIT_DENY);
        assertThat(decide(request.principalPolicies(withSession(allow("s3:*", "*"))))).isEqualTo(Decision.ALLOWED);
    }

    // Principal element, "AWS account principals": "This delegates authority to the account. ... an administrator
    // in that account must then grant access to an identity (IAM user or role) in that account."
    @Test
    void resourcePolicyNamingOnlyTheAccountNeedsAnIdentityPolicy() {
        AuthorizationRequest.Builder request = request(ALICE, "s3:GetObject", OBJECT).resource(OBJECT, ACCOUNT)
                .resourcePolicy(bucketPolicyAllowing("{'AWS':'" + ACCOUNT + "'}"));

        assertThat(decide(request)).isEqualTo(Decision.IMPLICIT_DENY);
        assertThat(decide(request.principalPolicies(Fixtures.policies(allow("s3:GetObject", "*")))))
                .isEqualTo(Decision.ALLOWED);
    }

    // Principal element, "All principals": "For IAM users and role principals within your account, no other
    // permissions are required."
    @Test
    void resourcePolicyWithWildcardPrincipalGrantsWithinTheAccount() {
        assertThat(decide(request(SESSION, "s3:GetObject", OBJECT).resource(OBJECT, ACCOUNT)
                .principalPolicies(withBoundary(allow("iam:*", "*")))
                .resourcePolicy(bucketPolicyAllowing("'*'")))).isEqualTo(Decision.ALLOWED);
    }

    // "An explicit deny in either of these policies overrides the allow." (identity-based with resource-based)
    @Test
    void explicitDenyInResourcePolicyOverridesIdentityAllow() {
        Evaluation evaluation = evaluate(request(ALICE, "s3:GetObject", OBJECT, allow("s3:*", "*"))
                .resource(OBJECT, ACCOUNT).resourcePolicy(resource(
                        "{'Effect':'Deny','Principal':'*','Action':'s3:*','Resource':'" + BUCKET + "/*'}")));

        assertThat(evaluation.decision()).isEqualTo(Decision.EXPLICIT_DENY);
        assertThat(evaluation.accessDeniedReason()).contains("with an explicit deny in a resource-based policy");
    }

    // Principal element: "When you specify an AWS account, ... Both delegate permissions to the account" – a Deny
    // naming the account applies to every principal in it.
    @Test
    void resourcePolicyDenyNamingTheAccountDeniesItsPrincipals() {
        assertThat(decide(request(SESSION, "s3:GetObject", OBJECT, allow("s3:*", "*")).resource(OBJECT, ACCOUNT)
                .resourcePolicy(resource("{'Effect':'Deny','Principal':{'AWS':'arn:aws:iam::" + ACCOUNT
                        + ":root'},'Action':'s3:*','Resource':'*'}")))).isEqualTo(Decision.EXPLICIT_DENY);
    }

    // access_policies_boundaries: "The NotPrincipal element with a Deny effect will always deny any IAM principal
    // that has a permissions boundary policy attached, regardless of the values specified in the NotPrincipal
    // element."
    @Test
    void notPrincipalDenyAlwaysDeniesAPrincipalWithABoundary() {
        CompiledPolicy bucket = resource("[{'Effect':'Deny','NotPrincipal':{'AWS':['" + ALICE_ARN + "','arn:aws:iam::"
                + ACCOUNT + ":root']},'Action':'s3:*','Resource':'*'}]");
        AuthorizationRequest.Builder request = request(ALICE, "s3:GetObject", OBJECT).resource(OBJECT, ACCOUNT)
                .resourcePolicy(bucket);

        assertThat(decide(request.principalPolicies(Fixtures.policies(allow("s3:*", "*")))))
                .isEqualTo(Decision.ALLOWED);
        assertThat(decide(request.principalPolicies(withBoundary(allow("*", "*"), allow("s3:*", "*")))))
                .isEqualTo(Decision.EXPLICIT_DENY);
    }

    // ---- across accounts ----
    private final String theirObject = "arn:aws:s3:::partner-bucket/data.csv";

    // reference_policies_evaluation-logic-cross-account: "the request is evaluated in both accounts ... allowed
    // only if both allow": an identity-based allow alone is not enough.
    @Test
    void identityAllowAloneDoesNotReachAnotherAccount() {
        Evaluation evaluation = evaluate(request(ALICE, "s3:GetObject", theirObject, allow("s3:*", "*"))
                .resource(theirObject, OTHER_ACCOUNT));

        assertThat(evaluation.decision()).isEqualTo(Decision.IMPLICIT_DENY);
        assertThat(evaluation.accessDeniedReason())
                .contains("because no resource-based policy allows the s3:GetObject action");
    }

    // Same page: a resource-based policy naming the principal is not enough without the principal's own account
    // allowing ("A resource policy alone is never sufficient cross-account").
    @Test
    void resourcePolicyNamingTheCallerDirectlyStillNeedsItsIdentityPolicy() {
        AuthorizationRequest.Builder request = request(CAROL, "s3:GetObject", OBJECT).resource(OBJECT, ACCOUNT)
                .resourcePolicy(bucketPolicyAllowing("{'AWS':'" + CAROL_ARN + "'}"));

        assertThat(evaluate(request).accessDeniedReason())
                .contains("because no identity-based policy allows the s3:GetObject action");
        assertThat(decide(request.principalPolicies(Fixtures.policies(allow("s3:GetObject", BUCKET + "/*")))))
                .isEqualTo(Decision.ALLOWED);
    }

    // "... the resource-based policy in the resource's account naming the principal or its account".
    @Test
    void resourcePolicyNamingTheCallersAccountSufficesWithItsIdentityPolicy() {
        assertThat(decide(request(CAROL, "s3:GetObject", OBJECT, allow("s3:*", "*")).resource(OBJECT, ACCOUNT)
                .resourcePolicy(bucketPolicyAllowing("{'AWS':'" + OTHER_ACCOUNT + "'}")))).isEqualTo(Decision.ALLOWED);
    }

    // "the principal's account (identity policy + its SCPs, boundary, session policy)" must allow.
    @Test
    void boundaryLimitsCrossAccountRequestsEvenWhenTheResourceNamesTheCaller() {
        CompiledPrincipalPolicies policies = withBoundary(allow("ec2:*", "*"), allow("s3:*", "*"));

        assertThat(decide(request(CAROL, "s3:GetObject", OBJECT).resource(OBJECT, ACCOUNT).principalPolicies(policies)
                .resourcePolicy(bucketPolicyAllowing("{'AWS':'" + CAROL_ARN + "'}")))).isEqualTo(Decision.IMPLICIT_DENY);
    }

    // A resource-based policy of another account naming someone else grants nothing.
    @Test
    void resourcePolicyNamingSomeoneElseGrantsNothing() {
        assertThat(decide(request(CAROL, "s3:GetObject", OBJECT, allow("s3:*", "*")).resource(OBJECT, ACCOUNT)
                .resourcePolicy(bucketPolicyAllowing("{'AWS':'" + ALICE_ARN + "'}")))).isEqualTo(Decision.IMPLICIT_DENY);
    }

    // ---- root and services ----
    // "By default, all requests are implicitly denied with the exception of the AWS account root user, which has
    // full access." Identity-based policies cannot be attached to root, so none are consulted.
    @Test
    void rootIsAllowedEverythingInItsAccount() {
        assertThat(decide(request(ROOT, "iam:DeleteAccountPasswordPolicy", "*"))).isEqualTo(Decision.ALLOWED);
    }

    // "An explicit deny in any policy overrides any allows." – a bucket policy can deny even root.
    @Test
    void rootIsDeniedByAnExplicitDenyInAResourcePolicy() {
        assertThat(decide(request(ROOT, "s3:GetObject", OBJECT).resource(OBJECT, ACCOUNT).resourcePolicy(resource(
                "{'Effect':'Deny','Principal':'*','Action':'s3:*','Resource':'*'}")))).isEqualTo(Decision.EXPLICIT_DENY);
    }

    // Cross-account logic applies to root as to any principal: the other account's resource policy must trust it.
    @Test
    void rootNeedsAResourcePolicyInAnotherAccount() {
        String theirs = "arn:aws:s3:::partner-bucket/x";
        assertThat(decide(request(ROOT, "s3:GetObject", theirs).resource(theirs, OTHER_ACCOUNT)))
                .isEqualTo(Decision.IMPLICIT_DENY);
        assertThat(decide(request(ROOT, "s3:GetObject", theirs).resource(theirs, OTHER_ACCOUNT).resourcePolicy(
                resource("{'Effect':'Allow','Principal':{'AWS':'" + ACCOUNT + "'},'Action':'s3:*','Resource':'*'}"))))
                .isEqualTo(Decision.ALLOWED);
    }

    // Principal element, "AWS service principals": a service is granted access by naming it in a resource-based
    // policy; it has no identity-based policies.
    @Test
    void servicePrincipalNeedsAResourcePolicyNamingIt() {
        Principal lambda = Principal.awsService("lambda.amazonaws.com");
        CompiledPolicy queuePolicy = resource("{'Effect':'Allow','Principal':{'Service':'lambda.amazonaws.com'},"
                + "'Action':'sqs:SendMessage','Resource':'*'}");
        String queue = "arn:aws:sqs:us-east-1:" + ACCOUNT + ":jobs";

        assertThat(decide(request(lambda, "sqs:SendMessage", queue))).isEqualTo(Decision.IMPLICIT_DENY);
        assertThat(decide(request(lambda, "sqs:SendMessage", queue).resourcePolicy(queuePolicy)))
                .isEqualTo(Decision.ALLOWED);
        assertThat(decide(request(Principal.awsService("ec2.amazonaws.com"), "sqs:SendMessage", queue)
                .resourcePolicy(queuePolicy))).isEqualTo(Decision.IMPLICIT_DENY);
    }
}
