package io.iamledger.infra.health;

import io.iamledger.infra.relay.KafkaRelay;
import io.iamledger.query.projection.ProjectionConsumer;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /health}: whether the server can serve, and where its pipeline stands: the PostgreSQL URL (never a
 * password), the Kafka bootstrap servers, the event store's head position, the relay's last published position
 * and each projection's state and lag (events between the head and what it applied). 200 when PostgreSQL answers
 * and every projection runs; 503 otherwise.
 */
@RestController
public class HealthController {
    private final JdbcTemplate jdbc;
    private final KafkaRelay relay;
    private final ProjectionConsumer readModel;
    private final String postgresUrl;
    private final String kafkaBootstrap;

    public HealthController(JdbcTemplate jdbc, KafkaRelay relay, ProjectionConsumer readModel, String postgresUrl,
                            String kafkaBootstrap) {
        this.jdbc = jdbc;
        this.relay = relay;
        this.readModel = readModel;
        this.postgresUrl = withoutSecrets(postgresUrl);
        this.kafkaBootstrap = kafkaBootstrap;
    }

    @GetMapping(path = "/health", produces = "application/json")
    public ResponseEntity<Map<String, Object>> health() {
        Map<String, Object> body = new LinkedHashMap<>();
        long head = -1;
        boolean databaseUp;
        try {
            Long value = jdbc.queryForObject("select coalesce(max(global_index), -1) from domain_event_entry",
                    Long.class);
            head = value == null ? -1 : value;
            databaseUp = true;
        } catch (RuntimeException e) {
            databaseUp = false;
        }
        ProjectionConsumer.Status status = readModel.status();
        boolean projectionUp = status.state() == ProjectionConsumer.State.RUNNING;
        body.put("status", databaseUp && projectionUp ? "UP" : "DOWN");
        body.put("postgres", Map.of("url", postgresUrl, "up", databaseUp));
        body.put("kafka", Map.of("bootstrapServers", kafkaBootstrap));
        body.put("eventStore", Map.of("headPosition", head));
        body.put("relay", Map.of("lastPublishedPosition", relay.lastPublished()));
        Map<String, Object> projection = new LinkedHashMap<>();
        projection.put("state", status.state().name());
        projection.put("lastAppliedPosition", status.lastAppliedSequence().orElse(-1));
        projection.put("lag", Math.max(0, head - status.lastAppliedSequence().orElse(-1)));
        status.lastAppliedEventTime().ifPresent(time -> projection.put("lastAppliedEventTime", time.toString()));
        projection.put("eventsApplied", status.eventsApplied());
        status.failure().ifPresent(failure -> projection.put("failure", failure));
        body.put("projections", Map.of("read-model", projection));
        return ResponseEntity.status(databaseUp && projectionUp ? 200 : 503).body(body);
    }

    /** Drops URL parameters that could carry credentials ({@code password=}, {@code sslpassword=}, ...). */
    static String withoutSecrets(String jdbcUrl) {
        int query = jdbcUrl.indexOf('?');
        if (query < 0) {
            return jdbcUrl;
        }
        StringBuilder kept = new StringBuilder(jdbcUrl.substring(0, query));
        char separator = '?';
        for (String parameter : jdbcUrl.substring(query + 1).split("&")) {
            String name = parameter.split("=", 2)[0].toLowerCase(java.util.Locale.ROOT);
            if (!name.contains("password") && !name.contains("secret") && !name.equals("user")) {
                kept.append(separator).append(parameter);
                separator = '&';
            }
        }
        return kept.toString();
    }
}
