package io.iamledger.query.readmodel;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * One read of the read model in a repeatable-read, read-only transaction, so that an answer assembled from several
 * queries never mixes two states. Every read-model class reads through it.
 */
final class Snapshot {

    @FunctionalInterface
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private Snapshot() {}

    /** @throws ReadModelException on a database failure, naming the schema */
    static <T> T read(DataSource dataSource, String schema, Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("set transaction isolation level repeatable read, read only");
                }
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                try {
                    connection.rollback();
                } catch (SQLException rollbackFailure) {
                    e.addSuppressed(rollbackFailure);
                }
                throw e;
            }
        } catch (SQLException e) {
            throw new ReadModelException("reading the read model in schema " + schema + " failed", e);
        }
    }
}
