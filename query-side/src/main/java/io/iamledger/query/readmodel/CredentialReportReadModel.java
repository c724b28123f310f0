package io.iamledger.query.readmodel;

import io.iamledger.events.identity.AccessKeyStatus;
import io.iamledger.query.projection.ReadModelSchema;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/**
 * The read-model side of {@code GenerateCredentialReport}: every user of an account with its password, MFA and
 * access-key facts, and the root's access keys, read in one snapshot so that the report shows one state. Thread-safe.
 */
public final class CredentialReportReadModel {

    /** An account's users by name, and its root user's access keys (oldest first). */
    public record AccountCredentials(List<UserCredentials> users, List<AccessKeyMetadata> rootAccessKeys) {
        public AccountCredentials {
            users = List.copyOf(users);
            rootAccessKeys = List.copyOf(rootAccessKeys);
        }
    }

    private final DataSource dataSource;
    private final String schema;
    private final String s;

    private CredentialReportReadModel(DataSource dataSource, String schema) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.schema = ReadModelSchema.checkName(schema);
        this.s = ReadModelSchema.quoted(schema);
    }

    /** @throws IllegalArgumentException when the schema name is not valid */
    public static CredentialReportReadModel create(DataSource dataSource, String schema) {
        return new CredentialReportReadModel(dataSource, schema);
    }

    /** The account's credentials as they are now. @throws ReadModelException on a database failure */
    public AccountCredentials current(String accountId) {
        return Snapshot.read(dataSource, schema, c -> {
            Set<String> withPassword = new HashSet<>(now().sql("select l.user_id from " + s + ".login_profiles l"
                    + " where l.account_id = ").param(accountId).sql(" and ").live("l")
                    .list(c, rs -> rs.getString("user_id")));
            Set<String> withMfa = new HashSet<>(now().sql("select a.user_id from " + s + ".mfa_assignments a"
                    + " where a.account_id = ").param(accountId).sql(" and ").live("a")
                    .list(c, rs -> rs.getString("user_id")));
            Map<String, List<AccessKeyMetadata>> keysByOwner = new HashMap<>();
            List<AccessKeyMetadata> rootKeys = new ArrayList<>();
            now().sql("select k.owner_kind, k.owner_id, k.access_key_id, k.status, k.create_date from " + s
                            + ".access_keys k where k.account_id = ").param(accountId).sql(" and ").live("k")
                    .sql(" order by k.create_date, k.access_key_id")
                    .list(c, rs -> {
                        AccessKeyMetadata key = new AccessKeyMetadata(Optional.empty(),
                                rs.getString("access_key_id"), AccessKeyStatus.valueOf(rs.getString("status")),
                                Query.instant(rs, "create_date"));
                        if (rs.getString("owner_kind").equals("ROOT")) {
                            rootKeys.add(key);
                        } else {
                            keysByOwner.computeIfAbsent(rs.getString("owner_id"), id -> new ArrayList<>()).add(key);
                        }
                        return key;
                    });
            List<UserCredentials> users = now().sql("select u.user_id, u.user_name, u.arn, u.create_date from " + s
                            + ".users u where u.account_id = ").param(accountId).sql(" and ").live("u")
                    .list(c, rs -> {
                        String id = rs.getString("user_id");
                        return new UserCredentials(id, rs.getString("user_name"), rs.getString("arn"),
                                Query.instant(rs, "create_date"), withPassword.contains(id), withMfa.contains(id),
                                keysByOwner.getOrDefault(id, List.of()));
                    });
            users.sort(Comparator.comparing(UserCredentials::userName, String.CASE_INSENSITIVE_ORDER));
            return new AccountCredentials(users, rootKeys);
        });
    }

    private static Query now() {
        return new Query(new Query.Current());
    }
}
