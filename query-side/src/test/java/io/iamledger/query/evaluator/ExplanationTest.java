package io.iamledger.query.evaluator;

import static io.iamledger.query.evaluator.Fixtures.ACCOUNT;
import static io.iamledger.query.evaluator.Fixtures.ALICE;
import static io.iamledger.query.evaluator.Fixtures.ALICE_ARN;
import static io.iamledger.query.evaluator.Fixtures.OBJECT;
import static io.iamledger.query.evaluator.Fixtures.SESSION;
import static io.iamledger.query.evaluator.Fixtures.allow;
import static io.iamledger.query.evaluator.Fixtures.evaluate;
import static io.iamledger.query.evaluator.Fixtures.identity;
import static io.iamledger.query.evaluator.Fixtures.request;
import static io.iamledger.query.evaluator.Fixtures.resource;
import static org.assertj.core.api.Assertions.assertThat;

import io.iamledger.events.document.Effect;
import io.iamledger.events.document.SourcePosition;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What an evaluation tells about itself: the simulator's EvalDecision, MatchedStatements, details and keys. */
class ExplanationTest {

    // SimulatePrincipalPolicy's EvalDecision values are "allowed", "explicitDeny" and "implicitDeny".
    @Test
    void decisionsHaveTheSimulatorsWireNames() {
        assertThat(Decision.ALLOWED.wireName()).isEqualTo("allowed");
        assertThat(Decision.EXPLICIT_DENY.wireName()).isEqualTo("explicitDeny");
        assertThat(Decision.IMPLICIT_DENY.wireName()).isEqualTo("implicitDeny");
    }

    @Test
    void matchedStatementsCarryPolicySidIndexAndPositions() {
        CompiledPolicy policy = identity("team-access", """
                {'Version':'2012-10-17','Statement':[
                  {'Sid':'Read','Effect':'Allow','Action':'s3:Get*','Resource':'*'},
                  {'Sid':'NoSecrets','Effect':'Deny','Action':'s3:*','Resource':'arn:aws:s3:::reports/*'}]}""");

        Evaluation evaluation = evaluate(request(ALICE, "s3:GetObject", OBJECT, policy));

        assertThat(evaluation.decision()).isEqualTo(Decision.EXPLICIT_DENY);
        assertThat(evaluation.matchedStatements()).hasSize(2);
        MatchedStatement deciding = evaluation.decidingStatements().get(0);
        assertThat(evaluation.decidingStatements()).hasSize(1);
        assertThat(deciding.source().id()).isEqualTo("team-access");
        assertThat(deciding.source().kind()).isEqualTo(PolicySource.Kind.CUSTOMER_MANAGED);
        assertThat(deciding.policyType()).isEqualTo(PolicyType.IDENTITY_BASED);
        assertThat(deciding.effect()).isEqualTo(Effect.DENY);
        assertThat(deciding.sid()).contains("NoSecrets");
        assertThat(deciding.index()).isEqualTo(1);
        assertThat(deciding.start()).isEqualTo(new SourcePosition(3, 3));
        assertThat(deciding.principalMatch()).isEmpty();
    }

    @Test
    void allowedEvaluationNamesItsAllowStatementsAndNoDenial() {
        Evaluation evaluation = evaluate(request(ALICE, "s3:GetObject", OBJECT, allow("s3:*", "*")));

        assertThat(evaluation.decision()).isEqualTo(Decision.ALLOWED);
        assertThat(evaluation.denial()).isEmpty();
        assertThat(evaluation.accessDeniedReason()).isEmpty();
        assertThat(evaluation.decidingStatements()).extracting(MatchedStatement::effect).containsExactly(Effect.ALLOW);
    }

    @Test
    void implicitDenyHasNoDecidingStatements() {
        Evaluation evaluation = evaluate(request(ALICE, "s3:PutObject", OBJECT, allow("s3:Get*", "*")));

        assertThat(evaluation.decidingStatements()).isEmpty();
        assertThat(evaluation.matchedStatements()).isEmpty();
    }

    // AccessDenied message suffixes as AWS words them.
    @Test
    void accessDeniedReasonsUseAwsWording() {
        assertThat(new Evaluation.Denial(PolicyType.IDENTITY_BASED, false).reason("iam:CreateUser"))
                .isEqualTo("because no identity-based policy allows the iam:CreateUser action");
        assertThat(new Evaluation.Denial(PolicyType.IDENTITY_BASED, true).reason("iam:CreateUser"))
                .isEqualTo("with an explicit deny in an identity-based policy");
        assertThat(new Evaluation.Denial(PolicyType.PERMISSIONS_BOUNDARY, false).reason("iam:CreateUser"))
                .isEqualTo("because no permissions boundary allows the iam:CreateUser action");
        assertThat(new Evaluation.Denial(PolicyType.SESSION, false).reason("iam:CreateUser"))
                .isEqualTo("because no session policy allows the iam:CreateUser action");
        assertThat(new Evaluation.Denial(PolicyType.RESOURCE_BASED, true).reason("iam:CreateUser"))
                .isEqualTo("with an explicit deny in a resource-based policy");
    }

    // PermissionsBoundaryDecisionDetail.AllowedByPermissionsBoundary: "A value of true means that the permissions
    // boundary does not deny the action... A value of false means that either the requested action is not allowed
    // (implicitly denied) or that the action is explicitly denied by the permissions boundary."
    @Test
    void decisionDetailsPerPolicyTypeAndTheBoundaryFlag() {
        CompiledPrincipalPolicies policies = CompiledPrincipalPolicies.builder().identityPolicy(allow("s3:*", "*"))
                .permissionsBoundary(allow("s3:Get*", "*")).sessionPolicy(allow("ec2:*", "*")).build();

        Evaluation evaluation = evaluate(request(SESSION, "s3:GetObject", OBJECT).principalPolicies(policies));

        assertThat(evaluation.decisionDetails()).containsExactlyInAnyOrderEntriesOf(Map.of(
                PolicyType.IDENTITY_BASED, Decision.ALLOWED,
                PolicyType.PERMISSIONS_BOUNDARY, Decision.ALLOWED,
                PolicyType.SESSION, Decision.IMPLICIT_DENY));
        assertThat(evaluation.allowedByPermissionsBoundary()).contains(true);
        assertThat(evaluate(request(SESSION, "s3:PutObject", OBJECT).principalPolicies(policies))
                .allowedByPermissionsBoundary()).contains(false);
        assertThat(evaluate(request(ALICE, "s3:GetObject", OBJECT, allow("s3:*", "*"))).allowedByPermissionsBoundary())
                .isEmpty();
    }

    // SimulatePrincipalPolicy's MissingContextValues: "A list of context keys that are required by the included input
    // policies but that were not provided by one of the input parameters."
    @Test
    void missingContextValuesListKeysOfApplicableStatements() {
        CompiledPolicy policy = identity("[{'Effect':'Allow','Action':'s3:GetObject','Resource':'arn:aws:s3:::b/${aws:PrincipalTag/team}/*',"
                + "'Condition':{'IpAddress':{'aws:SourceIp':'10.0.0.0/8'},'Bool':{'aws:SecureTransport':'true'}}},"
                + "{'Effect':'Allow','Action':'ec2:*','Resource':'*','Condition':{'StringEquals':{'ec2:Region':'x'}}}]");

        Evaluation evaluation = evaluate(request(ALICE, "s3:GetObject", "arn:aws:s3:::b/t/x", policy)
                .context("aws:SecureTransport", ContextValue.bool(true)));

        assertThat(evaluation.missingContextValues()).containsExactly("aws:PrincipalTag/team", "aws:SourceIp");
    }

    @Test
    void resourceStatementsSayHowThePrincipalMatched() {
        CompiledPolicy bucket = resource("[{'Sid':'Account','Effect':'Allow','Principal':{'AWS':'" + ACCOUNT + "'},"
                + "'Action':'s3:*','Resource':'*'},{'Sid':'Alice','Effect':'Allow','Principal':{'AWS':'" + ALICE_ARN + "'},"
                + "'Action':'s3:*','Resource':'*'}]");

        Evaluation evaluation = evaluate(request(ALICE, "s3:GetObject", OBJECT).resource(OBJECT, ACCOUNT)
                .resourcePolicy(bucket));

        assertThat(evaluation.matchedStatements()).extracting(MatchedStatement::principalMatch).containsExactly(
                Optional.of(MatchedStatement.PrincipalMatch.ACCOUNT), Optional.of(MatchedStatement.PrincipalMatch.PRINCIPAL));
        assertThat(evaluation.decisionDetails()).containsEntry(PolicyType.RESOURCE_BASED, Decision.ALLOWED);
    }
}
