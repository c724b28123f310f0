package io.iamledger.infra.server;

import io.iamledger.infra.accounts.AccountCredentials;
import io.iamledger.infra.accounts.Accounts;
import io.iamledger.infra.config.LedgerSettings;
import io.iamledger.infra.embedded.LocalKafka;
import io.iamledger.infra.embedded.LocalPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A running IAM Ledger server: PostgreSQL (embedded unless configured), Kafka (embedded unless configured), the
 * Spring application with Axon, the default account. {@link #start} returns once the server answers requests;
 * {@link #startWithoutHttp} starts the same without the HTTP endpoint, for subcommands that change the ledger while
 * the server is stopped; {@link #close} stops everything it started, in reverse order. Used by {@code serve},
 * {@code account create} and by integration tests.
 */
public final class LedgerServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LedgerServer.class);

    private final LedgerSettings settings;
    private final Deque<AutoCloseable> started;
    private final ConfigurableApplicationContext context;
    private final AccountCredentials root;
    private final String jdbcUrl;
    private final String kafkaBootstrap;

    private LedgerServer(LedgerSettings settings, Deque<AutoCloseable> started, ConfigurableApplicationContext context,
                         AccountCredentials root, String jdbcUrl, String kafkaBootstrap) {
        this.settings = settings;
        this.started = started;
        this.context = context;
        this.root = root;
        this.jdbcUrl = jdbcUrl;
        this.kafkaBootstrap = kafkaBootstrap;
    }

    public static LedgerServer start(LedgerSettings settings) {
        return start(settings, WebApplicationType.SERVLET);
    }

    /** Everything {@link #start} starts but the HTTP endpoint: {@link #port} and {@link #endpoint} then throw. */
    public static LedgerServer startWithoutHttp(LedgerSettings settings) {
        return start(settings, WebApplicationType.NONE);
    }

    private static LedgerServer start(LedgerSettings settings, WebApplicationType web) {
        System.setProperty("axoniq.update-checker.disabled", "true");
        Deque<AutoCloseable> started = new ArrayDeque<>();
        try {
            Files.createDirectories(settings.dataDir());
            String jdbcUrl;
            String jdbcUser;
            String jdbcPassword;
            if (settings.jdbcUrl().isPresent()) {
                jdbcUrl = settings.jdbcUrl().get();
                jdbcUser = settings.jdbcUser();
                jdbcPassword = settings.jdbcPassword();
            } else {
                LocalPostgres.Builder embedded = LocalPostgres.builder(settings.dataDir());
                settings.postgresSettings().forEach(embedded::setting);
                // stopped by close() below, after the application context and Kafka that still use it
                LocalPostgres postgres = embedded.start().closedByOwner();
                started.push(postgres);
                jdbcUrl = postgres.jdbcUrl();
                jdbcUser = postgres.user();
                jdbcPassword = postgres.password();
            }
            String kafkaBootstrap;
            if (settings.kafkaBootstrap().isPresent()) {
                kafkaBootstrap = settings.kafkaBootstrap().get();
            } else {
                LocalKafka kafka = LocalKafka.builder(settings.dataDir()).start();
                started.push(kafka);
                kafkaBootstrap = kafka.bootstrapServers();
            }
            TopicSetup.ensureTopics(kafkaBootstrap, settings.eventPartitions());

            Map<String, Object> properties = new LinkedHashMap<>();
            properties.put("server.port", settings.port());
            properties.put("server.address", "0.0.0.0");
            properties.put("spring.datasource.url", jdbcUrl);
            properties.put("spring.datasource.username", jdbcUser);
            properties.put("spring.datasource.password", jdbcPassword);
            properties.put("spring.datasource.hikari.maximum-pool-size", 24);
            properties.put("spring.main.banner-mode", "off");
            properties.put("spring.jmx.enabled", false);
            properties.put("axon.serializer.general", "jackson");
            properties.put("axon.serializer.events", "jackson");
            properties.put("axon.serializer.messages", "jackson");
            properties.put("axon.axonserver.enabled", false);
            // Axon's handler and unit-of-work timeouts schedule warning tasks for every command and every event
            // handled (measurable CPU under load); a stuck request is bounded by the HTTP and JDBC timeouts instead
            properties.put("axon.timeout.enabled", false);
            properties.put("axon.eventhandling.processors.kafka-relay.mode", "tracking");
            properties.put("axon.eventhandling.processors.kafka-relay.batch-size", 256);
            properties.put("axon.eventhandling.processors.kafka-relay.thread-count", 1);
            properties.put("axon.eventhandling.processors.kafka-relay.initial-segment-count", 1);
            properties.put("management.endpoints.web.exposure.include", "prometheus,health");
            // Spring's per-request HTTP observation wraps the AWS endpoint too and cost a third of request CPU
            properties.put("management.observations.enable.http.server.requests", false);
            properties.put("logging.level.org.apache.kafka", "WARN");
            properties.put("logging.level.kafka", "WARN");
            properties.put("logging.level.state.change.logger", "WARN");
            properties.put("logging.level.org.axonframework", "WARN");

            KafkaEndpoint kafkaEndpoint = new KafkaEndpoint(kafkaBootstrap);
            ConfigurableApplicationContext context = new SpringApplicationBuilder(LedgerApplication.class)
                    .web(web)
                    .properties(properties)
                    .initializers(ctx -> {
                        ctx.getBeanFactory().registerSingleton("ledgerSettings", settings);
                        ctx.getBeanFactory().registerSingleton("kafkaEndpoint", kafkaEndpoint);
                    })
                    .run();
            started.push(context);

            AccountCredentials root = context.getBean(Accounts.class).ensureDefault();
            LedgerServer server = new LedgerServer(settings, started, context, root, jdbcUrl, kafkaBootstrap);
            log.info("IAM Ledger ready {} (account {}, PostgreSQL {}, Kafka {})",
                    web == WebApplicationType.NONE ? "without HTTP" : "on port " + server.port(), root.accountId(),
                    jdbcUrl, kafkaBootstrap);
            return server;
        } catch (IOException e) {
            closeAll(started);
            throw new UncheckedIOException(e);
        } catch (RuntimeException | Error e) {
            closeAll(started);
            throw e;
        }
    }

    /** @throws IllegalStateException when started {@linkplain #startWithoutHttp without HTTP} */
    public int port() {
        if (!(context instanceof WebServerApplicationContext web)) {
            throw new IllegalStateException("the server was started without HTTP");
        }
        return web.getWebServer().getPort();
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port());
    }

    public String accountId() {
        return root.accountId();
    }

    public String rootAccessKeyId() {
        return root.accessKeyId();
    }

    public String rootSecretAccessKey() {
        return root.secretAccessKey();
    }

    /**
     * Creates an account that is not the default, with its root credentials in a new profile of the data
     * directory's credentials files ({@code profile}, or {@code account-<id>} when absent); see
     * {@link Accounts#create}.
     *
     * @throws io.iamledger.events.error.IamException {@code ValidationError} for a malformed profile name,
     *     {@code EntityAlreadyExists} for a profile that exists
     */
    public AccountCredentials createAccount(Optional<String> profile) {
        return context.getBean(Accounts.class).create(profile);
    }

    public LedgerSettings settings() {
        return settings;
    }

    public String jdbcUrl() {
        return jdbcUrl;
    }

    public String kafkaBootstrap() {
        return kafkaBootstrap;
    }

    public ConfigurableApplicationContext context() {
        return context;
    }

    @Override
    public void close() {
        closeAll(started);
    }

    private static void closeAll(Deque<AutoCloseable> started) {
        while (!started.isEmpty()) {
            AutoCloseable resource = started.pop();
            try {
                resource.close();
            } catch (Exception e) {
                log.warn("error while stopping {}: {}", resource.getClass().getSimpleName(), e.toString());
            }
        }
    }
}
