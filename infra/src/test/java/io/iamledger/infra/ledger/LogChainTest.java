package io.iamledger.infra.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class LogChainTest {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void eventFieldsAreLengthPrefixedExceptTheSequenceNumber() {
        byte[] canonical = LogChain.eventCanonical("e", "ag", 258, null, "t", "p", null, new byte[] {7},
                new byte[0]);
        assertThat(HEX.formatHex(canonical)).isEqualTo(
                "0000000165" + "000000026167" + "0000000000000102" + "ffffffff" + "0000000174" + "0000000170"
                        + "ffffffff" + "0000000107" + "00000000");
    }

    @Test
    void auditFieldsAreUtf8TextInOrder() {
        byte[] canonical = LogChain.auditCanonical("id", "1", "é", "{}", null);
        assertThat(HEX.formatHex(canonical)).isEqualTo(
                "000000026964" + "0000000131" + "00000002c3a9" + "000000027b7d" + "ffffffff");
    }

    @Test
    void theHashCoversThePredecessorThenTheCanonicalBytes() {
        byte[] canonical = LogChain.auditCanonical("id", "1", "t", "{}", "[]");
        byte[] expected = LogChain.sha256().digest(concat(LogChain.start(), canonical));
        assertThat(LogChain.hash(LogChain.start(), canonical)).isEqualTo(expected);
        assertThat(LogChain.auditHash(LogChain.start(), "id", "1", "t", "{}", "[]")).isEqualTo(expected);
        assertThat(LogChain.eventHash(expected, "e", "a", 1, "T", "now", "P", "1",
                "x".getBytes(StandardCharsets.UTF_8), null))
                .isEqualTo(LogChain.hash(expected, LogChain.eventCanonical("e", "a", 1, "T", "now", "P", "1",
                        "x".getBytes(StandardCharsets.UTF_8), null)));
    }

    @Test
    void theChainStartsAtThirtyTwoZeroBytes() {
        assertThat(LogChain.start()).hasSize(32).containsOnly(0);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = new byte[a.length + b.length];
        System.arraycopy(a, 0, both, 0, a.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}
