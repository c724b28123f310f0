package io.iamledger.infra.credentials;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.iamledger.events.identity.IdentityKind;
import io.iamledger.events.identity.IdentityRef;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Session tokens: a {@link TemporarySession} and its secret access key, as JSON sealed with AES-256-GCM under a key
 * derived from the data directory's key-encryption key and bound to the temporary access key id, then base64url
 * encoded behind a version prefix. A token that was altered by one bit, forged, or presented with another key id
 * does not open. Thread-safe.
 */
public final class SessionTokens {
    private static final String PREFIX = "IQL1";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A session opened from its token, with the secret the request must have been signed with. */
    public record Opened(TemporarySession session, String secretAccessKey) {
        @Override
        public String toString() {
            return "Opened[" + session + "]";
        }
    }

    private final SecretSealer sealer;

    public SessionTokens(SecretSealer sealer) {
        this.sealer = sealer;
    }

    /** The session token for {@code session}, whose credentials sign with {@code secretAccessKey}. */
    public String issue(TemporarySession session, String secretAccessKey) {
        ObjectNode node = JSON.createObjectNode()
                .put("secret", secretAccessKey)
                .put("account", session.accountId())
                .put("kind", session.identity().kind().name())
                .put("id", session.identity().id())
                .put("name", session.identity().name())
                .put("issuedAt", session.issuedAt().toString())
                .put("expiration", session.expiration().toString())
                .put("mfa", session.mfaAuthenticated())
                .put("issuer", session.issuerArn());
        session.roleArn().ifPresent(value -> node.put("roleArn", value));
        session.sessionName().ifPresent(value -> node.put("sessionName", value));
        session.trustDigest().ifPresent(value -> node.put("trust", value));
        session.sourceIdentity().ifPresent(value -> node.put("sourceIdentity", value));
        session.sessionPolicy().ifPresent(value -> node.put("policy", value));
        ArrayNode arns = node.putArray("policyArns");
        session.policyArns().forEach(arns::add);
        ObjectNode tags = node.putObject("tags");
        session.tags().forEach(tags::put);
        ArrayNode transitive = node.putArray("transitive");
        session.transitiveKeys().forEach(transitive::add);
        try {
            byte[] sealed = sealer.sealSession(session.accessKeyId(), JSON.writeValueAsBytes(node));
            return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(sealed);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a session", e);
        }
    }

    /** The session of a token presented with {@code accessKeyId}; empty when the token does not open. */
    public Optional<Opened> open(String accessKeyId, String token) {
        if (token == null || !token.startsWith(PREFIX)) {
            return Optional.empty();
        }
        byte[] sealed;
        try {
            sealed = Base64.getUrlDecoder().decode(token.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return sealer.openSession(accessKeyId, sealed).map(plain -> read(accessKeyId, plain));
    }

    private static Opened read(String accessKeyId, byte[] plain) {
        try {
            JsonNode node = JSON.readTree(plain);
            IdentityKind kind = IdentityKind.valueOf(node.path("kind").asText());
            List<String> arns = new ArrayList<>();
            node.path("policyArns").forEach(arn -> arns.add(arn.asText()));
            Map<String, String> tags = new LinkedHashMap<>();
            node.path("tags").properties().forEach(tag -> tags.put(tag.getKey(), tag.getValue().asText()));
            List<String> transitive = new ArrayList<>();
            node.path("transitive").forEach(key -> transitive.add(key.asText()));
            TemporarySession session = new TemporarySession(accessKeyId, node.path("account").asText(),
                    new IdentityRef(kind, node.path("id").asText(), node.path("name").asText()),
                    text(node, "roleArn"), text(node, "sessionName"), text(node, "trust"),
                    Instant.parse(node.path("issuedAt").asText()), Instant.parse(node.path("expiration").asText()),
                    text(node, "sourceIdentity"), text(node, "policy"), arns, tags, transitive,
                    node.path("mfa").asBoolean(), node.path("issuer").asText());
            return new Opened(session, node.path("secret").asText());
        } catch (IOException | RuntimeException e) {
            // only this server seals tokens, so an authentic one always reads; anything else is a bug
            throw new IllegalStateException("an authentic session token does not read: " + e.getClass().getName());
        }
    }

    private static Optional<String> text(JsonNode node, String name) {
        JsonNode value = node.get(name);
        return value == null || value.isNull() ? Optional.empty() : Optional.of(value.asText());
    }

    /** A short digest of a trust policy document, to notice in a token that the role's trust changed since. */
    public static String trustDigest(String trustPolicyDocument) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(trustPolicyDocument.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
