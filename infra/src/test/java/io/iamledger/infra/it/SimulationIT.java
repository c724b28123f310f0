package io.iamledger.infra.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.ContextEntry;
import software.amazon.awssdk.services.iam.model.ContextKeyTypeEnum;
import software.amazon.awssdk.services.iam.model.EvaluationResult;
import software.amazon.awssdk.services.iam.model.InvalidInputException;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.PolicyEvaluationDecisionType;
import software.amazon.awssdk.services.iam.model.ResourceSpecificResult;
import software.amazon.awssdk.services.iam.model.SimulateCustomPolicyResponse;
import software.amazon.awssdk.services.iam.model.SimulatePrincipalPolicyResponse;
import software.amazon.awssdk.services.iam.model.Statement;

/** IAM's policy simulator through the AWS SDK: decisions, the statements behind them, context, paging. */
class SimulationIT {
    private static final String NO_NEW_USERS = """
            {
              "Version": "2012-10-17",
              "Statement": [
                {"Sid": "NoNewUsers", "Effect": "Deny", "Action": "iam:CreateUser", "Resource": "*"}
              ]
            }""";
    private static final String ALLOW_CREATE_USER = policy(
            "{\"Sid\":\"MayCreate\",\"Effect\":\"Allow\",\"Action\":\"iam:CreateUser\",\"Resource\":\"*\"}");
    private static final String FROM_OFFICE = policy("{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\","
            + "\"Resource\":\"*\",\"Condition\":{\"IpAddress\":{\"aws:SourceIp\":\"10.0.0.0/8\"}}}");

    private final IamClient iam = SharedLedger.iam();
    private final String account = SharedLedger.server().accountId();

    @Test
    void principalSimulationReportsTheGroupDenyThatDecides() {
        String user = SharedLedger.unique("sim-user");
        String group = SharedLedger.unique("sim-group");
        iam.createUser(r -> r.userName(user));
        iam.putUserPolicy(r -> r.userName(user).policyName("may-create").policyDocument(ALLOW_CREATE_USER));
        iam.createGroup(r -> r.groupName(group));
        iam.putGroupPolicy(r -> r.groupName(group).policyName("no-new-users").policyDocument(NO_NEW_USERS));
        iam.addUserToGroup(r -> r.groupName(group).userName(user));

        SimulatePrincipalPolicyResponse response = iam.simulatePrincipalPolicy(r -> r
                .policySourceArn("arn:aws:iam::" + account + ":user/" + user)
                .actionNames("iam:CreateUser", "iam:GetUser"));

        assertThat(response.isTruncated()).isFalse();
        assertThat(response.evaluationResults()).hasSize(2);
        EvaluationResult create = response.evaluationResults().get(0);
        assertThat(create.evalActionName()).isEqualTo("iam:CreateUser");
        assertThat(create.evalResourceName()).isEqualTo("*");
        assertThat(create.evalDecision()).isEqualTo(PolicyEvaluationDecisionType.EXPLICIT_DENY);
        assertThat(create.organizationsDecisionDetail().allowedByOrganizations()).isTrue();
        // only the deny is reported, located in the group policy's text
        assertThat(create.matchedStatements()).hasSize(1);
        Statement deny = create.matchedStatements().get(0);
        assertThat(deny.sourcePolicyId()).isEqualTo("no-new-users");
        assertThat(deny.sourcePolicyTypeAsString()).isEqualTo("group");
        assertThat(deny.startPosition().line()).isEqualTo(4);
        assertThat(deny.startPosition().column()).isEqualTo(5);
        assertThat(deny.endPosition().line()).isEqualTo(4);
        assertThat(deny.endPosition().column()).isEqualTo(89);
        assertThat(response.evaluationResults().get(1).evalDecision())
                .isEqualTo(PolicyEvaluationDecisionType.IMPLICIT_DENY);
        assertThat(response.evaluationResults().get(1).matchedStatements()).isEmpty();

        iam.removeUserFromGroup(r -> r.groupName(group).userName(user));
        EvaluationResult allowed = iam.simulatePrincipalPolicy(r -> r
                .policySourceArn("arn:aws:iam::" + account + ":user/" + user)
                .actionNames("iam:CreateUser")).evaluationResults().get(0);
        assertThat(allowed.evalDecision()).isEqualTo(PolicyEvaluationDecisionType.ALLOWED);
        assertThat(allowed.matchedStatements())
                .extracting(Statement::sourcePolicyId, Statement::sourcePolicyTypeAsString)
                .containsExactly(tuple("may-create", "user"));
    }

    @Test
    void managedPoliciesOfARoleAreNamedByTheirName() {
        String role = SharedLedger.unique("sim-role");
        iam.createRole(r -> r.roleName(role).assumeRolePolicyDocument("{\"Version\":\"2012-10-17\",\"Statement\":"
                + "[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"ec2.amazonaws.com\"},"
                + "\"Action\":\"sts:AssumeRole\"}]}"));
        iam.attachRolePolicy(r -> r.roleName(role).policyArn("arn:aws:iam::aws:policy/IAMReadOnlyAccess"));
        EvaluationResult result = iam.simulatePrincipalPolicy(r -> r
                .policySourceArn("arn:aws:iam::" + account + ":role/" + role)
                .actionNames("iam:ListRoles")).evaluationResults().get(0);
        assertThat(result.evalDecision()).isEqualTo(PolicyEvaluationDecisionType.ALLOWED);
        assertThat(result.matchedStatements())
                .extracting(Statement::sourcePolicyId, Statement::sourcePolicyTypeAsString)
                .containsExactly(tuple("IAMReadOnlyAccess", "aws-managed"));
    }

    @Test
    void customPolicyConditionsReadTheContextEntries() {
        EvaluationResult inOffice = custom(ContextEntry.builder().contextKeyName("aws:SourceIp")
                .contextKeyValues("10.1.2.3").contextKeyType(ContextKeyTypeEnum.IP).build());
        assertThat(inOffice.evalDecision()).isEqualTo(PolicyEvaluationDecisionType.ALLOWED);
        assertThat(inOffice.matchedStatements())
                .extracting(Statement::sourcePolicyId, Statement::sourcePolicyTypeAsString)
                .containsExactly(tuple("PolicyInputList.1", "none"));
        assertThat(inOffice.missingContextValues()).isEmpty();

        EvaluationResult elsewhere = custom(ContextEntry.builder().contextKeyName("aws:SourceIp")
                .contextKeyValues("192.168.1.1").contextKeyType(ContextKeyTypeEnum.IP).build());
        assertThat(elsewhere.evalDecision()).isEqualTo(PolicyEvaluationDecisionType.IMPLICIT_DENY);
        assertThat(elsewhere.missingContextValues()).isEmpty();

        EvaluationResult unknown = custom();
        assertThat(unknown.evalDecision()).isEqualTo(PolicyEvaluationDecisionType.IMPLICIT_DENY);
        assertThat(unknown.missingContextValues()).containsExactly("aws:SourceIp");
    }

    @Test
    void aResourcePolicyCanGrantTheCaller() {
        String caller = "arn:aws:iam::" + account + ":user/" + SharedLedger.unique("reader");
        String bucketPolicy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"ReaderMayRead\","
                + "\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"" + caller + "\"},\"Action\":\"s3:GetObject\","
                + "\"Resource\":\"arn:aws:s3:::reports/*\"}]}";
        SimulateCustomPolicyResponse response = iam.simulateCustomPolicy(r -> r
                .policyInputList(policy("{\"Effect\":\"Allow\",\"Action\":\"s3:ListBucket\",\"Resource\":\"*\"}"))
                .actionNames("s3:GetObject")
                .resourceArns("arn:aws:s3:::reports/q1.csv")
                .resourcePolicy(bucketPolicy)
                .callerArn(caller));
        EvaluationResult result = response.evaluationResults().get(0);
        assertThat(result.evalDecision()).isEqualTo(PolicyEvaluationDecisionType.ALLOWED);
        assertThat(result.evalResourceName()).isEqualTo("arn:aws:s3:::reports/q1.csv");
        assertThat(result.matchedStatements())
                .extracting(Statement::sourcePolicyId, Statement::sourcePolicyTypeAsString)
                .containsExactly(tuple("ResourcePolicy", "resource"));
        assertThat(result.evalDecisionDetailsAsStrings()).containsEntry("Resource Policy", "allowed")
                .containsEntry("IAM Policy", "implicitDeny");
        assertThat(result.resourceSpecificResults()).singleElement().satisfies(specific -> {
            assertThat(specific.evalResourceName()).isEqualTo("arn:aws:s3:::reports/q1.csv");
            assertThat(specific.evalResourceDecision()).isEqualTo(PolicyEvaluationDecisionType.ALLOWED);
        });

        // the same policy does not grant another caller
        EvaluationResult stranger = iam.simulateCustomPolicy(r -> r
                .policyInputList(policy("{\"Effect\":\"Allow\",\"Action\":\"s3:ListBucket\",\"Resource\":\"*\"}"))
                .actionNames("s3:GetObject")
                .resourceArns("arn:aws:s3:::reports/q1.csv")
                .resourcePolicy(bucketPolicy)
                .callerArn("arn:aws:iam::" + account + ":user/" + SharedLedger.unique("stranger")))
                .evaluationResults().get(0);
        assertThat(stranger.evalDecision()).isEqualTo(PolicyEvaluationDecisionType.IMPLICIT_DENY);
    }

    @Test
    void severalResourcesEachGetAResultAndTheActionTheStrictest() {
        EvaluationResult result = iam.simulateCustomPolicy(r -> r
                .policyInputList(policy("{\"Effect\":\"Allow\",\"Action\":\"iam:GetUser\",\"Resource\":"
                        + "\"arn:aws:iam::" + account + ":user/team/*\"}"))
                .actionNames("iam:GetUser")
                .resourceArns("arn:aws:iam::" + account + ":user/team/ann", "arn:aws:iam::" + account + ":user/bo"))
                .evaluationResults().get(0);
        assertThat(result.evalDecision()).isEqualTo(PolicyEvaluationDecisionType.IMPLICIT_DENY);
        assertThat(result.resourceSpecificResults())
                .extracting(ResourceSpecificResult::evalResourceName, ResourceSpecificResult::evalResourceDecision)
                .containsExactly(
                        tuple("arn:aws:iam::" + account + ":user/team/ann",
                                PolicyEvaluationDecisionType.ALLOWED),
                        tuple("arn:aws:iam::" + account + ":user/bo",
                                PolicyEvaluationDecisionType.IMPLICIT_DENY));
    }

    @Test
    void resultsArePagedWithMaxItemsAndMarker() {
        List<String> actions = List.of("iam:CreateUser", "iam:GetUser", "iam:DeleteUser");
        SimulateCustomPolicyResponse first = iam.simulateCustomPolicy(r -> r.policyInputList(ALLOW_CREATE_USER)
                .actionNames(actions).maxItems(1));
        assertThat(first.evaluationResults()).extracting(EvaluationResult::evalActionName)
                .containsExactly("iam:CreateUser");
        assertThat(first.isTruncated()).isTrue();
        assertThat(first.marker()).isNotBlank();

        List<EvaluationResult> all = iam.simulateCustomPolicyPaginator(r -> r.policyInputList(ALLOW_CREATE_USER)
                .actionNames(actions).maxItems(1)).evaluationResults().stream().toList();
        assertThat(all).extracting(EvaluationResult::evalActionName).containsExactlyElementsOf(actions);
        assertThat(all).extracting(EvaluationResult::evalDecision).containsExactly(
                PolicyEvaluationDecisionType.ALLOWED, PolicyEvaluationDecisionType.IMPLICIT_DENY,
                PolicyEvaluationDecisionType.IMPLICIT_DENY);
    }

    @Test
    void aPermissionsBoundaryIsReportedWithItsOwnDecision() {
        String iamAll = policy("{\"Effect\":\"Allow\",\"Action\":\"iam:*\",\"Resource\":\"*\"}");
        String readOnly = policy("{\"Effect\":\"Allow\",\"Action\":\"iam:Get*\",\"Resource\":\"*\"}");
        List<EvaluationResult> results = iam.simulateCustomPolicy(r -> r.policyInputList(iamAll)
                .permissionsBoundaryPolicyInputList(readOnly)
                .actionNames("iam:CreateUser", "iam:GetUser")).evaluationResults();
        assertThat(results.get(0).evalDecision()).isEqualTo(PolicyEvaluationDecisionType.IMPLICIT_DENY);
        assertThat(results.get(0).permissionsBoundaryDecisionDetail().allowedByPermissionsBoundary()).isFalse();
        assertThat(results.get(1).evalDecision()).isEqualTo(PolicyEvaluationDecisionType.ALLOWED);
        assertThat(results.get(1).permissionsBoundaryDecisionDetail().allowedByPermissionsBoundary()).isTrue();
    }

    @Test
    void anUnknownPolicySourceIsNoSuchEntity() {
        String nobody = SharedLedger.unique("nobody");
        assertThatThrownBy(() -> iam.simulatePrincipalPolicy(r -> r
                .policySourceArn("arn:aws:iam::" + account + ":user/" + nobody).actionNames("iam:GetUser")))
                .isInstanceOfSatisfying(NoSuchEntityException.class, e -> assertThat(e.awsErrorDetails()
                        .errorMessage()).isEqualTo("The user with name " + nobody + " cannot be found."));
    }

    @Test
    void aMalformedPolicyInputIsInvalidInput() {
        assertThatThrownBy(() -> iam.simulateCustomPolicy(r -> r.policyInputList("{\"Version\":\"2012-10-17\"")
                .actionNames("iam:GetUser")))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorMessage())
                            .startsWith("PolicyInputList.1 is not a valid policy.");
                });
    }

    private EvaluationResult custom(ContextEntry... context) {
        return iam.simulateCustomPolicy(r -> r.policyInputList(FROM_OFFICE).actionNames("s3:GetObject")
                .contextEntries(context)).evaluationResults().get(0);
    }

    private static String policy(String statement) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[" + statement + "]}";
    }
}
