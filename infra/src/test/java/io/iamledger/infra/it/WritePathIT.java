package io.iamledger.infra.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.iamledger.events.EventEnvelope;
import io.iamledger.events.codec.EventCodec;
import io.iamledger.events.user.UserCreatedEvent;
import io.iamledger.infra.config.LedgerSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.CreateUserResponse;
import software.amazon.awssdk.services.iam.model.DeleteConflictException;
import software.amazon.awssdk.services.iam.model.EntityAlreadyExistsException;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;

class WritePathIT {

    @Test
    void createUserReturnsTheUserAndPublishesItsEventToKafka() {
        String name = SharedLedger.unique("alice");
        try (IamClient iam = SharedLedger.iam()) {
            CreateUserResponse created = iam.createUser(r -> r.userName(name).path("/team/"));
            assertThat(created.user().userName()).isEqualTo(name);
            assertThat(created.user().arn())
                    .isEqualTo("arn:aws:iam::" + SharedLedger.server().accountId() + ":user/team/" + name);
            assertThat(created.user().userId()).startsWith("AIDA");
        }
        List<EventEnvelope> published = readAll(Duration.ofSeconds(30),
                envelope -> envelope.event() instanceof UserCreatedEvent e && e.userName().equals(name));
        assertThat(published).hasSize(1);
        assertThat(published.get(0).accountId()).isEqualTo(SharedLedger.server().accountId());
    }

    @Test
    void userNamesAreUniqueCaseInsensitively() {
        String name = SharedLedger.unique("Bob");
        try (IamClient iam = SharedLedger.iam()) {
            iam.createUser(r -> r.userName(name));
            assertThatThrownBy(() -> iam.createUser(r -> r.userName(name.toUpperCase())))
                    .isInstanceOfSatisfying(EntityAlreadyExistsException.class,
                            e -> assertThat(e.statusCode()).isEqualTo(409));
        }
    }

    @Test
    void deleteUserConflictsWhilePoliciesAreAttachedAndThenSucceeds() {
        String name = SharedLedger.unique("carol");
        String readOnly = "arn:aws:iam::aws:policy/ReadOnlyAccess";
        try (IamClient iam = SharedLedger.iam()) {
            iam.createUser(r -> r.userName(name));
            iam.attachUserPolicy(r -> r.userName(name).policyArn(readOnly));
            assertThatThrownBy(() -> iam.deleteUser(r -> r.userName(name)))
                    .isInstanceOf(DeleteConflictException.class);
            iam.detachUserPolicy(r -> r.userName(name).policyArn(readOnly));
            iam.deleteUser(r -> r.userName(name));
            assertThatThrownBy(() -> iam.deleteUser(r -> r.userName(name)))
                    .isInstanceOfSatisfying(NoSuchEntityException.class,
                            e -> assertThat(e.awsErrorDetails().errorMessage())
                                    .isEqualTo("The user with name " + name + " cannot be found."));
        }
    }

    @Test
    void aWrongSecretIsRejectedWithSignatureDoesNotMatch() {
        AwsBasicCredentials wrong = AwsBasicCredentials.create(SharedLedger.server().rootAccessKeyId(),
                "not-the-secret-not-the-secret-not-the-se");
        try (IamClient iam = SharedLedger.iam(wrong)) {
            assertThatThrownBy(() -> iam.createUser(r -> r.userName(SharedLedger.unique("mallory"))))
                    .isInstanceOfSatisfying(IamException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(403);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("SignatureDoesNotMatch");
                    });
        }
    }

    @Test
    void anUnknownAccessKeyIsRejectedWithInvalidClientTokenId() {
        AwsBasicCredentials unknown = AwsBasicCredentials.create("AKIAUNKNOWNUNKNOWN00", "x".repeat(40));
        try (IamClient iam = SharedLedger.iam(unknown)) {
            assertThatThrownBy(() -> iam.createUser(r -> r.userName(SharedLedger.unique("eve"))))
                    .isInstanceOfSatisfying(IamException.class,
                            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidClientTokenId"));
        }
    }

    /** Every matching envelope on the topic, reading until the topic is drained (or the timeout passes). */
    static List<EventEnvelope> readAllMatching(Duration timeout, java.util.function.Predicate<EventEnvelope> wanted) {
        return read(timeout, wanted, true);
    }

    /** Matching envelopes, stopping as soon as at least one was found. */
    static List<EventEnvelope> readAll(Duration timeout, java.util.function.Predicate<EventEnvelope> wanted) {
        return read(timeout, wanted, false);
    }

    private static List<EventEnvelope> read(Duration timeout, java.util.function.Predicate<EventEnvelope> wanted,
                                            boolean drain) {
        EventCodec codec = new EventCodec();
        List<EventEnvelope> found = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedLedger.server().kafkaBootstrap(),
                ConsumerConfig.GROUP_ID_CONFIG, SharedLedger.unique("it-reader"),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
            // assigned, not subscribed: no group join, so an empty poll means the topic is drained
            List<org.apache.kafka.common.TopicPartition> partitions = consumer.partitionsFor(LedgerSettings.EVENTS_TOPIC)
                    .stream().map(p -> new org.apache.kafka.common.TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + timeout.toNanos();
            int emptyPolls = 0;
            while ((drain ? emptyPolls < 4 : found.isEmpty()) && System.nanoTime() < deadline) {
                var records = consumer.poll(Duration.ofMillis(500));
                emptyPolls = records.isEmpty() ? emptyPolls + 1 : 0;
                for (ConsumerRecord<String, String> record : records) {
                    EventEnvelope envelope = codec.envelopeFromJson(record.value());
                    if (wanted.test(envelope)) {
                        found.add(envelope);
                    }
                }
            }
        }
        return found;
    }
}
