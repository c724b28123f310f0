package io.iamledger.events.codec;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.iamledger.events.EventEnvelope;
import io.iamledger.events.IamEvent;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * JSON for events and envelopes. An event is written as its record fields plus {@code "type"} (the stable wire
 * name from {@link EventTypes}) and {@code "schemaVersion"}; instants as ISO-8601 strings; absent optionals are
 * omitted. An envelope nests the event under {@code "event"}. Thread-safe.
 */
public final class EventCodec {
    private static final String TYPE = "type";
    private static final String SCHEMA_VERSION = "schemaVersion";

    private final ObjectMapper mapper;

    public EventCodec() {
        this.mapper = newObjectMapper();
    }

    /**
     * An {@link ObjectMapper} configured as the codec uses it (Java time as ISO strings, {@code Optional}
     * support, unknown properties ignored so old readers survive additive changes).
     */
    public static ObjectMapper newObjectMapper() {
        return JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .addModule(new Jdk8Module())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .serializationInclusion(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_ABSENT)
                .build();
    }

    public ObjectNode toTree(IamEvent event) {
        EventTypes.EventType type = EventTypes.of(event.getClass());
        ObjectNode node = mapper.createObjectNode();
        node.put(TYPE, type.name());
        node.put(SCHEMA_VERSION, type.schemaVersion());
        node.setAll((ObjectNode) mapper.valueToTree(event));
        return node;
    }

    public String toJson(IamEvent event) {
        return write(toTree(event));
    }

    public IamEvent fromJson(String json) {
        return fromTree(read(json));
    }

    public IamEvent fromTree(JsonNode node) {
        String name = node.path(TYPE).asText("");
        EventTypes.EventType type = EventTypes.byName(name)
                .orElseThrow(() -> new IllegalArgumentException("unknown event type: '" + name + "'"));
        int version = node.path(SCHEMA_VERSION).asInt(-1);
        if (version != type.schemaVersion()) {
            throw new IllegalArgumentException("unsupported schema version " + version + " of event type " + name);
        }
        ObjectNode fields = ((ObjectNode) node).deepCopy();
        fields.remove(TYPE);
        fields.remove(SCHEMA_VERSION);
        try {
            return mapper.treeToValue(fields, type.javaType());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot read event of type " + name + ": " + e.getOriginalMessage(), e);
        }
    }

    public String toJson(EventEnvelope envelope) {
        ObjectNode node = mapper.createObjectNode();
        node.put("globalSequence", envelope.globalSequence());
        node.put("eventId", envelope.eventId());
        node.put("aggregateId", envelope.aggregateId());
        node.put("aggregateSequence", envelope.aggregateSequence());
        node.set("event", toTree(envelope.event()));
        return write(node);
    }

    /**
     * The envelope JSON of an event as the event store keeps it, without reading it into its record: equal, as
     * JSON, to {@link #toJson(EventEnvelope)} of the same event.
     *
     * @param storedFields the event record's fields as this codec's mapper writes them (the event store's payload)
     * @param type         the event's record class (the stored payload type)
     * @throws IllegalArgumentException when {@code storedFields} is not a JSON object or the type is unknown
     */
    public String envelopeJson(long globalSequence, String eventId, String aggregateId, long aggregateSequence,
                               Class<?> type, String storedFields) {
        EventTypes.EventType eventType = EventTypes.of(type);
        String fields = storedFields.strip();
        if (fields.length() < 2 || fields.charAt(0) != '{' || fields.charAt(fields.length() - 1) != '}') {
            throw new IllegalArgumentException("stored event of type " + eventType.name() + " is not a JSON object");
        }
        String inner = fields.substring(1, fields.length() - 1).strip();
        StringBuilder json = new StringBuilder(fields.length() + 200)
                .append("{\"globalSequence\":").append(globalSequence)
                .append(",\"eventId\":").append(quoted(eventId))
                .append(",\"aggregateId\":").append(quoted(aggregateId))
                .append(",\"aggregateSequence\":").append(aggregateSequence)
                .append(",\"event\":{\"").append(TYPE).append("\":").append(quoted(eventType.name()))
                .append(",\"").append(SCHEMA_VERSION).append("\":").append(eventType.schemaVersion());
        if (!inner.isEmpty()) {
            json.append(',').append(inner);
        }
        return json.append("}}").toString();
    }

    /**
     * The {@code accountId} of an event as the event store keeps it (see {@link #envelopeJson}), read without
     * binding the rest.
     *
     * @throws IllegalArgumentException when the JSON is not an object with a string {@code accountId}
     */
    public String accountIdOf(String storedFields) {
        try (JsonParser parser = mapper.createParser(storedFields)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("stored event is not a JSON object");
            }
            for (JsonToken token = parser.nextToken(); token == JsonToken.FIELD_NAME; token = parser.nextToken()) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (name.equals("accountId") && value == JsonToken.VALUE_STRING) {
                    return parser.getText();
                }
                parser.skipChildren();
            }
            throw new IllegalArgumentException("stored event has no accountId");
        } catch (IOException e) {
            throw new IllegalArgumentException("stored event is not valid JSON: " + e.getMessage(), e);
        }
    }

    private String quoted(String value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public EventEnvelope envelopeFromJson(String json) {
        JsonNode node = read(json);
        return new EventEnvelope(node.path("globalSequence").asLong(), node.path("eventId").asText(),
                node.path("aggregateId").asText(), node.path("aggregateSequence").asLong(),
                fromTree(node.path("event")));
    }

    private String write(JsonNode node) {
        try {
            return mapper.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private JsonNode read(String json) {
        try {
            JsonNode node = mapper.readTree(json);
            if (node == null || !node.isObject()) {
                throw new IllegalArgumentException("not a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not valid JSON: " + e.getOriginalMessage(), e);
        }
    }
}
