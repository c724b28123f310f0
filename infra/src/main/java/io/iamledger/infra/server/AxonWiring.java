package io.iamledger.infra.server;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.iamledger.command.NoSuchEntityInterceptor;
import io.iamledger.command.registry.EntityRegistry;
import io.iamledger.events.codec.EventCodec;
import io.iamledger.infra.config.LedgerSettings;
import io.iamledger.infra.eventstore.OrderedJdbcEventStorageEngine;
import java.util.List;
import java.util.Map;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.WeakReferenceCache;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.eventsourcing.AggregateFactory;
import org.axonframework.eventsourcing.AggregateSnapshotter;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.GenericAggregateFactory;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Axon on PostgreSQL: the commit-ordered JDBC storage engine, an embedded event store that tails new events
 * quickly, the aggregates with snapshot triggers. Axon's Spring Boot auto-configuration supplies the rest (command
 * bus, gateway, token store, tracking processors); the Axon Server connector is excluded in the POM.
 */
@Configuration(proxyBeanMethods = false)
class AxonWiring {
    /** Events between snapshots of one aggregate: loading stays a snapshot plus at most this many events. */
    static final int SNAPSHOT_THRESHOLD = 50;
    /** How often the event store polls for events committed by other transactions when it was not notified. */
    static final long FETCH_DELAY_MS = 20;

    /** Our table and column names (snake_case, as in V1__event_store.sql) instead of Axon's camelCase defaults. */
    static final EventSchema EVENT_SCHEMA = EventSchema.builder()
            .eventTable("domain_event_entry")
            .snapshotTable("snapshot_event_entry")
            .globalIndexColumn("global_index")
            .eventIdentifierColumn("event_identifier")
            .aggregateIdentifierColumn("aggregate_identifier")
            .sequenceNumberColumn("sequence_number")
            .typeColumn("type")
            .timestampColumn("time_stamp")
            .payloadTypeColumn("payload_type")
            .payloadRevisionColumn("payload_revision")
            .payloadColumn("payload")
            .metaDataColumn("meta_data")
            .build();

    @Bean
    TokenSchema tokenSchema() {
        return TokenSchema.builder()
                .setTokenTable("token_entry")
                .setProcessorNameColumn("processor_name")
                .setSegmentColumn("segment")
                .setTokenColumn("token")
                .setTokenTypeColumn("token_type")
                .setTimestampColumn("timestamp")
                .setOwnerColumn("owner")
                .build();
    }

    @Bean
    EventStorageEngine eventStorageEngine(SchemaReady schemaReady, LedgerSettings settings,
                                          @Qualifier("eventSerializer") Serializer eventSerializer,
                                          PersistenceExceptionResolver persistenceExceptionResolver,
                                          ConnectionProvider connectionProvider,
                                          TransactionManager transactionManager) {
        JdbcEventStorageEngine.Builder builder = JdbcEventStorageEngine.builder()
                .snapshotSerializer(snapshotSerializer())
                .eventSerializer(eventSerializer)
                .persistenceExceptionResolver(persistenceExceptionResolver)
                .connectionProvider(connectionProvider)
                .schema(EVENT_SCHEMA)
                .gapTimeout((int) settings.gapTimeout().toMillis())
                .batchSize(500);
        return OrderedJdbcEventStorageEngine.build(builder, transactionManager);
    }

    /**
     * A duplicate key on append means another writer appended the same aggregate sequence first: Axon turns it
     * into a concurrency failure only if it is recognised here (PostgreSQL SQLState 23505).
     */
    @Bean
    PersistenceExceptionResolver persistenceExceptionResolver() {
        return failure -> {
            for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
                if (cause instanceof java.sql.SQLException sql && "23505".equals(sql.getSQLState())) {
                    return true;
                }
            }
            return false;
        };
    }

    @Bean
    EmbeddedEventStore eventStore(EventStorageEngine storageEngine) {
        return EmbeddedEventStore.builder()
                .storageEngine(storageEngine)
                .fetchDelay(FETCH_DELAY_MS)
                .build();
    }

    /**
     * Registers the aggregates with a snapshot trigger each. The snapshotter is built from Axon's configuration
     * (not eagerly here) so it resolves handler parameters, such as the registry, the way the command bus does.
     */
    /**
     * Aggregates stay in memory between commands (evicted on rollback and under memory pressure), so a command does
     * not re-read its aggregate's events; the event store's unique key still refuses a stale append from another
     * server instance.
     */
    @Bean
    @Qualifier("aggregateCache")
    Cache aggregateCache() {
        return new WeakReferenceCache();
    }

    @Bean
    ConfigurerModule aggregates(EntityRegistry registry, @Qualifier("aggregateCache") Cache aggregateCache) {
        return configurer -> {
            configurer.onInitialize(config -> config.onStart(() -> {
                config.commandBus().registerHandlerInterceptor(new RegistryParameterResolverFactory.Interceptor(registry));
                config.commandBus().registerHandlerInterceptor(new NoSuchEntityInterceptor());
            }));
            Snapshotters snapshotters = new Snapshotters();
            for (Class<?> type : AggregateTypes.ALL) {
                configurer.configureAggregate(AggregateConfigurer.defaultConfiguration(type)
                        .configureCache(c -> aggregateCache)
                        .configureSnapshotTrigger(c -> new EventCountSnapshotTriggerDefinition(
                                snapshotters.of(c), SNAPSHOT_THRESHOLD)));
            }
        };
    }

    /** One snapshotter for all aggregates, made on first use from the finished Axon configuration. */
    private static final class Snapshotters {
        private volatile Snapshotter snapshotter;

        Snapshotter of(org.axonframework.config.Configuration config) {
            Snapshotter current = snapshotter;
            if (current == null) {
                synchronized (this) {
                    current = snapshotter;
                    if (current == null) {
                        List<AggregateFactory<?>> factories = AggregateTypes.ALL.stream()
                                .<AggregateFactory<?>>map(GenericAggregateFactory::new)
                                .toList();
                        current = AggregateSnapshotter.builder()
                                .eventStore(config.eventStore())
                                .aggregateFactories(factories)
                                .parameterResolverFactory(config.parameterResolverFactory())
                                .handlerDefinition(config.handlerDefinition(AggregateTypes.ALL.get(0)))
                                .transactionManager(config.getComponent(TransactionManager.class))
                                .build();
                        snapshotter = current;
                    }
                }
            }
            return current;
        }
    }

    /**
     * Event payloads in the store are the codec's JSON of the event record (not Spring's ObjectMapper, whose
     * settings are not ours to pin), so tools such as {@code rebuild} read them with {@link EventCodec}'s mapper.
     */
    @Bean
    @Qualifier("eventSerializer")
    Serializer eventSerializer() {
        return JacksonSerializer.builder().objectMapper(EventCodec.newObjectMapper()).lenientDeserialization().build();
    }

    /**
     * Replaces Axon's default correlation provider (a correlation and trace id copied into every event's meta-data):
     * nothing reads them, and the relay would deserialize every event's meta-data to carry them on. What the audit
     * trail needs (request ids, callers) is to be recorded explicitly, not as a side effect.
     */
    @Bean
    CorrelationDataProvider noCorrelationData() {
        return message -> Map.of();
    }

    @Bean
    EventCodec eventCodec() {
        return new EventCodec();
    }

    /** Snapshots are aggregate objects, not records: serialize their fields, not getters. */
    private static Serializer snapshotSerializer() {
        ObjectMapper mapper = EventCodec.newObjectMapper()
                .setVisibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
                .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY);
        return JacksonSerializer.builder().objectMapper(mapper).lenientDeserialization().build();
    }
}
