package io.iamledger.query.projection;

import java.util.List;

/**
 * The entity tables the projector writes, described once so that inserts, closes and the in-memory view of a
 * batch are generated from the same column lists as the DDL. Every table also has the four temporal columns,
 * which are not listed here.
 */
enum Table {
    USERS("users", cols("account_id", "user_id", "user_name", "path", "arn", "create_date:t"),
            key("user_id")),
    GROUPS("groups", cols("account_id", "group_id", "group_name", "path", "arn", "create_date:t"),
            key("group_id")),
    ROLES("roles", cols("account_id", "role_id", "role_name", "path", "arn", "create_date:t",
            "assume_role_policy_document", "description", "max_session_duration:i"),
            key("role_id")),
    MANAGED_POLICIES("managed_policies", cols("account_id", "policy_id", "policy_name", "path", "arn",
            "description", "default_version_id", "create_date:t", "update_date:t"),
            key("policy_id")),
    POLICY_VERSIONS("policy_versions", cols("account_id", "policy_id", "version_id", "document", "create_date:t"),
            key("policy_id", "version_id"), key("policy_id")),
    GROUP_MEMBERSHIPS("group_memberships", cols("account_id", "user_id", "group_id"),
            key("user_id", "group_id"), key("user_id"), key("group_id")),
    POLICY_ATTACHMENTS("policy_attachments", cols("account_id", "identity_kind", "identity_id", "policy_arn"),
            key("identity_id", "policy_arn"), key("identity_id"), key("account_id", "policy_arn")),
    INLINE_POLICIES("inline_policies", cols("account_id", "identity_kind", "identity_id", "policy_name", "document"),
            key("identity_id", "policy_name"), key("identity_id")),
    PERMISSIONS_BOUNDARIES("permissions_boundaries", cols("account_id", "identity_kind", "identity_id", "boundary_arn"),
            key("identity_id")),
    // Tag keys are unique per identity case-insensitively: the key matches on lower(tag_key).
    TAGS("tags", cols("account_id", "identity_kind", "identity_id", "tag_key", "tag_value"),
            key("identity_id", "lower:tag_key"), key("identity_id")),
    ACCESS_KEYS("access_keys", cols("account_id", "owner_kind", "owner_id", "access_key_id", "status", "create_date:t"),
            key("access_key_id"), key("owner_id")),
    ROLE_SESSIONS("role_sessions", cols("account_id", "role_id", "access_key_id", "session_name", "session_arn",
            "issuer_arn", "issuer_account_id", "source_identity", "expiration:t"),
            key("access_key_id"), key("role_id")),
    MFA_DEVICES("mfa_devices", cols("account_id", "device_id", "serial_number", "create_date:t"),
            key("device_id")),
    MFA_ASSIGNMENTS("mfa_assignments", cols("account_id", "device_id", "user_id", "enable_date:t"),
            key("device_id")),
    LOGIN_PROFILES("login_profiles", cols("account_id", "user_id", "create_date:t", "reset_required:i"),
            key("user_id")),
    INSTANCE_PROFILES("instance_profiles", cols("account_id", "instance_profile_id", "instance_profile_name", "path",
            "arn", "create_date:t"), key("instance_profile_id")),
    // one role per instance profile: the profile's id identifies its current row
    INSTANCE_PROFILE_ROLES("instance_profile_roles", cols("account_id", "instance_profile_id", "role_id"),
            key("instance_profile_id")),
    // client ids and thumbprints one per line (neither may hold a control character)
    OIDC_PROVIDERS("oidc_providers", cols("account_id", "provider_id", "arn", "url", "client_ids", "thumbprints",
            "create_date:t"), key("provider_id"));

    /** The SQL type a column is bound as; times travel as epoch microseconds (exact, unlike a float). */
    enum Type { TEXT, INT, TIME }

    record Column(String name, Type type) {}

    /** One part of a match key: a column, optionally compared case-folded (ASCII, as lower() under "C"). */
    record KeyPart(int column, boolean folded) {}

    /**
     * A set of columns rows are closed by. The first key of a table identifies one current row (at most one row
     * per key value is open); the others close several rows at once when an owner goes away.
     */
    record Key(int ordinal, List<KeyPart> parts) {}

    final String tableName;
    final List<Column> columns;
    final List<Key> keys;
    private final String[][] keySpecs;

    Table(String tableName, List<Column> columns, String[]... keySpecs) {
        this.tableName = tableName;
        this.columns = columns;
        this.keySpecs = keySpecs;
        this.keys = resolveKeys();
    }

    /** The key that identifies the one current row of an entity. */
    Key identity() {
        return keys.get(0);
    }

    int column(String name) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException("no column " + name + " in " + tableName);
    }

    private List<Key> resolveKeys() {
        Key[] resolved = new Key[keySpecs.length];
        for (int k = 0; k < keySpecs.length; k++) {
            KeyPart[] parts = new KeyPart[keySpecs[k].length];
            for (int p = 0; p < parts.length; p++) {
                String spec = keySpecs[k][p];
                boolean folded = spec.startsWith("lower:");
                parts[p] = new KeyPart(column(folded ? spec.substring("lower:".length()) : spec), folded);
            }
            resolved[k] = new Key(k, List.of(parts));
        }
        return List.of(resolved);
    }

    private static List<Column> cols(String... specs) {
        Column[] columns = new Column[specs.length];
        for (int i = 0; i < specs.length; i++) {
            String spec = specs[i];
            Type type = spec.endsWith(":t") ? Type.TIME : spec.endsWith(":i") ? Type.INT : Type.TEXT;
            String name = type == Type.TEXT ? spec : spec.substring(0, spec.length() - 2);
            columns[i] = new Column(name, type);
        }
        return List.of(columns);
    }

    private static String[] key(String... columns) {
        return columns;
    }

    /** Lower-cases ASCII letters only, exactly as PostgreSQL's lower() does under the "C" collation. */
    static String fold(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                char[] chars = value.toCharArray();
                for (int j = i; j < chars.length; j++) {
                    if (chars[j] >= 'A' && chars[j] <= 'Z') {
                        chars[j] = (char) (chars[j] + ('a' - 'A'));
                    }
                }
                return new String(chars);
            }
        }
        return value;
    }
}
