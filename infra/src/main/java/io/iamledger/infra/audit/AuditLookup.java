package io.iamledger.infra.audit;

import io.iamledger.events.error.ErrorCode;
import io.iamledger.events.error.IamException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * CloudTrail's {@code LookupEvents} over the audit trail of one account: at most one lookup attribute, an optional
 * time range, newest first, pages of at most 50 with an opaque token bound to the query it continues. Unlike
 * CloudTrail there is no 90-day horizon. Thread-safe.
 */
public final class AuditLookup {
    /** CloudTrail's eight lookup attributes. */
    public enum Attribute {
        EVENT_ID("EventId", "event_id = ?::uuid"),
        EVENT_NAME("EventName", "event_name = ?"),
        READ_ONLY("ReadOnly", "read_only = ?::boolean"),
        USERNAME("Username", "username = ?"),
        RESOURCE_TYPE("ResourceType", "resources @> jsonb_build_array(jsonb_build_object('ResourceType', ?::text))"),
        RESOURCE_NAME("ResourceName", "resources @> jsonb_build_array(jsonb_build_object('ResourceName', ?::text))"),
        EVENT_SOURCE("EventSource", "event_source = ?"),
        ACCESS_KEY_ID("AccessKeyId", "access_key_id = ?");

        private final String wireName;
        private final String condition;

        Attribute(String wireName, String condition) {
            this.wireName = wireName;
            this.condition = condition;
        }

        public String wireName() {
            return wireName;
        }

        /** @throws IamException {@code InvalidLookupAttributesException} for a name CloudTrail does not know */
        public static Attribute of(String wireName) {
            for (Attribute attribute : values()) {
                if (attribute.wireName.equals(wireName)) {
                    return attribute;
                }
            }
            throw new IamException(ErrorCode.INVALID_LOOKUP_ATTRIBUTES, "Lookup attribute key " + wireName
                    + " is not valid. Valid keys are EventId, EventName, ReadOnly, Username, ResourceType, "
                    + "ResourceName, EventSource and AccessKeyId.");
        }
    }

    /** One lookup: the account, an optional attribute and value, an optional time range, the page wanted. */
    public record Query(String accountId, Optional<Attribute> attribute, String value, Optional<Instant> start,
                        Optional<Instant> end, int maxResults, Optional<String> nextToken) {
        public Query {
            Objects.requireNonNull(accountId, "accountId");
            Objects.requireNonNull(value, "value");
            if (maxResults < 1 || maxResults > MAX_RESULTS) {
                throw new IamException(ErrorCode.INVALID_MAX_RESULTS, "Value " + maxResults + " for MaxResults is "
                        + "not valid. MaxResults must be between 1 and " + MAX_RESULTS + ".");
            }
            if (start.isPresent() && end.isPresent() && start.get().isAfter(end.get())) {
                throw new IamException(ErrorCode.INVALID_TIME_RANGE, "Start time " + start.get()
                        + " is after end time " + end.get() + ".");
            }
        }

        /** What a token is bound to: another query with the same token is refused. */
        private int fingerprint() {
            return Objects.hash(accountId, attribute.map(Attribute::wireName).orElse(""), value, start, end);
        }
    }

    /** One event as {@code LookupEvents} returns it. */
    public record Event(String eventId, String eventName, boolean readOnly, Optional<String> accessKeyId,
                       Instant eventTime, String eventSource, Optional<String> username, String resourcesJson,
                       String cloudTrailEvent) {}

    public record Page(List<Event> events, Optional<String> nextToken) {}

    public static final int MAX_RESULTS = 50;

    private final JdbcTemplate jdbc;

    public AuditLookup(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** @throws IamException {@code InvalidNextTokenException} for a token not issued for this query */
    public Page lookup(Query query) {
        StringBuilder sql = new StringBuilder("select audit_index, event_id, event_name, read_only, access_key_id,"
                + " event_time, event_source, username, resources::text, record::text from audit_record"
                + " where account_id = ?");
        List<Object> args = new ArrayList<>();
        args.add(query.accountId());
        if (query.attribute().isPresent()) {
            Attribute attribute = query.attribute().get();
            if (attribute == Attribute.EVENT_ID && !isUuid(query.value())
                    || attribute == Attribute.READ_ONLY && !query.value().equals("true")
                    && !query.value().equals("false")) {
                return new Page(List.of(), Optional.empty());
            }
            sql.append(" and ").append(attribute.condition);
            args.add(query.value());
        }
        query.start().ifPresent(start -> {
            sql.append(" and event_time >= ?");
            args.add(Timestamp.from(start));
        });
        query.end().ifPresent(end -> {
            sql.append(" and event_time <= ?");
            args.add(Timestamp.from(end));
        });
        if (query.nextToken().isPresent()) {
            Position after = Position.decode(query.nextToken().get(), query.fingerprint());
            sql.append(" and (event_time, audit_index) < (?, ?)");
            args.add(Timestamp.from(after.eventTime()));
            args.add(after.auditIndex());
        }
        sql.append(" order by event_time desc, audit_index desc limit ?");
        args.add(query.maxResults() + 1);
        List<Position> positions = new ArrayList<>();
        List<Event> events = jdbc.query(sql.toString(), (row, i) -> {
            Instant time = row.getTimestamp("event_time").toInstant();
            positions.add(new Position(time, row.getLong("audit_index")));
            return new Event(row.getString("event_id"), row.getString("event_name"), row.getBoolean("read_only"),
                    Optional.ofNullable(row.getString("access_key_id")), time, row.getString("event_source"),
                    Optional.ofNullable(row.getString("username")), row.getString("resources"),
                    AuditRecord.cloudTrailJson(row.getString("record")));
        }, args.toArray());
        if (events.size() <= query.maxResults()) {
            return new Page(events, Optional.empty());
        }
        Position last = positions.get(query.maxResults() - 1);
        return new Page(List.copyOf(events.subList(0, query.maxResults())),
                Optional.of(last.encode(query.fingerprint())));
    }

    private static boolean isUuid(String text) {
        try {
            UUID.fromString(text);
            return text.length() == 36;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Where a page ended: the last event's time and index, bound to the query's fingerprint. */
    private record Position(Instant eventTime, long auditIndex) {
        String encode(int fingerprint) {
            ByteBuffer bytes = ByteBuffer.allocate(8 + 4 + 8 + 4);
            bytes.putLong(eventTime.getEpochSecond()).putInt(eventTime.getNano()).putLong(auditIndex)
                    .putInt(fingerprint);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.array());
        }

        static Position decode(String token, int fingerprint) {
            try {
                ByteBuffer bytes = ByteBuffer.wrap(Base64.getUrlDecoder().decode(token.getBytes(StandardCharsets.US_ASCII)));
                if (bytes.remaining() != 24) {
                    throw new IllegalArgumentException("length");
                }
                Instant time = Instant.ofEpochSecond(bytes.getLong(), bytes.getInt());
                long index = bytes.getLong();
                if (bytes.getInt() != fingerprint) {
                    throw new IllegalArgumentException("another query");
                }
                return new Position(time, index);
            } catch (RuntimeException e) {
                throw new IamException(ErrorCode.INVALID_NEXT_TOKEN, "Invalid NextToken: it is not a token this "
                        + "server issued for these lookup parameters.");
            }
        }
    }
}
