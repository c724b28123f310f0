package io.iamledger.infra.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.iamledger.events.error.ErrorCode;
import io.iamledger.events.error.IamException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class XmlResponseWriterTest {
    @Test
    void writesAResultWithListsTimestampsAndMetadata() {
        String xml = XmlResponseWriter.result(QueryService.IAM, "ListUsers")
                .list("Users", List.of("Ana"), (w, name) -> w
                        .element("UserName", name)
                        .element("CreateDate", Instant.parse("2012-09-05T19:38:48.999Z")))
                .element("IsTruncated", false)
                .finish("req-1");

        assertThat(xml).isEqualTo("<ListUsersResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\">"
                + "<ListUsersResult><Users><member><UserName>Ana</UserName>"
                + "<CreateDate>2012-09-05T19:38:48Z</CreateDate></member></Users>"
                + "<IsTruncated>false</IsTruncated></ListUsersResult>"
                + "<ResponseMetadata><RequestId>req-1</RequestId></ResponseMetadata></ListUsersResponse>");
    }

    @Test
    void writesAResponseWithoutResult() {
        assertThat(XmlResponseWriter.withoutResult(QueryService.IAM, "AttachUserPolicy", "req-2")).isEqualTo(
                "<AttachUserPolicyResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\">"
                        + "<ResponseMetadata><RequestId>req-2</RequestId></ResponseMetadata>"
                        + "</AttachUserPolicyResponse>");
    }

    @Test
    void writesAnErrorResponseWithItsTypeAndASiblingRequestId() {
        String xml = XmlResponseWriter.error(QueryService.STS,
                new IamException(ErrorCode.SERVICE_FAILURE, "boom <&>"), "req-3");

        assertThat(xml).isEqualTo("<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><Error>"
                + "<Type>Receiver</Type><Code>ServiceFailure</Code><Message>boom &lt;&amp;&gt;</Message></Error>"
                + "<RequestId>req-3</RequestId></ErrorResponse>");
        assertThat(XmlResponseWriter.error(QueryService.IAM, ErrorCode.NO_SUCH_ENTITY, null, "r"))
                .contains("<Type>Sender</Type><Code>NoSuchEntity</Code><Message></Message>");
    }

    @Test
    void escapesTextAndReplacesWhatXmlCannotCarry() {
        String xml = XmlResponseWriter.result(QueryService.IAM, "GetUser")
                .element("A", "a&b<c>d\"e'f\r\n\tg\u0000h\uD800i\uD83D\uDE00")
                .finish("r");

        assertThat(xml).contains("<A>a&amp;b&lt;c&gt;d&quot;e'f&#13;\n\tg\uFFFDh\uFFFDi\uD83D\uDE00</A>");
    }

    @Test
    void timestampsAreUtcToTheSecond() {
        String xml = XmlResponseWriter.result(QueryService.IAM, "X")
                .element("Early", Instant.parse("0999-01-02T03:04:05.5Z"))
                .element("Epoch", Instant.EPOCH)
                .finish("r");

        assertThat(xml).contains("<Early>0999-01-02T03:04:05Z</Early>", "<Epoch>1970-01-01T00:00:00Z</Epoch>");
    }

    @Test
    void unbalancedElementsAreRefused() {
        assertThatThrownBy(() -> XmlResponseWriter.result(QueryService.IAM, "X").start("A").finish("r"))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> XmlResponseWriter.result(QueryService.IAM, "X").end())
                .isInstanceOf(IllegalStateException.class);
        XmlResponseWriter writer = XmlResponseWriter.result(QueryService.IAM, "X");
        writer.finish("r");
        assertThatThrownBy(() -> writer.element("A", "b")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void policyDocumentsAreEncodedAsRfc3986() {
        String document = "{\"Action\": \"s3:*\", \"Resource\": \"arn:aws:s3:::b/~x\", \"k\": \"ü+&=/\"}";

        String encoded = UrlEncoding.encode(document);

        assertThat(encoded).isEqualTo("%7B%22Action%22%3A%20%22s3%3A%2A%22%2C%20%22Resource%22%3A%20%22arn%3Aaws"
                + "%3As3%3A%3A%3Ab%2F~x%22%2C%20%22k%22%3A%20%22%C3%BC%2B%26%3D%2F%22%7D");
        assertThat(URLDecoder.decode(encoded, StandardCharsets.UTF_8)).isEqualTo(document);
        assertThat(UrlEncoding.encode("Plain-text_1.0~")).isEqualTo("Plain-text_1.0~");
    }
}
