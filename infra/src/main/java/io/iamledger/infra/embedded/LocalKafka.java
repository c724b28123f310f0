package io.iamledger.infra.embedded;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An in-process, single-node Kafka broker in KRaft combined mode ({@code process.roles=broker,controller}) whose
 * log directory is {@code <data dir>/kafka}. The directory is formatted on the first start only; the cluster id is
 * kept in its {@code meta.properties}, so topics, records and committed offsets survive restarts.
 *
 * <p>Clients connect through a PLAINTEXT listener on 127.0.0.1 ({@link #bootstrapServers()}); the controller
 * listens on a second loopback port. Either port is configured or, by default, a free one is picked at each start
 * (the controller quorum is static, so a port may change between restarts). {@link Builder#start()} returns once
 * the broker is unfenced and answers the Admin API.
 *
 * <p>Defaults suit one node on a small machine: replication factor 1 everywhere (offsets, transactions,
 * {@code min.insync.replicas}), no automatic topic creation, no rebalance delay, retention unlimited (consumers
 * and new server instances may read {@code iam.events} from the beginning), few threads. Kafka does not fsync each
 * record: a record acknowledged with {@code acks=all} survives a crash of this process but not necessarily a
 * power loss before the OS writes it back; PostgreSQL, the source of truth, is durable.
 *
 * <p>Kafka logs through SLF4J under the categories {@code kafka}, {@code org.apache.kafka} and
 * {@code state.change.logger}; set them to WARN to keep start-up quiet. A fatal storage error makes the broker
 * halt the JVM, as a standalone broker would.
 *
 * <p>Thread safety: {@link #ensureTopics(Map)} and the accessors may be called from any thread; {@link #close()}
 * is idempotent. The builder is not thread-safe.
 */
public final class LocalKafka implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalKafka.class);

    private static final int NODE_ID = 1;
    private static final String META_PROPERTIES = "meta.properties";
    /** Our own lock, beside Kafka's {@code .lock}; Kafka ignores plain files in a log directory. */
    private static final String LOCK_FILE = "iamledger-embedded.lock";
    private static final Duration ADMIN_TIMEOUT = Duration.ofMinutes(1);
    /** Settings that define the node's identity, listeners and storage; overriding them would break restarts. */
    private static final Set<String> MANAGED = Set.of("process.roles", "node.id", "controller.quorum.voters",
            "controller.quorum.bootstrap.servers", "listeners", "advertised.listeners",
            "listener.security.protocol.map", "controller.listener.names", "inter.broker.listener.name",
            "log.dirs", "log.dir", "metadata.log.dir");

    private final DirectoryLock lock;
    private final KafkaRaftServer server;
    private final Admin admin;
    private final Path logDirectory;
    private final String clusterId;
    private final int port;
    private final int controllerPort;
    private final AtomicBoolean closed = new AtomicBoolean();

    private LocalKafka(DirectoryLock lock, KafkaRaftServer server, Admin admin, Path logDirectory, String clusterId,
                       int port, int controllerPort) {
        this.lock = lock;
        this.server = server;
        this.admin = admin;
        this.logDirectory = logDirectory;
        this.clusterId = clusterId;
        this.port = port;
        this.controllerPort = controllerPort;
    }

    /**
     * A builder for a broker keeping its log in {@code dataDirectory.resolve("kafka")}.
     *
     * @param dataDirectory the server's data directory; created if missing
     */
    public static Builder builder(Path dataDirectory) {
        return new Builder(dataDirectory);
    }

    /** {@code 127.0.0.1:<port>}, for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** The client (PLAINTEXT) port on 127.0.0.1. */
    public int port() {
        return port;
    }

    /** The KRaft controller port on 127.0.0.1; clients never use it. */
    public int controllerPort() {
        return controllerPort;
    }

    /** The cluster id written by the first start; the same after every restart on this directory. */
    public String clusterId() {
        return clusterId;
    }

    /** The log directory, {@code <data dir>/kafka}. */
    public Path logDirectory() {
        return logDirectory;
    }

    /**
     * Creates the topics that do not exist yet, with the given partition counts and replication factor 1, and waits
     * until every partition has a leader. Topics that exist are left alone, whatever their partition count (a
     * different count is logged): adding partitions would move keys, and so accounts, to other partitions and
     * break the per-account order of events. Idempotent, and safe against concurrent creation of the same topic.
     *
     * @param partitions topic name to partition count (at least 1)
     * @throws IllegalStateException if the broker does not answer within a minute, or after {@link #close()}
     */
    public void ensureTopics(Map<String, Integer> partitions) {
        Objects.requireNonNull(partitions, "partitions");
        partitions.forEach((topic, count) -> {
            if (topic == null || topic.isBlank()) {
                throw new IllegalArgumentException("topic name must not be blank");
            }
            if (count == null || count < 1) {
                throw new IllegalArgumentException("partition count of topic " + topic + " must be at least 1, was "
                        + count);
            }
        });
        if (closed.get()) {
            throw new IllegalStateException("Kafka broker in " + logDirectory + " is closed");
        }
        if (partitions.isEmpty()) {
            return;
        }
        Set<String> existing = await(admin.listTopics().names(), "list topics");
        List<NewTopic> missing = new ArrayList<>();
        partitions.forEach((topic, count) -> {
            if (!existing.contains(topic)) {
                missing.add(new NewTopic(topic, count, (short) 1));
            }
        });
        admin.createTopics(missing).values().forEach((topic, created) -> {
            try {
                await(created, "create topic " + topic);
            } catch (IllegalStateException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
        });
        awaitLeaders(partitions);
    }

    /**
     * Shuts the broker down (controlled shutdown, then the controller) and waits until all its threads have stopped
     * and the log directory is unlocked. Idempotent.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        admin.close(Duration.ofSeconds(10));
        shutdown(server);
        lock.close();
        log.info("Kafka broker in {} stopped", logDirectory);
    }

    @Override
    public String toString() {
        return "LocalKafka[" + bootstrapServers() + ", " + logDirectory + "]";
    }

    private void awaitLeaders(Map<String, Integer> partitions) {
        long deadline = System.nanoTime() + ADMIN_TIMEOUT.toNanos();
        while (true) {
            Map<String, TopicDescription> topics =
                    await(admin.describeTopics(partitions.keySet()).allTopicNames(), "describe topics");
            boolean led = topics.values().stream()
                    .flatMap(topic -> topic.partitions().stream())
                    .map(TopicPartitionInfo::leader)
                    .allMatch(leader -> leader != null && !leader.isEmpty());
            if (led) {
                topics.forEach((name, topic) -> {
                    int wanted = partitions.get(name);
                    if (topic.partitions().size() != wanted) {
                        log.warn("Topic {} has {} partitions, not the {} configured; left unchanged", name,
                                topic.partitions().size(), wanted);
                    }
                });
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("partitions of " + partitions.keySet() + " have no leader after "
                        + ADMIN_TIMEOUT);
            }
            pause();
        }
    }

    private static <T> T await(KafkaFuture<T> future, String what) {
        try {
            return future.get(ADMIN_TIMEOUT.toMillis() + 5_000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Kafka: cannot " + what, e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka: cannot " + what + " within " + ADMIN_TIMEOUT, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Kafka: interrupted while trying to " + what, e);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the Kafka broker", e);
        }
    }

    private static void shutdown(KafkaRaftServer server) {
        try {
            server.shutdown();
            server.awaitShutdown();
        } catch (RuntimeException e) {
            log.warn("Kafka broker shutdown failed", e);
        }
    }

    /** Options for {@link LocalKafka}; every option has a default, listed on its setter. */
    public static final class Builder {

        private final Path logDirectory;
        private int port;
        private int controllerPort;
        private int numPartitions = 1;
        private Duration startupTimeout = Duration.ofMinutes(2);
        private final Map<String, String> overrides = new LinkedHashMap<>();

        private Builder(Path dataDirectory) {
            this.logDirectory = Objects.requireNonNull(dataDirectory, "dataDirectory")
                    .toAbsolutePath().normalize().resolve("kafka");
        }

        /** Client (PLAINTEXT) port on 127.0.0.1; {@code 0} (the default) picks a free port at each start. */
        public Builder port(int port) {
            LoopbackPorts.requireValid(port, "kafka port");
            this.port = port;
            return this;
        }

        /** Controller port on 127.0.0.1; {@code 0} (the default) picks a free port at each start. */
        public Builder controllerPort(int port) {
            LoopbackPorts.requireValid(port, "kafka controller port");
            this.controllerPort = port;
            return this;
        }

        /** Broker default {@code num.partitions}, for topics created without a count; default 1. */
        public Builder numPartitions(int numPartitions) {
            if (numPartitions < 1) {
                throw new IllegalArgumentException("kafka num.partitions must be at least 1, was " + numPartitions);
            }
            this.numPartitions = numPartitions;
            return this;
        }

        /** How long to wait until the broker is ready, log recovery included; default 2 minutes. */
        public Builder startupTimeout(Duration timeout) {
            this.startupTimeout = LocalPostgres.requirePositive(timeout, "kafka startup timeout");
            return this;
        }

        /**
         * Overrides one broker setting. Defaults besides the single-node ones named on {@link LocalKafka}:
         * {@code offsets.topic.num.partitions} and {@code transaction.state.log.num.partitions} 4,
         * {@code num.network.threads} 2, {@code num.io.threads} 4, {@code background.threads} 2,
         * {@code num.recovery.threads.per.data.dir} 1, {@code group.coordinator.threads} 1,
         * {@code log.cleaner.dedupe.buffer.size} 32 MiB, {@code log.retention.ms} -1,
         * {@code broker.heartbeat.interval.ms} 1000, {@code broker.session.timeout.ms} 5000. Settings that fix the node's
         * identity, listeners or directories cannot be overridden.
         */
        public Builder brokerSetting(String name, String value) {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
            if (MANAGED.contains(name)) {
                throw new IllegalArgumentException("kafka setting " + name + " is managed by LocalKafka");
            }
            overrides.put(name, value);
            return this;
        }

        /**
         * Formats the log directory if it has never been formatted, starts the broker and returns once it is ready.
         *
         * @throws IllegalStateException if the broker cannot start within the start-up timeout, a configured port is
         *     taken, or another {@code LocalKafka}, in this JVM or another process, uses the log directory
         */
        public LocalKafka start() {
            long started = System.nanoTime();
            if (port != 0 && port == controllerPort) {
                throw new IllegalArgumentException("kafka port and kafka controller port must differ, both were "
                        + port);
            }
            try {
                Files.createDirectories(logDirectory);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create kafka log directory " + logDirectory, e);
            }
            if (port != 0) {
                LoopbackPorts.requireFree(port, "kafka port");
            }
            if (controllerPort != 0) {
                LoopbackPorts.requireFree(controllerPort, "kafka controller port");
            }
            // Kafka locks the directory only when the broker half starts, after the controller half has opened the
            // metadata log; a second broker on the same directory would run a second controller on that log first
            DirectoryLock lock = DirectoryLock.acquire(logDirectory.resolve(LOCK_FILE), "Kafka log directory");
            try {
                return startLocked(lock, started);
            } catch (RuntimeException e) {
                lock.close();
                throw e;
            }
        }

        private LocalKafka startLocked(DirectoryLock lock, long started) {
            boolean fresh = !Files.exists(logDirectory.resolve(META_PROPERTIES));
            // a picked port can be taken before the broker binds it; picked ports are simply picked again
            int attempts = port == 0 || controllerPort == 0 ? 3 : 1;
            for (int attempt = 1; ; attempt++) {
                int[] ports = choosePorts();
                Map<String, String> settings = settings(ports[0], ports[1]);
                if (!Files.exists(logDirectory.resolve(META_PROPERTIES))) {
                    format(settings);
                }
                String clusterId = readClusterId();
                try {
                    LocalKafka kafka = startServer(lock, settings, clusterId, ports[0], ports[1]);
                    log.info("Kafka broker {} at {} ({} start, {} ms)", logDirectory, kafka.bootstrapServers(),
                            fresh ? "first" : "re", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
                    return kafka;
                } catch (RuntimeException e) {
                    if (attempt < attempts && LoopbackPorts.causedByBind(e)) {
                        log.info("Kafka port {} or {} was taken meanwhile; trying other ports", ports[0], ports[1]);
                        continue;
                    }
                    throw new IllegalStateException("Kafka broker did not start in " + logDirectory + " on ports "
                            + ports[0] + " (clients) and " + ports[1] + " (controller)", e);
                }
            }
        }

        private int[] choosePorts() {
            int[] free = LoopbackPorts.free(3);
            int broker = port != 0 ? port : free[0];
            int controller = controllerPort;
            for (int i = 1; controller == 0; i++) {
                // free[] may contain the configured client port, which is free until the broker binds it
                controller = free[i] != broker ? free[i] : 0;
            }
            return new int[] {broker, controller};
        }

        private Map<String, String> settings(int brokerPort, int ctrlPort) {
            Map<String, String> s = new LinkedHashMap<>();
            s.put("process.roles", "broker,controller");
            s.put("node.id", Integer.toString(NODE_ID));
            // a static quorum: unlike a dynamic (KIP-853) one, it keeps no endpoint in the log, so ports may change
            s.put("controller.quorum.voters", NODE_ID + "@127.0.0.1:" + ctrlPort);
            s.put("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + ctrlPort);
            s.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
            s.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
            s.put("controller.listener.names", "CONTROLLER");
            s.put("inter.broker.listener.name", "PLAINTEXT");
            s.put("log.dirs", logDirectory.toString());

            s.put("offsets.topic.replication.factor", "1");
            s.put("transaction.state.log.replication.factor", "1");
            s.put("transaction.state.log.min.isr", "1");
            s.put("share.coordinator.state.topic.replication.factor", "1");
            s.put("share.coordinator.state.topic.min.isr", "1");
            s.put("default.replication.factor", "1");
            s.put("min.insync.replicas", "1");
            s.put("group.initial.rebalance.delay.ms", "0");
            s.put("auto.create.topics.enable", "false");
            s.put("num.partitions", Integer.toString(numPartitions));
            // internal topics default to 50 partitions, pointless on one node and slow to create on two cores
            s.put("offsets.topic.num.partitions", "4");
            s.put("transaction.state.log.num.partitions", "4");
            // the event log is the history new consumers replay; time-based deletion would lose it
            s.put("log.retention.ms", "-1");
            s.put("num.network.threads", "2");
            s.put("num.io.threads", "4");
            s.put("background.threads", "2");
            s.put("num.recovery.threads.per.data.dir", "1");
            s.put("group.coordinator.threads", "1");
            // after a crash the old registration blocks the new one until its session expires (9 s by default);
            // broker and controller share this JVM, so a shorter session risks little
            s.put("broker.heartbeat.interval.ms", "1000");
            s.put("broker.session.timeout.ms", "5000");
            // allocated on the heap at start (128 MiB by default); only the small internal topics are compacted
            s.put("log.cleaner.dedupe.buffer.size", Integer.toString(32 * 1024 * 1024));
            s.putAll(overrides);
            return s;
        }

        /** Writes meta.properties and the bootstrap metadata, as {@code kafka-storage.sh format} does. */
        private void format(Map<String, String> settings) {
            Path config = null;
            ByteArrayOutputStream output = new ByteArrayOutputStream();
            try {
                config = Files.createTempFile("iamledger-kafka-format", ".properties");
                Properties properties = new Properties();
                properties.putAll(settings);
                try (OutputStream out = Files.newOutputStream(config)) {
                    properties.store(out, "LocalKafka: formatting " + logDirectory);
                }
                String clusterId = Uuid.randomUuid().toString();
                int exit;
                try (PrintStream print = new PrintStream(output, true, StandardCharsets.UTF_8)) {
                    // execute() returns a code or throws; main() would call System.exit
                    exit = StorageTool.execute(
                            new String[] {"format", "--config", config.toString(), "--cluster-id", clusterId}, print);
                }
                if (exit != 0) {
                    throw new IllegalStateException("formatting Kafka log directory " + logDirectory + " failed: "
                            + output.toString(StandardCharsets.UTF_8));
                }
                log.info("Formatted Kafka log directory {} for cluster {}", logDirectory, clusterId);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot format Kafka log directory " + logDirectory, e);
            } catch (RuntimeException e) {
                throw new IllegalStateException("formatting Kafka log directory " + logDirectory + " failed: "
                        + output.toString(StandardCharsets.UTF_8), e);
            } finally {
                if (config != null) {
                    try {
                        Files.deleteIfExists(config);
                    } catch (IOException e) {
                        log.debug("cannot delete {}", config, e);
                    }
                }
            }
        }

        private String readClusterId() {
            Path meta = logDirectory.resolve(META_PROPERTIES);
            Properties properties = new Properties();
            try (InputStream in = Files.newInputStream(meta)) {
                properties.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + meta, e);
            }
            String id = properties.getProperty("cluster.id");
            if (id == null || id.isBlank()) {
                throw new IllegalStateException(meta + " has no cluster.id");
            }
            return id;
        }

        private LocalKafka startServer(DirectoryLock lock, Map<String, String> settings, String clusterId,
                                       int brokerPort, int ctrlPort) {
            KafkaRaftServer server = new KafkaRaftServer(new KafkaConfig(settings, false), Time.SYSTEM);
            Admin admin = null;
            try {
                server.startup();
                admin = Admin.create(Map.<String, Object>of(
                        AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + brokerPort,
                        AdminClientConfig.CLIENT_ID_CONFIG, "iamledger-embedded-kafka"));
                awaitReady(admin);
                return new LocalKafka(lock, server, admin, logDirectory, clusterId, brokerPort, ctrlPort);
            } catch (RuntimeException e) {
                if (admin != null) {
                    admin.close(Duration.ZERO);
                }
                shutdown(server);
                throw e;
            }
        }

        /** Ready means the broker is registered, unfenced and serving metadata to clients. */
        private void awaitReady(Admin admin) {
            long deadline = System.nanoTime() + startupTimeout.toNanos();
            while (true) {
                long remaining = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (remaining <= 0) {
                    throw new IllegalStateException("Kafka broker in " + logDirectory + " not ready after "
                            + startupTimeout);
                }
                try {
                    int timeout = (int) Math.min(remaining, Integer.MAX_VALUE);
                    var nodes = admin.describeCluster(new DescribeClusterOptions().timeoutMs(timeout))
                            .nodes().get(remaining, TimeUnit.MILLISECONDS);
                    if (nodes.stream().mapToInt(Node::id).anyMatch(id -> id == NODE_ID)) {
                        return;
                    }
                } catch (ExecutionException | TimeoutException e) {
                    log.debug("Kafka broker not ready yet", e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for the Kafka broker", e);
                }
                pause();
            }
        }
    }
}
