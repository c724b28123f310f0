package io.iamledger.infra.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * One API call as the audit trail keeps it: CloudTrail's record ({@code eventVersion}, {@code userIdentity},
 * {@code eventTime}, ...) and the resources the call named, as {@code LookupEvents} shows them. Values given to the
 * builder must already be free of secrets ({@link Redaction} makes parameters so). Immutable once built.
 *
 * @param eventId   the record's id, CloudTrail's {@code eventID}
 * @param accountId the account the record belongs to ({@code recipientAccountId})
 * @param eventTime when the call was received, to the microsecond (the record's {@code eventTime} is in seconds,
 *                  as CloudTrail writes it)
 * @param record    CloudTrail's record
 * @param resources {@code [{"ResourceType": ..., "ResourceName": ...}]}
 */
public record AuditRecord(UUID eventId, String accountId, Instant eventTime, ObjectNode record, ArrayNode resources) {
    /** CloudTrail's value for a parameter or response element it does not show. */
    public static final String HIDDEN = "HIDDEN_DUE_TO_SECURITY_REASONS";
    static final String EVENT_VERSION = "1.08";
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);

    /** The order CloudTrail writes a record's members in; the database's jsonb keeps no order. */
    private static final List<String> RECORD_ORDER = List.of("eventVersion", "userIdentity", "eventTime",
            "eventSource", "eventName", "awsRegion", "sourceIPAddress", "userAgent", "errorCode", "errorMessage",
            "requestParameters", "responseElements", "additionalEventData", "requestID", "eventID", "readOnly",
            "eventType", "managementEvent", "recipientAccountId", "eventCategory");
    private static final List<String> IDENTITY_ORDER = List.of("type", "principalId", "arn", "accountId",
            "accessKeyId", "userName", "sessionContext");

    public AuditRecord {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(eventTime, "eventTime");
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(resources, "resources");
    }

    /**
     * {@code stored} (a record as the database gives it back) with its members in CloudTrail's order, as
     * {@code LookupEvents} shows it.
     */
    public static ObjectNode inCloudTrailOrder(ObjectNode stored) {
        ObjectNode ordered = reorder(stored, RECORD_ORDER);
        if (ordered.get("userIdentity") instanceof ObjectNode identity) {
            ordered.set("userIdentity", reorder(identity, IDENTITY_ORDER));
        }
        return ordered;
    }

    /** A stored record's JSON text as compact JSON in CloudTrail's member order (LookupEvents, iam.audit). */
    public static String cloudTrailJson(String stored) {
        try {
            return MAPPER.writeValueAsString(inCloudTrailOrder((ObjectNode) MAPPER.readTree(stored)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an audit record is not JSON", e);
        }
    }

    private static ObjectNode reorder(ObjectNode node, List<String> order) {
        ObjectNode ordered = JSON.objectNode();
        for (String name : order) {
            if (node.has(name)) {
                ordered.set(name, node.get(name));
            }
        }
        for (var member : node.properties()) {
            if (!ordered.has(member.getKey())) {
                ordered.set(member.getKey(), member.getValue());
            }
        }
        return ordered;
    }

    /** The caller as CloudTrail's {@code userIdentity} shows it; absent members are left out. */
    public record Identity(String type, Optional<String> principalId, Optional<String> arn, Optional<String> accountId,
                           Optional<String> accessKeyId, Optional<String> userName,
                           Optional<SessionContext> sessionContext) {
        public Identity(String type, Optional<String> principalId, Optional<String> arn, Optional<String> accountId,
                        Optional<String> accessKeyId, Optional<String> userName) {
            this(type, principalId, arn, accountId, accessKeyId, userName, Optional.empty());
        }

        /** A caller whose credentials were not accepted: only the access key it presented is known, if any. */
        public static Identity unknown(Optional<String> accessKeyId) {
            return new Identity("Unknown", Optional.empty(), Optional.empty(), Optional.empty(), accessKeyId,
                    Optional.empty());
        }

        public static Identity root(String accountId, String arn, String accessKeyId) {
            return new Identity("Root", Optional.of(accountId), Optional.of(arn), Optional.of(accountId),
                    Optional.of(accessKeyId), Optional.empty());
        }

        public static Identity iamUser(String userId, String arn, String accountId, String accessKeyId,
                                       String userName) {
            return new Identity("IAMUser", Optional.of(userId), Optional.of(arn), Optional.of(accountId),
                    Optional.of(accessKeyId), Optional.of(userName));
        }

        /** A role session ({@code AROA…:session}, {@code arn:aws:sts::…:assumed-role/…}), with the role as issuer. */
        public static Identity assumedRole(String principalId, String sessionArn, String accountId,
                                           String accessKeyId, SessionContext context) {
            return new Identity("AssumedRole", Optional.of(principalId), Optional.of(sessionArn),
                    Optional.of(accountId), Optional.of(accessKeyId), Optional.empty(), Optional.of(context));
        }

        /** The same identity, signing with temporary credentials described by {@code context}. */
        public Identity withSessionContext(SessionContext context) {
            return new Identity(type, principalId, arn, accountId, accessKeyId, userName, Optional.of(context));
        }

        ObjectNode toJson() {
            ObjectNode node = JSON.objectNode().put("type", type);
            principalId.ifPresent(value -> node.put("principalId", value));
            arn.ifPresent(value -> node.put("arn", value));
            accountId.ifPresent(value -> node.put("accountId", value));
            accessKeyId.ifPresent(value -> node.put("accessKeyId", value));
            userName.ifPresent(value -> node.put("userName", value));
            sessionContext.ifPresent(context -> node.set("sessionContext", context.toJson()));
            return node;
        }
    }

    /**
     * CloudTrail's {@code userIdentity.sessionContext} for temporary credentials: when they were issued, whether
     * with MFA, the role that issued them (for role sessions) and the session's source identity.
     *
     * @param issuer the issuing role as {@code type Role}, {@code principalId}, {@code arn}, {@code accountId},
     *               {@code userName}; empty for GetSessionToken credentials
     */
    public record SessionContext(Instant creationDate, boolean mfaAuthenticated, Optional<Map<String, String>> issuer,
                                 Optional<String> sourceIdentity) {
        ObjectNode toJson() {
            ObjectNode node = JSON.objectNode();
            node.putObject("attributes")
                    .put("creationDate", creationDate.truncatedTo(ChronoUnit.SECONDS).toString())
                    .put("mfaAuthenticated", String.valueOf(mfaAuthenticated));
            issuer.ifPresent(fields -> {
                ObjectNode out = node.putObject("sessionIssuer");
                fields.forEach(out::put);
            });
            sourceIdentity.ifPresent(value -> node.put("sourceIdentity", value));
            return node;
        }
    }

    /**
     * A builder for the record of call {@code eventName} to {@code eventSource} (e.g. {@code iam.amazonaws.com}).
     * Defaults: no parameters or response elements (JSON null, as CloudTrail writes for reads), no error, not
     * read-only, no resources, empty source address and user agent.
     */
    public static Builder builder(String eventSource, String eventName, Instant eventTime) {
        return new Builder(eventSource, eventName, eventTime);
    }

    /** Collects one record's fields; not thread-safe. */
    public static final class Builder {
        private final String eventSource;
        private final String eventName;
        private final Instant eventTime;
        private UUID eventId = UUID.randomUUID();
        private String accountId;
        private Identity identity = Identity.unknown(Optional.empty());
        private String region = "us-east-1";
        private String sourceIp = "";
        private String userAgent = "";
        private String requestId = "";
        private boolean readOnly;
        private JsonNode requestParameters = JSON.nullNode();
        private JsonNode responseElements = JSON.nullNode();
        private String errorCode;
        private String errorMessage;
        private final ArrayNode resources = JSON.arrayNode();

        private Builder(String eventSource, String eventName, Instant eventTime) {
            this.eventSource = Objects.requireNonNull(eventSource, "eventSource");
            this.eventName = Objects.requireNonNull(eventName, "eventName");
            this.eventTime = eventTime.truncatedTo(ChronoUnit.MICROS);
        }

        public Builder eventId(UUID id) {
            this.eventId = id;
            return this;
        }

        /** The account the record is delivered to; required. */
        public Builder account(String id) {
            this.accountId = id;
            return this;
        }

        public Builder identity(Identity caller) {
            this.identity = caller;
            return this;
        }

        public Builder region(String awsRegion) {
            this.region = awsRegion;
            return this;
        }

        public Builder sourceIp(String address) {
            this.sourceIp = address;
            return this;
        }

        /** The client's {@code User-Agent}, cut to 1,024 characters. */
        public Builder userAgent(String agent) {
            this.userAgent = agent.length() > 1024 ? agent.substring(0, 1024) : agent;
            return this;
        }

        public Builder requestId(String id) {
            this.requestId = id;
            return this;
        }

        public Builder readOnly(boolean reads) {
            this.readOnly = reads;
            return this;
        }

        /** Already redacted. */
        public Builder requestParameters(JsonNode parameters) {
            this.requestParameters = parameters;
            return this;
        }

        /** Already redacted. */
        public Builder responseElements(JsonNode elements) {
            this.responseElements = elements;
            return this;
        }

        public Builder error(String code, String message) {
            this.errorCode = code;
            this.errorMessage = message;
            return this;
        }

        /** A resource the call named, e.g. {@code AWS::IAM::User} {@code alice}. */
        public Builder resource(String type, String name) {
            resources.addObject().put("ResourceType", type).put("ResourceName", name);
            return this;
        }

        public AuditRecord build() {
            Objects.requireNonNull(accountId, "account");
            ObjectNode record = JSON.objectNode();
            record.put("eventVersion", EVENT_VERSION);
            record.set("userIdentity", identity.toJson());
            record.put("eventTime", SECONDS.format(eventTime));
            record.put("eventSource", eventSource);
            record.put("eventName", eventName);
            record.put("awsRegion", region);
            record.put("sourceIPAddress", sourceIp);
            record.put("userAgent", userAgent);
            if (errorCode != null) {
                record.put("errorCode", errorCode);
                record.put("errorMessage", errorMessage);
            }
            record.set("requestParameters", requestParameters);
            record.set("responseElements", responseElements);
            record.put("requestID", requestId);
            record.put("eventID", eventId.toString());
            record.put("readOnly", readOnly);
            record.put("eventType", "AwsApiCall");
            record.put("managementEvent", true);
            record.put("recipientAccountId", accountId);
            record.put("eventCategory", "Management");
            return new AuditRecord(eventId, accountId, eventTime, record, resources.deepCopy());
        }
    }
}
