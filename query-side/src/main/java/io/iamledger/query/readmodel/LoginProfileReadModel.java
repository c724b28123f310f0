package io.iamledger.query.readmodel;

import io.iamledger.events.error.IamException;
import io.iamledger.query.projection.ReadModelSchema;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;

/** Answers {@code GetLoginProfile} from the temporal read model of one schema, as things are now. Thread-safe. */
public final class LoginProfileReadModel {
    private final DataSource dataSource;
    private final String schema;
    private final String s;

    private LoginProfileReadModel(DataSource dataSource, String schema) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.schema = ReadModelSchema.checkName(schema);
        this.s = ReadModelSchema.quoted(schema);
    }

    /** @throws IllegalArgumentException when the schema name is not valid */
    public static LoginProfileReadModel create(DataSource dataSource, String schema) {
        return new LoginProfileReadModel(dataSource, schema);
    }

    /**
     * {@code GetLoginProfile}.
     *
     * @throws IamException NoSuchEntity for the user, or when the user has no login profile
     */
    public LoginProfile getLoginProfile(String accountId, String userName) {
        return Snapshot.read(dataSource, schema, c -> {
            List<LoginProfile> rows = new Query(new Query.Current()).sql("select u.user_name, l.create_date,"
                            + " l.reset_required from " + s + ".users u left join " + s + ".login_profiles l"
                            + " on l.user_id = u.user_id and ").live("l")
                    .sql(" where u.account_id = ").param(accountId).sql(" and lower(u.user_name) = lower(")
                    .textC(userName).sql(") and ").live("u")
                    .list(c, rs -> rs.getObject("create_date") == null ? null : new LoginProfile(
                            rs.getString("user_name"), Query.instant(rs, "create_date"),
                            rs.getInt("reset_required") == 1));
            if (rows.isEmpty()) {
                throw IamException.noSuchEntity("The user with name " + userName + " cannot be found.");
            }
            if (rows.get(0) == null) {
                throw IamException.noSuchEntity("Login Profile for User " + userName + " cannot be found.");
            }
            return rows.get(0);
        });
    }
}
