package io.iamledger.query.awsmanaged;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class CatalogReaderTest {

    private static final String BILLING = """
            {"policyName":"Billing","path":"/job-function/","arn":"arn:aws:iam::aws:policy/job-function/Billing",
             "policyId":"ANPAAAAAAAAAAAAAAAAAA","defaultVersionId":"v2",
             "createDate":"2016-11-10T17:33:18.000Z","updateDate":"2018-02-06T19:20:05Z",
             "document":"{\\"Version\\":\\"2012-10-17\\",\\"Statement\\":[]}"}""";

    @Test
    void readsEveryField() {
        List<AwsManagedPolicy> policies = CatalogReader.read(gzip("{\"policies\":[" + BILLING + "]}"));

        assertThat(policies).containsExactly(new AwsManagedPolicy(
                "Billing",
                "/job-function/",
                "arn:aws:iam::aws:policy/job-function/Billing",
                "ANPAAAAAAAAAAAAAAAAAA",
                "v2",
                Optional.empty(),
                Instant.parse("2016-11-10T17:33:18Z"),
                Instant.parse("2018-02-06T19:20:05Z"),
                "{\"Version\":\"2012-10-17\",\"Statement\":[]}"));
    }

    @Test
    void readsADescriptionWhenPresent() {
        String described = BILLING.replace("\"v2\",", "\"v2\",\"description\":\"Grants billing.\",");

        List<AwsManagedPolicy> policies = CatalogReader.read(gzip("{\"policies\":[" + described + "]}"));

        assertThat(policies.get(0).description()).contains("Grants billing.");
    }

    @Test
    void missingFieldIsNamedWithItsPosition() {
        String noArn = BILLING.replace("\"arn\":\"arn:aws:iam::aws:policy/job-function/Billing\",", "");

        assertThatThrownBy(() -> CatalogReader.read(gzip("{\"policies\":[" + BILLING + "," + noArn + "]}")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("policies[1].arn");
    }

    @Test
    void badDateIsNamedWithItsValue() {
        String badDate = BILLING.replace("2016-11-10T17:33:18.000Z", "10 Nov 2016");

        assertThatThrownBy(() -> CatalogReader.read(gzip("{\"policies\":[" + badDate + "]}")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("policies[0].createDate")
                .hasMessageContaining("10 Nov 2016");
    }

    @Test
    void inconsistentArnIsNamedWithItsPosition() {
        String wrongPath = BILLING.replace("\"path\":\"/job-function/\"", "\"path\":\"/\"");

        assertThatThrownBy(() -> CatalogReader.read(gzip("{\"policies\":[" + wrongPath + "]}")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("policies[0]")
                .hasMessageContaining("arn:aws:iam::aws:policy/job-function/Billing");
    }

    @Test
    void contentWithoutPoliciesArrayIsRejected() {
        assertThatThrownBy(() -> CatalogReader.read(gzip("{\"source\":\"x\"}")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("policies");
    }

    @Test
    void uncompressedContentIsRejected() {
        InputStream plain = new ByteArrayInputStream("{}".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> CatalogReader.read(plain)).isInstanceOf(UncheckedIOException.class);
    }

    private static InputStream gzip(String json) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(json.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ByteArrayInputStream(bytes.toByteArray());
    }
}
