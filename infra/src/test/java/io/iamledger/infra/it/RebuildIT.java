package io.iamledger.infra.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.iamledger.infra.config.LedgerSettings;
import io.iamledger.infra.rebuild.Rebuild;
import io.iamledger.infra.rebuild.StateDifference;
import io.iamledger.infra.server.LedgerServer;
import io.iamledger.query.projection.ProjectionConsumer;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import software.amazon.awssdk.services.iam.IamClient;

class RebuildIT {
    private static final String DOC = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}""";

    @Test
    void aReplayOfTheLogEqualsTheLiveReadModelAndACorruptedLiveModelIsCaught() throws Exception {
        LedgerServer server = SharedLedger.server();
        String user = SharedLedger.unique("rebuilt");
        String group = SharedLedger.unique("rebuilders");
        try (IamClient iam = SharedLedger.iam()) {
            iam.createUser(r -> r.userName(user).path("/r/"));
            iam.createGroup(r -> r.groupName(group));
            iam.addUserToGroup(r -> r.userName(user).groupName(group));
            iam.putUserPolicy(r -> r.userName(user).policyName("s3").policyDocument(DOC));
            iam.updateUser(r -> r.userName(user).newPath("/moved/"));
            iam.getUser(r -> r.userName(user)); // read-your-writes: the live model now holds all of the above
        }
        DataSource dataSource = server.context().getBean(DataSource.class);
        awaitLiveModelAtHead(server, dataSource);

        Rebuild.Result equal = new Rebuild(dataSource, LedgerSettings.READ_SCHEMA, "iam_rebuild_it", 500)
                .run(null, false);
        assertThat(equal.events()).isPositive();
        assertThat(equal.matches()).as("rebuilt %s vs live %s", equal.rebuilt(), equal.live()).isTrue();

        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        String sql = "update iam_read.users set path = ? where user_name = ? and valid_to_seq is null";
        jdbc.update(sql, "/tampered/", user);
        try {
            Rebuild.Result differs = new Rebuild(dataSource, LedgerSettings.READ_SCHEMA, "iam_rebuild_it", 500)
                    .run(null, false);
            assertThat(differs.matches()).isFalse();
            assertThat(differs.rebuilt().differingTables(differs.live())).contains("users");
        } finally {
            jdbc.update(sql, "/moved/", user);
        }
    }

    @Test
    void aReplayUpToAnInstantAgreesWithTheTemporalModelAsOfThen() throws Exception {
        LedgerServer server = SharedLedger.server();
        String user = SharedLedger.unique("replayed");
        Instant between;
        try (IamClient iam = SharedLedger.iam()) {
            iam.createUser(r -> r.userName(user).path("/before/"));
            iam.putUserPolicy(r -> r.userName(user).policyName("s3").policyDocument(DOC));
            Thread.sleep(5);
            between = Instant.now();
            Thread.sleep(5);
            iam.updateUser(r -> r.userName(user).newPath("/after/"));
            iam.deleteUserPolicy(r -> r.userName(user).policyName("s3"));
            iam.getUser(r -> r.userName(user));
        }
        DataSource dataSource = server.context().getBean(DataSource.class);
        awaitLiveModelAtHead(server, dataSource);

        Rebuild.Result asOf = new Rebuild(dataSource, LedgerSettings.READ_SCHEMA, "iam_rebuild_it", 500)
                .run(null, false, Optional.of(between));
        Rebuild.Result whole = new Rebuild(dataSource, LedgerSettings.READ_SCHEMA, "iam_rebuild_it", 500)
                .run(null, false);
        assertThat(asOf.matches()).as("replayed %s vs temporal %s", asOf.rebuilt(), asOf.live()).isTrue();
        assertThat(asOf.inMemory()).as("with an instant, the log is also replayed into memory").isPresent();
        assertThat(asOf.inMemory().get().difference().map(StateDifference::describe))
                .as("in-memory replay vs the temporal read model's state").isEmpty();
        assertThat(asOf.agrees()).isTrue();
        assertThat(whole.inMemory()).isEmpty();
        assertThat(asOf.upToSequence()).isLessThan(whole.upToSequence());
        assertThat(asOf.rebuilt().digest()).isNotEqualTo(whole.rebuilt().digest());

        // a change to history (the closed version of the row) is caught as of the instant it concerns
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        String sql = "update iam_read.users set path = ? where user_name = ? and valid_to_seq is not null";
        jdbc.update(sql, "/rewritten/", user);
        try {
            Rebuild.Result differs = new Rebuild(dataSource, LedgerSettings.READ_SCHEMA, "iam_rebuild_it", 500)
                    .run(null, false, Optional.of(between));
            assertThat(differs.matches()).isFalse();
        } finally {
            jdbc.update(sql, "/before/", user);
        }
    }

    /** Writes made directly through the command bus by other tests are not covered by read-your-writes. */
    private static void awaitLiveModelAtHead(LedgerServer server, DataSource dataSource) throws InterruptedException {
        long head = new JdbcTemplate(dataSource).queryForObject(
                "select coalesce(max(global_index), -1) from domain_event_entry", Long.class);
        ProjectionConsumer consumer = server.context().getBean(ProjectionConsumer.class);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (consumer.status().lastAppliedSequence().orElse(-1) < head && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
    }
}
