package io.iamledger.infra.sigv4;

import java.security.MessageDigest;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Derived SigV4 signing keys, so that a busy key costs one HMAC per request instead of five. An entry is keyed by
 * the request's whole credential string ({@code AKID/date/region/service/aws4_request}) and remembers the secret it
 * was derived from: a key id whose secret changed is derived afresh, never served a stale key. Bounded; when full
 * it is emptied at once, which costs only re-derivation. Thread-safe.
 */
final class SigningKeyCache {
    private record Entry(byte[] keySeed, byte[] signingKey) {}

    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
    private final int maxEntries;

    SigningKeyCache(int maxEntries) {
        this.maxEntries = maxEntries;
    }

    /** @param keySeed the bytes of {@code "AWS4" + secret} */
    byte[] signingKey(String credential, byte[] keySeed, String date, String region, String service) {
        Entry entry = entries.get(credential);
        if (entry != null && (entry.keySeed == keySeed || MessageDigest.isEqual(entry.keySeed, keySeed))) {
            return entry.signingKey;
        }
        byte[] key = derive(keySeed, date, region, service);
        if (entries.size() >= maxEntries) {
            entries.clear();
        }
        entries.put(credential, new Entry(keySeed, key));
        return key;
    }

    static byte[] derive(byte[] keySeed, String date, String region, String service) {
        byte[] key = Crypto.hmacSha256(keySeed, date);
        key = Crypto.hmacSha256(key, region);
        key = Crypto.hmacSha256(key, service);
        return Crypto.hmacSha256(key, "aws4_request");
    }

    int size() {
        return entries.size();
    }
}
