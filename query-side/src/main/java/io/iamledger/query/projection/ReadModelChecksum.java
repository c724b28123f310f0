package io.iamledger.query.projection;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * A deterministic fingerprint of the entity tables of one read-model schema ({@link ReadModelSchema#ENTITY_TABLES},
 * history included), for the {@code rebuild} command: replay the event store into a fresh schema and compare
 * with the live one.
 *
 * <p>Each row is rendered as a JSON array of its columns in name order (timestamps as epoch microseconds) and
 * hashed with SHA-256; a table's digest is the SHA-256 of its row hashes sorted bytewise, so neither physical row
 * order nor column order matters, and there are no surrogate ids to differ. The overall {@link #digest()} hashes
 * the table names, row counts and digests in the fixed table order. Bookkeeping tables (marks, Kafka offsets) are
 * left out on purpose: they describe how the rows were fed, not what they say.
 *
 * <p>{@link #compute(Connection, String, long)} fingerprints the history as it stood after a given global sequence
 * (rows opened later are left out, closes after it are read as still open), which must equal the fingerprint of a
 * schema fed only the events up to that sequence: the temporal model and a replay have to agree.
 *
 * @param digest       hex SHA-256 over all tables
 * @param tableDigests table name → hex SHA-256 of its rows, in {@link ReadModelSchema#ENTITY_TABLES} order
 * @param rowCounts    table name → number of rows hashed
 */
public record ReadModelChecksum(String digest, Map<String, String> tableDigests, Map<String, Long> rowCounts) {

    public ReadModelChecksum {
        Objects.requireNonNull(digest, "digest");
        tableDigests = Collections.unmodifiableMap(new LinkedHashMap<>(tableDigests));
        rowCounts = Collections.unmodifiableMap(new LinkedHashMap<>(rowCounts));
    }

    /**
     * The checksum of everything in the schema. All tables are read from one snapshot: in the caller's transaction
     * when auto-commit is off (make it repeatable read), else in a repeatable-read transaction of its own, so a
     * projection writing meanwhile cannot make the tables disagree.
     */
    public static ReadModelChecksum compute(Connection connection, String schema) throws SQLException {
        return compute(connection, schema, OptionalLong.empty());
    }

    /**
     * The checksum of the schema's history as it stood right after global sequence {@code upToSequence}.
     *
     * @throws IllegalArgumentException when {@code upToSequence} is negative
     */
    public static ReadModelChecksum compute(Connection connection, String schema, long upToSequence)
            throws SQLException {
        if (upToSequence < 0) {
            throw new IllegalArgumentException("upToSequence must be >= 0: " + upToSequence);
        }
        return compute(connection, schema, OptionalLong.of(upToSequence));
    }

    /** Names of the tables whose digests differ from {@code other}'s, in table order. */
    public List<String> differingTables(ReadModelChecksum other) {
        List<String> differing = new ArrayList<>();
        for (String table : ReadModelSchema.ENTITY_TABLES) {
            if (!Objects.equals(tableDigests.get(table), other.tableDigests.get(table))) {
                differing.add(table);
            }
        }
        return differing;
    }

    private static ReadModelChecksum compute(Connection connection, String schema, OptionalLong upTo)
            throws SQLException {
        if (!connection.getAutoCommit()) {
            return computeInTransaction(connection, schema, upTo);
        }
        int isolation = connection.getTransactionIsolation();
        connection.setAutoCommit(false);
        connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        boolean committed = false;
        try {
            ReadModelChecksum checksum = computeInTransaction(connection, schema, upTo);
            connection.commit();
            committed = true;
            return checksum;
        } finally {
            if (!committed) {
                connection.rollback();
            }
            connection.setTransactionIsolation(isolation);
            connection.setAutoCommit(true);
        }
    }

    private static ReadModelChecksum computeInTransaction(Connection connection, String schema, OptionalLong upTo)
            throws SQLException {
        String quoted = ReadModelSchema.quoted(schema);
        Map<String, String> digests = new LinkedHashMap<>();
        Map<String, Long> counts = new LinkedHashMap<>();
        MessageDigest overall = sha256();
        for (String table : ReadModelSchema.ENTITY_TABLES) {
            String sql = tableSql(connection, schema, quoted, table, upTo);
            try (PreparedStatement statement = connection.prepareStatement(sql);
                 ResultSet rs = statement.executeQuery()) {
                rs.next();
                long count = rs.getLong(1);
                String tableDigest = rs.getString(2);
                digests.put(table, tableDigest);
                counts.put(table, count);
                overall.update((table + ':' + count + ':' + tableDigest + '\n').getBytes(StandardCharsets.UTF_8));
            }
        }
        return new ReadModelChecksum(HexFormat.of().formatHex(overall.digest()), digests, counts);
    }

    private static String tableSql(Connection connection, String schema, String quoted, String table,
                                   OptionalLong upTo) throws SQLException {
        List<String> rendered = new ArrayList<>();
        try (PreparedStatement columns = connection.prepareStatement(
                "select column_name, data_type from information_schema.columns"
                        + " where table_schema = ? and table_name = ? order by column_name collate \"C\"")) {
            columns.setString(1, schema);
            columns.setString(2, table);
            try (ResultSet rs = columns.executeQuery()) {
                while (rs.next()) {
                    String column = rs.getString(1);
                    String value = rs.getString(2).startsWith("timestamp") ? Projector.micros(column) : column;
                    if (upTo.isPresent() && (column.equals("valid_to_seq") || column.equals("valid_to_time"))) {
                        // A close after the cut-off had not happened yet at the cut-off.
                        value = "case when valid_to_seq <= " + upTo.getAsLong() + " then " + value + " end";
                    }
                    rendered.add(value);
                }
            }
        }
        if (rendered.isEmpty()) {
            throw new IllegalStateException("no table " + schema + "." + table);
        }
        String where = upTo.isPresent() ? " where valid_from_seq <= " + upTo.getAsLong() : "";
        return "select count(*), encode(sha256(convert_to(coalesce(string_agg(h, '' order by h collate \"C\"), ''),"
                + " 'UTF8')), 'hex') from (select encode(sha256(convert_to(json_build_array("
                + String.join(", ", rendered) + ")::text, 'UTF8')), 'hex') as h from " + quoted + "." + table
                + where + ") as rows";
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
