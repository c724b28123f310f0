package io.iamledger.infra.server;

import io.iamledger.command.registry.EntityRegistry;
import io.iamledger.events.codec.EventCodec;
import io.iamledger.infra.accounts.Accounts;
import io.iamledger.infra.accounts.ProfileFiles;
import io.iamledger.infra.config.LedgerSettings;
import io.iamledger.infra.credentials.CredentialVault;
import io.iamledger.infra.credentials.MfaSeedVault;
import io.iamledger.infra.credentials.KeyUsage;
import io.iamledger.infra.credentials.PasswordVault;
import io.iamledger.infra.credentials.IdGenerator;
import io.iamledger.infra.credentials.SecretSealer;
import io.iamledger.infra.health.HealthController;
import io.iamledger.infra.registry.JdbcEntityRegistry;
import io.iamledger.infra.relay.AuditRelay;
import io.iamledger.infra.relay.KafkaRelay;
import io.iamledger.query.awsmanaged.AwsManagedPolicies;
import io.iamledger.query.projection.ProjectionConsumer;
import java.time.Clock;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.caching.Cache;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/** The server's own beans around Axon: schema, lookup tables, credentials, accounts, the Kafka relays. */
@Configuration(proxyBeanMethods = false)
class LedgerConfiguration {

    @Bean
    SchemaReady schemaReady(DataSource dataSource) {
        SchemaInitializer.apply(dataSource, "/io/iamledger/infra/schema/V1__event_store.sql",
                "/io/iamledger/infra/schema/V2__audit_and_chains.sql",
                "/io/iamledger/infra/schema/V3__relay_positions.sql",
                "/io/iamledger/infra/schema/V4__mfa_devices.sql",
                "/io/iamledger/infra/schema/V5__passwords.sql",
                "/io/iamledger/infra/schema/V6__key_usage_and_reports.sql",
                "/io/iamledger/infra/schema/V7__instance_profiles_and_service_roles.sql");
        return new SchemaReady();
    }

    @Bean
    EntityRegistry entityRegistry(SchemaReady schemaReady, JdbcTemplate jdbc) {
        return new JdbcEntityRegistry(jdbc, AwsManagedPolicies::exists);
    }

    @Bean
    SecretSealer secretSealer(LedgerSettings settings) {
        return SecretSealer.loadOrCreate(settings.dataDir());
    }

    @Bean
    CredentialVault credentialVault(SchemaReady schemaReady, JdbcTemplate jdbc, SecretSealer sealer) {
        return new CredentialVault(jdbc, sealer);
    }

    @Bean(destroyMethod = "close")
    KeyUsage keyUsage(SchemaReady schemaReady, JdbcTemplate jdbc) {
        return new KeyUsage(jdbc);
    }

    @Bean
    PasswordVault passwordVault(SchemaReady schemaReady, JdbcTemplate jdbc) {
        return new PasswordVault(jdbc);
    }

    @Bean
    MfaSeedVault mfaSeedVault(SchemaReady schemaReady, JdbcTemplate jdbc, SecretSealer sealer) {
        return new MfaSeedVault(jdbc, sealer);
    }

    @Bean
    IdGenerator idGenerator() {
        return new IdGenerator();
    }

    @Bean
    Accounts accounts(SchemaReady schemaReady, JdbcTemplate jdbc, TransactionTemplate transactions,
                      CommandGateway commands, CredentialVault vault, IdGenerator ids,
                      @Qualifier("aggregateCache") Cache aggregateCache, LedgerSettings settings) {
        return new Accounts(jdbc, transactions, commands, vault, ids, Clock.systemUTC(), aggregateCache,
                ProfileFiles.in(settings.dataDir(), settings.region()));
    }

    @Bean(destroyMethod = "close")
    Producer<String, String> eventProducer(KafkaEndpoint kafka) {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 1,
                ProducerConfig.CLIENT_ID_CONFIG, "iam-ledger-relay");
        return new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
    }

    @Bean
    HealthController healthController(JdbcTemplate jdbc, KafkaRelay relay, ProjectionConsumer readModel,
                                      DataSourceProperties dataSource, KafkaEndpoint kafka) {
        return new HealthController(jdbc, relay, readModel, dataSource.getUrl(), kafka.bootstrapServers());
    }

    @Bean(destroyMethod = "close")
    AuditRelay auditRelay(SchemaReady schemaReady, Producer<String, String> eventProducer, JdbcTemplate jdbc) {
        return new AuditRelay(eventProducer, LedgerSettings.AUDIT_TOPIC, jdbc).start();
    }

    @Bean
    KafkaRelay kafkaRelay(Producer<String, String> eventProducer, EventCodec codec,
                          @Qualifier("eventSerializer") Serializer eventSerializer, JdbcTemplate jdbc) {
        return new KafkaRelay(eventProducer, LedgerSettings.EVENTS_TOPIC, codec, eventSerializer, jdbc);
    }
}
