package io.iamledger.events.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.iamledger.events.EventEnvelope;
import io.iamledger.events.IamEvent;
import io.iamledger.events.account.PasswordPolicy;
import io.iamledger.events.identity.AccessKeyStatus;
import io.iamledger.events.identity.IdentityKind;
import io.iamledger.events.identity.IdentityRef;
import io.iamledger.events.identity.Tag;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

class EventCodecTest {
    private final EventCodec codec = new EventCodec();

    /** Every registered type, with every component filled with a distinct non-default value. */
    @TestFactory
    Stream<DynamicTest> everyEventTypeRoundTripsWithItsTypeNameAndSchemaVersion() {
        return EventTypes.all().stream().map(type -> DynamicTest.dynamicTest(type.name(), () -> {
            IamEvent event = sample(type.javaType());
            String json = codec.toJson(event);
            JsonNode tree = EventCodec.newObjectMapper().readTree(json);
            assertThat(tree.path("type").asText()).isEqualTo(type.name());
            assertThat(tree.path("schemaVersion").asInt()).isEqualTo(type.schemaVersion());
            assertThat(codec.fromJson(json)).isEqualTo(event);

            EventEnvelope envelope = new EventEnvelope(42, "event-1", "aggregate-1", 7, event);
            assertThat(codec.envelopeFromJson(codec.toJson(envelope))).isEqualTo(envelope);

            // the relay's path: from the stored payload (the record's fields, as the event store writes them)
            String stored = EventCodec.newObjectMapper().writeValueAsString(event);
            String relayed = codec.envelopeJson(42, "event-1", "aggregate-1", 7, type.javaType(), stored);
            assertThat(EventCodec.newObjectMapper().readTree(relayed))
                    .isEqualTo(EventCodec.newObjectMapper().readTree(codec.toJson(envelope)));
            assertThat(codec.accountIdOf(stored)).isEqualTo(event.accountId());
        }));
    }

    @Test
    void aStoredEventThatIsNotAJsonObjectIsRefused() {
        assertThatThrownBy(() -> codec.envelopeJson(1, "e", "a", 0,
                io.iamledger.events.user.UserDeletedEvent.class, "[1]"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("UserDeleted");
        assertThatThrownBy(() -> codec.accountIdOf("{\"userId\":\"AIDA1\"}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("accountId");
    }

    @Test
    void identifiersAreEscapedInTheRelayedEnvelope() {
        var deleted = new io.iamledger.events.user.UserDeletedEvent("123456789012", "AIDA1", "bob",
                Instant.parse("2026-01-01T00:00:00Z"));
        String stored = "{\"accountId\":\"123456789012\",\"userId\":\"AIDA1\",\"userName\":\"bob\","
                + "\"occurredAt\":\"2026-01-01T00:00:00Z\"}";
        String relayed = codec.envelopeJson(3, "id\"with quote", "agg\\1", 0, deleted.getClass(), stored);
        EventEnvelope read = codec.envelopeFromJson(relayed);
        assertThat(read.eventId()).isEqualTo("id\"with quote");
        assertThat(read.aggregateId()).isEqualTo("agg\\1");
    }

    @Test
    void absentOptionalsAreOmittedAndReadBackAsAbsent() {
        var created = new io.iamledger.events.user.UserCreatedEvent("123456789012", "AIDA1", "bob", "/", "arn",
                Optional.empty(), List.of(), Instant.parse("2026-01-01T00:00:00Z"));
        String json = codec.toJson(created);
        assertThat(json).doesNotContain("permissionsBoundaryArn");
        assertThat(codec.fromJson(json)).isEqualTo(created);
    }

    @Test
    void anUnknownTypeNameIsRefusedWithItsName() {
        assertThatThrownBy(() -> codec.fromJson("{\"type\":\"UserExploded\",\"schemaVersion\":1}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("UserExploded");
    }

    @Test
    void aNewerSchemaVersionIsRefusedRatherThanMisread() {
        assertThatThrownBy(() -> codec.fromJson("{\"type\":\"UserDeleted\",\"schemaVersion\":99}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("99");
    }

    private static IamEvent sample(Class<? extends IamEvent> type) throws ReflectiveOperationException {
        RecordComponent[] components = type.getRecordComponents();
        Object[] values = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            values[i] = value(components[i], i);
        }
        return type.getDeclaredConstructor(types).newInstance(values);
    }

    private static Object value(RecordComponent component, int index) {
        Class<?> type = component.getType();
        if (type == String.class) {
            return component.getName() + "-" + index;
        }
        if (type == Instant.class) {
            return Instant.parse("2026-03-03T14:00:00.123456Z").plusSeconds(index);
        }
        if (type == int.class) {
            return 3600 + index;
        }
        if (type == boolean.class) {
            return true;
        }
        if (type == IdentityRef.class) {
            return new IdentityRef(IdentityKind.USER, "AIDA" + index, "name" + index);
        }
        if (type == PasswordPolicy.class) {
            // every field away from its default, so a field the codec dropped would show
            return new PasswordPolicy(12 + index, true, true, true, true, true, Optional.of(90), Optional.of(3), true);
        }
        if (type == AccessKeyStatus.class) {
            return AccessKeyStatus.Inactive;
        }
        if (type == Optional.class) {
            return Optional.of(component.getName() + "-" + index);
        }
        if (type == List.class) {
            // a list of tags is named for them (tags, sessionTags); every other list holds strings
            return component.getName().equals("tags") || component.getName().endsWith("Tags")
                    ? List.of(new Tag("team", "red"), new Tag("cost", ""))
                    : List.of("k1", "k2");
        }
        throw new IllegalArgumentException("no sample value for " + component);
    }
}
