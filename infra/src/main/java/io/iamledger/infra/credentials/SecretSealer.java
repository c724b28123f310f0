package io.iamledger.infra.credentials;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals secret access keys with AES-256-GCM under the key-encryption key kept in the data directory
 * ({@code keys/kek}, mode 0600), outside PostgreSQL and Kafka: a copy of the database alone reveals no secret.
 * The access key id is bound in as associated data, so a sealed secret cannot be moved to another key.
 * Also derives fingerprints (HMAC-SHA256 under a key derived from the KEK) that events may carry.
 * Thread-safe.
 */
public final class SecretSealer {
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec encryptionKey;
    private final SecretKeySpec fingerprintKey;
    private final SecretKeySpec sessionKey;
    private final SecureRandom random = new SecureRandom();

    private SecretSealer(byte[] kek) {
        this.encryptionKey = new SecretKeySpec(kek, "AES");
        this.fingerprintKey = new SecretKeySpec(hmac(kek, "iam-ledger fingerprint key v1".getBytes(StandardCharsets.UTF_8)),
                "HmacSHA256");
        // a key of its own for session tokens, so that a token can never be opened as a sealed secret or back
        this.sessionKey = new SecretKeySpec(hmac(kek, "iam-ledger session token key v1".getBytes(StandardCharsets.UTF_8)),
                "AES");
    }

    /** Loads the key-encryption key from {@code <dataDir>/keys/kek}, creating it (0600) on first use. */
    public static SecretSealer loadOrCreate(Path dataDir) {
        Path file = dataDir.resolve("keys").resolve("kek");
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(file.getParent());
                byte[] kek = new byte[32];
                new SecureRandom().nextBytes(kek);
                Path temp = Files.createTempFile(file.getParent(), "kek", ".tmp",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.write(temp, kek, StandardOpenOption.TRUNCATE_EXISTING);
                Files.move(temp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            }
            byte[] kek = Files.readAllBytes(file);
            if (kek.length != 32) {
                throw new IllegalStateException("key-encryption key " + file + " must be 32 bytes, is " + kek.length);
            }
            return new SecretSealer(kek);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the key-encryption key " + file, e);
        }
    }

    public byte[] seal(String accessKeyId, String secret) {
        return seal(encryptionKey, accessKeyId, secret.getBytes(StandardCharsets.UTF_8));
    }

    /** @throws IllegalStateException when the sealed value was altered or belongs to another key */
    public String unseal(String accessKeyId, byte[] sealed) {
        return open(encryptionKey, accessKeyId, sealed).map(plain -> new String(plain, StandardCharsets.UTF_8))
                .orElseThrow(() -> new IllegalStateException("sealed secret of " + accessKeyId
                        + " does not open under this KEK"));
    }

    /** Seals the contents of a session token, bound to its temporary access key id. */
    byte[] sealSession(String accessKeyId, byte[] contents) {
        return seal(sessionKey, accessKeyId, contents);
    }

    /** The contents of a session token; empty when it was altered, forged, or belongs to another key id. */
    Optional<byte[]> openSession(String accessKeyId, byte[] sealed) {
        return open(sessionKey, accessKeyId, sealed);
    }

    private byte[] seal(SecretKeySpec key, String accessKeyId, byte[] plain) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(accessKeyId.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plain);
            return ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
    }

    private static Optional<byte[]> open(SecretKeySpec key, String accessKeyId, byte[] sealed) {
        if (sealed.length < NONCE_BYTES + TAG_BITS / 8) {
            return Optional.empty();
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 0, NONCE_BYTES));
            cipher.updateAAD(accessKeyId.getBytes(StandardCharsets.UTF_8));
            return Optional.of(cipher.doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES));
        } catch (AEADBadTagException e) {
            return Optional.empty();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
    }

    /** A stable, non-reversible fingerprint of a secret: 32 hex characters of an HMAC. */
    public String fingerprint(String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(fingerprintKey);
            byte[] digest = mac.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    private static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    @Override
    public String toString() {
        return "SecretSealer[keys hidden]";
    }
}
