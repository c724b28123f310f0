package io.iamledger.command.identity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class InlinePoliciesTest {

    @Test
    void sizeIgnoresWhitespaceBetweenJsonTokens() {
        String compact = "{\"Version\":\"2012-10-17\"}";

        assertThat(InlinePolicies.size("{\n\t\"Version\" : \"2012-10-17\"\r\n}")).isEqualTo(compact.length());
    }

    @Test
    void sizeCountsWhitespaceInsideJsonStrings() {
        assertThat(InlinePolicies.size("{\"Sid\":\"a b\"}")).isEqualTo(13);
    }

    @Test
    void sizeCountsEscapedQuoteWithoutEndingTheString() {
        assertThat(InlinePolicies.size("\"a\\\" b\"")).isEqualTo(7);
    }
}
