package io.iamledger.infra.credentials;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.iamledger.events.account.PasswordPolicy;
import io.iamledger.events.codec.EventCodec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * Users' passwords, as slow salted hashes only, and the accounts' password policies as the command side enforces
 * them. bcrypt takes at most 72 bytes, and a password may have 128 Latin-1 characters (up to 256 bytes of UTF-8),
 * so it hashes the password's SHA-256 (Base64, 44 characters) rather than the password itself. Writes join the
 * caller's transaction. Thread-safe.
 */
public final class PasswordVault {
    /** bcrypt's cost: 2^10 rounds, about 60 ms of one core here, per hash and per check. */
    static final int BCRYPT_COST = 10;

    /** The events' mapper: it writes the policy as its event does. */
    private static final ObjectMapper JSON = EventCodec.newObjectMapper();

    private final JdbcTemplate jdbc;
    private final BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder(BCRYPT_COST);

    public PasswordVault(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Sets a user's password, keeping the one it replaces in the history (the newest {@code keep} of those are
     * kept, the rest forgotten).
     */
    public void setPassword(String accountId, String userId, String password, Instant at, int keep) {
        jdbc.update("insert into login_password_history (user_id, changed_at, password_hash)"
                + " select user_id, changed_at, password_hash from login_password where user_id = ?", userId);
        jdbc.update("delete from login_password_history where user_id = ? and changed_at not in (select changed_at"
                + " from login_password_history where user_id = ? order by changed_at desc limit ?)", userId, userId,
                keep);
        jdbc.update("insert into login_password (user_id, account_id, password_hash, changed_at) values (?, ?, ?, ?)"
                + " on conflict (user_id) do update set password_hash = excluded.password_hash,"
                + " changed_at = excluded.changed_at", userId, accountId, bcrypt.encode(prehash(password)),
                Timestamp.from(at));
    }

    /** Whether the user has a password (a login profile). */
    public boolean hasPassword(String userId) {
        return !jdbc.queryForList("select 1 from login_password where user_id = ?", Integer.class, userId).isEmpty();
    }

    /** When each of the account's users with a password last had it set, by user id. */
    public Map<String, Instant> changedAt(String accountId) {
        Map<String, Instant> changed = new HashMap<>();
        jdbc.query("select user_id, changed_at from login_password where account_id = ?",
                rs -> {
                    changed.put(rs.getString(1), rs.getTimestamp(2).toInstant());
                }, accountId);
        return changed;
    }

    /** Whether {@code password} is the user's current password. */
    public boolean matches(String userId, String password) {
        List<String> hashes = jdbc.queryForList("select password_hash from login_password where user_id = ?",
                String.class, userId);
        return !hashes.isEmpty() && bcrypt.matches(prehash(password), hashes.get(0));
    }

    /** Whether {@code password} is the user's current one or one of the {@code last - 1} before it. */
    public boolean reused(String userId, String password, int last) {
        List<String> hashes = jdbc.queryForList("select password_hash from (select password_hash, changed_at from"
                + " login_password where user_id = ? union all select password_hash, changed_at from"
                + " login_password_history where user_id = ?) h order by changed_at desc limit ?", String.class,
                userId, userId, last);
        String candidate = prehash(password);
        return hashes.stream().anyMatch(hash -> bcrypt.matches(candidate, hash));
    }

    public void deletePassword(String userId) {
        jdbc.update("delete from login_password where user_id = ?", userId);
        jdbc.update("delete from login_password_history where user_id = ?", userId);
    }

    /** The account's password policy, locked against a concurrent change until the transaction ends. */
    public Optional<PasswordPolicy> policy(String accountId) {
        List<String> rows = jdbc.queryForList("select policy from account_password_policy where account_id = ?"
                + " for share", String.class, accountId);
        return rows.stream().findFirst().map(PasswordVault::read);
    }

    public void storePolicy(String accountId, PasswordPolicy policy, Instant at) {
        try {
            jdbc.update("insert into account_password_policy (account_id, policy, updated_at) values (?, ?, ?)"
                    + " on conflict (account_id) do update set policy = excluded.policy,"
                    + " updated_at = excluded.updated_at", accountId, JSON.writeValueAsString(policy),
                    Timestamp.from(at));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a password policy", e);
        }
    }

    public void deletePolicy(String accountId) {
        jdbc.update("delete from account_password_policy where account_id = ?", accountId);
    }

    private static PasswordPolicy read(String json) {
        try {
            return JSON.readValue(json, PasswordPolicy.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored password policy does not parse", e);
        }
    }

    private static String prehash(String password) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(password.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
