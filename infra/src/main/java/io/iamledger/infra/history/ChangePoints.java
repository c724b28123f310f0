package io.iamledger.infra.history;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The instants at which what a user or role may do can have changed within a window: every opening or closing
 * of a read-model row that shapes its permissions (the identity itself and its tags, its inline policies,
 * attachments and boundary, its group memberships, those groups' policies, and the managed policies attached to
 * any of them, whose default version may change). Between two consecutive points every answer is the same, so
 * evaluating at each point is exact. Thread-safe.
 */
final class ChangePoints {
    /** One row opening or closing: the global sequence and time of the event that did it. */
    record Point(long sequence, Instant time) {}

    private final JdbcTemplate jdbc;
    private final String schema;

    ChangePoints(JdbcTemplate jdbc, String schema) {
        this.jdbc = jdbc;
        this.schema = schema;
    }

    /** The ids the user or role of {@code arn} had during [from, to] (a name deleted and created again has two). */
    List<String> identityIds(String accountId, String arn, Instant from, Instant to) {
        String table = arn.contains(":role/") ? "roles" : "users";
        String id = table.equals("roles") ? "role_id" : "user_id";
        return jdbc.queryForList("select distinct " + id + " from " + schema + "." + table + " where account_id = ?"
                + " and arn = ? and valid_from_time <= ? and (valid_to_time is null or valid_to_time > ?)",
                String.class, accountId, arn, Timestamp.from(to), Timestamp.from(from));
    }

    /** Every change point in (from, to], in order. */
    List<Point> between(String accountId, List<String> identityIds, Instant from, Instant to) {
        String s = schema + ".";
        // rows of the identity, the groups it was in during the window, and the managed policies of either
        String sql = "with ids as (select unnest(?::text[]) as id),"
                + " grps as (select distinct group_id as id from " + s + "group_memberships m join ids"
                + "   on m.user_id = ids.id where m.valid_from_time <= ? and (m.valid_to_time is null"
                + "   or m.valid_to_time > ?)),"
                + " holders as (select id from ids union select id from grps),"
                + " arns as (select distinct policy_arn as arn from " + s + "policy_attachments a join holders h"
                + "   on a.identity_id = h.id union select distinct boundary_arn from " + s + "permissions_boundaries b"
                + "   join ids on b.identity_id = ids.id),"
                + " rows as ("
                + "  select valid_from_seq, valid_from_time, valid_to_seq, valid_to_time from " + s + "users"
                + "   where user_id in (select id from ids)"
                + "  union all select valid_from_seq, valid_from_time, valid_to_seq, valid_to_time from " + s + "roles"
                + "   where role_id in (select id from ids)"
                + "  union all select valid_from_seq, valid_from_time, valid_to_seq, valid_to_time from " + s
                + "tags where identity_id in (select id from ids)"
                + "  union all select valid_from_seq, valid_from_time, valid_to_seq, valid_to_time from " + s
                + "permissions_boundaries where identity_id in (select id from ids)"
                + "  union all select valid_from_seq, valid_from_time, valid_to_seq, valid_to_time from " + s
                + "group_memberships where user_id in (select id from ids)"
                + "  union all select valid_from_seq, valid_from_time, valid_to_seq, valid_to_time from " + s
                + "groups where group_id in (select id from grps)"
                + "  union all select valid_from_seq, valid_from_time, valid_to_seq, valid_to_time from " + s
                + "inline_policies where identity_id in (select id from holders)"
                + "  union all select valid_from_seq, valid_from_time, valid_to_seq, valid_to_time from " + s
                + "policy_attachments where identity_id in (select id from holders)"
                + "  union all select valid_from_seq, valid_from_time, valid_to_seq, valid_to_time from " + s
                + "managed_policies where account_id = ? and arn in (select arn from arns))"
                + " select seq, t from (select valid_from_seq as seq, valid_from_time as t from rows"
                + "  union select valid_to_seq, valid_to_time from rows where valid_to_seq is not null) p"
                + " where t > ? and t <= ? order by seq";
        return jdbc.execute((Connection connection) -> {
            try (PreparedStatement select = connection.prepareStatement(sql)) {
                Array ids = connection.createArrayOf("text", identityIds.toArray());
                select.setArray(1, ids);
                select.setTimestamp(2, Timestamp.from(to));
                select.setTimestamp(3, Timestamp.from(from));
                select.setString(4, accountId);
                select.setTimestamp(5, Timestamp.from(from));
                select.setTimestamp(6, Timestamp.from(to));
                List<Point> points = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        points.add(new Point(rows.getLong(1), rows.getTimestamp(2).toInstant()));
                    }
                }
                return points;
            }
        });
    }
}
