package io.iamledger.infra.sigv4;

import io.iamledger.infra.sigv4.Canonical.QueryParam;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Verifies AWS Signature Version 4 ({@code AWS4-HMAC-SHA256}) on incoming requests, in the {@code Authorization}
 * header form and the presigned query form, the way IAM and STS endpoints do.
 *
 * <p>{@link #verify(IncomingRequest)} returns the {@link VerifiedCaller} or throws an
 * {@link io.iamledger.events.error.IamException} carrying the code AWS answers with, checked in this order:
 * <ol>
 *   <li>{@code MissingAuthenticationToken}: neither form present;</li>
 *   <li>{@code IncompleteSignature}: both forms, an element missing or malformed (Credential, SignedHeaders,
 *       Signature, X-Amz-Date, X-Amz-Expires), a scope that is not {@code AKID/yyyymmdd/region/service/aws4_request}
 *       with an allowed region and service, or {@code host} not among the signed headers;</li>
 *   <li>{@code SignatureDoesNotMatch}: scope date other than the date of X-Amz-Date; X-Amz-Date more than 15 minutes
 *       from this verifier's clock either way ({@code Signature expired: …} / {@code Signature not yet current: …});
 *       a presigned request past X-Amz-Date + X-Amz-Expires;</li>
 *   <li>{@code InvalidClientTokenId}: the resolver knows no such key, or the session token presented (signed or
 *       not) differs from the temporary key's, or one is presented with a long-term key;</li>
 *   <li>{@code SignatureDoesNotMatch}: the signature is wrong (compared in constant time);</li>
 *   <li>{@code ExpiredToken}: a temporary key whose session has ended.</li>
 * </ol>
 * The payload hash is always computed from the body bytes as received, never taken from
 * {@code x-amz-content-sha256}, so unsigned payloads are refused.
 *
 * <p>Immutable apart from an internal cache of derived signing keys; thread-safe.
 *
 * @param <P> the principal type the {@link CredentialResolver} attaches to credentials
 */
public final class SigV4Verifier<P> {
    static final long MAX_SKEW_SECONDS = 15 * 60;
    static final long MAX_EXPIRES_SECONDS = 7 * 24 * 60 * 60;
    private static final int KEY_CACHE_ENTRIES = 10_000;
    private static final HexFormat HEX = HexFormat.of();

    private final CredentialResolver<P> resolver;
    private final Clock clock;
    private final List<String> services;
    private final Set<String> regions;
    private final SigningKeyCache signingKeys = new SigningKeyCache(KEY_CACHE_ENTRIES);

    private SigV4Verifier(Builder<P> builder) {
        this.resolver = builder.resolver;
        this.clock = builder.clock;
        List<String> sorted = new ArrayList<>(builder.services);
        Collections.sort(sorted);
        this.services = List.copyOf(sorted);
        this.regions = builder.regions;
    }

    /** Starts a verifier that looks keys up with {@code resolver}. */
    public static <P> Builder<P> builder(CredentialResolver<P> resolver) {
        return new Builder<>(resolver);
    }

    /**
     * Verifies the signature of one request.
     *
     * @return who signed it
     * @throws io.iamledger.events.error.IamException with the AWS error, as listed on this class
     */
    public VerifiedCaller<P> verify(IncomingRequest request) {
        List<QueryParam> query = Canonical.parseQuery(request.rawQuery());
        SignatureElements elements = SignatureElements.locate(request, query);
        Scope scope = Scope.parse(elements.credential(), services, regions);
        String[] signedHeaders = signedHeaderNames(elements.signedHeaders());
        long nowMillis = clock.millis();
        checkTime(elements, scope, Math.floorDiv(nowMillis, 1000L));

        if (scope.accessKeyId().isEmpty()) {
            throw Failures.invalidClientTokenId();
        }
        SigningCredential<P> credential = resolver.resolve(scope.accessKeyId(),
                        Optional.ofNullable(elements.sessionToken()).filter(token -> !token.isEmpty()))
                .orElseThrow(Failures::invalidClientTokenId);
        checkSessionToken(elements.sessionToken(), credential);

        byte[] signingKey = signingKeys.signingKey(elements.credential(), credential.keySeed(), scope.date(),
                scope.region(), scope.service());
        byte[] provided = decodeSignature(elements.signature());
        if (provided == null) {
            throw Failures.signatureMismatch();
        }
        boolean matches = matches(provided, signingKey, elements.amzDate(), scope,
                canonicalRequest(request, query, elements, signedHeaders, false));
        if (!matches && elements.presigned() && find(query, SignatureElements.Q_SECURITY_TOKEN)) {
            // the token may have been appended to a presigned URL after signing, as a header may be added unsigned
            matches = matches(provided, signingKey, elements.amzDate(), scope,
                    canonicalRequest(request, query, elements, signedHeaders, true));
        }
        if (!matches) {
            throw Failures.signatureMismatch();
        }
        if (credential.expiresAtMillis() <= nowMillis) {
            throw Failures.expiredToken();
        }
        return new VerifiedCaller<>(scope.accessKeyId(), credential.principal(), scope.region(), scope.service());
    }

    private static boolean matches(byte[] provided, byte[] signingKey, String amzDate, Scope scope,
                                   String canonicalRequest) {
        String stringToSign = SignatureElements.ALGORITHM + '\n' + amzDate + '\n' + scope.scope() + '\n'
                + HEX.formatHex(Crypto.sha256(canonicalRequest.getBytes(StandardCharsets.UTF_8)));
        return MessageDigest.isEqual(Crypto.hmacSha256(signingKey, stringToSign), provided);
    }

    private static boolean find(List<QueryParam> query, String name) {
        for (int i = 0, n = query.size(); i < n; i++) {
            if (query.get(i).name().equals(name)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The canonical request SigV4 hashes; package-private so tests can compare it with the suite's.
     *
     * @param withoutQueryToken whether to leave a presigned request's session token out of the canonical query
     */
    static String canonicalRequest(IncomingRequest request, List<QueryParam> query, SignatureElements elements,
                                   String[] signedHeaders, boolean withoutQueryToken) {
        StringBuilder out = new StringBuilder(512);
        out.append(request.method()).append('\n');
        Canonical.appendUri(out, request.rawPath());
        out.append('\n');
        Canonical.appendQuery(out, query, elements.presigned() ? SignatureElements.Q_SIGNATURE : null,
                withoutQueryToken ? SignatureElements.Q_SECURITY_TOKEN : null);
        out.append('\n');
        for (String name : signedHeaders) {
            out.append(name).append(':');
            Canonical.appendHeaderValue(out, request.lowerCaseHeader(name));
            out.append('\n');
        }
        out.append('\n').append(elements.signedHeaders()).append('\n');
        HEX.formatHex(out, Crypto.sha256(request.bodyBytes()));
        return out.toString();
    }

    private static String[] signedHeaderNames(String signedHeaders) {
        int count = 1;
        for (int i = 0; i < signedHeaders.length(); i++) {
            if (signedHeaders.charAt(i) == ';') {
                count++;
            }
        }
        String[] names = new String[count];
        boolean hostSigned = false;
        int start = 0;
        for (int n = 0; n < count; n++) {
            int end = signedHeaders.indexOf(';', start);
            if (end < 0) {
                end = signedHeaders.length();
            }
            names[n] = signedHeaders.substring(start, end);
            hostSigned |= names[n].equals("host") || names[n].equals(":authority");
            start = end + 1;
        }
        if (!hostSigned) {
            throw Failures.incomplete("'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
        }
        return names;
    }

    private static void checkTime(SignatureElements elements, Scope scope, long now) {
        String amzDate = elements.amzDate();
        long signedAt = AmzDate.parse(amzDate);
        if (signedAt == Long.MIN_VALUE) {
            throw Failures.incomplete("Date must be in ISO-8601 'basic format'. Got '" + amzDate
                    + "'. See http://en.wikipedia.org/wiki/ISO_8601");
        }
        long expires = -1;
        if (elements.expires() != null) {
            expires = parseExpires(elements.expires());
        }
        if (scope.date().length() != 8 || !amzDate.startsWith(scope.date())) {
            throw Failures.scopeDateMismatch(scope.date(), amzDate);
        }
        if (signedAt > now + MAX_SKEW_SECONDS) {
            throw Failures.signatureNotYetCurrent(amzDate, now, MAX_SKEW_SECONDS);
        }
        if (signedAt < now - MAX_SKEW_SECONDS) {
            throw Failures.signatureExpired(amzDate, now, MAX_SKEW_SECONDS);
        }
        if (expires >= 0 && signedAt + expires < now) {
            throw Failures.signatureExpired(amzDate, now, expires);
        }
    }

    private static long parseExpires(String text) {
        boolean digits = !text.isEmpty();
        for (int i = 0; i < text.length() && digits; i++) {
            digits = text.charAt(i) >= '0' && text.charAt(i) <= '9';
        }
        if (!digits) {
            throw Failures.incomplete("X-Amz-Expires should be a number");
        }
        long value = text.length() > 7 ? Long.MAX_VALUE : Long.parseLong(text);
        if (value > MAX_EXPIRES_SECONDS) {
            throw Failures.incomplete("X-Amz-Expires must be less than a week (in seconds) that is 604800");
        }
        return value;
    }

    private static void checkSessionToken(String presented, SigningCredential<?> credential) {
        byte[] expected = credential.sessionTokenBytes();
        if (expected == null) {
            if (presented != null) {
                throw Failures.invalidClientTokenId();
            }
            return;
        }
        if (presented == null || !MessageDigest.isEqual(expected, presented.getBytes(StandardCharsets.UTF_8))) {
            throw Failures.invalidClientTokenId();
        }
    }

    /** The 32 bytes a 64-digit hex signature stands for, or null when it is not one. */
    private static byte[] decodeSignature(String hex) {
        if (hex.length() != 64) {
            return null;
        }
        byte[] bytes = new byte[32];
        for (int i = 0; i < 32; i++) {
            int high = hexDigit(hex.charAt(2 * i));
            int low = hexDigit(hex.charAt(2 * i + 1));
            if ((high | low) < 0) {
                return null;
            }
            bytes[i] = (byte) (high << 4 | low);
        }
        return bytes;
    }

    private static int hexDigit(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    /**
     * Configures a {@link SigV4Verifier}. Defaults: clock {@link Clock#systemUTC()}; services {@code iam},
     * {@code sts}, {@code cloudtrail}; any syntactically valid region (lower-case letters, digits and single
     * hyphens, starting with a letter, at most 32 characters). Not thread-safe.
     */
    public static final class Builder<P> {
        private final CredentialResolver<P> resolver;
        private Clock clock = Clock.systemUTC();
        private Set<String> services = Set.of("iam", "sts", "cloudtrail");
        private Set<String> regions = Set.of();

        private Builder(CredentialResolver<P> resolver) {
            this.resolver = Objects.requireNonNull(resolver, "resolver");
        }

        /** The clock request times are checked against. */
        public Builder<P> clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** The signing names a credential scope may name; each must be a valid name as for regions. */
        public Builder<P> services(Set<String> services) {
            this.services = checkedNames("services", services);
            return this;
        }

        /** Restricts the regions a credential scope may name; each must itself be a syntactically valid region. */
        public Builder<P> regions(Set<String> regions) {
            this.regions = checkedNames("regions", regions);
            return this;
        }

        public SigV4Verifier<P> build() {
            return new SigV4Verifier<>(this);
        }

        private static Set<String> checkedNames(String setting, Set<String> names) {
            Set<String> copy = Set.copyOf(names);
            if (copy.isEmpty()) {
                throw new IllegalArgumentException(setting + " must name at least one value");
            }
            for (String name : copy) {
                if (!Scope.isValidName(name)) {
                    throw new IllegalArgumentException(setting + ": '" + name + "' is not a valid name");
                }
            }
            return copy;
        }
    }
}
