package io.iamledger.events.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.iamledger.events.error.ErrorCode;
import io.iamledger.events.error.IamException;
import org.junit.jupiter.api.Test;

class PolicySizeTest {
    private static final String MINIFIED =
            "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\"}}";

    /** A minified identity policy of exactly {@code size} characters. */
    private static String policyOfSize(int size) {
        String head = "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"arn:aws:s3:::b/";
        String tail = "\"}}";
        return head + "k".repeat(size - head.length() - tail.length()) + tail;
    }

    @Test
    void countsEveryCharacterOfAMinifiedDocument() {
        assertThat(PolicySize.count(MINIFIED)).isEqualTo(MINIFIED.length());
    }

    @Test
    void doesNotCountWhitespaceOutsideStrings() {
        String pretty = "{\n  \"Version\" : \"2012-10-17\",\r\n\t\"Statement\": {\n    \"Effect\": \"Allow\",\n"
                + "    \"Action\": \"s3:*\",  \"Resource\" : \"*\"\n  }\n}\n";

        assertThat(PolicySize.count(pretty)).isEqualTo(MINIFIED.length());
    }

    @Test
    void countsWhitespaceInsideStringsAndAfterEscapedQuotes() {
        assertThat(PolicySize.count("{\"a b\": \"c\\\" d\" }")).isEqualTo("{\"a b\":\"c\\\" d\"}".length());
    }

    @Test
    void countsAnyTextWithoutParsingIt() {
        assertThat(PolicySize.count("")).isZero();
        assertThat(PolicySize.count("  \"unterminated \\")).isEqualTo("\"unterminated \\".length());
    }

    @Test
    void acceptsManagedPolicyOfExactly6144Characters() {
        String policy = policyOfSize(PolicySize.MANAGED_POLICY_MAX);

        assertThat(PolicySize.count(policy)).isEqualTo(6144);
        assertThatCode(() -> PolicySize.checkManagedPolicy(policy)).doesNotThrowAnyException();
        assertThatCode(() -> PolicySize.checkManagedPolicy(policy.replace(",", ",\n    "))).doesNotThrowAnyException();
    }

    @Test
    void rejectsManagedPolicyAbove6144Characters() {
        IamException e = assertThrows(IamException.class, () -> PolicySize.checkManagedPolicy(policyOfSize(6145)));

        assertThat(e.code()).isEqualTo(ErrorCode.LIMIT_EXCEEDED);
        assertThat(e.getMessage()).isEqualTo("Cannot exceed quota for PolicySize: 6144");
    }

    @Test
    void rejectsTrustPolicyAboveItsQuota() {
        IamException e = assertThrows(IamException.class,
                () -> PolicySize.checkTrustPolicy(policyOfSize(2049), PolicySize.TRUST_POLICY_DEFAULT_MAX));

        assertThat(e.code()).isEqualTo(ErrorCode.LIMIT_EXCEEDED);
        assertThat(e.getMessage()).isEqualTo("Cannot exceed quota for ACLSizePerRole: 2048");
        assertThatCode(() -> PolicySize.checkTrustPolicy(policyOfSize(2048), 2048)).doesNotThrowAnyException();
    }
}
