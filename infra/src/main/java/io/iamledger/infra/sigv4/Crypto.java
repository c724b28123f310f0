package io.iamledger.infra.sigv4;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * SHA-256 and HMAC-SHA256 without a provider lookup per call: instances are cloned from prototypes, falling back
 * to {@code getInstance} for providers that cannot clone.
 */
final class Crypto {
    private static final String HMAC = "HmacSHA256";
    private static final MessageDigest SHA256_PROTOTYPE = newSha256();
    private static final Mac HMAC_PROTOTYPE = newHmac();

    private Crypto() {}

    static byte[] sha256(byte[] data) {
        return sha256().digest(data);
    }

    static byte[] hmacSha256(byte[] key, String ascii) {
        return hmacSha256(key, ascii.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] hmacSha256(byte[] key, byte[] data) {
        Mac mac;
        try {
            mac = (Mac) HMAC_PROTOTYPE.clone();
        } catch (CloneNotSupportedException e) {
            mac = newHmac();
        }
        try {
            mac.init(new SecretKeySpec(key, HMAC));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot initialise " + HMAC, e);
        }
        return mac.doFinal(data);
    }

    private static MessageDigest sha256() {
        try {
            return (MessageDigest) SHA256_PROTOTYPE.clone();
        } catch (CloneNotSupportedException e) {
            return newSha256();
        }
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
    }

    private static Mac newHmac() {
        try {
            return Mac.getInstance(HMAC);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides " + HMAC, e);
        }
    }
}
