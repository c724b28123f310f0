package io.iamledger.query.projection;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** Test helper: runs a query and renders each row as its columns joined with '|' ({@code null} for SQL null). */
public final class Sql {
    private Sql() {}

    public static List<String> rows(DataSource dataSource, String sql) {
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(sql)) {
            List<String> rows = new ArrayList<>();
            int width = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= width; i++) {
                    row.append(i > 1 ? "|" : "").append(rs.getString(i));
                }
                rows.add(row.toString());
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    public static void execute(DataSource dataSource, String sql) {
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    public static ReadModelChecksum checksum(DataSource dataSource, String schema) {
        try (Connection connection = dataSource.getConnection()) {
            return ReadModelChecksum.compute(connection, schema);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public static ReadModelChecksum checksum(DataSource dataSource, String schema, long upToSequence) {
        try (Connection connection = dataSource.getConnection()) {
            return ReadModelChecksum.compute(connection, schema, upToSequence);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
