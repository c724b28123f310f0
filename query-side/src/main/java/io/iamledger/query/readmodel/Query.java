package io.iamledger.query.readmodel;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Builds one SQL statement with its parameters, including the temporal filter of a read: which row versions
 * count as "the" rows of a table. Not thread-safe; one per query.
 */
final class Query {

    /** Which moment a read model view looks at. */
    sealed interface Moment permits Current, AtTime, AtSequence, During {}

    record Current() implements Moment {}

    /** Instants are truncated to the microsecond, the resolution at which event times are stored. */
    record AtTime(Instant instant) implements Moment {
        AtTime {
            instant = instant.truncatedTo(ChronoUnit.MICROS);
        }
    }

    record AtSequence(long sequence) implements Moment {}

    /**
     * Not one moment but a window of event time: every version that held at some instant of [from, to], so that
     * the reader can tell what held at each instant of it.
     */
    record During(Instant from, Instant to) implements Moment {
        During {
            from = from.truncatedTo(ChronoUnit.MICROS);
            to = to.truncatedTo(ChronoUnit.MICROS);
            if (to.isBefore(from)) {
                throw new IllegalArgumentException("the window ends (" + to + ") before it starts (" + from + ")");
            }
        }
    }

    /** Row mapper that may throw, for JDBC. */
    @FunctionalInterface
    interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    private final Moment moment;
    private final StringBuilder sql = new StringBuilder();
    private final List<Object> params = new ArrayList<>();

    Query(Moment moment) {
        this.moment = moment;
    }

    Query sql(String text) {
        sql.append(text);
        return this;
    }

    Query param(Object value) {
        sql.append('?');
        params.add(value);
        return this;
    }

    /** A text parameter compared with "C"-collated columns (names, paths), for ordering comparisons. */
    Query textC(String value) {
        sql.append("cast(? as text) collate \"C\"");
        params.add(value);
        return this;
    }

    /** A text[] parameter. */
    Query texts(Collection<String> values) {
        sql.append("cast(? as text[])");
        params.add(values.toArray(new String[0]));
        return this;
    }

    /** Appends another query's text and parameters, as a fragment of this one. */
    Query append(Query fragment) {
        sql.append(fragment.sql);
        params.addAll(fragment.params);
        return this;
    }

    /**
     * The filter selecting the versions of {@code alias}'s table that hold at this query's moment (for a
     * {@link During} window, at any instant of it).
     */
    Query live(String alias) {
        if (moment instanceof Current) {
            sql.append(alias).append(".valid_to_seq is null");
        } else if (moment instanceof AtTime at) {
            OffsetDateTime time = OffsetDateTime.ofInstant(at.instant(), ZoneOffset.UTC);
            sql.append(alias).append(".valid_from_time <= ? and (").append(alias).append(".valid_to_time is null or ")
                    .append(alias).append(".valid_to_time > ?)");
            params.add(time);
            params.add(time);
        } else if (moment instanceof During during) {
            sql.append(alias).append(".valid_from_time <= ? and (").append(alias).append(".valid_to_time is null or ")
                    .append(alias).append(".valid_to_time > ?)");
            params.add(OffsetDateTime.ofInstant(during.to(), ZoneOffset.UTC));
            params.add(OffsetDateTime.ofInstant(during.from(), ZoneOffset.UTC));
        } else {
            long sequence = ((AtSequence) moment).sequence();
            sql.append(alias).append(".valid_from_seq <= ? and (").append(alias).append(".valid_to_seq is null or ")
                    .append(alias).append(".valid_to_seq > ?)");
            params.add(sequence);
            params.add(sequence);
        }
        return this;
    }

    /**
     * An order by which the version of {@code alias}'s table holding at this query's moment comes first among a
     * row's versions (newest first); nothing when only one version holds anyway.
     */
    Query newestFirst(String alias) {
        if (moment instanceof AtTime) {
            sql.append("order by ").append(alias).append(".valid_from_time desc");
        } else if (moment instanceof AtSequence) {
            sql.append("order by ").append(alias).append(".valid_from_seq desc");
        }
        return this;
    }

    <T> List<T> list(Connection connection, RowMapper<T> mapper) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql.toString())) {
            for (int i = 0; i < params.size(); i++) {
                Object value = params.get(i);
                if (value instanceof String[] array) {
                    statement.setArray(i + 1, connection.createArrayOf("text", array));
                } else {
                    statement.setObject(i + 1, value);
                }
            }
            try (ResultSet rs = statement.executeQuery()) {
                List<T> rows = new ArrayList<>();
                while (rs.next()) {
                    rows.add(mapper.map(rs));
                }
                return rows;
            }
        }
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }

    static Instant instantOrNull(ResultSet rs, String column) throws SQLException {
        OffsetDateTime time = rs.getObject(column, OffsetDateTime.class);
        return time == null ? null : time.toInstant();
    }
}
