package io.iamledger.query.awsmanaged;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AwsManagedPoliciesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest
    @ValueSource(strings = {
        "arn:aws:iam::aws:policy/AdministratorAccess",
        "arn:aws:iam::aws:policy/PowerUserAccess",
        "arn:aws:iam::aws:policy/ReadOnlyAccess",
        "arn:aws:iam::aws:policy/IAMFullAccess",
        "arn:aws:iam::aws:policy/IAMReadOnlyAccess",
        "arn:aws:iam::aws:policy/AmazonS3FullAccess",
        "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess",
        "arn:aws:iam::aws:policy/IAMUserChangePassword",
        "arn:aws:iam::aws:policy/AmazonEC2FullAccess",
        "arn:aws:iam::aws:policy/AmazonEC2ReadOnlyAccess",
        "arn:aws:iam::aws:policy/AWSLambda_FullAccess",
        "arn:aws:iam::aws:policy/AmazonDynamoDBFullAccess",
        "arn:aws:iam::aws:policy/AmazonDynamoDBReadOnlyAccess",
        "arn:aws:iam::aws:policy/job-function/ViewOnlyAccess",
        "arn:aws:iam::aws:policy/SecurityAudit",
        "arn:aws:iam::aws:policy/AWSCloudTrail_ReadOnlyAccess",
        "arn:aws:iam::aws:policy/AmazonSQSFullAccess",
        "arn:aws:iam::aws:policy/AmazonSNSFullAccess",
        "arn:aws:iam::aws:policy/CloudWatchReadOnlyAccess",
        "arn:aws:iam::aws:policy/job-function/Billing",
        "arn:aws:iam::aws:policy/job-function/DatabaseAdministrator",
        "arn:aws:iam::aws:policy/job-function/DataScientist",
        "arn:aws:iam::aws:policy/job-function/NetworkAdministrator",
        "arn:aws:iam::aws:policy/job-function/SupportUser",
        "arn:aws:iam::aws:policy/job-function/SystemAdministrator",
        "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole",
        "arn:aws:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole",
        "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy",
        "arn:aws:iam::aws:policy/service-role/AmazonEC2ContainerServiceforEC2Role",
        "arn:aws:iam::aws:policy/service-role/AWSGlueServiceRole",
        "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore",
        "arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryReadOnly",
    })
    void commonlyUsedPolicyIsInTheCatalog(String arn) {
        assertThat(AwsManagedPolicies.exists(arn)).isTrue();
        AwsManagedPolicy policy = AwsManagedPolicies.byArn(arn).orElseThrow();
        assertThat(policy.arn()).isEqualTo(arn);
        assertThat(arn).endsWith(policy.path() + policy.policyName());
    }

    @Test
    void administratorAccessAllowsEverythingOnEverything() throws Exception {
        AwsManagedPolicy admin = AwsManagedPolicies.byArn("arn:aws:iam::aws:policy/AdministratorAccess").orElseThrow();

        JsonNode statements = JSON.readTree(admin.document()).get("Statement");

        assertThat(statements).hasSize(1);
        JsonNode statement = statements.get(0);
        assertThat(statement.get("Effect").textValue()).isEqualTo("Allow");
        assertThat(statement.get("Action").textValue()).isEqualTo("*");
        assertThat(statement.get("Resource").textValue()).isEqualTo("*");
        assertThat(admin.path()).isEqualTo("/");
        assertThat(admin.defaultVersionId()).isEqualTo("v1");
        assertThat(admin.isAttachable()).isTrue();
    }

    @Test
    void loadsEveryPolicyTheSourceCarries() {
        assertThat(AwsManagedPolicies.all()).hasSizeGreaterThan(1500);
    }

    @Test
    void everyDocumentIsAJsonPolicyWithVersionAndStatement() throws Exception {
        for (AwsManagedPolicy policy : AwsManagedPolicies.all()) {
            JsonNode document = JSON.readTree(policy.document());
            assertThat(document.isObject()).as(policy.arn()).isTrue();
            assertThat(document.path("Version").textValue()).as(policy.arn()).isEqualTo("2012-10-17");
            assertThat(document.has("Statement")).as(policy.arn()).isTrue();
        }
    }

    @Test
    void allIsSortedByNameAndUnmodifiable() {
        List<AwsManagedPolicy> all = AwsManagedPolicies.all();

        assertThat(all).isSortedAccordingTo(Comparator.comparing(AwsManagedPolicy::policyName));
        assertThatThrownBy(() -> all.remove(0)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void policyIdsAreUniqueAndShapedLikeAwsManagedPolicyIds() {
        Set<String> ids = new HashSet<>();
        for (AwsManagedPolicy policy : AwsManagedPolicies.all()) {
            assertThat(policy.policyId()).as(policy.arn()).matches("ANPA[A-Z2-7]{17}");
            assertThat(ids.add(policy.policyId())).as("unique id of " + policy.arn()).isTrue();
        }
    }

    @Test
    void everyPolicyHasAVersionIdAndOrderedDates() {
        for (AwsManagedPolicy policy : AwsManagedPolicies.all()) {
            assertThat(policy.defaultVersionId()).as(policy.arn()).matches("v[1-9][0-9]*");
            assertThat(policy.updateDate()).as(policy.arn()).isAfterOrEqualTo(policy.createDate());
        }
    }

    @Test
    void unknownArnIsAbsent() {
        String arn = "arn:aws:iam::aws:policy/NoSuchPolicy";

        assertThat(AwsManagedPolicies.byArn(arn)).isEmpty();
        assertThat(AwsManagedPolicies.exists(arn)).isFalse();
    }

    @Test
    void arnLookupIsExact() {
        assertThat(AwsManagedPolicies.exists("arn:aws:iam::aws:policy/administratoraccess")).isFalse();
        assertThat(AwsManagedPolicies.exists("arn:aws:iam::aws:policy/ViewOnlyAccess")).isFalse();
        assertThat(AwsManagedPolicies.exists("arn:aws:iam::123456789012:policy/AdministratorAccess")).isFalse();
    }

    @Test
    void serviceLinkedRolePoliciesAreNotAttachable() {
        List<AwsManagedPolicy> serviceLinked = AwsManagedPolicies.all().stream()
                .filter(policy -> policy.path().equals("/aws-service-role/"))
                .toList();

        assertThat(serviceLinked).isNotEmpty().noneMatch(AwsManagedPolicy::isAttachable);
    }

    @Test
    void serviceRolePoliciesAreAttachable() {
        assertThat(AwsManagedPolicies.byArn("arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"))
                .hasValueSatisfying(policy -> assertThat(policy.isAttachable()).isTrue());
    }

    @Test
    void nullArnIsRejected() {
        assertThatThrownBy(() -> AwsManagedPolicies.byArn(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> AwsManagedPolicies.exists(null)).isInstanceOf(NullPointerException.class);
    }
}
