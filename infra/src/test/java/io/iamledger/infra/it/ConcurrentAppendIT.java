package io.iamledger.infra.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.iamledger.events.identity.IdentityRef;
import io.iamledger.events.identity.Tag;
import io.iamledger.events.identity.TagsAddedEvent;
import java.sql.Connection;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.IamException;

/**
 * Two server instances on one event store: each keeps aggregates cached, so one may append on top of a state the
 * other has already moved past. The event table's unique (aggregate, sequence) key refuses that commit; the caller
 * gets AWS's ConcurrentModification (409), the stale aggregate leaves the cache, and a retry succeeds on the
 * current state. The other instance is played here by a direct, committed append.
 */
class ConcurrentAppendIT {
    private static final software.amazon.awssdk.services.iam.model.Tag MINE =
            software.amazon.awssdk.services.iam.model.Tag.builder().key("mine").value("1").build();

    @Test
    void aWriteThatLostTheRaceToAnotherInstanceGetsConcurrentModificationAndItsRetrySucceeds() throws Exception {
        // The aggregate cache holds weak references: a garbage collection between two calls may drop the aggregate,
        // and the write then reloads the current state and succeeds (also right). Try a few users to see the race.
        int conflicts = 0;
        try (IamClient iam = withoutRetries()) {
            for (int attempt = 0; attempt < 5 && conflicts == 0; attempt++) {
                String userName = SharedLedger.unique("raced");
                String userId = iam.createUser(r -> r.userName(userName)).user().userId();
                appendAsAnotherInstance(userId, userName, 1, new Tag("writer", "other-instance"));
                try {
                    iam.tagUser(r -> r.userName(userName).tags(MINE));
                } catch (IamException e) {
                    assertThat(e.statusCode()).isEqualTo(409);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ConcurrentModification");
                    conflicts++;
                    iam.tagUser(r -> r.userName(userName).tags(MINE));
                }
                assertThat(iam.listUserTags(r -> r.userName(userName)).tags())
                        .extracting(t -> t.key() + "=" + t.value())
                        .containsExactlyInAnyOrder("writer=other-instance", "mine=1");
            }
        }
        assertThat(conflicts).as("writes that found their cached aggregate stale").isEqualTo(1);
    }

    private static void appendAsAnotherInstance(String userId, String userName, long sequence, Tag tag)
            throws Exception {
        String account = SharedLedger.server().accountId();
        TagsAddedEvent event = new TagsAddedEvent(account, IdentityRef.user(userId, userName), List.of(tag),
                Instant.now());
        DataSource dataSource = SharedLedger.server().context().getBean(DataSource.class);
        try (Connection connection = dataSource.getConnection()) {
            BufferedAppend.insert(connection, userId, sequence, event); // auto-commit: moved as it commits
        }
    }

    private static IamClient withoutRetries() {
        return IamClient.builder()
                .endpointOverride(SharedLedger.server().endpoint())
                .region(Region.AWS_GLOBAL)
                .credentialsProvider(StaticCredentialsProvider.create(SharedLedger.rootCredentials()))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }
}
