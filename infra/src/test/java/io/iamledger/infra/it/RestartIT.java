package io.iamledger.infra.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.iamledger.events.EventEnvelope;
import io.iamledger.events.user.UserCreatedEvent;
import io.iamledger.infra.server.LedgerServer;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import software.amazon.awssdk.services.iam.IamClient;

class RestartIT {

    @Test
    void theEmbeddedDefaultKeepsAllStateAcrossARestartAndReplaysNothingTwice() {
        String user = SharedLedger.unique("survivor");
        LedgerServer before = SharedLedger.server();
        try (IamClient iam = SharedLedger.iam()) {
            iam.createUser(r -> r.userName(user));
            iam.attachUserPolicy(r -> r.userName(user).policyArn("arn:aws:iam::aws:policy/ReadOnlyAccess"));
            iam.getUser(r -> r.userName(user));
        }
        String account = before.accountId();
        String rootKey = before.rootAccessKeyId();
        long eventsBefore = count(before, "select count(*) from domain_event_entry");
        long rowsBefore = count(before, "select count(*) from iam_read.users");

        LedgerServer after = SharedLedger.restart();

        assertThat(after.accountId()).isEqualTo(account);
        assertThat(after.rootAccessKeyId()).isEqualTo(rootKey);
        try (IamClient iam = SharedLedger.iam()) {
            assertThat(iam.getUser(r -> r.userName(user)).user().userName()).isEqualTo(user);
            assertThat(iam.listAttachedUserPolicies(r -> r.userName(user)).attachedPolicies()).hasSize(1);
            String another = SharedLedger.unique("after-restart");
            iam.createUser(r -> r.userName(another));
            assertThat(iam.getUser(r -> r.userName(another)).user().userName()).isEqualTo(another);
        }
        // the restart re-published nothing and re-applied nothing: one event and one row more, for the new user
        assertThat(count(after, "select count(*) from domain_event_entry")).isEqualTo(eventsBefore + 1);
        assertThat(count(after, "select count(*) from iam_read.users")).isEqualTo(rowsBefore + 1);
        List<EventEnvelope> published = WritePathIT.readAllMatching(Duration.ofSeconds(20),
                e -> e.event() instanceof UserCreatedEvent created && created.userName().equals(user));
        assertThat(published).as("the relay published the event once, before and after the restart").hasSize(1);
    }

    private static long count(LedgerServer server, String sql) {
        return new JdbcTemplate(server.context().getBean(DataSource.class)).queryForObject(sql, Long.class);
    }
}
