package io.iamledger.infra.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.iamledger.events.EventEnvelope;
import io.iamledger.infra.history.TimeTravel;
import io.iamledger.infra.rebuild.EventLogReader;
import io.iamledger.infra.rebuild.InMemoryAccountState;
import io.iamledger.infra.rebuild.StateDifference;
import io.iamledger.infra.server.LedgerServer;
import io.iamledger.query.projection.ProjectionConsumer;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import javax.sql.DataSource;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterContainer;
import org.springframework.jdbc.core.JdbcTemplate;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.iam.model.Tag;

/**
 * Two independent routes to the state of an account at an instant agree: the temporal read model
 * ({@link TimeTravel#state}) and a replay of the event store up to the instant into an empty
 * {@link InMemoryAccountState}. Each try makes a random history of IAM calls through the SDK, under names of its
 * own, and compares both routes, restricted to its own entities, at random points between its calls. Calls that
 * make no sense in their place (deleting what does not exist, a group with members, a policy's default version)
 * just get AWS errors, as they would from AWS.
 *
 * <p>Instants: an instant is taken between two calls, after the earlier one returned and before the later one is
 * sent, with a millisecond's pause on either side. An event's time is taken by the server when the request
 * arrives, and the read model's rows are valid from exactly that event time (the projector takes time from the
 * event, never from a clock), so no margin for clock skew is needed, only for the microsecond both sides truncate
 * to. The read model lags the store, so both routes are read only after the projection applied the whole log.
 */
class ReplayAgreementIT {
    private static final String AWS_MANAGED = "arn:aws:iam::aws:policy/ReadOnlyAccess";
    private static final List<String> DOCUMENTS = List.of(
            policy("s3:GetObject", "arn:aws:s3:::reports/*"), policy("s3:*", "*"), policy("sqs:SendMessage", "*"));
    private static final List<String> TRUST = List.of(trust("ec2.amazonaws.com"), trust("lambda.amazonaws.com"));
    /** Keys that differ only in (ASCII) case are one tag. */
    private static final List<String> TAG_KEYS = List.of("Env", "env", "ENV", "team", "Team", "cost:center");
    private static final List<String> TAG_VALUES = List.of("prod", "dev", "");
    private static final List<String> PATHS = List.of("/", "/team/", "/team/a/");
    private static final Arbitrary<Integer> VARIANTS = Arbitraries.integers().between(0, 17);

    private static IamClient iam;

    private final LedgerServer server = SharedLedger.server();
    private final String account = server.accountId();
    private final DataSource dataSource = server.context().getBean(DataSource.class);
    private final TimeTravel timeTravel = server.context().getBean(TimeTravel.class);

    /** The IAM calls a history is made of; each names its entities by small slot numbers. */
    enum Op {
        CREATE_USER, UPDATE_USER_PATH, DELETE_USER, CREATE_GROUP, DELETE_GROUP, ADD_USER_TO_GROUP,
        REMOVE_USER_FROM_GROUP, CREATE_ROLE, UPDATE_TRUST_POLICY, DELETE_ROLE, PUT_INLINE_POLICY,
        DELETE_INLINE_POLICY, CREATE_POLICY, CREATE_POLICY_VERSION, SET_DEFAULT_VERSION, DELETE_POLICY_VERSION,
        DELETE_POLICY, ATTACH_POLICY, DETACH_POLICY, PUT_BOUNDARY, DELETE_BOUNDARY, TAG, UNTAG
    }

    /**
     * One call: {@code subject} picks what it acts on (a user, group, role or policy slot; for inline policies and
     * attachments 0–1 users, 2–3 groups, 4–5 roles; for boundaries and tags 0–1 users, 2–3 roles), {@code object}
     * the second entity (a group, a policy slot, 2 being an AWS managed policy), {@code variant} a path, document,
     * version, name or tag.
     */
    record Call(Op op, int subject, int object, int variant) {
        @Override
        public String toString() {
            return op + "(" + subject + "," + object + "," + variant + ")";
        }
    }

    @Provide
    Arbitrary<List<Call>> histories() {
        Arbitrary<Op> ops = Arbitraries.frequency(List.of(
                weighted(4, Op.CREATE_USER), weighted(3, Op.CREATE_GROUP), weighted(3, Op.CREATE_ROLE),
                weighted(4, Op.CREATE_POLICY), weighted(3, Op.ADD_USER_TO_GROUP), weighted(4, Op.ATTACH_POLICY),
                weighted(3, Op.PUT_INLINE_POLICY), weighted(3, Op.TAG), weighted(3, Op.CREATE_POLICY_VERSION),
                weighted(2, Op.PUT_BOUNDARY), weighted(2, Op.SET_DEFAULT_VERSION), weighted(2, Op.DETACH_POLICY),
                weighted(2, Op.UNTAG), weighted(1, Op.UPDATE_USER_PATH), weighted(1, Op.DELETE_USER),
                weighted(1, Op.DELETE_GROUP), weighted(2, Op.REMOVE_USER_FROM_GROUP),
                weighted(1, Op.UPDATE_TRUST_POLICY), weighted(1, Op.DELETE_ROLE), weighted(2, Op.DELETE_INLINE_POLICY),
                weighted(2, Op.DELETE_POLICY_VERSION), weighted(1, Op.DELETE_POLICY), weighted(1, Op.DELETE_BOUNDARY)));
        Arbitrary<Call> drawn = Combinators.combine(ops, Arbitraries.integers().between(0, 5),
                Arbitraries.integers().between(0, 2), VARIANTS).as(Call::new);
        // A third of the calls undo an earlier one (detach what was attached, remove from a group, delete what was
        // created), so that undoing is common rather than a coincidence of slots.
        Arbitrary<List<Call>> calls = Combinators.combine(drawn, Arbitraries.integers().between(0, 2)).as(Tuple::of)
                .list().ofMinSize(8).ofMaxSize(30).map(ReplayAgreementIT::undoingSome);
        // Most calls need something to act on: a history starts by creating one of most things.
        Arbitrary<List<Call>> setUp = Combinators.combine(List.of(create(Op.CREATE_USER, 0), create(Op.CREATE_USER, 1),
                create(Op.CREATE_GROUP, 0), create(Op.CREATE_ROLE, 0), create(Op.CREATE_POLICY, 0),
                create(Op.CREATE_POLICY, 1))).as(List::copyOf);
        return Combinators.combine(setUp, calls).as((first, then) -> {
            List<Call> history = new ArrayList<>(first);
            history.addAll(then);
            return history;
        });
    }

    private static final Map<Op, Op> UNDO = Map.ofEntries(Map.entry(Op.CREATE_USER, Op.DELETE_USER),
            Map.entry(Op.CREATE_GROUP, Op.DELETE_GROUP), Map.entry(Op.CREATE_ROLE, Op.DELETE_ROLE),
            Map.entry(Op.CREATE_POLICY, Op.DELETE_POLICY), Map.entry(Op.ADD_USER_TO_GROUP, Op.REMOVE_USER_FROM_GROUP),
            Map.entry(Op.PUT_INLINE_POLICY, Op.DELETE_INLINE_POLICY), Map.entry(Op.ATTACH_POLICY, Op.DETACH_POLICY),
            Map.entry(Op.PUT_BOUNDARY, Op.DELETE_BOUNDARY), Map.entry(Op.TAG, Op.UNTAG),
            Map.entry(Op.CREATE_POLICY_VERSION, Op.SET_DEFAULT_VERSION), Map.entry(Op.UPDATE_TRUST_POLICY,
                    Op.UPDATE_TRUST_POLICY));

    /** A draw of 0 undoes an earlier call that can be undone (which one: the drawn call's variant decides). */
    private static List<Call> undoingSome(List<Tuple2<Call, Integer>> draws) {
        List<Call> calls = new ArrayList<>();
        for (Tuple2<Call, Integer> draw : draws) {
            Call call = draw.get1();
            List<Call> undoable = calls.stream().filter(earlier -> UNDO.containsKey(earlier.op())).toList();
            if (draw.get2() == 0 && !undoable.isEmpty()) {
                Call earlier = undoable.get(call.variant() % undoable.size());
                int variant = earlier.op() == Op.UPDATE_TRUST_POLICY ? earlier.variant() + 1 : earlier.variant();
                call = new Call(UNDO.get(earlier.op()), earlier.subject(), earlier.object(), variant);
            }
            calls.add(call);
        }
        return calls;
    }

    private static Arbitrary<Call> create(Op op, int subject) {
        return VARIANTS.map(variant -> new Call(op, subject, 0, variant));
    }

    /**
     * {@code points} place up to three comparisons along the history (a point p falls after the first
     * p / 1000 of its calls); one more comes after the last call.
     */
    @Property(tries = 30, edgeCases = EdgeCasesMode.NONE)
    void aReplayIntoMemoryAgreesWithTheTemporalReadModelBetweenAnyTwoCalls(
            @ForAll("histories") List<Call> history,
            @ForAll @Size(max = 3) List<@IntRange(max = 1000) Integer> points) throws Exception {
        String prefix = SharedLedger.unique("replay") + "-";
        TreeSet<Integer> marks = new TreeSet<>();
        points.forEach(point -> marks.add(point * history.size() / 1000));
        marks.add(history.size());

        History calls = new History(client(), prefix, account);
        List<Instant> instants = new ArrayList<>();
        for (int i = 0; i <= history.size(); i++) {
            if (marks.contains(i)) {
                instants.add(between());
            }
            if (i < history.size()) {
                calls.make(history.get(i));
            }
        }
        awaitProjectionAtHead();

        Iterator<Integer> mark = marks.iterator();
        List<ObjectNode> replayed = replayedStates(instants);
        for (int i = 0; i < instants.size(); i++) {
            Instant at = instants.get(i);
            ObjectNode temporal = restricted(timeTravel.state(account, at), prefix);
            Optional<StateDifference> difference = StateDifference.first(account, temporal,
                    restricted(replayed.get(i), prefix));
            assertThat(difference.map(StateDifference::describe))
                    .as("as of %s, after the first %d calls of %s", at, mark.next(), history).isEmpty();
        }
    }

    /** The states of the account at each instant (in increasing order) after replaying the log into memory. */
    private List<ObjectNode> replayedStates(List<Instant> instants) throws SQLException {
        List<ObjectNode> states = new ArrayList<>();
        try (Connection connection = dataSource.getConnection()) {
            connection.setReadOnly(true);
            InMemoryAccountState memory = new InMemoryAccountState();
            EventLogReader reader = new EventLogReader();
            for (Instant at : instants) {
                long head = EventLogReader.lastAtOrBefore(connection, at);
                while (memory.lastSequence() < head) {
                    List<EventEnvelope> batch = reader.read(connection, memory.lastSequence(), head, 2_000);
                    batch.forEach(memory::apply);
                }
                states.add(memory.state(account, at));
            }
        }
        return states;
    }

    /** Only the entities named with {@code prefix}: other tests share the account. */
    private static ObjectNode restricted(ObjectNode state, String prefix) {
        ObjectNode copy = state.deepCopy();
        keep(copy, "UserDetailList", "UserName", prefix);
        keep(copy, "GroupDetailList", "GroupName", prefix);
        keep(copy, "RoleDetailList", "RoleName", prefix);
        keep(copy, "Policies", "PolicyName", prefix);
        return copy;
    }

    private static void keep(ObjectNode state, String list, String name, String prefix) {
        ArrayNode kept = state.arrayNode();
        for (JsonNode item : state.path(list)) {
            if (item.path(name).asText().startsWith(prefix)) {
                kept.add(item);
            }
        }
        state.set(list, kept);
    }

    private void awaitProjectionAtHead() throws InterruptedException {
        long head = new JdbcTemplate(dataSource).queryForObject(
                "select coalesce(max(global_index), -1) from domain_event_entry", Long.class);
        ProjectionConsumer consumer = server.context().getBean(ProjectionConsumer.class);
        assertThat(consumer.awaitApplied(account, head, Duration.ofSeconds(30)))
                .as("projection applied up to %d", head).isTrue();
    }

    /** An instant strictly between the call that returned and the next one. */
    private static Instant between() throws InterruptedException {
        Thread.sleep(1);
        Instant now = Instant.now();
        Thread.sleep(1);
        return now;
    }

    private static synchronized IamClient client() {
        if (iam == null) {
            iam = SharedLedger.iam();
        }
        return iam;
    }

    @AfterContainer
    static synchronized void closeClient() {
        if (iam != null) {
            iam.close();
            iam = null;
        }
    }

    /** Makes the calls of one history, under its own names, remembering the ARNs its policies were given. */
    private static final class History {
        private final IamClient iam;
        private final String prefix;
        private final String account;
        private final Map<Integer, String> policyArns = new HashMap<>();

        History(IamClient iam, String prefix, String account) {
            this.iam = iam;
            this.prefix = prefix;
            this.account = account;
        }

        void make(Call call) {
            int variant = call.variant();
            try {
                switch (call.op()) {
                    case CREATE_USER -> iam.createUser(r -> r.userName(user(call.subject()))
                            .path(PATHS.get(variant % PATHS.size()))
                            .tags(variant % 4 == 0 ? List.of(tag(variant)) : List.of()));
                    case UPDATE_USER_PATH -> iam.updateUser(r -> r.userName(user(call.subject()))
                            .newPath(PATHS.get(variant % PATHS.size())));
                    case DELETE_USER -> iam.deleteUser(r -> r.userName(user(call.subject())));
                    case CREATE_GROUP -> iam.createGroup(r -> r.groupName(group(call.subject()))
                            .path(PATHS.get(variant % PATHS.size())));
                    case DELETE_GROUP -> iam.deleteGroup(r -> r.groupName(group(call.subject())));
                    case ADD_USER_TO_GROUP -> iam.addUserToGroup(r -> r.userName(user(call.subject()))
                            .groupName(group(call.object())));
                    case REMOVE_USER_FROM_GROUP -> iam.removeUserFromGroup(r -> r.userName(user(call.subject()))
                            .groupName(group(call.object())));
                    case CREATE_ROLE -> iam.createRole(r -> r.roleName(role(call.subject()))
                            .path(PATHS.get(variant % PATHS.size())).assumeRolePolicyDocument(TRUST.get(variant % 2))
                            .tags(variant % 3 == 0 ? List.of(tag(variant)) : List.of()));
                    case UPDATE_TRUST_POLICY -> iam.updateAssumeRolePolicy(r -> r.roleName(role(call.subject()))
                            .policyDocument(TRUST.get(variant % 2)));
                    case DELETE_ROLE -> iam.deleteRole(r -> r.roleName(role(call.subject())));
                    case PUT_INLINE_POLICY -> putInline(call.subject(), "inline" + variant % 2,
                            DOCUMENTS.get(variant % DOCUMENTS.size()));
                    case DELETE_INLINE_POLICY -> deleteInline(call.subject(), "inline" + variant % 2);
                    case CREATE_POLICY -> {
                        String arn = iam.createPolicy(r -> r.policyName(policyName(call.subject()))
                                .path(PATHS.get(variant % PATHS.size())).policyDocument(DOCUMENTS.get(variant % 3))
                                .description(variant % 2 == 0 ? "made by a replay property" : null))
                                .policy().arn();
                        policyArns.put(call.subject() % 2, arn);
                    }
                    case CREATE_POLICY_VERSION -> iam.createPolicyVersion(r -> r.policyArn(policyArn(call.subject()))
                            .policyDocument(DOCUMENTS.get(variant % DOCUMENTS.size())).setAsDefault(variant % 2 == 0));
                    case SET_DEFAULT_VERSION -> iam.setDefaultPolicyVersion(r -> r.policyArn(policyArn(call.subject()))
                            .versionId("v" + (1 + variant % 6)));
                    case DELETE_POLICY_VERSION -> iam.deletePolicyVersion(r -> r.policyArn(policyArn(call.subject()))
                            .versionId("v" + (1 + variant % 6)));
                    case DELETE_POLICY -> iam.deletePolicy(r -> r.policyArn(policyArn(call.subject())));
                    case ATTACH_POLICY -> attach(call.subject(), policyArn(call.object()));
                    case DETACH_POLICY -> detach(call.subject(), policyArn(call.object()));
                    case PUT_BOUNDARY -> putBoundary(call.subject(), policyArn(call.object()));
                    case DELETE_BOUNDARY -> deleteBoundary(call.subject());
                    case TAG -> tag(call.subject(), tag(variant));
                    case UNTAG -> untag(call.subject(), TAG_KEYS.get(variant % TAG_KEYS.size()));
                }
            } catch (IamException refused) {
                // AWS refused the call in this place of the history; nothing changed, as on AWS
            }
        }

        private void putInline(int identity, String name, String document) {
            switch (identity % 6 / 2) {
                case 0 -> iam.putUserPolicy(r -> r.userName(user(identity)).policyName(name).policyDocument(document));
                case 1 -> iam.putGroupPolicy(r -> r.groupName(group(identity)).policyName(name)
                        .policyDocument(document));
                default -> iam.putRolePolicy(r -> r.roleName(role(identity)).policyName(name).policyDocument(document));
            }
        }

        private void deleteInline(int identity, String name) {
            switch (identity % 6 / 2) {
                case 0 -> iam.deleteUserPolicy(r -> r.userName(user(identity)).policyName(name));
                case 1 -> iam.deleteGroupPolicy(r -> r.groupName(group(identity)).policyName(name));
                default -> iam.deleteRolePolicy(r -> r.roleName(role(identity)).policyName(name));
            }
        }

        private void attach(int identity, String arn) {
            switch (identity % 6 / 2) {
                case 0 -> iam.attachUserPolicy(r -> r.userName(user(identity)).policyArn(arn));
                case 1 -> iam.attachGroupPolicy(r -> r.groupName(group(identity)).policyArn(arn));
                default -> iam.attachRolePolicy(r -> r.roleName(role(identity)).policyArn(arn));
            }
        }

        private void detach(int identity, String arn) {
            switch (identity % 6 / 2) {
                case 0 -> iam.detachUserPolicy(r -> r.userName(user(identity)).policyArn(arn));
                case 1 -> iam.detachGroupPolicy(r -> r.groupName(group(identity)).policyArn(arn));
                default -> iam.detachRolePolicy(r -> r.roleName(role(identity)).policyArn(arn));
            }
        }

        private void putBoundary(int principal, String arn) {
            if (principal % 4 < 2) {
                iam.putUserPermissionsBoundary(r -> r.userName(user(principal)).permissionsBoundary(arn));
            } else {
                iam.putRolePermissionsBoundary(r -> r.roleName(role(principal)).permissionsBoundary(arn));
            }
        }

        private void deleteBoundary(int principal) {
            if (principal % 4 < 2) {
                iam.deleteUserPermissionsBoundary(r -> r.userName(user(principal)));
            } else {
                iam.deleteRolePermissionsBoundary(r -> r.roleName(role(principal)));
            }
        }

        private void tag(int principal, Tag tag) {
            if (principal % 4 < 2) {
                iam.tagUser(r -> r.userName(user(principal)).tags(tag));
            } else {
                iam.tagRole(r -> r.roleName(role(principal)).tags(tag));
            }
        }

        private void untag(int principal, String key) {
            if (principal % 4 < 2) {
                iam.untagUser(r -> r.userName(user(principal)).tagKeys(key));
            } else {
                iam.untagRole(r -> r.roleName(role(principal)).tagKeys(key));
            }
        }

        private String user(int slot) {
            return prefix + "u" + slot % 2;
        }

        private String group(int slot) {
            return prefix + "g" + slot % 2;
        }

        private String role(int slot) {
            return prefix + "r" + slot % 2;
        }

        private String policyName(int slot) {
            return prefix + "p" + slot % 2;
        }

        /** Slot 2 is an AWS managed policy; a customer policy not created yet has the ARN it would get at "/". */
        private String policyArn(int slot) {
            if (slot % 3 == 2) {
                return AWS_MANAGED;
            }
            return policyArns.getOrDefault(slot % 2,
                    "arn:aws:iam::" + account + ":policy/" + policyName(slot));
        }

        private static Tag tag(int variant) {
            return Tag.builder().key(TAG_KEYS.get(variant % TAG_KEYS.size()))
                    .value(TAG_VALUES.get(variant / TAG_KEYS.size() % TAG_VALUES.size())).build();
        }
    }

    private static Tuple2<Integer, Op> weighted(int weight, Op op) {
        return Tuple.of(weight, op);
    }

    private static String policy(String action, String resource) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"" + action
                + "\",\"Resource\":\"" + resource + "\"}]}";
    }

    private static String trust(String service) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\""
                + service + "\"},\"Action\":\"sts:AssumeRole\"}]}";
    }
}
