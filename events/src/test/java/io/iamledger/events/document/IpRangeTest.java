package io.iamledger.events.document;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IpRangeTest {

    @ParameterizedTest
    @CsvSource({
        "203.0.113.0/24,203.0.113.0/24",
        "203.0.113.77/24,203.0.113.0/24",
        "10.1.2.3,10.1.2.3/32",
        "0.0.0.0/0,0.0.0.0/0",
        "2001:db8::/32,2001:db8:0:0:0:0:0:0/32",
        "::1,0:0:0:0:0:0:0:1/128",
        "::,0:0:0:0:0:0:0:0/128",
        "2001:DB8:0:0:1:0:0:1/64,2001:db8:0:0:0:0:0:0/64",
        "::ffff:192.0.2.1/128,0:0:0:0:0:ffff:c000:201/128",
        "1:2:3:4:5:6:7:8,1:2:3:4:5:6:7:8/128"})
    void parsesIpv4AndIpv6Ranges(String text, String normalized) {
        assertThat(IpRange.parse(text)).hasValueSatisfying(range -> assertThat(range).hasToString(normalized));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "10.0.0.0/33", "256.0.0.1", "10.0.0", "10.0.0.0.0", "10.0.0.0/", "10.0.0.0/-1", "2001:db8::/129",
        "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7", "1::2::3", ":::", "12345::", "fe80::1%eth0", "::1.2.3", "1.2.3.4::",
        "\u0661.0.0.1", "example.com"})
    void rejectsOtherText(String text) {
        assertThat(IpRange.parse(text)).isEmpty();
    }

    @Test
    void containsAddressesUnderItsPrefixOnly() {
        IpRange range = IpRange.parse("192.168.16.0/20").orElseThrow();

        assertThat(range.contains(new byte[] {(byte) 192, (byte) 168, 31, (byte) 255})).isTrue();
        assertThat(range.contains(new byte[] {(byte) 192, (byte) 168, 32, 0})).isFalse();
        assertThat(range.contains(new byte[16])).isFalse();
        assertThat(range.isIpv6()).isFalse();
        assertThat(range.prefixLength()).isEqualTo(20);
    }
}
