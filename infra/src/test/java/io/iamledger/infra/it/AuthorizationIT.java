package io.iamledger.infra.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.iam.model.Tag;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * Every IAM call of an IAM user is authorized by its policies, through the AWS SDK: denials carry AWS's message,
 * and a permission change takes effect as soon as the write that made it returns (no test waits or retries).
 */
class AuthorizationIT {
    private static final String IAM_FULL_ACCESS = "arn:aws:iam::aws:policy/IAMFullAccess";

    private final IamClient root = SharedLedger.iam();
    private final String account = SharedLedger.server().accountId();

    @Test
    void aUserWithoutPoliciesIsDeniedWithAwsMessage() {
        String alice = SharedLedger.unique("alice");
        String bob = SharedLedger.unique("bob");
        try (IamClient asAlice = SharedLedger.iam(userWithKey(alice, "/ops/"))) {
            assertDenied(() -> asAlice.createUser(r -> r.userName(bob)), "User: arn:aws:iam::" + account + ":user/ops/"
                    + alice + " is not authorized to perform: iam:CreateUser on resource: arn:aws:iam::" + account
                    + ":user/" + bob + " because no identity-based policy allows the iam:CreateUser action");
            assertDenied(asAlice::listUsers, "User: arn:aws:iam::" + account + ":user/ops/" + alice
                    + " is not authorized to perform: iam:ListUsers on resource: * because no identity-based policy"
                    + " allows the iam:ListUsers action");
        }
    }

    @Test
    void attachingIamFullAccessAllowsAsSoonAsTheWriteReturns() {
        String carol = SharedLedger.unique("carol");
        try (IamClient asCarol = SharedLedger.iam(userWithKey(carol, "/"))) {
            assertDenied(() -> asCarol.createUser(r -> r.userName(SharedLedger.unique("x"))), null);
            root.attachUserPolicy(r -> r.userName(carol).policyArn(IAM_FULL_ACCESS));
            String created = SharedLedger.unique("made-by-carol");
            asCarol.createUser(r -> r.userName(created));
            assertThat(asCarol.getUser(r -> r.userName(created)).user().userName()).isEqualTo(created);

            root.detachUserPolicy(r -> r.userName(carol).policyArn(IAM_FULL_ACCESS));
            assertDenied(() -> asCarol.getUser(r -> r.userName(created)), null);
        }
    }

    @Test
    void anExplicitDenyInAnInlinePolicyOverridesTheAllow() {
        String dan = SharedLedger.unique("dan");
        String target = SharedLedger.unique("target");
        try (IamClient asDan = SharedLedger.iam(userWithKey(dan, "/"))) {
            root.attachUserPolicy(r -> r.userName(dan).policyArn(IAM_FULL_ACCESS));
            root.putUserPolicy(r -> r.userName(dan).policyName("no-new-users").policyDocument(policy(
                    "{\"Effect\":\"Deny\",\"Action\":\"iam:CreateUser\",\"Resource\":\"*\"}")));
            assertDenied(() -> asDan.createUser(r -> r.userName(target)), "User: arn:aws:iam::" + account + ":user/"
                    + dan + " is not authorized to perform: iam:CreateUser on resource: arn:aws:iam::" + account
                    + ":user/" + target + " with an explicit deny in an identity-based policy");
            // the deny is about CreateUser only
            assertThat(asDan.listUsers().users()).isNotEmpty();
        }
    }

    @Test
    void aPermissionsBoundaryWithoutCreateUserLimitsFullAccess() {
        String erin = SharedLedger.unique("erin");
        String target = SharedLedger.unique("target");
        String readOnly = root.createPolicy(r -> r.policyName(SharedLedger.unique("iam-read")).policyDocument(policy(
                "{\"Effect\":\"Allow\",\"Action\":[\"iam:Get*\",\"iam:List*\"],\"Resource\":\"*\"}"))).policy().arn();
        try (IamClient asErin = SharedLedger.iam(userWithKey(erin, "/"))) {
            root.attachUserPolicy(r -> r.userName(erin).policyArn(IAM_FULL_ACCESS));
            root.putUserPermissionsBoundary(r -> r.userName(erin).permissionsBoundary(readOnly));
            assertDenied(() -> asErin.createUser(r -> r.userName(target)), "User: arn:aws:iam::" + account + ":user/"
                    + erin + " is not authorized to perform: iam:CreateUser on resource: arn:aws:iam::" + account
                    + ":user/" + target + " because no permissions boundary allows the iam:CreateUser action");
            assertThat(asErin.getUser(r -> r.userName(erin)).user().permissionsBoundary().permissionsBoundaryArn())
                    .isEqualTo(readOnly);

            root.deleteUserPermissionsBoundary(r -> r.userName(erin));
            asErin.createUser(r -> r.userName(target));
        }
    }

    @Test
    void aGroupPolicyGrantsThroughMembership() {
        String fay = SharedLedger.unique("fay");
        String group = SharedLedger.unique("admins");
        root.createGroup(r -> r.groupName(group));
        root.attachGroupPolicy(r -> r.groupName(group).policyArn(IAM_FULL_ACCESS));
        try (IamClient asFay = SharedLedger.iam(userWithKey(fay, "/"))) {
            assertDenied(asFay::listRoles, null);
            root.addUserToGroup(r -> r.groupName(group).userName(fay));
            assertThat(asFay.listRoles().isTruncated()).isNotNull();
            root.removeUserFromGroup(r -> r.groupName(group).userName(fay));
            assertDenied(asFay::listRoles, null);
        }
    }

    @Test
    void aResourceRestrictedToAPathAllowsCreateUserOnlyThere() {
        String gil = SharedLedger.unique("gil");
        String inTeam = SharedLedger.unique("member");
        String outside = SharedLedger.unique("outsider");
        try (IamClient asGil = SharedLedger.iam(userWithKey(gil, "/"))) {
            root.putUserPolicy(r -> r.userName(gil).policyName("team-only").policyDocument(policy(
                    "{\"Effect\":\"Allow\",\"Action\":\"iam:CreateUser\",\"Resource\":\"arn:aws:iam::" + account
                            + ":user/team/*\"}")));
            asGil.createUser(r -> r.userName(inTeam).path("/team/"));
            assertThat(root.getUser(r -> r.userName(inTeam)).user().path()).isEqualTo("/team/");
            assertDenied(() -> asGil.createUser(r -> r.userName(outside)), "User: arn:aws:iam::" + account + ":user/"
                    + gil + " is not authorized to perform: iam:CreateUser on resource: arn:aws:iam::" + account
                    + ":user/" + outside + " because no identity-based policy allows the iam:CreateUser action");
        }
    }

    @Test
    void existingEntitiesAreCheckedAtTheirPath() {
        String hal = SharedLedger.unique("hal");
        String inTeam = SharedLedger.unique("member");
        root.createUser(r -> r.userName(inTeam).path("/team/"));
        try (IamClient asHal = SharedLedger.iam(userWithKey(hal, "/"))) {
            root.putUserPolicy(r -> r.userName(hal).policyName("team-tags").policyDocument(policy(
                    "{\"Effect\":\"Allow\",\"Action\":[\"iam:TagUser\",\"iam:GetUser\"],\"Resource\":\"arn:aws:iam::"
                            + account + ":user/team/*\"}")));
            asHal.tagUser(r -> r.userName(inTeam).tags(Tag.builder().key("k").value("v").build()));
            assertDenied(() -> asHal.getUser(r -> r.userName(hal)), "User: arn:aws:iam::" + account + ":user/" + hal
                    + " is not authorized to perform: iam:GetUser on resource: arn:aws:iam::" + account + ":user/"
                    + hal + " because no identity-based policy allows the iam:GetUser action");
        }
    }

    @Test
    void aConditionOnTheRequestedRegionIsEvaluated() {
        String ida = SharedLedger.unique("ida");
        String jon = SharedLedger.unique("jon");
        try (IamClient asIda = SharedLedger.iam(userWithKey(ida, "/"));
             IamClient asJon = SharedLedger.iam(userWithKey(jon, "/"))) {
            // the SDK signs IAM calls for us-east-1, as AWS's global endpoint expects
            root.putUserPolicy(r -> r.userName(ida).policyName("home-region").policyDocument(policy(
                    "{\"Effect\":\"Allow\",\"Action\":\"iam:ListUsers\",\"Resource\":\"*\","
                            + "\"Condition\":{\"StringEquals\":{\"aws:RequestedRegion\":\"us-east-1\"}}}")));
            root.putUserPolicy(r -> r.userName(jon).policyName("other-region").policyDocument(policy(
                    "{\"Effect\":\"Allow\",\"Action\":\"iam:ListUsers\",\"Resource\":\"*\","
                            + "\"Condition\":{\"StringEquals\":{\"aws:RequestedRegion\":\"eu-west-1\"}}}")));
            assertThat(asIda.listUsers().users()).isNotEmpty();
            assertDenied(asJon::listUsers, null);
        }
    }

    @Test
    void aPolicyVariableLetsAUserManageOnlyItsOwnAccessKeys() {
        String kai = SharedLedger.unique("kai");
        String other = SharedLedger.unique("other");
        root.createUser(r -> r.userName(other));
        try (IamClient asKai = SharedLedger.iam(userWithKey(kai, "/"))) {
            root.putUserPolicy(r -> r.userName(kai).policyName("own-keys").policyDocument(policy(
                    "{\"Effect\":\"Allow\",\"Action\":[\"iam:CreateAccessKey\",\"iam:ListAccessKeys\","
                            + "\"iam:DeleteAccessKey\"],\"Resource\":\"arn:aws:iam::" + account
                            + ":user/${aws:username}\"}")));
            AccessKey second = asKai.createAccessKey().accessKey();
            assertThat(asKai.listAccessKeys().accessKeyMetadata()).hasSize(2);
            asKai.deleteAccessKey(r -> r.accessKeyId(second.accessKeyId()));
            assertDenied(() -> asKai.createAccessKey(r -> r.userName(other)), "User: arn:aws:iam::" + account
                    + ":user/" + kai + " is not authorized to perform: iam:CreateAccessKey on resource: arn:aws:iam::"
                    + account + ":user/" + other + " because no identity-based policy allows the iam:CreateAccessKey"
                    + " action");
        }
    }

    @Test
    void requestTagsAreConditionKeys() {
        String lea = SharedLedger.unique("lea");
        try (IamClient asLea = SharedLedger.iam(userWithKey(lea, "/"))) {
            root.putUserPolicy(r -> r.userName(lea).policyName("tagged-only").policyDocument(policy(
                    "{\"Effect\":\"Allow\",\"Action\":\"iam:CreateUser\",\"Resource\":\"*\","
                            + "\"Condition\":{\"StringEquals\":{\"aws:RequestTag/team\":\"red\"}}}")));
            String tagged = SharedLedger.unique("tagged");
            asLea.createUser(r -> r.userName(tagged).tags(Tag.builder().key("team").value("red").build()));
            assertDenied(() -> asLea.createUser(r -> r.userName(SharedLedger.unique("untagged"))), null);
        }
    }

    @Test
    void getCallerIdentityIsNeverDenied() {
        String max = SharedLedger.unique("max");
        AwsCredentials credentials = userWithKey(max, "/");
        root.putUserPolicy(r -> r.userName(max).policyName("deny-all").policyDocument(policy(
                "{\"Effect\":\"Deny\",\"Action\":\"*\",\"Resource\":\"*\"}")));
        try (StsClient sts = SharedLedger.sts(credentials)) {
            assertThat(sts.getCallerIdentity().arn()).isEqualTo("arn:aws:iam::" + account + ":user/" + max);
        }
    }

    private AwsCredentials userWithKey(String name, String path) {
        root.createUser(r -> r.userName(name).path(path));
        AccessKey key = root.createAccessKey(r -> r.userName(name)).accessKey();
        return AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey());
    }

    private static String policy(String statement) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[" + statement + "]}";
    }

    /** AccessDenied (403); with AWS's exact message unless {@code message} is null. */
    private static void assertDenied(ThrowingCallable call, String message) {
        assertThatThrownBy(call).isInstanceOfSatisfying(IamException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(403);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
            if (message != null) {
                assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(message);
            }
        });
    }
}
