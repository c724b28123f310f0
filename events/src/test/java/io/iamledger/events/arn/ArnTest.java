package io.iamledger.events.arn;

import io.iamledger.events.error.ErrorCode;
import io.iamledger.events.error.IamException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ArnTest {

    @Test
    void parsesTheSixFieldsKeepingColonsInTheResource() {
        Arn arn = Arn.parse("arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/x:*");

        assertThat(arn.partition()).isEqualTo("aws");
        assertThat(arn.service()).isEqualTo("logs");
        assertThat(arn.region()).isEqualTo("us-east-1");
        assertThat(arn.account()).isEqualTo("123456789012");
        assertThat(arn.resource()).isEqualTo("log-group:/aws/lambda/x:*");
        assertThat(arn.resourceType()).isEqualTo("log-group");
    }

    @Test
    void takesApartAnIamPathAndName() {
        Arn arn = Arn.parse("arn:aws:iam::123456789012:user/division/team/alice");

        assertThat(arn.resourceType()).isEqualTo("user");
        assertThat(arn.resourceName()).isEqualTo("alice");
        assertThat(arn.path()).contains("/division/team/");
        assertThat(arn.is("iam", "user")).isTrue();
        assertThat(arn.is("iam", "role")).isFalse();
    }

    @Test
    void rootHasNoPathAndIsItsOwnName() {
        Arn root = Arn.root("123456789012");

        assertThat(root).hasToString("arn:aws:iam::123456789012:root");
        assertThat(root.resourceType()).isEqualTo("root");
        assertThat(root.resourceName()).isEqualTo("root");
        assertThat(root.path()).isEmpty();
    }

    @Test
    void factoriesFormatAsAwsDoes() {
        assertThat(Arn.user("123456789012", "/", "alice")).hasToString("arn:aws:iam::123456789012:user/alice");
        assertThat(Arn.group("123456789012", "/ops/", "admins"))
                .hasToString("arn:aws:iam::123456789012:group/ops/admins");
        assertThat(Arn.role("123456789012", "/", "Deploy")).hasToString("arn:aws:iam::123456789012:role/Deploy");
        assertThat(Arn.policy("123456789012", "/", "ReadOnly"))
                .hasToString("arn:aws:iam::123456789012:policy/ReadOnly");
        assertThat(Arn.awsManagedPolicy("/job-function/", "ViewOnlyAccess"))
                .hasToString("arn:aws:iam::aws:policy/job-function/ViewOnlyAccess");
        assertThat(Arn.assumedRole("123456789012", "Deploy", "ci"))
                .hasToString("arn:aws:sts::123456789012:assumed-role/Deploy/ci");
    }

    @Test
    void anS3BucketHasNeitherRegionNorAccount() {
        Arn bucket = Arn.parse("arn:aws:s3:::reports/2026/*");

        assertThat(bucket.region()).isEmpty();
        assertThat(bucket.account()).isEmpty();
        assertThat(bucket.resourceType()).isEqualTo("reports");
        assertThat(Arn.accountOf("arn:aws:s3:::reports/2026/*")).contains("");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "*", "arn", "arn:aws", "arn:aws:iam:", "arn:aws:iam::123456789012", "arn::iam::1:x",
            "arn:aws::us-east-1:1:x", "urn:aws:iam::123456789012:root", "ARN:aws:iam::123456789012:root"})
    void rejectsTextThatIsNotAnArnNamingIt(String text) {
        assertThat(Arn.tryParse(text)).isEmpty();
        assertThatThrownBy(() -> Arn.parse(text))
                .isInstanceOfSatisfying(IamException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_INPUT))
                .hasMessage("ARN " + text + " is not valid.");
    }

    @Test
    void accountOfReadsTheFifthFieldWithoutParsing() {
        assertThat(Arn.accountOf("arn:aws:iam::123456789012:role/x")).contains("123456789012");
        assertThat(Arn.accountOf("arn:aws:iam::aws:policy/ReadOnlyAccess")).contains("aws");
        assertThat(Arn.accountOf("*")).isEmpty();
        assertThat(Arn.accountOf("arn:aws:iam::123456789012")).isEmpty();
    }

    @Test
    void aFieldWithAColonIsRefusedAtConstruction() {
        assertThatThrownBy(() -> new Arn("aws", "iam", "", "1:2", "root"))
                .isInstanceOf(IamException.class)
                .hasMessage("ARN arn:aws:iam::1:2:root is not valid.");
    }
}
