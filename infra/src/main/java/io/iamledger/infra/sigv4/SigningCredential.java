package io.iamledger.infra.sigv4;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * What the verifier needs to know about one access key: its secret, and for temporary (session) keys the session
 * token the request must present and when the session ends. Carries an opaque principal of the caller's choosing,
 * handed back in {@link VerifiedCaller} when a request verifies.
 *
 * <p>The secret cannot be read back; it is held as the bytes of {@code "AWS4" + secret}, the first input of the
 * SigV4 key derivation, and appears in no {@link #toString()} or exception message. Immutable and thread-safe.
 *
 * @param <P> the principal type
 */
public final class SigningCredential<P> {
    private static final byte[] PREFIX = {'A', 'W', 'S', '4'};

    private final byte[] keySeed;
    private final byte[] sessionToken;
    private final Instant expiration;
    private final P principal;

    private SigningCredential(byte[] keySeed, String sessionToken, Instant expiration, P principal) {
        this.keySeed = keySeed;
        this.sessionToken = sessionToken == null ? null : sessionToken.getBytes(StandardCharsets.UTF_8);
        this.expiration = expiration;
        this.principal = Objects.requireNonNull(principal, "principal");
    }

    /** A long-term key (e.g. {@code AKIA…}): requests must not carry a session token. */
    public static <P> SigningCredential<P> longTerm(String secretAccessKey, P principal) {
        return new SigningCredential<>(seed(secretAccessKey), null, null, principal);
    }

    /** As {@link #longTerm(String, Object)}; the array is not kept, so the caller may wipe it afterwards. */
    public static <P> SigningCredential<P> longTerm(char[] secretAccessKey, P principal) {
        return new SigningCredential<>(seed(secretAccessKey), null, null, principal);
    }

    /**
     * A temporary key (e.g. {@code ASIA…}): requests must carry exactly this session token, signed or not, and are
     * refused with {@code ExpiredToken} from {@code expiration} on.
     */
    public static <P> SigningCredential<P> temporary(String secretAccessKey, String sessionToken, Instant expiration,
                                                     P principal) {
        Objects.requireNonNull(sessionToken, "sessionToken");
        Objects.requireNonNull(expiration, "expiration");
        if (sessionToken.isEmpty()) {
            throw new IllegalArgumentException("sessionToken must not be empty");
        }
        return new SigningCredential<>(seed(secretAccessKey), sessionToken, expiration, principal);
    }

    public P principal() {
        return principal;
    }

    public boolean isTemporary() {
        return sessionToken != null;
    }

    /** When a temporary key stops working; empty for long-term keys. */
    public Optional<Instant> expiration() {
        return Optional.ofNullable(expiration);
    }

    /** {@code Long.MAX_VALUE} for long-term keys. */
    long expiresAtMillis() {
        return expiration == null ? Long.MAX_VALUE : expiration.toEpochMilli();
    }

    byte[] keySeed() {
        return keySeed;
    }

    /** Null for long-term keys. */
    byte[] sessionTokenBytes() {
        return sessionToken;
    }

    @Override
    public String toString() {
        return isTemporary() ? "SigningCredential[temporary, expires " + expiration + "]" : "SigningCredential[long-term]";
    }

    private static byte[] seed(String secret) {
        Objects.requireNonNull(secret, "secretAccessKey");
        checkNotEmpty(secret.length());
        byte[] encoded = secret.getBytes(StandardCharsets.UTF_8);
        byte[] seed = prefixed(encoded);
        Arrays.fill(encoded, (byte) 0);
        return seed;
    }

    private static byte[] seed(char[] secret) {
        Objects.requireNonNull(secret, "secretAccessKey");
        checkNotEmpty(secret.length);
        ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(secret));
        byte[] bytes = new byte[encoded.remaining()];
        encoded.get(bytes);
        byte[] seed = prefixed(bytes);
        Arrays.fill(bytes, (byte) 0);
        if (encoded.hasArray()) {
            Arrays.fill(encoded.array(), (byte) 0);
        }
        return seed;
    }

    private static byte[] prefixed(byte[] secret) {
        byte[] seed = Arrays.copyOf(PREFIX, PREFIX.length + secret.length);
        System.arraycopy(secret, 0, seed, PREFIX.length, secret.length);
        return seed;
    }

    private static void checkNotEmpty(int length) {
        if (length == 0) {
            throw new IllegalArgumentException("secretAccessKey must not be empty");
        }
    }
}
