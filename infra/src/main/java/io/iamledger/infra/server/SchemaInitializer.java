package io.iamledger.infra.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * Applies the idempotent schema scripts at start: the event store, the command side's lookup tables and the
 * credential table. Scripts are classpath resources executed as one statement batch each, under an advisory lock
 * so that two servers starting together do not race.
 */
final class SchemaInitializer {
    private static final long SCHEMA_LOCK_KEY = 0x1A4D_1ED6_E500_0002L;

    private SchemaInitializer() {}

    static void apply(DataSource dataSource, String... resources) {
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.execute("select pg_advisory_xact_lock(" + SCHEMA_LOCK_KEY + ")");
                for (String resource : resources) {
                    statement.execute(read(resource));
                }
                connection.commit();
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot apply the database schema: " + e.getMessage(), e);
        }
    }

    static String read(String resource) {
        try (InputStream in = SchemaInitializer.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("schema resource missing: " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
