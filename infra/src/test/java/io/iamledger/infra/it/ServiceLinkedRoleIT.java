package io.iamledger.infra.it;

import static io.iamledger.infra.it.AwsErrors.assertAwsError;
import static org.assertj.core.api.Assertions.assertThat;

import io.iamledger.infra.accounts.AccountCredentials;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AttachedPolicy;
import software.amazon.awssdk.services.iam.model.DeletionTaskStatusType;
import software.amazon.awssdk.services.iam.model.Role;

/**
 * Service-linked roles through the AWS SDK, in an account of their own (their names are fixed per service): AWS's
 * name, path, trust and policy; custom suffixes where the service takes one; the role protected from ordinary
 * changes; deletion through DeleteServiceLinkedRole with a task that has succeeded.
 */
class ServiceLinkedRoleIT {
    private static final String TRUST = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Principal\":{\"Service\":\"ec2.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";

    @Test
    void aServiceLinkedRoleIsNamedByItsServiceAndOnlyTheServiceChangesIt() {
        AccountCredentials account = SharedLedger.server().createAccount(Optional.empty());
        try (IamClient root = SharedLedger.iam(AwsBasicCredentials.create(account.accessKeyId(),
                account.secretAccessKey()))) {
            Role created = root.createServiceLinkedRole(r -> r.awsServiceName("autoscaling.amazonaws.com")
                    .description("scales")).role();
            assertThat(created.roleName()).isEqualTo("AWSServiceRoleForAutoScaling");
            assertThat(created.path()).isEqualTo("/aws-service-role/autoscaling.amazonaws.com/");
            assertThat(created.arn()).isEqualTo("arn:aws:iam::" + account.accountId()
                    + ":role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling");
            assertThat(created.roleId()).startsWith("AROA");
            Role read = root.getRole(r -> r.roleName("AWSServiceRoleForAutoScaling")).role();
            assertThat(read.description()).isEqualTo("scales");
            assertThat(URLDecoder.decode(read.assumeRolePolicyDocument(), StandardCharsets.UTF_8))
                    .contains("\"Service\":[\"autoscaling.amazonaws.com\"]");
            assertThat(root.listAttachedRolePolicies(r -> r.roleName("AWSServiceRoleForAutoScaling"))
                    .attachedPolicies()).extracting(AttachedPolicy::policyArn)
                    .containsExactly("arn:aws:iam::aws:policy/aws-service-role/AutoScalingServiceRolePolicy");

            assertAwsError(() -> root.createServiceLinkedRole(r -> r.awsServiceName("autoscaling.amazonaws.com")),
                    400, "InvalidInput", "Service role name AWSServiceRoleForAutoScaling has been taken in this "
                            + "account, please try a different suffix.");
            Role suffixed = root.createServiceLinkedRole(r -> r.awsServiceName("autoscaling.amazonaws.com")
                    .customSuffix("fleet")).role();
            assertThat(suffixed.roleName()).isEqualTo("AWSServiceRoleForAutoScaling_fleet");
            assertAwsError(() -> root.createServiceLinkedRole(r -> r.awsServiceName("ecs.amazonaws.com")
                    .customSuffix("x")), 400, "InvalidInput", "Custom suffix is not allowed for ecs.amazonaws.com");
            assertAwsError(() -> root.createServiceLinkedRole(r -> r.awsServiceName("not a service")), 400,
                    "InvalidInput", null);
            assertThat(root.createServiceLinkedRole(r -> r.awsServiceName("widgets.amazonaws.com")).role()
                    .roleName()).isEqualTo("AWSServiceRoleForWidgets");

            String protectedRole = "Cannot perform the operation on the protected role "
                    + "'AWSServiceRoleForAutoScaling' - this role is only modifiable by AWS";
            assertAwsError(() -> root.deleteRole(r -> r.roleName("AWSServiceRoleForAutoScaling")), 400,
                    "UnmodifiableEntity", protectedRole);
            assertAwsError(() -> root.updateAssumeRolePolicy(r -> r.roleName("AWSServiceRoleForAutoScaling")
                    .policyDocument(TRUST)), 400, "UnmodifiableEntity", protectedRole);
            assertAwsError(() -> root.attachRolePolicy(r -> r.roleName("AWSServiceRoleForAutoScaling")
                    .policyArn("arn:aws:iam::aws:policy/ReadOnlyAccess")), 400, "UnmodifiableEntity", protectedRole);
            assertAwsError(() -> root.putRolePolicy(r -> r.roleName("AWSServiceRoleForAutoScaling")
                    .policyName("p").policyDocument("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":"
                            + "\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\"}]}")), 400, "UnmodifiableEntity",
                    protectedRole);
            // nor may an ordinary role take a service's path or its policy
            assertAwsError(() -> root.createRole(r -> r.roleName("sneaky").path("/aws-service-role/x/")
                    .assumeRolePolicyDocument(TRUST)), 400, "InvalidInput", null);
            root.createRole(r -> r.roleName("plain").assumeRolePolicyDocument(TRUST));
            assertAwsError(() -> root.attachRolePolicy(r -> r.roleName("plain").policyArn(
                    "arn:aws:iam::aws:policy/aws-service-role/AutoScalingServiceRolePolicy")), 400,
                    "PolicyNotAttachable", "Cannot attach a Service Role Policy to a Customer Role.");
            assertAwsError(() -> root.deleteServiceLinkedRole(r -> r.roleName("plain")), 400, "InvalidInput", null);

            String task = root.deleteServiceLinkedRole(r -> r.roleName("AWSServiceRoleForAutoScaling"))
                    .deletionTaskId();
            assertThat(task).startsWith("task/aws-service-role/");
            assertThat(root.getServiceLinkedRoleDeletionStatus(r -> r.deletionTaskId(task)).status())
                    .isEqualTo(DeletionTaskStatusType.SUCCEEDED);
            assertAwsError(() -> root.getRole(r -> r.roleName("AWSServiceRoleForAutoScaling")), 404,
                    "NoSuchEntity", null);
            assertAwsError(() -> root.getServiceLinkedRoleDeletionStatus(r -> r.deletionTaskId("bogus")), 400,
                    "InvalidInput", null);
            // its policy was detached on the way: the AWS policy is attached to the suffixed role alone
            assertThat(root.getPolicy(r -> r.policyArn(
                    "arn:aws:iam::aws:policy/aws-service-role/AutoScalingServiceRolePolicy")).policy()
                    .attachmentCount()).isEqualTo(1);
        }
    }
}
