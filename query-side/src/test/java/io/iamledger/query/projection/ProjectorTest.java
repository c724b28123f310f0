package io.iamledger.query.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.iamledger.events.EventEnvelope;
import io.iamledger.events.IamEvent;
import io.iamledger.events.codec.EventTypes;
import io.iamledger.events.user.UserCreatedEvent;
import io.iamledger.events.user.UserUpdatedEvent;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ProjectorTest {
    private static final String SECONDS = "extract(epoch from %s - timestamptz '2024-03-01 12:00:00+00')::int";

    private final DataSource db = TestDatabase.dataSource();

    @Test
    void scenarioUsesEveryEventType() {
        Set<Class<?>> used = new HashSet<>();
        for (EventEnvelope envelope : Scenario.log().envelopes()) {
            used.add(envelope.event().getClass());
        }
        Set<Class<?>> all = new HashSet<>();
        EventTypes.all().forEach(type -> all.add(type.javaType()));
        assertThat(used).isEqualTo(all);
    }

    @ParameterizedTest(name = "batches of {0}")
    @ValueSource(ints = {1, 5, 100})
    void everyEventTypeOpensAndClosesTheExpectedRowVersions(int batchSize) throws Exception {
        String schema = TestDatabase.freshSchema("every_event_" + batchSize);
        Projector.Result result = EventLog.replay(db, schema, Scenario.log().envelopes(), batchSize);
        // the two role sessions issued (44 and 46) are the only events that change no authorization
        assertThat(result).isEqualTo(new Projector.Result(62, 0, 60));
        String s = '"' + schema + '"';

        assertThat(Sql.rows(db, "select user_id, user_name, path, arn, " + secs("create_date")
                + ", valid_from_seq, valid_to_seq from " + s + ".users order by user_id, valid_from_seq")).containsExactly(
                "AIDAALICE|alice|/|arn:aws:iam::123456789012:user/alice|2|2|3",
                "AIDAALICE|alice2|/eng/|arn:aws:iam::123456789012:user/eng/alice2|2|3|null",
                "AIDABOB|bob|/|arn:aws:iam::123456789012:user/bob|37|37|42");
        assertThat(Sql.rows(db, "select " + secs("valid_from_time") + ", " + secs("valid_to_time") + " from " + s
                + ".users where user_id = 'AIDAALICE' order by valid_from_seq")).containsExactly("2|3", "3|null");
        assertThat(Sql.rows(db, "select group_id, group_name, valid_from_seq, valid_to_seq from " + s
                + ".groups order by group_id")).containsExactly("AGPADEVS|devs|4|35", "AGPAOPS|ops|39|null");
        assertThat(Sql.rows(db, "select role_id, path, description, max_session_duration,"
                + " case when assume_role_policy_document = '" + Scenario.TRUST_A + "' then 'A' else 'B' end,"
                + " valid_from_seq, valid_to_seq from " + s + ".roles order by valid_from_seq")).containsExactly(
                "AROADEPLOYER|/ci/|deploys|3600|A|6|7",
                "AROADEPLOYER|/ci/|deploys more|7200|A|7|8",
                "AROADEPLOYER|/ci/|deploys more|7200|B|8|36",
                "AROAAUDITOR|/|null|3600|B|43|45",
                "AROAAUDITOR|/|null|3600|A|45|null");
        // a session is cut short when its role's trust policy changes
        assertThat(Sql.rows(db, "select role_id, access_key_id, session_name, session_arn, issuer_arn, source_identity, "
                + secs("expiration") + ", valid_from_seq, valid_to_seq from " + s
                + ".role_sessions order by valid_from_seq")).containsExactly(
                "AROAAUDITOR|ASIAFIRST|first|arn:aws:sts::123456789012:assumed-role/auditor/first"
                        + "|arn:aws:iam::123456789012:root|carol|3644|44|45",
                "AROAAUDITOR|ASIASECOND|second|arn:aws:sts::123456789012:assumed-role/auditor/second"
                        + "|arn:aws:iam::123456789012:root|null|3646|46|null");
        assertThat(Sql.rows(db, "select policy_id, policy_name, path, description, default_version_id, "
                + secs("create_date") + ", " + secs("update_date") + ", valid_from_seq, valid_to_seq from " + s
                + ".managed_policies order by policy_id, valid_from_seq")).containsExactly(
                "ANPAREAD|ReadStuff|/team/|reads stuff|v1|9|9|9|10",
                "ANPAREAD|ReadStuff|/team/|reads stuff|v1|9|10|10|11",
                "ANPAREAD|ReadStuff|/team/|reads stuff|v2|9|10|11|null",
                "ANPATEMP|Temp|/|null|v1|32|32|32|34");
        assertThat(Sql.rows(db, "select policy_id, version_id, " + secs("create_date") + ", valid_from_seq, valid_to_seq"
                + " from " + s + ".policy_versions order by policy_id, version_id")).containsExactly(
                "ANPAREAD|v1|9|9|12", "ANPAREAD|v2|10|10|null", "ANPATEMP|v1|32|32|34");
        assertThat(Sql.rows(db, "select user_id, group_id, valid_from_seq, valid_to_seq from " + s
                + ".group_memberships order by user_id")).containsExactly(
                "AIDAALICE|AGPADEVS|5|31", "AIDABOB|AGPAOPS|40|42");
        assertThat(Sql.rows(db, "select identity_kind, identity_id, policy_arn, valid_from_seq, valid_to_seq from " + s
                + ".policy_attachments order by identity_id, policy_arn")).containsExactly(
                "GROUP|AGPADEVS|" + Scenario.POLICY_ARN + "|14|16",
                "USER|AIDAALICE|" + Scenario.POLICY_ARN + "|13|null",
                "ROLE|AROADEPLOYER|" + Scenario.TEMP_POLICY_ARN + "|33|34",
                "ROLE|AROADEPLOYER|" + Scenario.POLICY_ARN + "|15|36");
        assertThat(Sql.rows(db, "select identity_kind, identity_id, policy_name,"
                + " case when document = '" + Scenario.DOC_A + "' then 'A' else 'B' end, valid_from_seq, valid_to_seq"
                + " from " + s + ".inline_policies order by identity_id, valid_from_seq")).containsExactly(
                "USER|AIDAALICE|inline1|A|17|18",
                "USER|AIDAALICE|inline1|B|18|null",
                "USER|AIDABOB|b|A|41|42",
                "ROLE|AROADEPLOYER|r1|A|19|20");
        assertThat(Sql.rows(db, "select identity_kind, identity_id, boundary_arn, valid_from_seq, valid_to_seq from " + s
                + ".permissions_boundaries order by identity_id")).containsExactly(
                "USER|AIDAALICE|" + Scenario.BOUNDARY_ARN + "|2|22",
                "ROLE|AROADEPLOYER|" + Scenario.BOUNDARY_ARN + "|21|36");
        assertThat(Sql.rows(db, "select identity_id, tag_key, tag_value, valid_from_seq, valid_to_seq from " + s
                + ".tags order by identity_id, lower(tag_key), valid_from_seq")).containsExactly(
                "AIDAALICE|Cost|1|23|null",
                "AIDAALICE|Team|red|2|23",
                "AIDAALICE|team|blue|23|null",
                "AIDABOB|k|v|37|42",
                "AIPAWEB|tier|front|56|59",
                "AMFAPHONE|kind|app|47|50",
                "AROADEPLOYER|Env|prod|6|24",
                "OIDCIDP|team|auth|60|62");
        assertThat(Sql.rows(db, "select access_key_id, owner_kind, owner_id, status, " + secs("create_date")
                + ", valid_from_seq, valid_to_seq from " + s + ".access_keys order by access_key_id, valid_from_seq"))
                .containsExactly(
                        "AKIAALICE1|USER|AIDAALICE|Active|25|25|26",
                        "AKIAALICE1|USER|AIDAALICE|Inactive|25|26|27",
                        "AKIAALICE1|USER|AIDAALICE|Active|25|27|28",
                        "AKIAALICE1|USER|AIDAALICE|Inactive|25|28|null",
                        "AKIAALICE2|USER|AIDAALICE|Active|28|28|null",
                        "AKIABOB|USER|AIDABOB|Active|38|38|42",
                        "AKIAROOT|ROOT|123456789012|Active|29|29|30");
        assertThat(Sql.rows(db, "select account_id, last_applied_seq, " + secs("last_applied_time")
                + ", last_change_seq from " + s + ".projection_state")).containsExactly("123456789012|62|62|62");
        assertThat(Sql.rows(db, "select user_id, " + secs("create_date") + ", reset_required,"
                + " valid_from_seq, valid_to_seq from " + s + ".login_profiles order by valid_from_seq"))
                .containsExactly("AIDAALICE|51|1|51|52", "AIDAALICE|51|0|52|53");
        // an instance profile from creation to deletion, and the role it held in between
        assertThat(Sql.rows(db, "select instance_profile_id, instance_profile_name, path, arn, " + secs("create_date")
                + ", valid_from_seq, valid_to_seq from " + s + ".instance_profiles")).containsExactly(
                "AIPAWEB|web|/apps/|arn:aws:iam::123456789012:instance-profile/apps/web|56|56|59");
        assertThat(Sql.rows(db, "select instance_profile_id, role_id, valid_from_seq, valid_to_seq from " + s
                + ".instance_profile_roles")).containsExactly("AIPAWEB|AROAAUDITOR|57|58");
        // an OpenID Connect provider, a version per change of its client ids
        assertThat(Sql.rows(db, "select provider_id, arn, url, replace(client_ids, chr(10), ','), thumbprints, "
                + secs("create_date") + ", valid_from_seq, valid_to_seq from " + s
                + ".oidc_providers order by valid_from_seq")).containsExactly(
                "OIDCIDP|arn:aws:iam::123456789012:oidc-provider/id.example.com|id.example.com|app||60|60|61",
                "OIDCIDP|arn:aws:iam::123456789012:oidc-provider/id.example.com|id.example.com|app,cli||60|61|62");
        // a device from creation to deletion, its assignment from enabling to deactivation, its tags with it
        assertThat(Sql.rows(db, "select device_id, serial_number, " + secs("create_date") + ", valid_from_seq,"
                + " valid_to_seq from " + s + ".mfa_devices")).containsExactly(
                "AMFAPHONE|arn:aws:iam::123456789012:mfa/phone|47|47|50");
        assertThat(Sql.rows(db, "select device_id, user_id, " + secs("enable_date") + ", valid_from_seq,"
                + " valid_to_seq from " + s + ".mfa_assignments")).containsExactly("AMFAPHONE|AIDAALICE|48|48|49");
    }

    @Test
    void noColumnHoldsASecretOrItsFingerprint() {
        String schema = TestDatabase.freshSchema("no_secrets");
        assertThat(Sql.rows(db, "select column_name from information_schema.columns where table_schema = '" + schema
                + "' and (column_name like '%secret%' or column_name like '%fingerprint%' or column_name like '%password%')"))
                .isEmpty();
    }

    @Test
    void replayingTheSameEnvelopesAgainChangesNothing() throws Exception {
        String schema = TestDatabase.freshSchema("replay_twice");
        List<EventEnvelope> log = SyntheticLog.generate(7, 4, 1_500);
        EventLog.replay(db, schema, log, 200);
        ReadModelChecksum first = Sql.checksum(db, schema);
        List<String> marks = Sql.rows(db, "select * from \"" + schema + "\".projection_state order by 1");

        assertThat(EventLog.replay(db, schema, log, 200)).isEqualTo(new Projector.Result(0, log.size(), 0));
        assertThat(EventLog.replay(db, schema, log, 37)).isEqualTo(new Projector.Result(0, log.size(), 0));
        assertThat(EventLog.replay(db, schema, log.subList(500, 900), 1000)).isEqualTo(new Projector.Result(0, 400, 0));

        assertThat(Sql.checksum(db, schema)).isEqualTo(first);
        assertThat(Sql.rows(db, "select * from \"" + schema + "\".projection_state order by 1")).isEqualTo(marks);
    }

    @Test
    void aBatchThatRepeatsAnEnvelopeAppliesItOnce() throws Exception {
        String once = TestDatabase.freshSchema("repeat_once");
        String twice = TestDatabase.freshSchema("repeat_twice");
        List<EventEnvelope> log = Scenario.log().envelopes();
        List<EventEnvelope> doubled = new ArrayList<>();
        for (EventEnvelope envelope : log) {
            doubled.add(envelope);
            doubled.add(envelope);
        }
        EventLog.replay(db, once, log, 100);
        assertThat(EventLog.replay(db, twice, doubled, 100)).isEqualTo(new Projector.Result(62, 62, 60));
        assertThat(Sql.checksum(db, twice).digest()).isEqualTo(Sql.checksum(db, once).digest());
    }

    @Test
    void batchSplitsDoNotChangeTheResult() throws Exception {
        List<EventEnvelope> log = SyntheticLog.generate(11, 5, 2_000);
        String whole = TestDatabase.freshSchema("split_whole");
        EventLog.replay(db, whole, log, log.size());
        ReadModelChecksum expected = Sql.checksum(db, whole);
        for (int batch : new int[]{1, 7, 250}) {
            String split = TestDatabase.freshSchema("split_" + batch);
            EventLog.replay(db, split, log, batch);
            assertThat(Sql.checksum(db, split)).as("batches of %d", batch).isEqualTo(expected);
        }
        assertThat(expected.rowCounts().get("users")).isPositive();
    }

    @Test
    void partitionsMayInterleaveAndRedeliverAsLongAsEachPartitionIsInOrder() throws Exception {
        List<EventEnvelope> log = SyntheticLog.generate(5, 8, 2_000);
        String sequential = TestDatabase.freshSchema("sequential");
        EventLog.replay(db, sequential, log, 500);

        int partitions = 3;
        List<List<EventEnvelope>> byPartition = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            byPartition.add(new ArrayList<>());
        }
        for (EventEnvelope envelope : log) {
            byPartition.get(ProjectionConsumer.partitionFor(envelope.accountId(), partitions)).add(envelope);
        }
        // Polls take a chunk from each partition in turn (partition 2 lagging far behind) and every third poll
        // redelivers the partition's previous chunk as well, as Kafka does after a crash before the commit.
        String interleaved = TestDatabase.freshSchema("interleaved");
        Projector projector = new Projector(interleaved);
        int[] positions = new int[partitions];
        int[] previous = new int[partitions];
        int applied = 0;
        try (Connection connection = db.getConnection()) {
            connection.setAutoCommit(false);
            for (int round = 0; ; round++) {
                List<EventEnvelope> poll = new ArrayList<>();
                boolean any = false;
                for (int p = 0; p < partitions; p++) {
                    List<EventEnvelope> events = byPartition.get(p);
                    int chunk = p == 2 ? 13 : 97;
                    int from = round % 3 == 2 ? previous[p] : positions[p];
                    int to = Math.min(events.size(), positions[p] + chunk);
                    poll.addAll(events.subList(from, to));
                    previous[p] = positions[p];
                    positions[p] = to;
                    any |= to > from;
                }
                if (!any) {
                    break;
                }
                applied += projector.apply(connection, poll).applied();
                connection.commit();
            }
        }
        assertThat(applied).isEqualTo(log.size());
        assertThat(Sql.checksum(db, interleaved)).isEqualTo(Sql.checksum(db, sequential));
    }

    @Test
    void theHistoryAsOfASequenceEqualsAReplayUpToIt() throws Exception {
        List<EventEnvelope> log = SyntheticLog.generate(3, 3, 1_200);
        String full = TestDatabase.freshSchema("history_full");
        EventLog.replay(db, full, log, 300);
        for (int cut : new int[]{1, 150, 611, 1_199}) {
            long sequence = log.get(cut - 1).globalSequence();
            String prefix = TestDatabase.freshSchema("history_" + cut);
            EventLog.replay(db, prefix, log.subList(0, cut), 300);
            assertThat(Sql.checksum(db, full, sequence)).as("up to %d", sequence)
                    .isEqualTo(Sql.checksum(db, prefix));
        }
        assertThat(Sql.checksum(db, full, log.get(log.size() - 1).globalSequence()))
                .isEqualTo(Sql.checksum(db, full));
    }

    @Test
    void checksumDiffersWhenOneEventDiffers() throws Exception {
        List<EventEnvelope> log = Scenario.log().envelopes();
        List<EventEnvelope> changed = new ArrayList<>(log);
        EventEnvelope original = log.get(36); // sequence 37: bob created
        UserCreatedEvent bob = (UserCreatedEvent) original.event();
        changed.set(36, new EventEnvelope(original.globalSequence(), original.eventId(), original.aggregateId(),
                original.aggregateSequence(), new UserCreatedEvent(bob.accountId(), bob.userId(), "bobby", bob.path(),
                bob.arn(), bob.permissionsBoundaryArn(), bob.tags(), bob.occurredAt())));
        String a = TestDatabase.freshSchema("differs_a");
        String b = TestDatabase.freshSchema("differs_b");
        EventLog.replay(db, a, log, 10);
        EventLog.replay(db, b, changed, 10);

        ReadModelChecksum left = Sql.checksum(db, a);
        ReadModelChecksum right = Sql.checksum(db, b);
        assertThat(right.digest()).isNotEqualTo(left.digest());
        assertThat(left.differingTables(right)).containsExactly("users");
        assertThat(Sql.checksum(db, a, 36)).isEqualTo(Sql.checksum(db, b, 36));
    }

    @Test
    void checksumIgnoresPhysicalRowOrder() throws Exception {
        String schema = TestDatabase.freshSchema("row_order");
        EventLog.replay(db, schema, Scenario.log().envelopes(), 100);
        ReadModelChecksum before = Sql.checksum(db, schema);
        // Rewrite every table in reverse order: same rows, different physical order.
        for (String table : ReadModelSchema.ENTITY_TABLES) {
            String t = '"' + schema + "\"." + table;
            Sql.execute(db, "create temp table copy_rows as select * from " + t + " order by valid_from_seq desc;"
                    + "delete from " + t + "; insert into " + t + " select * from copy_rows; drop table copy_rows");
        }
        assertThat(Sql.checksum(db, schema)).isEqualTo(before);
    }

    @Test
    void concurrentProjectorsOnOneSchemaApplyEachEventOnce() throws Exception {
        String schema = TestDatabase.freshSchema("concurrent");
        String reference = TestDatabase.freshSchema("concurrent_ref");
        List<EventEnvelope> log = SyntheticLog.generate(9, 3, 600);
        EventLog.replay(db, reference, log, 600);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Callable<Projector.Result> task = () -> EventLog.replay(db, schema, log, 150);
            Future<Projector.Result> one = pool.submit(task);
            Future<Projector.Result> two = pool.submit(task);
            int applied = one.get().applied() + two.get().applied();
            assertThat(applied).isEqualTo(log.size());
        } finally {
            pool.shutdownNow();
        }
        assertThat(Sql.checksum(db, schema)).isEqualTo(Sql.checksum(db, reference));
    }

    @Test
    void refusesToRunOutsideATransaction() throws Exception {
        String schema = TestDatabase.freshSchema("autocommit");
        try (Connection connection = db.getConnection()) {
            assertThatThrownBy(() -> new Projector(schema).apply(connection, Scenario.log().envelopes()))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("auto-commit");
        }
    }

    @Test
    void anUpdateOfAnUnknownEntityFailsInsteadOfGuessing() throws Exception {
        String schema = TestDatabase.freshSchema("unknown_entity");
        EventLog log = new EventLog();
        IamEvent rename = new UserUpdatedEvent(Scenario.ACCOUNT, "AIDAGHOST", "ghost", "ghost2", "/",
                "arn:aws:iam::123456789012:user/ghost2", Instant.parse("2024-01-01T00:00:00Z"));
        log.append(rename);
        assertThatThrownBy(() -> EventLog.replay(db, schema, log.envelopes(), 10))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("UserUpdatedEvent at sequence 1").hasMessageContaining("AIDAGHOST");
    }

    @Test
    void eventTimesAreKeptToTheMicrosecond() throws Exception {
        String schema = TestDatabase.freshSchema("micros");
        EventLog log = new EventLog();
        log.append(new UserCreatedEvent(Scenario.ACCOUNT, "AIDAX", "x", "/", "arn:aws:iam::123456789012:user/x",
                Optional.empty(), List.of(), Instant.parse("2024-05-06T07:08:09.123456789Z")));
        EventLog.replay(db, schema, log.envelopes(), 10);
        assertThat(Sql.rows(db, "select to_char(valid_from_time at time zone 'UTC', 'YYYY-MM-DD HH24:MI:SS.US'),"
                + " to_char(create_date at time zone 'UTC', 'SS.US') from \"" + schema + "\".users"))
                .containsExactly("2024-05-06 07:08:09.123456|09.123456");
    }

    @Test
    void schemaCreationIsIdempotentAndNamesAreChecked() throws Exception {
        String schema = TestDatabase.freshSchema("idempotent");
        try (Connection connection = db.getConnection()) {
            ReadModelSchema.create(connection, schema);
        }
        assertThat(Sql.rows(db, "select version from \"" + schema + "\".read_model_version order by version")).containsExactly("1", "2", "3", "4", "5", "6", "7");
        assertThatThrownBy(() -> ReadModelSchema.checkName("Bad-Name"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'Bad-Name'");
        assertThatThrownBy(() -> new Projector("x; drop table users"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static String secs(String column) {
        return String.format(SECONDS, column);
    }
}
