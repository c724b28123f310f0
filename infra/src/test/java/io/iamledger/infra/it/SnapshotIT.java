package io.iamledger.infra.it;

import static org.assertj.core.api.Assertions.assertThat;

import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.Tag;

class SnapshotIT {

    @Test
    void anAggregateWithALongHistoryIsSnapshottedAndKeepsItsState() {
        String user = SharedLedger.unique("chatty");
        try (IamClient iam = SharedLedger.iam()) {
            iam.createUser(r -> r.userName(user));
            for (int i = 0; i < 60; i++) {
                String value = "v" + i;
                iam.tagUser(r -> r.userName(user).tags(Tag.builder().key("round").value(value).build()));
            }
            String userId = iam.getUser(r -> r.userName(user)).user().userId();
            Long snapshots = new JdbcTemplate(SharedLedger.server().context().getBean(DataSource.class))
                    .queryForObject("select count(*) from snapshot_event_entry where aggregate_identifier = ?",
                            Long.class, userId);
            assertThat(snapshots).isPositive();

            // loaded from the snapshot from now on: its state must be whole (tags, policies) for the rules to hold
            iam.tagUser(r -> r.userName(user).tags(Tag.builder().key("after").value("snapshot").build()));
            iam.attachUserPolicy(r -> r.userName(user).policyArn("arn:aws:iam::aws:policy/ReadOnlyAccess"));
            assertThat(iam.listUserTags(r -> r.userName(user)).tags()).extracting(Tag::key, Tag::value)
                    .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("round", "v59"),
                            org.assertj.core.groups.Tuple.tuple("after", "snapshot"));
            iam.detachUserPolicy(r -> r.userName(user).policyArn("arn:aws:iam::aws:policy/ReadOnlyAccess"));
            iam.deleteUser(r -> r.userName(user));
        }
    }
}
