package io.iamledger.infra.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import io.iamledger.events.identity.IdentityRef;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionTokensTest {
    private static final String KEY_ID = "ASIAEXAMPLE000000001";
    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

    @TempDir
    Path dataDir;

    private TemporarySession session() {
        Instant issued = Instant.parse("2026-03-03T14:00:00Z");
        return new TemporarySession(KEY_ID, "123456789012", IdentityRef.role("AROAEXAMPLE", "auditor"),
                Optional.of("arn:aws:iam::123456789012:role/ops/auditor"), Optional.of("bob"),
                Optional.of(SessionTokens.trustDigest("{}")), issued, issued.plusSeconds(3600), Optional.of("bob@corp"),
                Optional.of("{\"Version\":\"2012-10-17\"}"), List.of("arn:aws:iam::123456789012:policy/read"),
                Map.of("team", "red"), List.of("team"), false, "arn:aws:iam::123456789012:user/bob");
    }

    @Test
    void aTokenOpensToTheSessionAndSecretItWasIssuedFor() {
        SessionTokens tokens = new SessionTokens(SecretSealer.loadOrCreate(dataDir));
        String token = tokens.issue(session(), SECRET);

        SessionTokens.Opened opened = tokens.open(KEY_ID, token).orElseThrow();
        assertThat(opened.session()).isEqualTo(session());
        assertThat(opened.secretAccessKey()).isEqualTo(SECRET);
        String sealed = new String(Base64.getUrlDecoder().decode(token.substring(4)), StandardCharsets.ISO_8859_1);
        assertThat(sealed).as("the sealed bytes").doesNotContain(SECRET).doesNotContain("arn:aws:iam");
        assertThat(token).doesNotContain(SECRET);
        assertThat(opened.toString()).doesNotContain(SECRET);
    }

    @Test
    void anAlteredForgedOrMisboundTokenDoesNotOpen() {
        SessionTokens tokens = new SessionTokens(SecretSealer.loadOrCreate(dataDir));
        String token = tokens.issue(session(), SECRET);
        byte[] sealed = Base64.getUrlDecoder().decode(token.substring(4));
        for (int i = 0; i < sealed.length; i += 7) {
            byte[] altered = sealed.clone();
            altered[i] ^= 1;
            assertThat(tokens.open(KEY_ID, "IQL1" + Base64.getUrlEncoder().withoutPadding().encodeToString(altered)))
                    .as("bit flipped in byte %d", i).isEmpty();
        }
        assertThat(tokens.open("ASIAEXAMPLE000000002", token)).as("presented with another key id").isEmpty();
        assertThat(tokens.open(KEY_ID, "IQL1not base64!")).isEmpty();
        assertThat(tokens.open(KEY_ID, "FwoGZXIvYXdzEJr")).isEmpty();
        assertThat(tokens.open(KEY_ID, "IQL1")).isEmpty();
        SessionTokens otherServer = new SessionTokens(SecretSealer.loadOrCreate(dataDir.resolve("other")));
        assertThat(otherServer.open(KEY_ID, token)).as("another data directory's key").isEmpty();
    }

    @Test
    void theTrustDigestChangesWithTheDocument() {
        assertThat(SessionTokens.trustDigest("{\"a\":1}")).hasSize(24)
                .isEqualTo(SessionTokens.trustDigest("{\"a\":1}"))
                .isNotEqualTo(SessionTokens.trustDigest("{\"a\":2}"));
    }
}
