package io.iamledger.infra.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.iamledger.events.error.ErrorCode;
import io.iamledger.events.error.IamException;
import io.iamledger.infra.audit.AuditLookup;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;

/**
 * CloudTrail over awsJson1_1 ({@code X-Amz-Target: com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.Op}):
 * {@code LookupEvents} over this server's audit trail. Errors are AWS's, rendered by the servlet as
 * {@code {"__type": code, "message": ...}}. Thread-safe.
 */
final class CloudTrailActions {
    static final String TARGET_PREFIX = "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.";
    static final String CONTENT_TYPE = "application/x-amz-json-1.1";
    static final String LOOKUP_EVENTS = "LookupEvents";
    private static final int DEFAULT_MAX_RESULTS = 50;
    /** 9999-12-31T23:59:59Z: the latest instant PostgreSQL's timestamps and AWS's dates both hold. */
    private static final BigDecimal LATEST_SECONDS = BigDecimal.valueOf(253_402_300_799L);

    private final AuditLookup lookup;
    private final ObjectMapper json = new ObjectMapper();

    CloudTrailActions(AuditLookup lookup) {
        this.lookup = lookup;
    }

    /** The operation an {@code X-Amz-Target} names, checked to be one this server serves. */
    static String operation(String target) {
        String operation = target.startsWith(TARGET_PREFIX) ? target.substring(TARGET_PREFIX.length()) : "";
        if (!operation.equals(LOOKUP_EVENTS)) {
            throw new IamException(ErrorCode.UNKNOWN_OPERATION, "The operation " + target
                    + " is not served on this endpoint.");
        }
        return operation;
    }

    /** The request's members, for the audit record; the body was parsed by {@link #lookupEvents} first. */
    JsonNode parse(byte[] body) {
        try {
            JsonNode request = body.length == 0 ? json.createObjectNode() : json.readTree(body);
            if (request == null || !request.isObject()) {
                throw new IamException(ErrorCode.SERIALIZATION, "The request body must be a JSON object.");
            }
            return request;
        } catch (JsonProcessingException e) {
            throw new IamException(ErrorCode.SERIALIZATION, "The request body is not valid JSON.");
        } catch (java.io.IOException e) {
            throw new IamException(ErrorCode.SERIALIZATION, "The request body cannot be read.");
        }
    }

    String lookupEvents(String accountId, JsonNode request) {
        JsonNode attributes = request.path("LookupAttributes");
        Optional<AuditLookup.Attribute> attribute = Optional.empty();
        String value = "";
        if (!attributes.isMissingNode() && !attributes.isNull()) {
            if (!attributes.isArray() || attributes.size() > 1) {
                throw new IamException(ErrorCode.INVALID_LOOKUP_ATTRIBUTES, "You can specify at most one lookup "
                        + "attribute.");
            }
            if (attributes.size() == 1) {
                JsonNode only = attributes.get(0);
                if (!only.path("AttributeKey").isTextual() || !only.path("AttributeValue").isTextual()) {
                    throw new IamException(ErrorCode.INVALID_LOOKUP_ATTRIBUTES, "A lookup attribute needs both an "
                            + "AttributeKey and an AttributeValue.");
                }
                attribute = Optional.of(AuditLookup.Attribute.of(only.get("AttributeKey").asText()));
                value = only.get("AttributeValue").asText();
                if (value.isEmpty() || value.length() > 2000) {
                    throw new IamException(ErrorCode.INVALID_LOOKUP_ATTRIBUTES, "The AttributeValue must be 1 to "
                            + "2000 characters long.");
                }
            }
        }
        if (request.hasNonNull("EventCategory") && !request.get("EventCategory").asText().equals("insight")) {
            throw new IamException(ErrorCode.INVALID_EVENT_CATEGORY, "Event category "
                    + request.get("EventCategory").asText() + " is not valid. The valid value is insight.");
        }
        int maxResults = DEFAULT_MAX_RESULTS;
        if (request.hasNonNull("MaxResults")) {
            JsonNode max = request.get("MaxResults");
            if (!max.canConvertToInt()) {
                throw new IamException(ErrorCode.INVALID_MAX_RESULTS, "MaxResults must be an integer between 1 and "
                        + AuditLookup.MAX_RESULTS + ".");
            }
            maxResults = max.asInt();
        }
        AuditLookup.Query query = new AuditLookup.Query(accountId, attribute, value, instant(request, "StartTime"),
                instant(request, "EndTime"), maxResults,
                Optional.ofNullable(request.get("NextToken")).filter(JsonNode::isTextual).map(JsonNode::asText));
        ObjectNode response = json.createObjectNode();
        ArrayNode events = response.putArray("Events");
        if (request.hasNonNull("EventCategory")) {
            // no Insights events exist here: the category asked for holds nothing
            return write(response);
        }
        AuditLookup.Page page = lookup.lookup(query);
        for (AuditLookup.Event event : page.events()) {
            ObjectNode out = events.addObject();
            out.put("EventId", event.eventId());
            out.put("EventName", event.eventName());
            out.put("ReadOnly", String.valueOf(event.readOnly()));
            event.accessKeyId().ifPresent(key -> out.put("AccessKeyId", key));
            out.put("EventTime", epochSeconds(event.eventTime()));
            out.put("EventSource", event.eventSource());
            event.username().ifPresent(name -> out.put("Username", name));
            out.set("Resources", readTree(event.resourcesJson()));
            out.put("CloudTrailEvent", event.cloudTrailEvent());
        }
        page.nextToken().ifPresent(token -> response.put("NextToken", token));
        return write(response);
    }

    /** An awsJson error body. */
    String error(IamException error) {
        ObjectNode body = json.createObjectNode();
        body.put("__type", error.code().awsCode());
        body.put("message", error.getMessage());
        return write(body);
    }

    private static Optional<Instant> instant(JsonNode request, String member) {
        JsonNode value = request.get(member);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isNumber()) {
            throw new IamException(ErrorCode.INVALID_TIME_RANGE, member + " must be a timestamp in epoch seconds.");
        }
        BigDecimal seconds = value.decimalValue();
        if (seconds.compareTo(BigDecimal.ZERO) < 0 || seconds.compareTo(LATEST_SECONDS) > 0) {
            throw new IamException(ErrorCode.INVALID_TIME_RANGE, member + " " + seconds.toPlainString()
                    + " is outside the range of possible values.");
        }
        return Optional.of(Instant.ofEpochSecond(seconds.longValue(),
                seconds.remainder(BigDecimal.ONE).movePointRight(9).intValue()));
    }

    private static BigDecimal epochSeconds(Instant instant) {
        return BigDecimal.valueOf(instant.getEpochSecond()).add(BigDecimal.valueOf(instant.getNano(), 9))
                .stripTrailingZeros();
    }

    private JsonNode readTree(String text) {
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an audit record's resources are not JSON", e);
        }
    }

    private String write(JsonNode node) {
        try {
            return json.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
