package io.iamledger.infra.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iam.IamClient;

class HealthIT {

    @Test
    void healthReportsTheStoresAndThePipelinePositions() throws Exception {
        try (IamClient iam = SharedLedger.iam()) {
            String name = SharedLedger.unique("healthy");
            iam.createUser(r -> r.userName(name));
            iam.getUser(r -> r.userName(name));
        }
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(SharedLedger.server().endpoint() + "/health")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode health = new ObjectMapper().readTree(response.body());
        assertThat(health.path("status").asText()).isEqualTo("UP");
        assertThat(health.path("postgres").path("url").asText()).startsWith("jdbc:postgresql://");
        assertThat(health.path("kafka").path("bootstrapServers").asText()).isEqualTo(SharedLedger.server().kafkaBootstrap());
        assertThat(health.path("eventStore").path("headPosition").asLong()).isPositive();
        assertThat(health.path("projections").path("read-model").path("state").asText()).isEqualTo("RUNNING");
        assertThat(health.path("projections").path("read-model").has("lag")).isTrue();
        assertThat(response.body()).doesNotContainIgnoringCase("password")
                .doesNotContain(SharedLedger.server().rootSecretAccessKey());
    }
}
