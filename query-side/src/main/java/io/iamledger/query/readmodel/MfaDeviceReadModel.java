package io.iamledger.query.readmodel;

import io.iamledger.events.error.IamException;
import io.iamledger.events.identity.Tag;
import io.iamledger.query.projection.ReadModelSchema;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Answers the MFA device listings ({@code ListMFADevices}, {@code ListVirtualMFADevices}, {@code GetMFADevice})
 * from the temporal read model of one schema, as things are now. Devices list by serial number
 * case-insensitively; users are shown under their current names. Immutable and thread-safe.
 */
public final class MfaDeviceReadModel {
    /** Which devices {@code ListVirtualMFADevices} lists. */
    public enum AssignmentStatus { Assigned, Unassigned, Any }

    private static final String DEVICE_COLUMNS = "d.device_id, d.serial_number, d.create_date, u.user_id,"
            + " u.user_name, u.path, u.arn, u.create_date as user_create_date, a.enable_date";

    private final DataSource dataSource;
    private final String schema;
    private final String s;
    private final Query.Moment moment = new Query.Current();

    private MfaDeviceReadModel(DataSource dataSource, String schema) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.schema = ReadModelSchema.checkName(schema);
        this.s = ReadModelSchema.quoted(schema);
    }

    /** @throws IllegalArgumentException when the schema name is not valid */
    public static MfaDeviceReadModel create(DataSource dataSource, String schema) {
        return new MfaDeviceReadModel(dataSource, schema);
    }

    /** {@code ListVirtualMFADevices}: the account's virtual devices with the given assignment status. */
    public Page<VirtualMfaDevice> listVirtualMfaDevices(String accountId, AssignmentStatus status, PageRequest page) {
        return Snapshot.read(dataSource, schema, c -> {
            Query q = devices(accountId);
            if (status == AssignmentStatus.Assigned) {
                q.sql(" and a.device_id is not null");
            } else if (status == AssignmentStatus.Unassigned) {
                q.sql(" and a.device_id is null");
            }
            Page<Row> rows = page(c, q, page);
            Map<String, List<Tag>> tags = tags(c, rows.items());
            return rows.map(row -> row.device(tags.getOrDefault(row.deviceId, List.of())));
        });
    }

    /**
     * {@code ListMFADevices}: the devices enabled for a user.
     *
     * @throws IamException NoSuchEntity for the user
     */
    public Page<VirtualMfaDevice> listMfaDevices(String accountId, String userName, PageRequest page) {
        return Snapshot.read(dataSource, schema, c -> {
            requireUser(c, accountId, userName);
            Query q = devices(accountId).sql(" and lower(u.user_name) = lower(").textC(userName).sql(")");
            return page(c, q, page).map(row -> row.device(List.of()));
        });
    }

    /**
     * {@code GetMFADevice}: one device by serial number, if it is enabled for a user.
     *
     * @throws IamException NoSuchEntity when no device of the account has that serial number, or it is not enabled
     *                      (for {@code userName}, when given)
     */
    public VirtualMfaDevice getMfaDevice(String accountId, String serialNumber, Optional<String> userName) {
        return Snapshot.read(dataSource, schema, c -> {
            List<Row> rows = devices(accountId).sql(" and lower(d.serial_number) = lower(").param(serialNumber)
                    .sql(") and a.device_id is not null").list(c, Row::of);
            Optional<Row> found = rows.stream()
                    .filter(row -> userName.isEmpty() || row.userName.equalsIgnoreCase(userName.get()))
                    .findFirst();
            return found.orElseThrow(() -> IamException.noSuchEntity("MFA Device with serial number "
                    + serialNumber + " does not exist" + userName.map(name -> " for user " + name).orElse("")
                    + ".")).device(List.of());
        });
    }

    private Query devices(String accountId) {
        return new Query(moment).sql("select " + DEVICE_COLUMNS + " from " + s + ".mfa_devices d left join " + s
                        + ".mfa_assignments a on a.device_id = d.device_id and ").live("a")
                .sql(" left join " + s + ".users u on u.user_id = a.user_id and ").live("u")
                .sql(" where d.account_id = ").param(accountId).sql(" and ").live("d");
    }

    private static Page<Row> page(Connection c, Query q, PageRequest page) throws SQLException {
        List<Row> rows = q.list(c, Row::of);
        rows.sort((a, b) -> a.key().compareTo(b.key()));
        return Paging.page(rows, Row::key, page);
    }

    private void requireUser(Connection c, String accountId, String userName) throws SQLException {
        boolean exists = !new Query(moment).sql("select 1 from " + s + ".users u where u.account_id = ")
                .param(accountId).sql(" and lower(u.user_name) = lower(").textC(userName).sql(") and ").live("u")
                .list(c, rs -> 1).isEmpty();
        if (!exists) {
            throw IamException.noSuchEntity("The user with name " + userName + " cannot be found.");
        }
    }

    private Map<String, List<Tag>> tags(Connection c, List<Row> rows) throws SQLException {
        Map<String, List<Tag>> tags = new HashMap<>();
        if (rows.isEmpty()) {
            return tags;
        }
        List<String> ids = rows.stream().map(row -> row.deviceId).toList();
        new Query(moment).sql("select t.identity_id, t.tag_key, t.tag_value from " + s + ".tags t where"
                        + " t.identity_id = any(").texts(ids).sql(") and ").live("t")
                .sql(" order by lower(t.tag_key), t.tag_key")
                .list(c, rs -> tags.computeIfAbsent(rs.getString(1), id -> new ArrayList<>())
                        .add(new Tag(rs.getString(2), rs.getString(3))));
        return tags;
    }

    private record Row(String deviceId, String serialNumber, java.time.Instant createDate,
                       Optional<VirtualMfaDevice.Assignment> assignment, String userName) {
        static Row of(ResultSet rs) throws SQLException {
            Optional<VirtualMfaDevice.Assignment> assignment = rs.getString("user_id") == null ? Optional.empty()
                    : Optional.of(new VirtualMfaDevice.Assignment(rs.getString("user_id"), rs.getString("user_name"),
                            rs.getString("path"), rs.getString("arn"), Query.instant(rs, "user_create_date"),
                            Query.instant(rs, "enable_date")));
            return new Row(rs.getString("device_id"), rs.getString("serial_number"), Query.instant(rs, "create_date"),
                    assignment, rs.getString("user_name"));
        }

        String key() {
            return Paging.nameKey(serialNumber, deviceId);
        }

        VirtualMfaDevice device(List<Tag> tags) {
            return new VirtualMfaDevice(serialNumber, createDate, assignment, tags);
        }
    }
}
