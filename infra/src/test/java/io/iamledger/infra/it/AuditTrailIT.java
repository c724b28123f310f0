package io.iamledger.infra.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import io.iamledger.infra.config.LedgerSettings;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudtrail.model.CloudTrailException;
import software.amazon.awssdk.services.cloudtrail.model.Event;
import software.amazon.awssdk.services.cloudtrail.model.InvalidLookupAttributesException;
import software.amazon.awssdk.services.cloudtrail.model.InvalidMaxResultsException;
import software.amazon.awssdk.services.cloudtrail.model.InvalidNextTokenException;
import software.amazon.awssdk.services.cloudtrail.model.InvalidTimeRangeException;
import software.amazon.awssdk.services.cloudtrail.model.LookupAttribute;
import software.amazon.awssdk.services.cloudtrail.model.LookupAttributeKey;
import software.amazon.awssdk.services.cloudtrail.model.LookupEventsRequest;
import software.amazon.awssdk.services.cloudtrail.model.LookupEventsResponse;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.iam.model.Tag;

/**
 * The audit trail through the SDK's {@code CloudTrailClient}: every call (writes, reads, denials, authentication
 * failures) is found by each of CloudTrail's eight lookup attributes, newest first, in pages; bad lookups get
 * CloudTrail's errors; a write's record names the events it committed; LookupEvents is itself authorized.
 */
class AuditTrailIT {
    /** The contract is one second; the slack is for a loaded CI machine. */
    private static final Duration VISIBLE_WITHIN = Duration.ofSeconds(5);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final IamClient root = SharedLedger.iam();
    private final String account = SharedLedger.server().accountId();

    @Test
    void aUsersCallsAreFoundByUsernameNewestFirstAccessDeniedIncluded() throws Exception {
        String alice = SharedLedger.unique("alice");
        AccessKey key = userWithKey(alice);
        try (IamClient asAlice = SharedLedger.iam(credentials(key))) {
            assertThatThrownBy(() -> asAlice.createUser(r -> r.userName(SharedLedger.unique("x"))))
                    .isInstanceOfSatisfying(IamException.class, e -> assertThat(e.statusCode()).isEqualTo(403));
            root.attachUserPolicy(r -> r.userName(alice).policyArn("arn:aws:iam::aws:policy/IAMReadOnlyAccess"));
            asAlice.getUser(r -> r.userName(alice));
        }
        try (CloudTrailClient trail = cloudTrail(SharedLedger.rootCredentials())) {
            List<Event> events = awaitEvents(trail, LookupAttributeKey.USERNAME, alice, found -> found.size() >= 2);
            assertThat(events).extracting(Event::eventName).containsExactly("GetUser", "CreateUser");
            Event getUser = events.get(0);
            Event denied = events.get(1);
            assertThat(getUser.readOnly()).isEqualTo("true");
            assertThat(getUser.accessKeyId()).isEqualTo(key.accessKeyId());
            assertThat(getUser.username()).isEqualTo(alice);
            assertThat(getUser.eventSource()).isEqualTo("iam.amazonaws.com");
            assertThat(getUser.eventTime()).isAfterOrEqualTo(denied.eventTime());

            JsonNode record = JSON.readTree(denied.cloudTrailEvent());
            assertThat(record.path("eventVersion").asText()).isEqualTo("1.08");
            assertThat(record.path("errorCode").asText()).isEqualTo("AccessDenied");
            assertThat(record.path("errorMessage").asText()).startsWith("User: arn:aws:iam::" + account + ":user/"
                    + alice + " is not authorized to perform: iam:CreateUser");
            assertThat(record.path("readOnly").asBoolean()).isFalse();
            JsonNode identity = record.path("userIdentity");
            assertThat(identity.path("type").asText()).isEqualTo("IAMUser");
            assertThat(identity.path("arn").asText()).isEqualTo("arn:aws:iam::" + account + ":user/" + alice);
            assertThat(identity.path("principalId").asText()).startsWith("AIDA");
            assertThat(identity.path("accountId").asText()).isEqualTo(account);
            assertThat(identity.path("accessKeyId").asText()).isEqualTo(key.accessKeyId());
            assertThat(identity.path("userName").asText()).isEqualTo(alice);
            assertThat(record.path("recipientAccountId").asText()).isEqualTo(account);
            assertThat(record.path("eventType").asText()).isEqualTo("AwsApiCall");
            assertThat(record.path("managementEvent").asBoolean()).isTrue();
            assertThat(record.path("awsRegion").asText()).isEqualTo("us-east-1");
            assertThat(record.path("sourceIPAddress").asText()).isNotEmpty();
            assertThat(record.path("userAgent").asText()).contains("aws-sdk-java");
            assertThat(record.path("requestID").asText()).isNotEmpty();
            assertThat(record.path("eventID").asText()).isEqualTo(denied.eventId());
            assertThat(record.path("requestParameters").path("userName").asText()).startsWith("x-");
        }
    }

    @Test
    void aWritesRecordCarriesItsResponseTheEventsItCommittedAndNoSecret() throws Exception {
        String bob = SharedLedger.unique("bob");
        root.createUser(r -> r.userName(bob));
        AccessKey key = root.createAccessKey(r -> r.userName(bob)).accessKey();
        try (CloudTrailClient trail = cloudTrail(SharedLedger.rootCredentials())) {
            List<Event> events = awaitEvents(trail, LookupAttributeKey.RESOURCE_NAME, bob,
                    found -> found.size() >= 2);
            assertThat(events).extracting(Event::eventName).containsExactly("CreateAccessKey", "CreateUser");
            JsonNode createUser = JSON.readTree(events.get(1).cloudTrailEvent());
            assertThat(createUser.path("userIdentity").path("type").asText()).isEqualTo("Root");
            assertThat(createUser.path("userIdentity").path("arn").asText()).isEqualTo("arn:aws:iam::" + account
                    + ":root");
            assertThat(createUser.path("responseElements").path("user").path("userName").asText()).isEqualTo(bob);
            assertThat(createUser.path("responseElements").path("user").path("arn").asText())
                    .isEqualTo("arn:aws:iam::" + account + ":user/" + bob);
            JsonNode sequence = createUser.path("additionalEventData").path("eventSequenceNumbers");
            assertThat(sequence.isArray() && sequence.size() == 1).as("sequence numbers %s", sequence).isTrue();
            assertThat(events.get(1).resources()).anySatisfy(resource -> {
                assertThat(resource.resourceType()).isEqualTo("AWS::IAM::User");
                assertThat(resource.resourceName()).isEqualTo(bob);
            });

            JsonNode createKey = JSON.readTree(events.get(0).cloudTrailEvent());
            JsonNode keyElement = createKey.path("responseElements").path("accessKey");
            assertThat(keyElement.path("accessKeyId").asText()).isEqualTo(key.accessKeyId());
            assertThat(keyElement.path("secretAccessKey").asText()).isEqualTo("HIDDEN_DUE_TO_SECURITY_REASONS");
            assertThat(events.get(0).cloudTrailEvent()).doesNotContain(key.secretAccessKey());

            // the numbers name the committed event of the user's creation
            JdbcTemplate jdbc = SharedLedger.jdbc();
            String eventType = jdbc.queryForObject("select payload_type from domain_event_entry"
                    + " where global_index = ?", String.class, sequence.get(0).asLong());
            assertThat(eventType).endsWith(".UserCreatedEvent");
        }
    }

    @Test
    void everyLookupAttributeFindsTheCallsItNames() {
        String carol = SharedLedger.unique("carol");
        AccessKey key = userWithKey(carol);
        try (IamClient asCarol = SharedLedger.iam(credentials(key))) {
            assertThatThrownBy(asCarol::listUsers).isInstanceOf(IamException.class);
        }
        try (CloudTrailClient trail = cloudTrail(SharedLedger.rootCredentials())) {
            Event listUsers = awaitEvents(trail, LookupAttributeKey.ACCESS_KEY_ID, key.accessKeyId(),
                    found -> !found.isEmpty()).get(0);
            assertThat(listUsers.eventName()).isEqualTo("ListUsers");

            assertThat(lookupAll(trail, LookupAttributeKey.EVENT_ID, listUsers.eventId()))
                    .extracting(Event::eventId).containsExactly(listUsers.eventId());
            assertThat(lookupAll(trail, LookupAttributeKey.USERNAME, carol)).extracting(Event::eventId)
                    .contains(listUsers.eventId());
            Instant around = listUsers.eventTime();
            List<String> namedListUsers = lookupBetween(trail, LookupAttributeKey.EVENT_NAME, "ListUsers",
                    around.minusSeconds(1), around.plusSeconds(1));
            assertThat(namedListUsers).contains(listUsers.eventId());
            assertThat(lookupBetween(trail, LookupAttributeKey.READ_ONLY, "true", around.minusSeconds(1),
                    around.plusSeconds(1))).contains(listUsers.eventId());
            assertThat(lookupBetween(trail, LookupAttributeKey.READ_ONLY, "false", around.minusSeconds(1),
                    around.plusSeconds(1))).doesNotContain(listUsers.eventId());
            assertThat(lookupBetween(trail, LookupAttributeKey.EVENT_SOURCE, "iam.amazonaws.com",
                    around.minusSeconds(1), around.plusSeconds(1))).contains(listUsers.eventId());

            List<Event> carolsCreation = lookupAll(trail, LookupAttributeKey.RESOURCE_NAME, carol);
            assertThat(carolsCreation).extracting(Event::eventName).contains("CreateUser", "CreateAccessKey");
            String createUserId = carolsCreation.stream().filter(e -> e.eventName().equals("CreateUser"))
                    .findFirst().orElseThrow().eventId();
            Instant created = carolsCreation.stream().filter(e -> e.eventName().equals("CreateUser"))
                    .findFirst().orElseThrow().eventTime();
            assertThat(lookupBetween(trail, LookupAttributeKey.RESOURCE_TYPE, "AWS::IAM::User",
                    created.minusSeconds(1), created.plusSeconds(1))).contains(createUserId);
            assertThat(lookupBetween(trail, LookupAttributeKey.RESOURCE_TYPE, "AWS::IAM::Role",
                    created.minusSeconds(1), created.plusSeconds(1))).doesNotContain(createUserId);
            // a time range that ends before the call excludes it
            assertThat(lookupBetween(trail, LookupAttributeKey.EVENT_NAME, "ListUsers", around.minusSeconds(60),
                    around.minusSeconds(30))).doesNotContain(listUsers.eventId());
        }
    }

    @Test
    void anUnauthenticatedCallIsRecordedWithTheKeyItPresented() {
        String dave = SharedLedger.unique("dave");
        AccessKey key = userWithKey(dave);
        AwsCredentials wrongSecret = AwsBasicCredentials.create(key.accessKeyId(), "x".repeat(40));
        try (IamClient forged = SharedLedger.iam(wrongSecret)) {
            assertThatThrownBy(forged::listUsers).isInstanceOfSatisfying(IamException.class, e -> {
                assertThat(e.statusCode()).isEqualTo(403);
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("SignatureDoesNotMatch");
            });
        }
        try (CloudTrailClient trail = cloudTrail(SharedLedger.rootCredentials())) {
            Event failed = awaitEvents(trail, LookupAttributeKey.ACCESS_KEY_ID, key.accessKeyId(),
                    found -> !found.isEmpty()).get(0);
            assertThat(failed.cloudTrailEvent()).contains("\"errorCode\":\"SignatureDoesNotMatch\"");
            assertThat(failed.cloudTrailEvent()).contains("\"type\":\"Unknown\"");
            assertThat(failed.eventName()).isEqualTo("ListUsers");
            assertThat(failed.readOnly()).isEqualTo("true");
        }
    }

    @Test
    void pagesOfAtMostMaxResultsCoverEveryEventOnceNewestFirst() {
        String erin = SharedLedger.unique("erin");
        root.createUser(r -> r.userName(erin));
        for (int i = 0; i < 6; i++) {
            String tagValue = "v" + i;
            root.tagUser(r -> r.userName(erin).tags(Tag.builder().key("k").value(tagValue).build()));
        }
        try (CloudTrailClient trail = cloudTrail(SharedLedger.rootCredentials())) {
            awaitEvents(trail, LookupAttributeKey.RESOURCE_NAME, erin, found -> found.size() >= 7);
            List<Event> seen = new ArrayList<>();
            String token = null;
            int pages = 0;
            do {
                String next = token;
                LookupEventsResponse page = trail.lookupEvents(r -> r.maxResults(3).nextToken(next)
                        .lookupAttributes(attribute(LookupAttributeKey.RESOURCE_NAME, erin)));
                assertThat(page.events()).hasSizeLessThanOrEqualTo(3);
                seen.addAll(page.events());
                token = page.nextToken();
                pages++;
            } while (token != null);
            assertThat(pages).isEqualTo(3);
            assertThat(seen).hasSize(7);
            assertThat(new HashSet<>(seen.stream().map(Event::eventId).toList())).hasSize(7);
            for (int i = 1; i < seen.size(); i++) {
                assertThat(seen.get(i).eventTime()).isBeforeOrEqualTo(seen.get(i - 1).eventTime());
            }
            assertThat(seen.get(6).eventName()).isEqualTo("CreateUser");
        }
    }

    @Test
    void badLookupsGetCloudTrailsErrors() {
        try (CloudTrailClient trail = cloudTrail(SharedLedger.rootCredentials())) {
            assertThatThrownBy(() -> trail.lookupEvents(r -> r.maxResults(51)))
                    .isInstanceOfSatisfying(InvalidMaxResultsException.class,
                            e -> assertThat(e.statusCode()).isEqualTo(400));
            assertThatThrownBy(() -> trail.lookupEvents(r -> r.maxResults(0)))
                    .isInstanceOf(InvalidMaxResultsException.class);
            Instant now = Instant.now();
            assertThatThrownBy(() -> trail.lookupEvents(r -> r.startTime(now).endTime(now.minusSeconds(60))))
                    .isInstanceOf(InvalidTimeRangeException.class);
            assertThatThrownBy(() -> trail.lookupEvents(r -> r.lookupAttributes(
                    attribute(LookupAttributeKey.USERNAME, "a"), attribute(LookupAttributeKey.EVENT_NAME, "b"))))
                    .isInstanceOf(InvalidLookupAttributesException.class);
            assertThatThrownBy(() -> trail.lookupEvents(r -> r.lookupAttributes(LookupAttribute.builder()
                    .attributeKey("Colour").attributeValue("blue").build())))
                    .isInstanceOf(InvalidLookupAttributesException.class)
                    .hasMessageContaining("Colour");
            assertThatThrownBy(() -> trail.lookupEvents(r -> r.nextToken("not-a-token")))
                    .isInstanceOf(InvalidNextTokenException.class);
            // a token continues only the lookup it was issued for
            String user = SharedLedger.unique("frank");
            root.createUser(r -> r.userName(user));
            root.tagUser(r -> r.userName(user).tags(Tag.builder().key("k").value("v").build()));
            awaitEvents(trail, LookupAttributeKey.RESOURCE_NAME, user, found -> found.size() >= 2);
            String token = trail.lookupEvents(r -> r.maxResults(1)
                    .lookupAttributes(attribute(LookupAttributeKey.RESOURCE_NAME, user))).nextToken();
            assertThat(token).isNotNull();
            assertThatThrownBy(() -> trail.lookupEvents(r -> r.maxResults(1).nextToken(token)
                    .lookupAttributes(attribute(LookupAttributeKey.USERNAME, user))))
                    .isInstanceOf(InvalidNextTokenException.class);
        }
    }

    @Test
    void lookupEventsNeedsCloudTrailLookupEvents() {
        String grace = SharedLedger.unique("grace");
        AccessKey key = userWithKey(grace);
        try (CloudTrailClient asGrace = cloudTrail(credentials(key))) {
            assertThatThrownBy(() -> asGrace.lookupEvents(LookupEventsRequest.builder().build()))
                    .isInstanceOfSatisfying(CloudTrailException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(403);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
                        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("User: arn:aws:iam::" + account
                                + ":user/" + grace + " is not authorized to perform: cloudtrail:LookupEvents on"
                                + " resource: * because no identity-based policy allows the cloudtrail:LookupEvents"
                                + " action");
                    });
            root.putUserPolicy(r -> r.userName(grace).policyName("trail").policyDocument("{\"Version\":"
                    + "\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"cloudtrail:LookupEvents\","
                    + "\"Resource\":\"*\"}]}"));
            List<Event> own = asGrace.lookupEvents(r -> r.lookupAttributes(
                    attribute(LookupAttributeKey.RESOURCE_NAME, grace))).events();
            assertThat(own).extracting(Event::eventName).contains("PutUserPolicy");
            Set<String> names = new HashSet<>(awaitEvents(asGrace, LookupAttributeKey.USERNAME, grace,
                    found -> found.size() >= 2).stream().map(Event::eventName).toList());
            assertThat(names).containsExactly("LookupEvents");
        }
    }

    @Test
    void recordsAreRelayedToTheAuditTopicKeyedByAccount() throws Exception {
        String heidi = SharedLedger.unique("heidi");
        root.createUser(r -> r.userName(heidi));
        try (CloudTrailClient trail = cloudTrail(SharedLedger.rootCredentials())) {
            Event created = awaitEvents(trail, LookupAttributeKey.RESOURCE_NAME, heidi, found -> !found.isEmpty())
                    .get(0);
            List<ConsumerRecord<String, String>> relayed = readAuditTopic(Duration.ofSeconds(20),
                    record -> record.value().contains(created.eventId()), false);
            assertThat(relayed).hasSize(1);
            ConsumerRecord<String, String> record = relayed.get(0);
            assertThat(record.key()).isEqualTo(account);
            // the same CloudTrail JSON LookupEvents shows, and its place in the trail
            assertThat(record.value()).isEqualTo(created.cloudTrailEvent());
            assertThat(record.headers().lastHeader("audit-index")).isNotNull();
        }
    }

    /**
     * Records of topic {@code iam.audit} that match; all of them when {@code drain}, else stopping at the first.
     */
    static List<ConsumerRecord<String, String>> readAuditTopic(Duration timeout,
                                                               Predicate<ConsumerRecord<String, String>> wanted,
                                                               boolean drain) {
        List<ConsumerRecord<String, String>> found = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedLedger.server().kafkaBootstrap(),
                ConsumerConfig.GROUP_ID_CONFIG, SharedLedger.unique("audit-reader"),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(),
                new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(LedgerSettings.AUDIT_TOPIC).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + timeout.toNanos();
            int emptyPolls = 0;
            while ((drain ? emptyPolls < 4 : found.isEmpty()) && System.nanoTime() < deadline) {
                var records = consumer.poll(Duration.ofMillis(500));
                emptyPolls = records.isEmpty() ? emptyPolls + 1 : 0;
                records.forEach(record -> {
                    if (wanted.test(record)) {
                        found.add(record);
                    }
                });
            }
        }
        return found;
    }

    private List<Event> awaitEvents(CloudTrailClient trail, LookupAttributeKey key, String value,
                                    Predicate<List<Event>> enough) {
        Instant deadline = Instant.now().plus(VISIBLE_WITHIN);
        while (true) {
            List<Event> events = lookupAll(trail, key, value);
            if (enough.test(events) || Instant.now().isAfter(deadline)) {
                assertThat(enough.test(events)).as("events for %s=%s: %s", key, value, events).isTrue();
                return events;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private static List<Event> lookupAll(CloudTrailClient trail, LookupAttributeKey key, String value) {
        List<Event> events = new ArrayList<>();
        trail.lookupEventsPaginator(r -> r.lookupAttributes(attribute(key, value))).events().forEach(events::add);
        return events;
    }

    private static List<String> lookupBetween(CloudTrailClient trail, LookupAttributeKey key, String value,
                                              Instant from, Instant to) {
        List<String> ids = new ArrayList<>();
        trail.lookupEventsPaginator(r -> r.lookupAttributes(attribute(key, value)).startTime(from).endTime(to))
                .events().forEach(event -> ids.add(event.eventId()));
        return ids;
    }

    private static LookupAttribute attribute(LookupAttributeKey key, String value) {
        return LookupAttribute.builder().attributeKey(key).attributeValue(value).build();
    }

    private AccessKey userWithKey(String name) {
        root.createUser(r -> r.userName(name));
        return root.createAccessKey(r -> r.userName(name)).accessKey();
    }

    private static AwsCredentials credentials(AccessKey key) {
        return AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey());
    }

    static CloudTrailClient cloudTrail(AwsCredentials credentials) {
        return CloudTrailClient.builder()
                .endpointOverride(SharedLedger.server().endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(credentials))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }
}
