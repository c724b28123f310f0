package io.iamledger.infra.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class TotpTest {
    /** RFC 6238's SHA-1 seed, the ASCII of "12345678901234567890". */
    private static final byte[] RFC_SEED = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

    /** RFC 6238 Appendix B (SHA-1): the last six of its eight digits, as six-digit apps show them. */
    @ParameterizedTest
    @CsvSource({"59, 287082", "1111111109, 081804", "1111111111, 050471", "1234567890, 005924",
            "2000000000, 279037", "20000000000, 353130"})
    void matchesTheRfcTestVectors(long epochSeconds, String code) {
        assertThat(Totp.code(RFC_SEED, Totp.step(Instant.ofEpochSecond(epochSeconds)))).isEqualTo(code);
    }

    @Test
    void findsTheStepOfACodeAndOfTwoConsecutiveOnes() {
        long now = Totp.step(Instant.parse("2026-12-07T12:00:00Z"));
        assertThat(Totp.find(RFC_SEED, Totp.code(RFC_SEED, now - 1), now - 1, now + 1)).hasValue(now - 1);
        assertThat(Totp.find(RFC_SEED, Totp.code(RFC_SEED, now - 2), now - 1, now + 1)).isEmpty();
        assertThat(Totp.findConsecutive(RFC_SEED, Totp.code(RFC_SEED, now - 1), Totp.code(RFC_SEED, now),
                now - 3, now)).hasValue(now - 1);
        assertThat(Totp.findConsecutive(RFC_SEED, Totp.code(RFC_SEED, now), Totp.code(RFC_SEED, now - 1),
                now - 3, now)).isEmpty();
    }

    @Test
    void base32MatchesRfc4648AndRoundTrips() {
        // RFC 4648 section 10, without padding
        assertThat(Totp.base32("foobar".getBytes(StandardCharsets.US_ASCII))).isEqualTo("MZXW6YTBOI");
        assertThat(Totp.base32(RFC_SEED)).isEqualTo("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
        Random random = new Random(7);
        for (int i = 0; i < 200; i++) {
            byte[] bytes = new byte[20];
            random.nextBytes(bytes);
            assertThat(Totp.fromBase32(Totp.base32(bytes))).isEqualTo(bytes);
        }
        assertThatThrownBy(() -> Totp.fromBase32("ABC1")).isInstanceOf(IllegalArgumentException.class);
    }
}
