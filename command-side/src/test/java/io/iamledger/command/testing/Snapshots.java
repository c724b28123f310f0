package io.iamledger.command.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.iamledger.events.codec.EventCodec;

/**
 * Checks that an aggregate survives a snapshot: written and read back by Jackson with field access (how infra
 * must configure the snapshot serializer, since aggregates have no getters), it equals the original.
 */
public final class Snapshots {
    private static final ObjectMapper MAPPER = EventCodec.newObjectMapper()
            .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY);

    private Snapshots() {
    }

    public static void assertSurvivesSnapshot(Object aggregate) {
        try {
            String json = MAPPER.writeValueAsString(aggregate);
            Object copy = MAPPER.readValue(json, aggregate.getClass());
            assertThat(copy).usingRecursiveComparison().isEqualTo(aggregate);
            assertThat(MAPPER.writeValueAsString(copy)).isEqualTo(json);
        } catch (JsonProcessingException e) {
            throw new AssertionError("aggregate does not survive a Jackson snapshot: " + e.getMessage(), e);
        }
    }
}
