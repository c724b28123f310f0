package io.iamledger.infra.history;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.iamledger.query.evaluator.MatchedStatement;
import io.iamledger.query.evaluator.PolicySource;
import io.iamledger.query.evaluator.PolicyType;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Why a statement applied to a principal at an instant: the rows of the temporal read model that put its policy
 * there (an inline policy, an attachment to the principal or to one of its groups, the membership in that group,
 * the managed policy's default version, the boundary), each with the domain event that opened it and that event's
 * audit record (call, time, actor). Thread-safe.
 */
final class Provenance {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final String VALID_AT = " and valid_from_time <= ? and (valid_to_time is null or valid_to_time > ?)";

    private final JdbcTemplate jdbc;
    private final String schema;

    Provenance(JdbcTemplate jdbc, String schema) {
        this.jdbc = jdbc;
        this.schema = schema;
    }

    /** A read-model row that holds a grant in place, and the global sequence of the event that opened it. */
    private record Link(String relation, String detail, long openedAt) {}

    /** {@code statement} as evidence: where it is, and what put its policy on {@code principalId} by {@code at}. */
    ObjectNode statement(MatchedStatement statement, String accountId, String principalId, Instant at) {
        PolicySource source = statement.source();
        ObjectNode out = JSON.objectNode()
                .put("policyType", statement.policyType().name())
                .put("policyKind", source.kind().name())
                .put("policy", source.id());
        source.group().ifPresent(group -> out.put("group", group));
        statement.sid().ifPresent(sid -> out.put("sid", sid));
        out.put("statementIndex", statement.index()).put("effect", statement.effect().name());
        ArrayNode putThereBy = out.putArray("putThereBy");
        for (Link link : links(statement, accountId, principalId, at)) {
            ObjectNode item = putThereBy.addObject().put("relation", link.relation());
            if (!link.detail().isEmpty()) {
                item.put("via", link.detail());
            }
            item.set("event", event(link.openedAt()));
        }
        return out;
    }

    private List<Link> links(MatchedStatement statement, String accountId, String principalId, Instant at) {
        PolicySource source = statement.source();
        List<Link> links = new ArrayList<>();
        if (statement.policyType() == PolicyType.PERMISSIONS_BOUNDARY) {
            opened("select valid_from_seq from " + schema + ".permissions_boundaries where identity_id = ?"
                    + " and boundary_arn = ?", at, principalId, source.id())
                    .ifPresent(seq -> links.add(new Link("permissionsBoundary", "", seq)));
            defaultVersion(accountId, source, at, links);
            return links;
        }
        switch (source.kind()) {
            case USER_INLINE, ROLE_INLINE -> opened("select valid_from_seq from " + schema + ".inline_policies"
                    + " where identity_id = ? and policy_name = ?", at, principalId, source.id())
                    .ifPresent(seq -> links.add(new Link("inlinePolicy", "", seq)));
            case GROUP_INLINE -> source.group().flatMap(group -> groupId(accountId, group, at)).ifPresent(group -> {
                membership(principalId, group, source.group().orElseThrow(), at, links);
                opened("select valid_from_seq from " + schema + ".inline_policies where identity_id = ?"
                        + " and policy_name = ?", at, group, source.id())
                        .ifPresent(seq -> links.add(new Link("groupInlinePolicy", source.group().orElseThrow(), seq)));
            });
            case AWS_MANAGED, CUSTOMER_MANAGED -> {
                opened("select valid_from_seq from " + schema + ".policy_attachments where identity_id = ?"
                        + " and policy_arn = ?", at, principalId, source.id())
                        .ifPresent(seq -> links.add(new Link("attachment", "", seq)));
                groupAttachments(principalId, source.id(), at, links);
                defaultVersion(accountId, source, at, links);
            }
            default -> { }
        }
        return links;
    }

    private void defaultVersion(String accountId, PolicySource source, Instant at, List<Link> links) {
        if (source.kind() != PolicySource.Kind.CUSTOMER_MANAGED) {
            return;
        }
        List<Object[]> rows = jdbc.query("select default_version_id, valid_from_seq from " + schema
                        + ".managed_policies where account_id = ? and arn = ?" + VALID_AT,
                (row, i) -> new Object[] {row.getString(1), row.getLong(2)}, accountId, source.id(),
                Timestamp.from(at), Timestamp.from(at));
        for (Object[] row : rows) {
            links.add(new Link("defaultVersion", (String) row[0], (Long) row[1]));
        }
    }

    private void membership(String userId, String groupId, String groupName, Instant at, List<Link> links) {
        opened("select valid_from_seq from " + schema + ".group_memberships where user_id = ? and group_id = ?",
                at, userId, groupId).ifPresent(seq -> links.add(new Link("groupMembership", groupName, seq)));
    }

    private Optional<String> groupId(String accountId, String groupName, Instant at) {
        return jdbc.query("select group_id from " + schema + ".groups where account_id = ?"
                        + " and lower(group_name) = lower(?)" + VALID_AT, (row, i) -> row.getString(1), accountId,
                groupName, Timestamp.from(at), Timestamp.from(at)).stream().findFirst();
    }

    /**
     * For each group {@code userId} belonged to at {@code at} that had {@code policyArn} attached then, in one
     * query: the membership and the attachment, in that order.
     */
    private void groupAttachments(String userId, String policyArn, Instant at, List<Link> links) {
        Timestamp t = Timestamp.from(at);
        jdbc.query("select g.group_name, m.valid_from_seq, a.valid_from_seq from " + schema + ".group_memberships m"
                        + " join " + schema + ".groups g on g.group_id = m.group_id and g.valid_from_time <= ?"
                        + " and (g.valid_to_time is null or g.valid_to_time > ?)"
                        + " join " + schema + ".policy_attachments a on a.identity_id = m.group_id"
                        + " and a.policy_arn = ? and a.valid_from_time <= ?"
                        + " and (a.valid_to_time is null or a.valid_to_time > ?)"
                        + " where m.user_id = ? and m.valid_from_time <= ? and (m.valid_to_time is null"
                        + " or m.valid_to_time > ?) order by g.group_name",
                row -> {
                    String group = row.getString(1);
                    links.add(new Link("groupMembership", group, row.getLong(2)));
                    links.add(new Link("groupAttachment", group, row.getLong(3)));
                }, t, t, policyArn, t, t, userId, t, t);
    }

    private Optional<Long> opened(String select, Instant at, Object... keys) {
        Object[] args = new Object[keys.length + 2];
        System.arraycopy(keys, 0, args, 0, keys.length);
        args[keys.length] = Timestamp.from(at);
        args[keys.length + 1] = Timestamp.from(at);
        return jdbc.query(select + VALID_AT, (row, i) -> row.getLong(1), args).stream().findFirst();
    }

    /**
     * The domain event at {@code globalSequence} and the audit record of the call that appended it: sequence,
     * event type and time, and the call's eventID, eventName, eventTime and caller ARN.
     */
    ObjectNode event(long globalSequence) {
        ObjectNode event = JSON.objectNode().put("sequence", globalSequence);
        // one round trip for the event and its call
        jdbc.query("select d.payload_type, d.time_stamp, r.event_id, r.event_name,"
                + " r.record -> 'userIdentity' ->> 'arn', r.record ->> 'eventTime' from domain_event_entry d"
                + " left join lateral (select event_id, event_name,"
                + " record from audit_record where event_positions @> jsonb_build_array(?::bigint) limit 1) r on true"
                + " where d.global_index = ?", row -> {
                    String type = row.getString(1);
                    event.put("eventType", type.substring(type.lastIndexOf('.') + 1));
                    event.put("eventTime", row.getString(2));
                    if (row.getString(3) != null) {
                        ObjectNode call = event.putObject("call");
                        call.put("eventID", row.getString(3));
                        call.put("eventName", row.getString(4));
                        call.put("eventTime", row.getString(6));
                        call.put("actor", row.getString(5));
                    }
                }, globalSequence, globalSequence);
        return event;
    }
}
