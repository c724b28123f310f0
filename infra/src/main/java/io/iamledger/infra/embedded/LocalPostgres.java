package io.iamledger.infra.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server (zonky's embedded binaries, PostgreSQL 17) whose cluster lives in
 * {@code <data dir>/postgres} and survives restarts: the first start runs {@code initdb}, later starts reuse the
 * cluster as it is. It listens on 127.0.0.1 only (no Unix socket), on the configured port or on a free one.
 *
 * <p>On every start the login role and database named by {@link Builder#user(String)} and
 * {@link Builder#database(String)} (both {@code iamledger} by default) are created if missing; the role owns the
 * database and is not a superuser, as an external production database would be. Authentication is {@code trust}
 * on loopback, so {@link #password()} is empty. The caller builds its own connection pool from {@link #jdbcUrl()},
 * {@link #user()} and {@link #password()}.
 *
 * <p>Durability is kept: {@code fsync} and {@code synchronous_commit} are on (zonky turns both off by default).
 * The server log goes to {@code <data dir>/postgres/log/postgresql-<weekday>.log}, rotated daily over a week.
 * Running as root works: zonky starts the binaries in a user namespace ({@code unshare -U}).
 *
 * <p>A second {@code LocalPostgres} on the same directory, in this JVM or another process, is refused. A
 * PostgreSQL left running by a process that died without {@link #close()} (kill -9) is stopped before the next
 * start. A JVM shutdown hook closes the server on normal exits and SIGTERM, unless its owner takes that over with
 * {@link #closedByOwner()} to stop it after what still uses it.
 *
 * <p>Thread safety: instances are immutable apart from {@link #close()}, which is idempotent and may be called from
 * any thread. The builder is not thread-safe.
 */
public final class LocalPostgres implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalPostgres.class);

    /** The cluster's superuser, created by initdb; used here only to create the role and database. */
    private static final String SUPERUSER = "postgres";
    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    /** Zonky's lock file inside the cluster directory; held by the JVM that runs the cluster. */
    private static final String ZONKY_LOCK_FILE = "epg-lock";

    private final EmbeddedPostgres postgres;
    private final Path dataDirectory;
    private final int port;
    private final String database;
    private final String user;
    private final Duration shutdownTimeout;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Thread shutdownHook = new Thread(this::close, "local-postgres-stop");

    private LocalPostgres(EmbeddedPostgres postgres, Builder builder, int port) {
        this.postgres = postgres;
        this.dataDirectory = builder.clusterDirectory;
        this.port = port;
        this.database = builder.database;
        this.user = builder.user;
        this.shutdownTimeout = builder.shutdownTimeout;
        if (ZonkyShutdownHook.disarm(postgres)) {
            Runtime.getRuntime().addShutdownHook(shutdownHook);
        }
    }

    /**
     * Zonky registers a JVM shutdown hook of its own that stops PostgreSQL with a fast shutdown. JVM hooks run all
     * at once, so on SIGTERM it killed the database under a server that was still closing (relay, projection and
     * pool then logged errors and waited out their timeouts: 11-30 s to stop). Zonky has no switch for it; its hook
     * does nothing once the instance counts as closed, so that flag is set here and cleared again just before
     * {@link #close()} closes the instance for real. If zonky's field is not found, its hook stays in charge.
     */
    private static final class ZonkyShutdownHook {
        private static final Field CLOSED = closedField();

        private static Field closedField() {
            try {
                Field field = EmbeddedPostgres.class.getDeclaredField("closed");
                field.setAccessible(true);
                return field.getType() == AtomicBoolean.class ? field : null;
            } catch (ReflectiveOperationException | RuntimeException e) {
                log.debug("zonky's shutdown hook cannot be disarmed: {}", e.toString());
                return null;
            }
        }

        /** Makes zonky's hook a no-op; false when that is not possible. */
        static boolean disarm(EmbeddedPostgres postgres) {
            return set(postgres, true);
        }

        /** Lets zonky's close stop the server again. */
        static void rearm(EmbeddedPostgres postgres) {
            set(postgres, false);
        }

        private static boolean set(EmbeddedPostgres postgres, boolean closed) {
            if (CLOSED == null) {
                return false;
            }
            try {
                ((AtomicBoolean) CLOSED.get(postgres)).set(closed);
                return true;
            } catch (IllegalAccessException e) {
                return false;
            }
        }
    }

    /**
     * The caller stops this server itself, after what still uses it (as {@code LedgerServer} does, from its own
     * shutdown path): no JVM shutdown hook stops it first. Returns this server.
     */
    public LocalPostgres closedByOwner() {
        removeShutdownHook();
        return this;
    }

    private void removeShutdownHook() {
        if (Thread.currentThread() == shutdownHook) {
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down; the hook closes this server (idempotently) or already has
        }
    }

    /**
     * A builder for a server keeping its cluster in {@code dataDirectory.resolve("postgres")}.
     *
     * @param dataDirectory the server's data directory; created if missing
     */
    public static Builder builder(Path dataDirectory) {
        return new Builder(dataDirectory);
    }

    /** {@code jdbc:postgresql://127.0.0.1:<port>/<database>}, without credentials. */
    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** The login role to connect as; owner of {@link #database()}. */
    public String user() {
        return user;
    }

    /** Always empty: loopback connections are trusted. Given so callers need no special case for the embedded store. */
    public String password() {
        return "";
    }

    /** The database the application uses. */
    public String database() {
        return database;
    }

    /** The TCP port on 127.0.0.1. */
    public int port() {
        return port;
    }

    /** The cluster directory ({@code PGDATA}), {@code <data dir>/postgres}. */
    public Path dataDirectory() {
        return dataDirectory;
    }

    /**
     * Stops the server with a fast shutdown (open sessions are rolled back, a checkpoint is written) and waits until
     * the postmaster has exited, so a new instance can start on the same directory at once. Idempotent.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        removeShutdownHook();
        ZonkyShutdownHook.rearm(postgres);
        try {
            postgres.close();
        } catch (IOException e) {
            log.warn("Stopping PostgreSQL in {} failed", dataDirectory, e);
        }
        // zonky gives pg_ctl only 5 s; a checkpoint on a slow disk can take longer, and postmaster.pid is removed
        // only once the postmaster is really gone
        awaitPostmasterExit(dataDirectory, shutdownTimeout);
    }

    @Override
    public String toString() {
        return "LocalPostgres[" + jdbcUrl() + ", " + dataDirectory + "]";
    }

    /** Options for {@link LocalPostgres}; every option has a default, listed on its setter. */
    public static final class Builder {

        private final Path clusterDirectory;
        private int port;
        private String database = "iamledger";
        private String user = "iamledger";
        private Duration startupTimeout = Duration.ofMinutes(2);
        private Duration shutdownTimeout = Duration.ofMinutes(1);
        private Path binariesDirectory;
        private final Map<String, String> settings = defaultSettings();

        private Builder(Path dataDirectory) {
            Path root = Objects.requireNonNull(dataDirectory, "dataDirectory").toAbsolutePath().normalize();
            this.clusterDirectory = root.resolve("postgres");
            this.binariesDirectory = root.resolve("postgres-binaries");
        }

        /**
         * Settings tuned for a small (2-core) machine that shares memory with the JVM, without giving up durability.
         * Passed on the postmaster command line, so they win over postgresql.conf and ALTER SYSTEM.
         */
        private static Map<String, String> defaultSettings() {
            Map<String, String> s = new LinkedHashMap<>();
            s.put("listen_addresses", "127.0.0.1");
            // no Unix socket: nothing left in /tmp, and no clash between clusters that reuse a port
            s.put("unix_socket_directories", "");
            s.put("max_connections", "100");
            s.put("shared_buffers", "128MB");
            s.put("fsync", "on");
            s.put("synchronous_commit", "on");
            s.put("full_page_writes", "on");
            s.put("max_worker_processes", "4");
            s.put("max_parallel_workers", "2");
            s.put("max_parallel_workers_per_gather", "1");
            s.put("max_parallel_maintenance_workers", "1");
            // JIT compiling costs more than it saves on the short OLTP queries of an event store
            s.put("jit", "off");
            s.put("timezone", "UTC");
            s.put("logging_collector", "on");
            s.put("log_directory", "log");
            s.put("log_filename", "postgresql-%a.log");
            s.put("log_truncate_on_rotation", "on");
            s.put("log_rotation_age", "1d");
            s.put("log_rotation_size", "0");
            return s;
        }

        /** TCP port on 127.0.0.1; {@code 0} (the default) picks a free port at each start. */
        public Builder port(int port) {
            LoopbackPorts.requireValid(port, "postgres port");
            this.port = port;
            return this;
        }

        /** Database the application uses, created if missing; default {@code iamledger}. Lower-case identifier. */
        public Builder database(String database) {
            this.database = requireIdentifier(database, "postgres database");
            return this;
        }

        /** Login role owning the database, created if missing; default {@code iamledger}. Lower-case identifier. */
        public Builder user(String user) {
            this.user = requireIdentifier(user, "postgres user");
            return this;
        }

        /** How long to wait for the server to accept connections, crash recovery included; default 2 minutes. */
        public Builder startupTimeout(Duration timeout) {
            this.startupTimeout = requirePositive(timeout, "postgres startup timeout");
            return this;
        }

        /** How long {@link LocalPostgres#close()} waits for the postmaster to exit; default 1 minute. */
        public Builder shutdownTimeout(Duration timeout) {
            this.shutdownTimeout = requirePositive(timeout, "postgres shutdown timeout");
            return this;
        }

        /**
         * Where the PostgreSQL binaries are unpacked (about 60 MB, once per directory); default
         * {@code <data directory>/postgres-binaries}, not the shared {@code /tmp} cache, which may be cleaned under a
         * long-running server. Zonky remembers the first directory used in a JVM.
         */
        public Builder binariesDirectory(Path directory) {
            this.binariesDirectory = directory.toAbsolutePath().normalize();
            return this;
        }

        /**
         * Overrides one server setting ({@code postgresql.conf} name and value). Defaults: {@code listen_addresses}
         * 127.0.0.1, no Unix socket, {@code max_connections} 100, {@code shared_buffers} 128MB, {@code fsync},
         * {@code synchronous_commit} and {@code full_page_writes} on, at most 4 worker processes of which 2
         * parallel (1 per gather), {@code jit} off, {@code timezone} UTC, logging collector writing
         * {@code log/postgresql-%a.log}. Values must not contain white space or shell quotes.
         */
        public Builder setting(String name, String value) {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
            if (!name.matches("[a-z_.]+")) {
                throw new IllegalArgumentException("postgres setting name is invalid: " + name);
            }
            // zonky hands the settings to pg_ctl, which passes them through /bin/sh
            if (!value.matches("[^\\s'\"`$\\\\;&|<>()]*")) {
                throw new IllegalArgumentException("postgres setting " + name + " has an unsupported value: " + value);
            }
            if (name.equals("port") || name.equals("listen_addresses") || name.equals("unix_socket_directories")) {
                throw new IllegalArgumentException("postgres setting " + name + " is managed by LocalPostgres");
            }
            settings.put(name, value);
            return this;
        }

        /**
         * Starts the server, creating the cluster on the first start, and returns once the database accepts
         * connections.
         *
         * @throws IllegalStateException if the server does not start within the start-up timeout, the configured
         *     port is taken, or another process uses the cluster directory; the message names the directory
         */
        public LocalPostgres start() {
            long started = System.nanoTime();
            boolean fresh = !Files.exists(clusterDirectory.resolve("postgresql.conf"));
            try {
                Files.createDirectories(clusterDirectory);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create postgres data directory " + clusterDirectory, e);
            }
            stopOrphanedPostmaster(clusterDirectory, shutdownTimeout);
            if (port != 0) {
                LoopbackPorts.requireFree(port, "postgres port");
            }
            int chosenPort = port != 0 ? port : LoopbackPorts.free(1)[0];
            EmbeddedPostgres postgres = startZonky(chosenPort);
            LocalPostgres server = new LocalPostgres(postgres, this, chosenPort);
            try {
                createRoleAndDatabase(server);
            } catch (RuntimeException e) {
                server.close();
                throw e;
            }
            log.info("PostgreSQL {} at {} ({} start, {} ms)", clusterDirectory, server.jdbcUrl(),
                    fresh ? "first" : "re", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
            return server;
        }

        private EmbeddedPostgres startZonky(int chosenPort) {
            EmbeddedPostgres.Builder zonky = EmbeddedPostgres.builder()
                    .setDataDirectory(clusterDirectory)
                    .setCleanDataDirectory(false)
                    .setPort(chosenPort)
                    .setPGStartupWait(startupTimeout)
                    // the C locale exists on every machine (initdb fails on a missing OS locale) and sorts bytewise
                    .setLocaleConfig("locale", "C");
            zonky.setOverrideWorkingDirectory(binariesDirectory.toFile());
            settings.forEach(zonky::setServerConfig);
            try {
                return zonky.start();
            } catch (IOException | RuntimeException e) {
                throw new IllegalStateException("PostgreSQL did not start in " + clusterDirectory + " on port "
                        + chosenPort + "; see " + clusterDirectory.resolve("log"), e);
            }
        }

        private void createRoleAndDatabase(LocalPostgres server) {
            Properties superuser = new Properties();
            superuser.setProperty("user", SUPERUSER);
            String url = "jdbc:postgresql://127.0.0.1:" + server.port + "/postgres";
            try (Connection c = DriverManager.getConnection(url, superuser)) {
                // guards against having polled some other server that holds the port we were given
                String served = single(c, "SHOW data_directory", List.of()).orElseThrow();
                if (!Path.of(served).toRealPath().equals(clusterDirectory.toRealPath())) {
                    throw new IllegalStateException("port " + server.port + " is served by a PostgreSQL in " + served
                            + ", not " + clusterDirectory);
                }
                if (single(c, "SELECT 1 FROM pg_roles WHERE rolname = ?", List.of(user)).isEmpty()) {
                    execute(c, "CREATE ROLE " + user + " LOGIN");
                }
                if (single(c, "SELECT 1 FROM pg_database WHERE datname = ?", List.of(database)).isEmpty()) {
                    execute(c, "CREATE DATABASE " + database + " OWNER " + user);
                }
            } catch (SQLException | IOException e) {
                throw new IllegalStateException("cannot create role " + user + " and database " + database
                        + " in PostgreSQL " + clusterDirectory, e);
            }
        }

        private static Optional<String> single(Connection c, String sql, List<String> parameters) throws SQLException {
            try (PreparedStatement statement = c.prepareStatement(sql)) {
                for (int i = 0; i < parameters.size(); i++) {
                    statement.setString(i + 1, parameters.get(i));
                }
                try (ResultSet rows = statement.executeQuery()) {
                    return rows.next() ? Optional.of(rows.getString(1)) : Optional.empty();
                }
            }
        }

        private static void execute(Connection c, String ddl) throws SQLException {
            try (Statement statement = c.createStatement()) {
                statement.execute(ddl);
            }
        }

        private static String requireIdentifier(String value, String setting) {
            Objects.requireNonNull(value, setting);
            if (!IDENTIFIER.matcher(value).matches()) {
                throw new IllegalArgumentException(setting + " must be a lower-case SQL identifier, was " + value);
            }
            return value;
        }
    }

    static Duration requirePositive(Duration timeout, String setting) {
        Objects.requireNonNull(timeout, setting);
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException(setting + " must be positive, was " + timeout);
        }
        return timeout;
    }

    /**
     * A postmaster whose JVM died (kill -9, crash) keeps running and holds the cluster, so the next start would
     * fail. Zonky's lock file tells an orphan from a cluster that a live JVM still uses: only if we can take the lock
     * is the postmaster stopped (SIGTERM, a smart shutdown; its clients died with their JVM).
     */
    private static void stopOrphanedPostmaster(Path cluster, Duration timeout) {
        Path pidFile = cluster.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        // released at once: zonky takes the same lock again when it starts the cluster
        DirectoryLock lock = DirectoryLock.acquire(cluster.resolve(ZONKY_LOCK_FILE), "PostgreSQL data directory");
        try {
            Optional<ProcessHandle> postmaster = postmaster(pidFile);
            if (postmaster.isPresent()) {
                log.warn("Stopping PostgreSQL (pid {}) left running in {}", postmaster.get().pid(), cluster);
                postmaster.get().destroy();
                postmaster.get().onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot inspect " + pidFile, e);
        } catch (TimeoutException | ExecutionException e) {
            throw new IllegalStateException("PostgreSQL left running in " + cluster + " did not stop in " + timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stopping PostgreSQL left running in " + cluster, e);
        } finally {
            lock.close();
        }
    }

    /** The live postmaster named in postmaster.pid; a stale file (process gone, pid reused) yields empty. */
    private static Optional<ProcessHandle> postmaster(Path pidFile) throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(pidFile);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        if (lines.isEmpty() || !lines.get(0).strip().matches("\\d+")) {
            return Optional.empty();
        }
        return ProcessHandle.of(Long.parseLong(lines.get(0).strip()))
                .filter(ProcessHandle::isAlive)
                .filter(p -> p.info().command().map(c -> c.endsWith("/postgres")).orElse(false));
    }

    private static void awaitPostmasterExit(Path cluster, Duration timeout) {
        Path pidFile = cluster.resolve("postmaster.pid");
        try {
            Optional<ProcessHandle> postmaster = Files.exists(pidFile) ? postmaster(pidFile) : Optional.empty();
            if (postmaster.isPresent()) {
                postmaster.get().onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (IOException e) {
            log.warn("cannot read {}", pidFile, e);
        } catch (TimeoutException | ExecutionException e) {
            log.warn("PostgreSQL in {} still running {} after stop was requested", cluster, timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
