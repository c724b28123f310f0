package io.iamledger.infra.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.iamledger.infra.config.LedgerSettings;
import io.iamledger.infra.embedded.LocalKafka;
import io.iamledger.infra.embedded.LocalPostgres;
import io.iamledger.infra.server.LedgerServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;

/**
 * An operator's set-up: PostgreSQL and Kafka run on their own (here started by the test, in their own
 * directories), and the server is pointed at them with IAMLEDGER_JDBC_URL and IAMLEDGER_KAFKA_BOOTSTRAP. The server
 * starts no store of its own.
 */
class ExternalStoresIT {

    @Test
    void theServerRunsOnAnExternalPostgresAndKafka() throws Exception {
        Path stores = Files.createTempDirectory("iam-ledger-external-stores");
        Path serverData = Files.createTempDirectory("iam-ledger-external-server");
        try (LocalPostgres postgres = LocalPostgres.builder(stores).start();
             LocalKafka kafka = LocalKafka.builder(stores).start()) {
            LedgerSettings settings = LedgerSettings.from(Map.of(
                    "IAMLEDGER_DATA_DIR", serverData.toString(),
                    "IAMLEDGER_PORT", "0",
                    "IAMLEDGER_JDBC_URL", postgres.jdbcUrl(),
                    "IAMLEDGER_JDBC_USER", postgres.user(),
                    "IAMLEDGER_JDBC_PASSWORD", postgres.password(),
                    "IAMLEDGER_KAFKA_BOOTSTRAP", kafka.bootstrapServers()));
            try (LedgerServer server = LedgerServer.start(settings);
                 IamClient iam = IamClient.builder()
                         .endpointOverride(server.endpoint())
                         .region(Region.AWS_GLOBAL)
                         .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                                 server.rootAccessKeyId(), server.rootSecretAccessKey())))
                         .httpClient(UrlConnectionHttpClient.create())
                         .build()) {
                assertThat(server.jdbcUrl()).isEqualTo(postgres.jdbcUrl());
                assertThat(server.kafkaBootstrap()).isEqualTo(kafka.bootstrapServers());
                assertThat(serverData.resolve("postgres")).doesNotExist();
                assertThat(serverData.resolve("kafka")).doesNotExist();
                iam.createUser(r -> r.userName("operator"));
                assertThat(iam.getUser(r -> r.userName("operator")).user().userName()).isEqualTo("operator");
                assertThat(Files.readString(serverData.resolve("credentials"))).contains("[iamledger]");
            }
        }
    }
}
