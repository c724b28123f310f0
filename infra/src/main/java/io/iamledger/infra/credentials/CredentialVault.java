package io.iamledger.infra.credentials;

import io.iamledger.events.identity.AccessKeyStatus;
import io.iamledger.events.identity.IdentityKind;
import io.iamledger.events.identity.IdentityRef;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The sealed secrets of access keys, in table {@code credential}. Writes join the caller's transaction, so a
 * key's secret exists exactly when the event that created it was committed. Lookups are cached; this server's
 * own writes invalidate the cache, and entries expire after {@link #CACHE_TTL_MS} so that changes made through
 * another server instance are seen soon. Thread-safe.
 */
public final class CredentialVault {
    static final long CACHE_TTL_MS = 2_000;

    private record Cached(Optional<StoredCredential> credential, long loadedAtMillis) {}

    private final JdbcTemplate jdbc;
    private final SecretSealer sealer;
    private final ConcurrentHashMap<String, Cached> cache = new ConcurrentHashMap<>();

    public CredentialVault(JdbcTemplate jdbc, SecretSealer sealer) {
        this.jdbc = jdbc;
        this.sealer = sealer;
    }

    public SecretSealer sealer() {
        return sealer;
    }

    public void store(String accountId, IdentityRef owner, String accessKeyId, String secret, Instant createdAt) {
        jdbc.update("insert into credential (access_key_id, account_id, owner_kind, owner_id, owner_name, status, "
                        + "sealed_secret, created_at) values (?, ?, ?, ?, ?, ?, ?, ?)",
                accessKeyId, accountId, owner.kind().name(), owner.id(), owner.name(), AccessKeyStatus.Active.name(),
                sealer.seal(accessKeyId, secret), Timestamp.from(createdAt));
        cache.remove(accessKeyId);
    }

    public void updateStatus(String accessKeyId, AccessKeyStatus status) {
        jdbc.update("update credential set status = ? where access_key_id = ?", status.name(), accessKeyId);
        cache.remove(accessKeyId);
    }

    /** Keeps the owner's name current after UpdateUser renamed the user. */
    public void renameOwner(String ownerId, String newName) {
        List<String> keys = jdbc.queryForList("update credential set owner_name = ? where owner_id = ? "
                + "returning access_key_id", String.class, newName, ownerId);
        keys.forEach(cache::remove);
    }

    public void delete(String accessKeyId) {
        jdbc.update("delete from credential where access_key_id = ?", accessKeyId);
        jdbc.update("delete from access_key_last_used where access_key_id = ?", accessKeyId);
        cache.remove(accessKeyId);
    }

    /** The credential for an access key id, unsealed; empty when unknown. */
    public Optional<StoredCredential> find(String accessKeyId) {
        long now = System.currentTimeMillis();
        Cached cached = cache.get(accessKeyId);
        if (cached != null && now - cached.loadedAtMillis() < CACHE_TTL_MS) {
            return cached.credential();
        }
        Optional<StoredCredential> loaded = load(accessKeyId);
        cache.put(accessKeyId, new Cached(loaded, now));
        return loaded;
    }

    private Optional<StoredCredential> load(String accessKeyId) {
        List<StoredCredential> rows = jdbc.query("select account_id, owner_kind, owner_id, owner_name, status, "
                        + "sealed_secret from credential where access_key_id = ?",
                (rs, i) -> new StoredCredential(accessKeyId, rs.getString(1),
                        new IdentityRef(IdentityKind.valueOf(rs.getString(2)), rs.getString(3), rs.getString(4)),
                        AccessKeyStatus.valueOf(rs.getString(5)),
                        sealer.unseal(accessKeyId, rs.getBytes(6))),
                accessKeyId);
        return rows.stream().findFirst();
    }
}
