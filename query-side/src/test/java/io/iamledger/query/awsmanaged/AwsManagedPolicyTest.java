package io.iamledger.query.awsmanaged;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AwsManagedPolicyTest {

    private static final Instant CREATED = Instant.parse("2015-02-06T18:39:46Z");

    @Test
    void pathWithoutTrailingSlashIsRejected() {
        assertThatThrownBy(() -> policy("Billing", "/job-function", "arn:aws:iam::aws:policy/job-functionBilling"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("/job-function");
    }

    @Test
    void arnThatDoesNotMatchPathAndNameIsRejected() {
        assertThatThrownBy(() -> policy("Billing", "/", "arn:aws:iam::aws:policy/job-function/Billing"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("arn:aws:iam::aws:policy/job-function/Billing");
    }

    @Test
    void updateBeforeCreateIsRejected() {
        assertThatThrownBy(() -> new AwsManagedPolicy("A", "/", "arn:aws:iam::aws:policy/A", "ANPAAAAAAAAAAAAAAAAAA",
                        "v1", Optional.empty(), CREATED, CREATED.minusSeconds(1), "{}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("updateDate");
    }

    @Test
    void nullComponentIsRejectedByName() {
        assertThatThrownBy(() -> new AwsManagedPolicy("A", "/", "arn:aws:iam::aws:policy/A", "ANPAAAAAAAAAAAAAAAAAA",
                        "v1", null, CREATED, CREATED, "{}"))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("description");
    }

    @Test
    void onlyServiceLinkedRolePoliciesAreNotAttachable() {
        assertThat(policy("A", "/aws-service-role/", "arn:aws:iam::aws:policy/aws-service-role/A").isAttachable())
                .isFalse();
        assertThat(policy("A", "/service-role/", "arn:aws:iam::aws:policy/service-role/A").isAttachable()).isTrue();
        assertThat(policy("A", "/job-function/", "arn:aws:iam::aws:policy/job-function/A").isAttachable()).isTrue();
        assertThat(policy("A", "/", "arn:aws:iam::aws:policy/A").isAttachable()).isTrue();
    }

    private static AwsManagedPolicy policy(String name, String path, String arn) {
        return new AwsManagedPolicy(name, path, arn, "ANPAAAAAAAAAAAAAAAAAA", "v1", Optional.empty(), CREATED, CREATED,
                "{\"Version\":\"2012-10-17\",\"Statement\":[]}");
    }
}
