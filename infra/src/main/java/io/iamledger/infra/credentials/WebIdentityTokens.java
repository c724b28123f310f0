package io.iamledger.infra.credentials;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.iamledger.events.error.ErrorCode;
import io.iamledger.events.error.IamException;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.RSAPublicKeySpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Verifies OpenID Connect ID tokens (compact JWS, RS256/RS384/RS512) for AssumeRoleWithWebIdentity, against the
 * provider's signing keys configured as data: a JSON Web Key Set in {@code <data dir>/oidc-keys/<file>.json},
 * where the file is the issuer URL without {@code https://}, each {@code /} written {@code _} (for
 * {@code https://id.example.com/tenant}: {@code id.example.com_tenant.json}). Nothing is fetched from the network.
 * The key set is read on each use, so a rotated key takes effect at once. Thread-safe.
 */
public final class WebIdentityTokens {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> ALGORITHMS = Map.of(
            "RS256", "SHA256withRSA", "RS384", "SHA384withRSA", "RS512", "SHA512withRSA");
    private static final int MAX_TOKEN_LENGTH = 20_000;

    /**
     * The claims of a verified token that STS uses.
     *
     * @param issuer    {@code iss}, an https URL
     * @param audiences {@code aud}, one or several
     */
    public record Claims(String issuer, String subject, List<String> audiences, Instant expiresAt,
                         Optional<String> authorizedParty) {}

    private final Path keysDirectory;

    public WebIdentityTokens(Path dataDir) {
        this.keysDirectory = dataDir.resolve("oidc-keys");
    }

    /** The file holding the signing keys of the provider at {@code url} (without {@code https://}). */
    public Path keySetFile(String urlWithoutScheme) {
        return keysDirectory.resolve(urlWithoutScheme.replace('/', '_') + ".json");
    }

    /**
     * The issuer a token names, read before anything is verified, to find its provider.
     *
     * @throws IamException InvalidIdentityToken when the token is not a JWT with an https {@code iss}
     */
    public static String unverifiedIssuer(String token) {
        JsonNode claims = part(split(token)[1]);
        String issuer = claims.path("iss").asText("");
        if (!issuer.startsWith("https://")) {
            throw invalid("The token's issuer (iss) must be an https URL.");
        }
        return issuer;
    }

    /**
     * Checks the token's signature with the provider's keys, its issuer and its lifetime.
     *
     * @param urlWithoutScheme the registered provider's URL as IAM shows it
     * @throws IamException InvalidIdentityToken for a bad token, signature or issuer;
     *                      ExpiredTokenException once {@code exp} is past
     */
    public Claims verify(String token, String urlWithoutScheme, Instant now) {
        String[] parts = split(token);
        JsonNode header = part(parts[0]);
        JsonNode claims = part(parts[1]);
        String algorithm = ALGORITHMS.get(header.path("alg").asText(""));
        if (algorithm == null) {
            throw invalid("The token's signing algorithm " + header.path("alg").asText("(none)")
                    + " is not accepted; use RS256, RS384 or RS512.");
        }
        PublicKey key = signingKey(urlWithoutScheme, header.path("kid").asText(null));
        try {
            Signature signature = Signature.getInstance(algorithm);
            signature.initVerify(key);
            signature.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            if (!signature.verify(decode(parts[2]))) {
                throw invalid("The token's signature does not verify with the provider's keys.");
            }
        } catch (GeneralSecurityException e) {
            throw invalid("The token's signature does not verify with the provider's keys.");
        }
        String issuer = claims.path("iss").asText("");
        if (!trimSlash(issuer).equals("https://" + urlWithoutScheme)) {
            throw invalid("The token's issuer " + issuer + " is not the provider's URL.");
        }
        if (!claims.path("exp").canConvertToLong()) {
            throw invalid("The token has no expiration time (exp).");
        }
        Instant expiresAt = Instant.ofEpochSecond(claims.path("exp").asLong());
        if (!now.isBefore(expiresAt)) {
            throw new IamException(ErrorCode.WEB_IDENTITY_TOKEN_EXPIRED, "Token expired: current date/time " + now
                    + " must be before the expiration date/time " + expiresAt);
        }
        if (claims.path("nbf").canConvertToLong() && now.isBefore(Instant.ofEpochSecond(claims.path("nbf").asLong()))) {
            throw invalid("The token is not valid yet (nbf).");
        }
        String subject = claims.path("sub").asText("");
        if (subject.isEmpty()) {
            throw invalid("The token has no subject (sub).");
        }
        List<String> audiences = new ArrayList<>();
        JsonNode aud = claims.path("aud");
        if (aud.isArray()) {
            aud.forEach(value -> audiences.add(value.asText()));
        } else if (aud.isTextual()) {
            audiences.add(aud.asText());
        }
        Optional<String> azp = Optional.ofNullable(claims.path("azp").textValue());
        return new Claims(issuer, subject, List.copyOf(audiences), expiresAt, azp);
    }

    private PublicKey signingKey(String urlWithoutScheme, String keyId) {
        Path file = keySetFile(urlWithoutScheme);
        JsonNode keySet;
        try {
            keySet = JSON.readTree(Files.readAllBytes(file));
        } catch (IOException e) {
            throw invalid("No signing keys are configured for the provider https://" + urlWithoutScheme + ".");
        }
        for (JsonNode jwk : keySet.path("keys")) {
            if (!jwk.path("kty").asText().equals("RSA")
                    || keyId != null && jwk.hasNonNull("kid") && !jwk.path("kid").asText().equals(keyId)) {
                continue;
            }
            try {
                return KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(
                        new BigInteger(1, decode(jwk.path("n").asText())),
                        new BigInteger(1, decode(jwk.path("e").asText()))));
            } catch (GeneralSecurityException | IllegalArgumentException e) {
                throw invalid("The provider's signing key " + jwk.path("kid").asText("") + " is not a valid RSA key.");
            }
        }
        throw invalid("The provider has no signing key " + (keyId == null ? "" : keyId + " ") + "for the token.");
    }

    private static String[] split(String token) {
        if (token.length() > MAX_TOKEN_LENGTH) {
            throw invalid("The token is longer than " + MAX_TOKEN_LENGTH + " characters.");
        }
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            throw invalid("The token is not a JWT (three base64url parts).");
        }
        return parts;
    }

    private static JsonNode part(String encoded) {
        try {
            JsonNode node = JSON.readTree(decode(encoded));
            if (node == null || !node.isObject()) {
                throw invalid("The token is not a JWT (a part is not a JSON object).");
            }
            return node;
        } catch (IOException | IllegalArgumentException e) {
            throw invalid("The token is not a JWT (a part does not decode).");
        }
    }

    private static byte[] decode(String base64url) {
        return Base64.getUrlDecoder().decode(base64url);
    }

    private static String trimSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static IamException invalid(String message) {
        return new IamException(ErrorCode.INVALID_IDENTITY_TOKEN, message);
    }
}
