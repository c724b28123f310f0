package io.iamledger.infra.credentials;

import java.security.SecureRandom;

/**
 * Makes the identifiers AWS would: unique ids with their type prefix ({@code AIDA} user, {@code AGPA} group,
 * {@code AROA} role, {@code ANPA} policy, {@code AKIA} access key, {@code ASIA} temporary access key) followed by upper-case base-32 characters, and
 * 40-character secret access keys. Lives at the edge so that command handlers stay deterministic. Thread-safe.
 */
public final class IdGenerator {
    private static final char[] BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();
    private static final char[] SECRET_CHARS =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".toCharArray();

    private final SecureRandom random = new SecureRandom();

    public String userId() {
        return prefixed("AIDA", 17);
    }

    public String groupId() {
        return prefixed("AGPA", 17);
    }

    public String roleId() {
        return prefixed("AROA", 17);
    }

    public String policyId() {
        return prefixed("ANPA", 17);
    }

    public String accessKeyId() {
        return prefixed("AKIA", 16);
    }

    /** A temporary access key id, as STS issues them with session credentials. */
    public String temporaryAccessKeyId() {
        return prefixed("ASIA", 16);
    }

    public String secretAccessKey() {
        char[] secret = new char[40];
        for (int i = 0; i < secret.length; i++) {
            secret[i] = SECRET_CHARS[random.nextInt(SECRET_CHARS.length)];
        }
        return new String(secret);
    }

    /** A virtual MFA device's internal id (AWS shows devices by serial number only). */
    public String instanceProfileId() {
        return prefixed("AIPA", 17);
    }

    /** An OpenID Connect provider's internal id; AWS shows none. */
    public String oidcProviderId() {
        return prefixed("OIDC", 17);
    }

    public String mfaDeviceId() {
        return prefixed("AMFA", 17);
    }

    /** A virtual MFA device's seed: 160 random bits, as RFC 4226 recommends for HMAC-SHA1. */
    public byte[] mfaSeed() {
        byte[] seed = new byte[20];
        random.nextBytes(seed);
        return seed;
    }

    /** A request id in the form AWS uses (a random UUID). */
    public String requestId() {
        return java.util.UUID.randomUUID().toString();
    }

    /** A 12-digit account id that does not start with 0. */
    public String accountId() {
        StringBuilder id = new StringBuilder(12).append((char) ('1' + random.nextInt(9)));
        for (int i = 1; i < 12; i++) {
            id.append((char) ('0' + random.nextInt(10)));
        }
        return id.toString();
    }

    private String prefixed(String prefix, int length) {
        char[] id = new char[prefix.length() + length];
        prefix.getChars(0, prefix.length(), id, 0);
        for (int i = prefix.length(); i < id.length; i++) {
            id[i] = BASE32[random.nextInt(BASE32.length)];
        }
        return new String(id);
    }
}
