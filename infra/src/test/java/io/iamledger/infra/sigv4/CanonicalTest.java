package io.iamledger.infra.sigv4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CanonicalTest {
    @Test
    void queryParametersAreSortedByEncodedNameThenValue() {
        assertThat(query("b=2&a=1&A=0&a=0&a-b=3")).isEqualTo("A=0&a=0&a=1&a-b=3&b=2");
    }

    @Test
    void queryEncodingIsNormalisedToRfc3986() {
        assertThat(query("k=%7e%2a*+%41%2F")).isEqualTo("k=~%2A%2A%20A%2F");
        assertThat(query("k=%e1%88%b4&\u1234=v")).isEqualTo("%E1%88%B4=v&k=%E1%88%B4");
        assertThat(query("k=100%&j=%G1")).isEqualTo("j=%25G1&k=100%25");
    }

    @Test
    void queryParametersWithoutValueOrEmptyAreKept() {
        assertThat(query("flag&empty=&&x=1")).isEqualTo("empty=&flag=&x=1");
        assertThat(query("")).isEmpty();
    }

    @Test
    void theSignatureIsLeftOutOfAPresignedQuery() {
        StringBuilder out = new StringBuilder();
        Canonical.appendQuery(out, Canonical.parseQuery("X-Amz-Signature=abc&A=1&X-Amz-Security-Token=t"),
                "X-Amz-Signature", null);

        assertThat(out).hasToString("A=1&X-Amz-Security-Token=t");
    }

    @Test
    void uriDotSegmentsAndEmptySegmentsAreRemoved() {
        assertThat(uri("/")).isEqualTo("/");
        assertThat(uri("//")).isEqualTo("/");
        assertThat(uri("/a/./b/../c/")).isEqualTo("/a/c/");
        assertThat(uri("/a/b/..")).isEqualTo("/a/");
        assertThat(uri("/../..")).isEqualTo("/");
        assertThat(uri("//example//")).isEqualTo("/example/");
    }

    @Test
    void uriIsEncodedOnceMoreAsSent() {
        assertThat(uri("/a%20b/c")).isEqualTo("/a%2520b/c");
        assertThat(uri("/a b/\u1234:@")).isEqualTo("/a%20b/%E1%88%B4%3A%40");
    }

    @Test
    void headerValuesAreTrimmedCollapsedAndJoined() {
        StringBuilder out = new StringBuilder();
        Canonical.appendHeaderValue(out, List.of("  a \t  b  ", "\"x   y\"", "", "z"));

        assertThat(out).hasToString("a b,\"x y\",,z");
    }

    @Test
    void amzDatesAreStrictBasicFormat() {
        assertThat(AmzDate.parse("20150830T123600Z")).isEqualTo(1_440_938_160L);
        assertThat(AmzDate.format(1_440_938_160L)).isEqualTo("20150830T123600Z");
        for (String bad : new String[] {"20150830T123600", "2015-08-30T12:36:00Z", "20150230T123600Z",
                "20150830T246000Z", "2015083OT123600Z", ""}) {
            assertThat(AmzDate.parse(bad)).as(bad).isEqualTo(Long.MIN_VALUE);
        }
    }

    @Test
    void regionAndServiceNamesAreLowerCaseWords() {
        assertThat(Scope.isValidName("us-gov-west-1")).isTrue();
        assertThat(Scope.isValidName("aws-global")).isTrue();
        for (String bad : new String[] {"", "Us-east-1", "us_east_1", "us--east", "us-east-", "1us", "a".repeat(33)}) {
            assertThat(Scope.isValidName(bad)).as(bad).isFalse();
        }
    }

    @Test
    void theVerifierRefusesInvalidConfiguration() {
        CredentialResolver<String> none = id -> Optional.empty();

        assertThatThrownBy(() -> SigV4Verifier.builder(none).services(Set.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("services");
        assertThatThrownBy(() -> SigV4Verifier.builder(none).regions(Set.of("US-EAST-1")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("regions");
    }

    @Test
    void incomingRequestsLookHeadersUpInAnyCase() {
        IncomingRequest request = IncomingRequest.builder().method("POST").rawPath("").rawQuery(null)
                .header("X-Amz-Date", "1").header("x-amz-date", "2").body(new byte[] {1, 2}).build();

        assertThat(request.headers("X-AMZ-DATE")).containsExactly("1", "2");
        assertThat(request.headers("Host")).isEmpty();
        assertThat(request.rawPath()).isEqualTo("/");
        assertThat(request.rawQuery()).isEmpty();
        assertThat(request.body().remaining()).isEqualTo(2);
        assertThat(request.body().isReadOnly()).isTrue();
    }

    private static String query(String raw) {
        StringBuilder out = new StringBuilder();
        Canonical.appendQuery(out, Canonical.parseQuery(raw), null, null);
        return out.toString();
    }

    private static String uri(String raw) {
        StringBuilder out = new StringBuilder();
        Canonical.appendUri(out, raw);
        return out.toString();
    }
}
