package io.iamledger.query.projection;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * One real PostgreSQL per test JVM (starting one takes seconds and the machine has two cores), and a fresh
 * read-model schema per test. The server stops with the JVM. Thread-safe.
 */
public final class TestDatabase {
    private static final AtomicInteger SCHEMAS = new AtomicInteger();
    private static EmbeddedPostgres postgres;
    private static HikariDataSource pool;

    private TestDatabase() {}

    public static synchronized DataSource dataSource() {
        if (postgres == null) {
            try {
                postgres = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start embedded PostgreSQL", e);
            }
            // pooled, as the server's is: opening a connection (a new server process) costs more than most reads
            HikariConfig config = new HikariConfig();
            config.setDataSource(postgres.getPostgresDatabase());
            config.setMaximumPoolSize(4);
            pool = new HikariDataSource(config);
        }
        return pool;
    }

    /** A new schema with the read-model tables, named after the test for easier debugging. */
    public static String freshSchema(String hint) {
        String name = "t" + SCHEMAS.incrementAndGet() + "_" + hint.toLowerCase().replaceAll("[^a-z0-9_]", "_");
        if (name.length() > 60) {
            name = name.substring(0, 60);
        }
        try (Connection connection = dataSource().getConnection()) {
            ReadModelSchema.create(connection, name);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return name;
    }
}
