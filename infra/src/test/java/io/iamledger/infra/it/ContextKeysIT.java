package io.iamledger.infra.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.InvalidInputException;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;

/** GetContextKeysForCustomPolicy and GetContextKeysForPrincipalPolicy through the AWS SDK. */
class ContextKeysIT {
    /** The AWS CLI reference's example: a variable in Resource and a condition key, listed in that order. */
    private static final String DYNAMODB_BY_USER = "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\","
            + "\"Action\":\"dynamodb:*\",\"Resource\":\"arn:aws:dynamodb:us-west-2:123456789012:table/${aws:username}\","
            + "\"Condition\":{\"DateGreaterThan\":{\"aws:CurrentTime\":\"2015-08-16T12:00:00Z\"}}}}";

    private final IamClient iam = SharedLedger.iam();
    private final String account = SharedLedger.server().accountId();

    @Test
    void customPolicyKeysAreResourceVariablesAndConditionKeysInDocumentOrder() {
        assertThat(iam.getContextKeysForCustomPolicy(r -> r.policyInputList(DYNAMODB_BY_USER)).contextKeyNames())
                .containsExactly("aws:username", "aws:CurrentTime");
    }

    @Test
    void keysAreListedOnceAsFirstWrittenAcrossPolicies() {
        String tagged = policy("{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"NotResource\":"
                + "\"arn:aws:s3:::private/${aws:PrincipalTag/team}/*\",\"Condition\":{\"StringEquals\":"
                + "{\"AWS:CurrentTime\":\"x\",\"s3:prefix\":\"home/${AWS:Username}\"},"
                + "\"Bool\":{\"aws:MultiFactorAuthPresent\":\"true\"}}}");
        assertThat(iam.getContextKeysForCustomPolicy(r -> r.policyInputList(DYNAMODB_BY_USER, tagged))
                .contextKeyNames())
                .containsExactly("aws:username", "aws:CurrentTime", "aws:PrincipalTag/team", "s3:prefix",
                        "aws:MultiFactorAuthPresent");
    }

    @Test
    void variablesOfAVersionWithoutThemAreNotKeys() {
        String old = "{\"Version\":\"2008-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"s3:*\","
                + "\"Resource\":\"arn:aws:s3:::home/${aws:username}/*\","
                + "\"Condition\":{\"IpAddress\":{\"aws:SourceIp\":\"10.0.0.0/8\"}}}}";
        assertThat(iam.getContextKeysForCustomPolicy(r -> r.policyInputList(old)).contextKeyNames())
                .containsExactly("aws:SourceIp");
    }

    @Test
    void aPolicyWithoutConditionsOrVariablesHasNoKeys() {
        assertThat(iam.getContextKeysForCustomPolicy(r -> r.policyInputList(
                policy("{\"Effect\":\"Allow\",\"Action\":\"iam:GetUser\",\"Resource\":\"*\"}"))).contextKeyNames())
                .isEmpty();
    }

    @Test
    void principalKeysCoverTheUsersPoliciesItsGroupsAndTheInputs() {
        String user = SharedLedger.unique("keys-user");
        String group = SharedLedger.unique("keys-group");
        String managed = SharedLedger.unique("keys-managed");
        iam.createUser(r -> r.userName(user));
        iam.putUserPolicy(r -> r.userName(user).policyName("inline").policyDocument(condition("aws:SourceIp",
                "IpAddress", "10.0.0.0/8")));
        String managedArn = iam.createPolicy(r -> r.policyName(managed).policyDocument(condition("aws:RequestedRegion",
                "StringEquals", "eu-west-1"))).policy().arn();
        iam.attachUserPolicy(r -> r.userName(user).policyArn(managedArn));
        iam.createGroup(r -> r.groupName(group));
        iam.putGroupPolicy(r -> r.groupName(group).policyName("group-inline").policyDocument(condition(
                "aws:PrincipalTag/team", "StringEquals", "ops")));
        iam.addUserToGroup(r -> r.groupName(group).userName(user));

        List<String> keys = iam.getContextKeysForPrincipalPolicy(r -> r
                .policySourceArn("arn:aws:iam::" + account + ":user/" + user)
                .policyInputList(condition("aws:SecureTransport", "Bool", "true"))).contextKeyNames();
        assertThat(keys).containsExactlyInAnyOrder("aws:SourceIp", "aws:RequestedRegion", "aws:PrincipalTag/team",
                "aws:SecureTransport");
        assertThat(keys.get(keys.size() - 1)).isEqualTo("aws:SecureTransport");

        // a group answers for its own policies only
        assertThat(iam.getContextKeysForPrincipalPolicy(r -> r
                .policySourceArn("arn:aws:iam::" + account + ":group/" + group)).contextKeyNames())
                .containsExactly("aws:PrincipalTag/team");
    }

    @Test
    void roleKeysComeFromTheRolesPolicies() {
        String role = SharedLedger.unique("keys-role");
        iam.createRole(r -> r.roleName(role).assumeRolePolicyDocument("{\"Version\":\"2012-10-17\",\"Statement\":"
                + "[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"ec2.amazonaws.com\"},"
                + "\"Action\":\"sts:AssumeRole\"}]}"));
        iam.putRolePolicy(r -> r.roleName(role).policyName("inline").policyDocument(DYNAMODB_BY_USER));
        assertThat(iam.getContextKeysForPrincipalPolicy(r -> r
                .policySourceArn("arn:aws:iam::" + account + ":role/" + role)).contextKeyNames())
                .containsExactly("aws:username", "aws:CurrentTime");
    }

    @Test
    void anUnknownPolicySourceIsNoSuchEntity() {
        String nobody = SharedLedger.unique("nobody");
        assertThatThrownBy(() -> iam.getContextKeysForPrincipalPolicy(r -> r
                .policySourceArn("arn:aws:iam::" + account + ":role/" + nobody)))
                .isInstanceOfSatisfying(NoSuchEntityException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(404);
                    assertThat(e.awsErrorDetails().errorMessage())
                            .isEqualTo("The role with name " + nobody + " cannot be found.");
                });
    }

    @Test
    void aPolicySourceThatIsNoPrincipalIsInvalidInput() {
        String arn = "arn:aws:s3:::" + SharedLedger.unique("bucket");
        assertThatThrownBy(() -> iam.getContextKeysForPrincipalPolicy(r -> r.policySourceArn(arn)))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.awsErrorDetails()
                        .errorMessage()).isEqualTo("Invalid ARN: " + arn + " is not the ARN of a user, group or role."));
    }

    /** The simulator's operations have no MalformedPolicyDocument error (botocore model): AWS answers InvalidInput. */
    @Test
    void aMalformedPolicyInputIsInvalidInputCarryingTheMalformedPolicyMessage() {
        assertThatThrownBy(() -> iam.getContextKeysForCustomPolicy(r -> r.policyInputList(DYNAMODB_BY_USER,
                policy("{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"arn:aws:s3::bucket\"}"))))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorMessage())
                            .startsWith("PolicyInputList.2 is not a valid policy. The policy failed legacy parsing");
                });
    }

    private static String condition(String key, String operator, String value) {
        return policy("{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\",\"Condition\":{\"" + operator
                + "\":{\"" + key + "\":\"" + value + "\"}}}");
    }

    private static String policy(String statement) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[" + statement + "]}";
    }
}
