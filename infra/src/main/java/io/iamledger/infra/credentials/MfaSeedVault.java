package io.iamledger.infra.credentials;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The seeds of virtual MFA devices, sealed under the key-encryption key (bound to the device id) and never in the
 * log, with what checking a code needs: the user the device is enabled for, the drift ResyncMFADevice measured, and
 * the last time step whose code was accepted. A code is accepted once: a replayed code, or one older than the last
 * accepted, is refused. Writes join the caller's transaction. Thread-safe.
 */
public final class MfaSeedVault {
    /** A session code may come from the step before or after the server's (clock skew, typing time). */
    static final int SESSION_WINDOW_STEPS = 1;
    /** EnableMFADevice: the second of two consecutive codes within a minute and a half of the server's step. */
    static final int ENABLE_WINDOW_STEPS = 3;
    /** ResyncMFADevice: a device whose clock drifted up to ten minutes either way. */
    static final int RESYNC_WINDOW_STEPS = 20;

    /** A device's seed and state, unsealed. */
    public record Device(String deviceId, String accountId, String serialNumber, byte[] seed,
                         Optional<String> userId, long lastAcceptedStep, int driftSteps) {}

    private final JdbcTemplate jdbc;
    private final SecretSealer sealer;

    public MfaSeedVault(JdbcTemplate jdbc, SecretSealer sealer) {
        this.jdbc = jdbc;
        this.sealer = sealer;
    }

    /** @param base32Seed the seed as the device was given it */
    public void store(String deviceId, String accountId, String serialNumber, String base32Seed, Instant createdAt) {
        jdbc.update("insert into mfa_seed (device_id, account_id, serial_number, sealed_seed, created_at)"
                + " values (?, ?, ?, ?, ?)", deviceId, accountId, serialNumber, sealer.seal(deviceId, base32Seed),
                Timestamp.from(createdAt));
    }

    /** The device, locked until the transaction ends (EnableMFADevice, ResyncMFADevice). */
    public Optional<Device> lock(String deviceId) {
        return first(jdbc.query(SELECT + " where device_id = ? for update", this::device, deviceId));
    }

    /** The device of the account with this serial number (case-insensitively), if it is enabled for the user. */
    public Optional<Device> enabledFor(String accountId, String userId, String serialNumber) {
        return first(jdbc.query(SELECT + " where account_id = ? and lower(serial_number) = lower(?) and user_id = ?",
                this::device, accountId, serialNumber, userId));
    }

    /**
     * Checks two consecutive codes against the device and, when they match, accepts them.
     *
     * @param resync whether the device's clock may have drifted (ResyncMFADevice), which widens the search and
     *               records the drift found
     * @return whether the codes matched
     */
    public boolean acceptConsecutive(Device device, String first, String second, Instant now, boolean resync) {
        long expected = Totp.step(now) + (resync ? 0 : device.driftSteps());
        int window = resync ? RESYNC_WINDOW_STEPS : ENABLE_WINDOW_STEPS;
        OptionalLong step = Totp.findConsecutive(device.seed(), first, second,
                Math.max(expected - window - 1, device.lastAcceptedStep()), expected + window - 1);
        if (step.isEmpty() || step.getAsLong() <= device.lastAcceptedStep()) {
            return false;
        }
        long accepted = step.getAsLong() + 1;
        int drift = resync ? (int) (accepted - Totp.step(now)) : device.driftSteps();
        jdbc.update("update mfa_seed set last_accepted_step = ?, drift_steps = ? where device_id = ?",
                accepted, drift, device.deviceId());
        return true;
    }

    /**
     * Checks a session code (GetSessionToken, AssumeRole with {@code TokenCode}) and accepts it at most once, even
     * when two requests present it at the same moment.
     */
    public boolean acceptCode(Device device, String code, Instant now) {
        long expected = Totp.step(now) + device.driftSteps();
        OptionalLong step = Totp.find(device.seed(), code, expected - SESSION_WINDOW_STEPS,
                expected + SESSION_WINDOW_STEPS);
        if (step.isEmpty()) {
            return false;
        }
        return jdbc.update("update mfa_seed set last_accepted_step = ? where device_id = ? and last_accepted_step < ?",
                step.getAsLong(), device.deviceId(), step.getAsLong()) == 1;
    }

    public void enable(String deviceId, String userId) {
        jdbc.update("update mfa_seed set user_id = ? where device_id = ?", userId, deviceId);
    }

    public void deactivate(String deviceId) {
        jdbc.update("update mfa_seed set user_id = null where device_id = ?", deviceId);
    }

    public void delete(String deviceId) {
        jdbc.update("delete from mfa_seed where device_id = ?", deviceId);
    }

    private static final String SELECT = "select device_id, account_id, serial_number, sealed_seed, user_id,"
            + " last_accepted_step, drift_steps from mfa_seed";

    private Device device(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        String deviceId = rs.getString(1);
        return new Device(deviceId, rs.getString(2), rs.getString(3),
                Totp.fromBase32(sealer.unseal(deviceId, rs.getBytes(4))), Optional.ofNullable(rs.getString(5)),
                rs.getLong(6), rs.getInt(7));
    }

    private static <T> Optional<T> first(List<T> rows) {
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }
}
