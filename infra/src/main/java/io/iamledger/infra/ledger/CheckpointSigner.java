package io.iamledger.infra.ledger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Signs checkpoints with the server's Ed25519 key, kept in the data directory: {@code log-signing-key.pem}
 * (PKCS#8, mode 0600) and {@code log-public-key.pem} (X.509 SubjectPublicKeyInfo), both created on first start.
 * The private key never leaves this object ({@link #toString} hides it); verifying needs only
 * {@link #verify} with the public key. Thread-safe.
 */
public final class CheckpointSigner {
    public static final String PRIVATE_KEY_FILE = "log-signing-key.pem";
    public static final String PUBLIC_KEY_FILE = "log-public-key.pem";
    private static final String ALGORITHM = "Ed25519";

    private final PrivateKey privateKey;
    private final PublicKey publicKey;
    private final String fingerprint;

    private CheckpointSigner(PrivateKey privateKey, PublicKey publicKey) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
        this.fingerprint = fingerprint(publicKey);
        byte[] probe = "iam-ledger key pair check".getBytes(StandardCharsets.US_ASCII);
        if (!verify(publicKey, probe, sign(probe))) {
            throw new IllegalStateException(PUBLIC_KEY_FILE + " is not the public half of " + PRIVATE_KEY_FILE);
        }
    }

    /**
     * Loads the key pair from {@code dataDir}, creating both files when neither exists.
     *
     * @throws IllegalStateException when only one file exists, or the two do not form a pair
     * @throws UncheckedIOException  when the files cannot be read or written
     */
    public static CheckpointSigner loadOrCreate(Path dataDir) {
        Path privateFile = dataDir.resolve(PRIVATE_KEY_FILE);
        Path publicFile = dataDir.resolve(PUBLIC_KEY_FILE);
        try {
            boolean hasPrivate = Files.exists(privateFile);
            boolean hasPublic = Files.exists(publicFile);
            if (!hasPrivate && !hasPublic) {
                KeyPair pair = KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
                Files.createDirectories(dataDir);
                // the public file last: its presence says the pair is complete
                write(privateFile, pem("PRIVATE KEY", pair.getPrivate().getEncoded()), true);
                write(publicFile, pem("PUBLIC KEY", pair.getPublic().getEncoded()), false);
            } else if (!hasPrivate || !hasPublic) {
                throw new IllegalStateException("found " + (hasPrivate ? privateFile : publicFile) + " without "
                        + (hasPrivate ? publicFile : privateFile) + "; restore the missing file or remove both");
            }
            PrivateKey privateKey = KeyFactory.getInstance(ALGORITHM).generatePrivate(
                    new PKCS8EncodedKeySpec(unpem(Files.readString(privateFile), "PRIVATE KEY", privateFile)));
            return new CheckpointSigner(privateKey, readPublicKey(publicFile));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the log signing key in " + dataDir, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot load the log signing key " + privateFile + ": "
                    + e.getClass().getSimpleName(), e);
        }
    }

    /**
     * Reads an Ed25519 public key from a PEM file.
     *
     * @throws IOException              when the file cannot be read
     * @throws IllegalArgumentException when it holds no Ed25519 public key
     */
    public static PublicKey readPublicKey(Path file) throws IOException {
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePublic(
                    new X509EncodedKeySpec(unpem(Files.readString(file), "PUBLIC KEY", file)));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(file + " holds no Ed25519 public key", e);
        }
    }

    /** Hex SHA-256 of the key's encoded (X.509) bytes. */
    public static String fingerprint(PublicKey key) {
        return HexFormat.of().formatHex(LogChain.sha256().digest(key.getEncoded()));
    }

    /** Whether {@code checkpoint} carries a valid signature by {@code key} and names that key's fingerprint. */
    public static boolean verify(PublicKey key, Checkpoint checkpoint) {
        return checkpoint.keyFingerprint().equals(fingerprint(key))
                && verify(key, checkpoint.signedBytes(), checkpoint.signature());
    }

    /** A signed checkpoint (id 0: not stored yet) over the given heads. */
    public Checkpoint sign(Instant signedAt, long eventCount, long eventHeadIndex, byte[] eventHeadHash,
                           long auditCount, long auditHeadIndex, byte[] auditHeadHash) {
        byte[] signature = sign(Checkpoint.signedBytes(signedAt, eventCount, eventHeadIndex, eventHeadHash,
                auditCount, auditHeadIndex, auditHeadHash));
        return new Checkpoint(0, signedAt, eventCount, eventHeadIndex, eventHeadHash, auditCount, auditHeadIndex,
                auditHeadHash, fingerprint, signature);
    }

    public PublicKey publicKey() {
        return publicKey;
    }

    /** The public key as {@code log-public-key.pem} holds it. */
    public String publicKeyPem() {
        return pem("PUBLIC KEY", publicKey.getEncoded());
    }

    public String fingerprint() {
        return fingerprint;
    }

    private byte[] sign(byte[] message) {
        try {
            Signature signer = Signature.getInstance(ALGORITHM);
            signer.initSign(privateKey);
            signer.update(message);
            return signer.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing failed: " + e.getClass().getSimpleName(), e);
        }
    }

    private static boolean verify(PublicKey key, byte[] message, byte[] signature) {
        try {
            Signature verifier = Signature.getInstance(ALGORITHM);
            verifier.initVerify(key);
            verifier.update(message);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            // a malformed signature is a bad signature, not an error of the verifier
            return false;
        }
    }

    static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + label + "-----\n";
    }

    private static byte[] unpem(String text, String label, Path file) {
        String begin = "-----BEGIN " + label + "-----";
        String end = "-----END " + label + "-----";
        int from = text.indexOf(begin);
        int to = text.indexOf(end);
        if (from < 0 || to < from) {
            throw new IllegalArgumentException(file + " is not a PEM file with a " + label + " block");
        }
        return Base64.getMimeDecoder().decode(text.substring(from + begin.length(), to));
    }

    private static void write(Path file, String content, boolean secret) throws IOException {
        // created 0600 so the private key is never readable by others, not even before the move
        Path temp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(temp, content);
        if (!secret) {
            Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-r--r--"));
        }
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
    }

    @Override
    public String toString() {
        return "CheckpointSigner[Ed25519, fingerprint " + fingerprint + ", private key hidden]";
    }
}
