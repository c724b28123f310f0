package io.iamledger.infra.server;

import io.iamledger.infra.config.LedgerSettings;
import io.iamledger.query.awsmanaged.AwsManagedPolicies;
import io.iamledger.query.awsmanaged.AwsManagedPolicy;
import io.iamledger.query.projection.ProjectionConsumer;
import io.iamledger.query.projection.ReadModelSchema;
import io.iamledger.query.readmodel.BuiltInPolicies;
import io.iamledger.query.readmodel.BuiltInPolicy;
import io.iamledger.query.readmodel.IamReadModel;
import io.iamledger.query.readmodel.CredentialReportReadModel;
import io.iamledger.query.readmodel.LoginProfileReadModel;
import io.iamledger.query.readmodel.MfaDeviceReadModel;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The query side in the server: the read-model schema, the projection consumer that feeds it from Kafka (offsets
 * in the same transaction as the update), and the read API over it, with the built-in AWS managed policies.
 */
@Configuration(proxyBeanMethods = false)
public class ReadModelWiring {
    @Bean
    ReadSchemaReady readSchemaReady(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            ReadModelSchema.create(connection, LedgerSettings.READ_SCHEMA);
            connection.commit();
        }
        return new ReadSchemaReady(LedgerSettings.READ_SCHEMA);
    }

    @Bean(initMethod = "start", destroyMethod = "close")
    ProjectionConsumer projectionConsumer(ReadSchemaReady schema, DataSource dataSource, KafkaEndpoint kafka) {
        return ProjectionConsumer.builder()
                .dataSource(dataSource)
                .schema(schema.name())
                .topic(LedgerSettings.EVENTS_TOPIC)
                .bootstrapServers(kafka.bootstrapServers())
                .groupId("iam-ledger-read-model")
                .build();
    }

    @Bean
    IamReadModel iamReadModel(ReadSchemaReady schema, DataSource dataSource) {
        return readModel(dataSource, schema.name());
    }

    @Bean
    CredentialReportReadModel credentialReportReadModel(ReadSchemaReady schema, DataSource dataSource) {
        return CredentialReportReadModel.create(dataSource, schema.name());
    }

    @Bean
    LoginProfileReadModel loginProfileReadModel(ReadSchemaReady schema, DataSource dataSource) {
        return LoginProfileReadModel.create(dataSource, schema.name());
    }

    @Bean
    MfaDeviceReadModel mfaDeviceReadModel(ReadSchemaReady schema, DataSource dataSource) {
        return MfaDeviceReadModel.create(dataSource, schema.name());
    }

    /**
     * The read model of {@code schema} as the server serves it, with the AWS managed policies of the built-in
     * catalog merged in: for tools that read the tables without starting the server ({@code replay}).
     */
    public static IamReadModel readModel(DataSource dataSource, String schema) {
        return IamReadModel.create(dataSource, schema, BuiltInPolicies.of(AwsManagedPolicies.all().stream()
                .map(ReadModelWiring::builtIn)
                .toList()));
    }

    private static BuiltInPolicy builtIn(AwsManagedPolicy policy) {
        return new BuiltInPolicy(policy.policyName(), policy.path(), policy.arn(), policy.policyId(),
                policy.defaultVersionId(), policy.description(), policy.createDate(), policy.updateDate(),
                policy.document(), policy.isAttachable());
    }

    /** A marker bean: the read-model schema exists at the current version. */
    record ReadSchemaReady(String name) {}
}
