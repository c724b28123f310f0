package io.iamledger.query.projection;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Creates and names the read-model tables of one PostgreSQL schema. The DDL is the versioned resource
 * {@code io/iamledger/query/projection/V1__read_model.sql}; the schema records the version it is at in
 * {@code read_model_version}, and {@link #create} applies what is missing, so it is safe to call on every start.
 *
 * <p>Schema names are restricted to {@code [a-z_][a-z0-9_]{0,62}} because they are spliced into SQL text
 * (identifiers cannot be bound as parameters); they are always double-quoted as well. Stateless and thread-safe.
 */
public final class ReadModelSchema {

    /** The schema version this code reads and writes. */
    public static final int VERSION = 7;

    /**
     * The read-model tables whose rows are entity versions, in a fixed order (the checksum walks them in it).
     * Excludes the bookkeeping tables {@code read_model_version}, {@code projection_state} and
     * {@code consumer_offsets}, which legitimately differ between a live schema and a rebuilt one.
     */
    public static final List<String> ENTITY_TABLES = List.of(
            "users", "groups", "roles", "managed_policies", "policy_versions", "group_memberships",
            "policy_attachments", "inline_policies", "permissions_boundaries", "tags", "access_keys", "role_sessions",
            "mfa_devices", "mfa_assignments", "login_profiles", "instance_profiles", "instance_profile_roles",
            "oidc_providers");

    private static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    private static final List<String> MIGRATIONS = List.of("V1__read_model.sql", "V2__role_sessions.sql",
            "V3__authorization_position.sql", "V4__mfa_devices.sql",
            "V5__login_profiles.sql", "V6__instance_profiles.sql", "V7__oidc_providers.sql");

    private ReadModelSchema() {}

    /**
     * Checks that a schema name is one this module accepts.
     *
     * @return the name, unchanged
     * @throws IllegalArgumentException naming the value when it does not match {@code [a-z_][a-z0-9_]{0,62}}
     */
    public static String checkName(String schema) {
        if (schema == null || !NAME.matcher(schema).matches()) {
            throw new IllegalArgumentException("schema name must match [a-z_][a-z0-9_]{0,62}: '" + schema + "'");
        }
        return schema;
    }

    /** The schema name as it appears in SQL text: checked, then double-quoted. */
    public static String quoted(String schema) {
        return '"' + checkName(schema) + '"';
    }

    /**
     * Creates the schema if needed and brings its tables to {@link #VERSION}. Runs in the caller's transaction
     * when auto-commit is off (DDL is transactional in PostgreSQL), so a failed migration leaves nothing behind.
     *
     * @throws IllegalStateException when the schema is at a newer version than this code knows
     */
    public static void create(Connection connection, String schema) throws SQLException {
        String quoted = quoted(schema);
        try (Statement statement = connection.createStatement()) {
            statement.execute("create schema if not exists " + quoted);
            int current = currentVersion(statement, quoted);
            if (current > VERSION) {
                throw new IllegalStateException("schema " + schema + " is at read-model version " + current
                        + ", newer than this code's " + VERSION);
            }
            for (int version = current + 1; version <= VERSION; version++) {
                statement.execute(script(MIGRATIONS.get(version - 1)).replace("{schema}", quoted));
            }
        }
    }

    /** Drops the schema and everything in it (a rebuild's scratch schema, a test's). */
    public static void drop(Connection connection, String schema) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("drop schema if exists " + quoted(schema) + " cascade");
        }
    }

    private static int currentVersion(Statement statement, String quoted) throws SQLException {
        try (ResultSet exists = statement.executeQuery(
                "select to_regclass('" + quoted + ".read_model_version') is not null")) {
            exists.next();
            if (!exists.getBoolean(1)) {
                return 0;
            }
        }
        try (ResultSet version = statement.executeQuery("select max(version) from " + quoted + ".read_model_version")) {
            version.next();
            return version.getInt(1);
        }
    }

    private static String script(String name) {
        try (InputStream in = ReadModelSchema.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name + " next to " + ReadModelSchema.class.getName());
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
