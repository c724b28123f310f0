package io.iamledger.infra.load;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.zaxxer.hikari.HikariDataSource;
import io.iamledger.command.group.AttachGroupPolicyCommand;
import io.iamledger.command.group.CreateGroupCommand;
import io.iamledger.command.policy.CreatePolicyCommand;
import io.iamledger.command.policy.CreatePolicyVersionCommand;
import io.iamledger.command.policy.DeletePolicyVersionCommand;
import io.iamledger.command.role.AttachRolePolicyCommand;
import io.iamledger.command.role.CreateRoleCommand;
import io.iamledger.command.role.DetachRolePolicyCommand;
import io.iamledger.command.user.AddUserToGroupCommand;
import io.iamledger.command.user.AttachUserPolicyCommand;
import io.iamledger.command.user.CreateUserCommand;
import io.iamledger.command.user.DeleteUserPolicyCommand;
import io.iamledger.command.user.DetachUserPolicyCommand;
import io.iamledger.command.user.PutUserPolicyCommand;
import io.iamledger.command.user.RemoveUserFromGroupCommand;
import io.iamledger.command.user.TagUserCommand;
import io.iamledger.events.arn.Arn;
import io.iamledger.events.identity.Tag;
import io.iamledger.infra.api.CommandSender;
import io.iamledger.infra.credentials.IdGenerator;
import io.iamledger.infra.authz.HistoricalEvaluator;
import io.iamledger.infra.history.TimeTravel;
import io.iamledger.infra.server.LedgerServer;
import io.iamledger.query.readmodel.IamReadModel;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.HdrHistogram.Histogram;

/**
 * The time-travel benchmark (issue 10's figures): an account of {@code users + roles} principals whose history is
 * {@code events} events spread evenly over the year before the run, generated in-process through the
 * {@link CommandSender} with event times set by a simulated clock (a seeded, repeatable history: groups, customer
 * managed policies whose default version changes, attachments, memberships, inline policies and tags coming and
 * going); then {@code can}, {@code who-can} and {@code timeline} (over the whole year) at random principals and
 * instants, through {@link TimeTravel} as the {@code /v1} endpoints call it (no HTTP). The data directory is kept:
 * a later run with the same figures skips generating.
 */
final class HistoryBench {

    /**
     * @param users   IAM users in the account
     * @param roles   IAM roles in the account
     * @param events  the least number of events in the history
     * @param queries {@code can} questions asked; a tenth as many timelines and a hundredth as many who-cans (at
     *                least 5)
     * @param ask     which of {@code can}, {@code timeline} and {@code who-can} to ask
     */
    record Config(int users, int roles, long events, int queries, List<String> ask) {
        Config {
            ask = List.copyOf(ask);
            for (String question : ask) {
                if (!List.of("can", "timeline", "who-can").contains(question)) {
                    throw new IllegalArgumentException("--ask takes can, timeline and who-can, not " + question);
                }
            }
        }
    }

    private static final int GROUPS = 100;
    private static final int POLICIES = 40;
    private static final int BUCKETS = 50;
    private static final int COMMANDS_PER_TRANSACTION = 500;
    private static final Duration YEAR = Duration.ofDays(365);
    private static final String[] AWS_POLICIES = {"arn:aws:iam::aws:policy/ReadOnlyAccess",
        "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess", "arn:aws:iam::aws:policy/IAMReadOnlyAccess"};

    private final LedgerServer server;
    private final Config config;
    private final DataSource dataSource;
    private final String account;

    HistoryBench(LedgerServer server, Config config) {
        this.server = server;
        this.config = config;
        this.dataSource = server.context().getBean(DataSource.class);
        this.account = server.accountId();
    }

    int run(PrintStream out) throws Exception {
        long stored = StoredLog.events(dataSource);
        out.printf(Locale.ROOT, "event store holds %,d events; %,d wanted%n", stored, config.events());
        String generated = "none needed";
        if (stored < config.events()) {
            if (stored > 100) {
                throw new IllegalArgumentException("the data directory holds a partial history (" + stored
                        + " events); delete it or pass another --data-dir");
            }
            generated = new Generator(out).generate();
        }
        Duration caughtUp = StoredLog.awaitLiveProjection(server, dataSource, Duration.ofMinutes(30));
        Window window = window();
        out.println();
        out.println("==== history: can, who-can and timeline through TimeTravel ====");
        out.println("events generated: " + generated);
        out.printf(Locale.ROOT, "history: %,d events from %s to %s; %,d users and %,d roles now%n", StoredLog.events(dataSource),
                window.first, window.last, count("users"), count("roles"));
        out.printf(Locale.ROOT, "waited %.1f s for the live projection to reach the store's head%n",
                caughtUp.toMillis() / 1000.0);
        out.println(preRead());
        TimeTravel timeTravel = server.context().getBean(TimeTravel.class);
        HistoricalEvaluator evaluator = new HistoricalEvaluator(server.context().getBean(IamReadModel.class));
        if (config.ask().contains("can")) {
            // the same questions twice: the decision alone, then with its evidence (the calls that put each
            // deciding statement there)
            measure(out, "can (decision alone)", config.queries(), new Random(7), window, (principal, resource, at) ->
                    JsonNodeFactory.instance.objectNode().put("decision", evaluator.evaluate(principal,
                            "s3:GetObject", resource, at, Map.of()).map(outcome -> outcome.evaluation().decision()
                            .wireName()).orElse("implicitDeny")), "decision");
            measure(out, "can", config.queries(), new Random(7), window, (principal, resource, at) ->
                    timeTravel.can(principal, "s3:GetObject", resource, at, Map.of()), "decision");
        }
        if (config.ask().contains("timeline")) {
            measure(out, "timeline (whole history)", Math.max(5, config.queries() / 10), new Random(8), window,
                    (principal, resource, at) -> timeTravel.timeline(principal, "s3:GetObject", resource,
                            window.first, window.last, Map.of()), "changePointsEvaluated");
        }
        if (config.ask().contains("who-can")) {
            measure(out, "who-can", Math.max(5, config.queries() / 100), new Random(9), window,
                    (principal, resource, at) -> timeTravel.whoCan(account, "s3:GetObject", resource, at, Map.of()),
                    "principalsEvaluated");
        }
        return 0;
    }

    @FunctionalInterface
    private interface Question {
        ObjectNode ask(Arn principal, String resource, Instant at);
    }

    private void measure(PrintStream out, String name, int count, Random random, Window window, Question question,
                         String shown) {
        Histogram latency = new Histogram(3_600_000_000_000L, 3);
        Map<String, Integer> answers = new LinkedHashMap<>();
        long principalsFound = 0;
        for (int i = -Math.min(20, count); i < count; i++) { // the first few warm up
            Arn principal = random.nextInt(config.users() + config.roles()) < config.users()
                    ? Arn.user(account, "/", userName(random.nextInt(config.users())))
                    : Arn.role(account, "/", roleName(random.nextInt(config.roles())));
            String resource = "arn:aws:s3:::bucket-" + random.nextInt(BUCKETS) + "/report.csv";
            Instant at = window.first.plusMillis((long) (random.nextDouble()
                    * Duration.between(window.first, window.last).toMillis()));
            long t0 = System.nanoTime();
            ObjectNode answer = question.ask(principal, resource, at);
            long nanos = System.nanoTime() - t0;
            if (i < 0) {
                continue;
            }
            latency.recordValue(nanos);
            String value = answer.path(shown).asText();
            if (shown.equals("decision")) {
                answers.merge(value, 1, Integer::sum);
            } else {
                answers.merge("sum of " + shown, Integer.parseInt(value), Integer::sum);
            }
            if (answer.has("principals")) {
                principalsFound += answer.path("principals").size();
            } else if (answer.has("intervals")) {
                principalsFound += answer.path("intervals").size();
            }
        }
        out.printf(Locale.ROOT, "%-26s %,6d questions: p50 %8.2f ms  p90 %8.2f ms  p99 %8.2f ms  max %8.2f ms  %s%s%n",
                name, count, latency.getValueAtPercentile(50) / 1e6, latency.getValueAtPercentile(90) / 1e6,
                latency.getValueAtPercentile(99) / 1e6, latency.getMaxValue() / 1e6, answers,
                principalsFound > 0 ? String.format(Locale.ROOT, " (%,d principals or intervals in all answers)",
                        principalsFound) : "");
    }

    private record Window(Instant first, Instant last) {}

    private Window window() throws SQLException {
        try (Connection c = dataSource.getConnection(); var s = c.createStatement();
             var rs = s.executeQuery("select min(valid_from_time), max(valid_from_time) from iam_read.users")) {
            rs.next();
            Instant first = rs.getTimestamp(1).toInstant();
            // the last event's time, not now: the same questions on the same data ask about the same instants
            try (var last = s.executeQuery("select time_stamp from domain_event_entry order by global_index desc"
                    + " limit 1")) {
                last.next();
                return new Window(first, Instant.parse(last.getString(1)));
            }
        }
    }

    /**
     * Reads the read model's tables and indexes once, into the operating system's page cache, as a server that
     * has been answering for a while has them: without it the first questions after a reboot measure the disk.
     */
    private String preRead() throws SQLException {
        long t0 = System.nanoTime();
        // the embedded cluster's superuser (trust authentication on 127.0.0.1): the server's own role may not
        // create extensions
        String url = dataSource.unwrap(HikariDataSource.class).getJdbcUrl();
        try (Connection c = DriverManager.getConnection(url, "postgres", ""); var s = c.createStatement()) {
            s.execute("create extension if not exists pg_prewarm");
            try (var rs = s.executeQuery("select coalesce(sum(pg_prewarm(oid, 'read')), 0) * current_setting("
                    + "'block_size')::bigint from pg_class where relnamespace = 'iam_read'::regnamespace"
                    + " and relkind in ('r', 'i')")) {
                rs.next();
                return String.format(Locale.ROOT, "read model pre-read into the page cache: %,d MB in %.1f s",
                        rs.getLong(1) >> 20, (System.nanoTime() - t0) / 1e9);
            }
        }
    }

    private long count(String table) throws SQLException {
        try (Connection c = dataSource.getConnection(); var s = c.createStatement();
             var rs = s.executeQuery("select count(*) from iam_read." + table + " where valid_to_seq is null")) {
            rs.next();
            return rs.getLong(1);
        }
    }



    static String userName(int n) {
        return "u-" + n;
    }

    static String roleName(int n) {
        return "r-" + n;
    }

    private static String allow(String actions, String resource) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":" + actions
                + ",\"Resource\":\"" + resource + "\"}]}";
    }

    /** Writes the history: one thread, so that event times follow sequence order exactly. */
    private final class Generator {
        private final PrintStream out;
        private final CommandSender sender = server.context().getBean(CommandSender.class);
        private final IdGenerator ids = server.context().getBean(IdGenerator.class);
        private final Random random = new Random(42);
        private final List<String> userIds = new ArrayList<>();
        private final List<String> roleIds = new ArrayList<>();
        private final List<String> groupIds = new ArrayList<>();
        private final List<String> policyIds = new ArrayList<>();
        private final List<String> policyArns = new ArrayList<>();
        private final List<LinkedHashSet<String>> userAttached = new ArrayList<>();
        private final List<LinkedHashSet<Integer>> userGroups = new ArrayList<>();
        private final List<LinkedHashSet<String>> userInline = new ArrayList<>();
        private final List<LinkedHashSet<String>> roleAttached = new ArrayList<>();
        private final List<List<Integer>> policyVersions = new ArrayList<>(); // version numbers held; last = default
        private final List<Integer> policyNextVersion = new ArrayList<>();
        private final List<Supplier<Object>> pending = new ArrayList<>();
        private final Instant start = Instant.now().minus(YEAR).truncatedTo(ChronoUnit.SECONDS);
        private final long stepMicros;
        private long commands;

        Generator(PrintStream out) {
            this.out = out;
            this.stepMicros = YEAR.toNanos() / 1_000 / config.events();
        }

        private Instant now() {
            return start.plus(commands * stepMicros, ChronoUnit.MICROS);
        }

        private void send(Supplier<Object> command) {
            pending.add(command);
            if (pending.size() == COMMANDS_PER_TRANSACTION) {
                flush();
            }
        }

        private void flush() {
            if (pending.isEmpty()) {
                return;
            }
            sender.inTransaction(account, () -> {
                for (Supplier<Object> command : pending) {
                    sender.dispatch(command.get());
                    commands++;
                }
                return null;
            });
            pending.clear();
        }

        String generate() throws SQLException {
            long t0 = System.nanoTime();
            for (int p = 0; p < POLICIES; p++) {
                String id = ids.policyId();
                String name = "p-" + p;
                String document = policyDocument(p, 1);
                policyIds.add(id);
                policyArns.add(Arn.policy(account, "/", name).toString());
                policyVersions.add(new ArrayList<>(List.of(1)));
                policyNextVersion.add(2);
                send(() -> new CreatePolicyCommand(account, id, name, "/", Optional.empty(), document,
                        size(document), now()));
            }
            for (int g = 0; g < GROUPS; g++) {
                String id = ids.groupId();
                String name = "g-" + g;
                groupIds.add(id);
                String arn = g % 10 == 0 ? AWS_POLICIES[g / 10 % AWS_POLICIES.length] : policyArns.get(g % POLICIES);
                send(() -> new CreateGroupCommand(account, id, name, "/", now()));
                send(() -> new AttachGroupPolicyCommand(account, id, name, arn, now()));
            }
            String trust = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":"
                    + "{\"AWS\":\"arn:aws:iam::" + account + ":root\"},\"Action\":\"sts:AssumeRole\"}]}";
            for (int r = 0; r < config.roles(); r++) {
                String id = ids.roleId();
                String name = roleName(r);
                roleIds.add(id);
                roleAttached.add(new LinkedHashSet<>());
                send(() -> new CreateRoleCommand(account, id, name, "/", trust, size(trust), Optional.empty(),
                        Optional.empty(), Optional.empty(), List.of(), now()));
                attachRole(r);
            }
            for (int u = 0; u < config.users(); u++) {
                String id = ids.userId();
                String name = userName(u);
                userIds.add(id);
                userAttached.add(new LinkedHashSet<>());
                userGroups.add(new LinkedHashSet<>());
                userInline.add(new LinkedHashSet<>());
                send(() -> new CreateUserCommand(account, id, name, "/", Optional.empty(),
                        List.of(new Tag("team", "t" + random.nextInt(20))), now()));
                addToGroup(u);
                attachUser(u);
            }
            flush();
            out.printf(Locale.ROOT, "  %,d principals created (%,d commands)%n", config.users() + config.roles(),
                    commands);
            long reported = System.nanoTime();
            long target = config.events();
            while (true) {
                if (commands % 10_000 < COMMANDS_PER_TRANSACTION && pending.isEmpty()) {
                    long stored = StoredLog.events(dataSource);
                    if (stored >= target) {
                        break;
                    }
                    if (System.nanoTime() - reported > 10_000_000_000L) {
                        reported = System.nanoTime();
                        out.printf(Locale.ROOT, "  generated %,d of %,d events (%,.0f events/s)%n", stored, target,
                                stored / ((reported - t0) / 1e9));
                    }
                }
                churn();
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            long stored = StoredLog.events(dataSource);
            return String.format(Locale.ROOT, "%,d events from %,d commands in-process through CommandSender, one"
                    + " thread, %d commands per transaction: %.1f s, %,.0f events/s", stored, commands,
                    COMMANDS_PER_TRANSACTION, seconds, stored / seconds);
        }

        /** One random change, always valid for the state the generator tracks. */
        private void churn() {
            int u = random.nextInt(userIds.size());
            int dice = random.nextInt(100);
            if (dice < 22) {
                attachUser(u);
            } else if (dice < 40) {
                detachUser(u);
            } else if (dice < 55) {
                addToGroup(u);
            } else if (dice < 65) {
                removeFromGroup(u);
            } else if (dice < 75) {
                putInline(u);
            } else if (dice < 82) {
                deleteInline(u);
            } else if (dice < 87) {
                String id = userIds.get(u);
                String name = userName(u);
                Tag tag = new Tag("team", "t" + random.nextInt(20));
                send(() -> new TagUserCommand(account, id, name, List.of(tag), now()));
            } else if (dice < 92) {
                attachRole(random.nextInt(roleIds.size()));
            } else if (dice < 97) {
                detachRole(random.nextInt(roleIds.size()));
            } else {
                newPolicyVersion(random.nextInt(POLICIES));
            }
        }

        private String somePolicy() {
            return random.nextInt(10) == 0 ? AWS_POLICIES[random.nextInt(AWS_POLICIES.length)]
                    : policyArns.get(random.nextInt(POLICIES));
        }

        private void attachUser(int u) {
            String arn = somePolicy();
            if (userAttached.get(u).size() >= 8 || !userAttached.get(u).add(arn)) {
                return;
            }
            String id = userIds.get(u);
            String name = userName(u);
            send(() -> new AttachUserPolicyCommand(account, id, name, arn, now()));
        }

        private void detachUser(int u) {
            if (userAttached.get(u).isEmpty()) {
                return;
            }
            String arn = userAttached.get(u).iterator().next();
            userAttached.get(u).remove(arn);
            String id = userIds.get(u);
            String name = userName(u);
            send(() -> new DetachUserPolicyCommand(account, id, name, arn, now()));
        }

        private void attachRole(int r) {
            String arn = somePolicy();
            if (roleAttached.get(r).size() >= 8 || !roleAttached.get(r).add(arn)) {
                return;
            }
            String id = roleIds.get(r);
            String name = roleName(r);
            send(() -> new AttachRolePolicyCommand(account, id, name, arn, now()));
        }

        private void detachRole(int r) {
            if (roleAttached.get(r).isEmpty()) {
                return;
            }
            String arn = roleAttached.get(r).iterator().next();
            roleAttached.get(r).remove(arn);
            String id = roleIds.get(r);
            String name = roleName(r);
            send(() -> new DetachRolePolicyCommand(account, id, name, arn, now()));
        }

        private void addToGroup(int u) {
            int g = random.nextInt(GROUPS);
            if (userGroups.get(u).size() >= 8 || !userGroups.get(u).add(g)) {
                return;
            }
            String id = userIds.get(u);
            String name = userName(u);
            String groupId = groupIds.get(g);
            send(() -> new AddUserToGroupCommand(account, id, name, groupId, "g-" + g, now()));
        }

        private void removeFromGroup(int u) {
            if (userGroups.get(u).isEmpty()) {
                return;
            }
            int g = userGroups.get(u).iterator().next();
            userGroups.get(u).remove(g);
            String id = userIds.get(u);
            String name = userName(u);
            String groupId = groupIds.get(g);
            send(() -> new RemoveUserFromGroupCommand(account, id, name, groupId, "g-" + g, now()));
        }

        private void putInline(int u) {
            String policy = "inline-" + random.nextInt(3);
            userInline.get(u).add(policy);
            String document = allow("[\"s3:GetObject\",\"s3:PutObject\"]",
                    "arn:aws:s3:::bucket-" + random.nextInt(BUCKETS) + "/*");
            String id = userIds.get(u);
            String name = userName(u);
            send(() -> new PutUserPolicyCommand(account, id, name, policy, document, size(document), now()));
        }

        private void deleteInline(int u) {
            if (userInline.get(u).isEmpty()) {
                return;
            }
            String policy = userInline.get(u).iterator().next();
            userInline.get(u).remove(policy);
            String id = userIds.get(u);
            String name = userName(u);
            send(() -> new DeleteUserPolicyCommand(account, id, name, policy, now()));
        }

        /** A new default version; the oldest version goes first when the policy holds AWS's five. */
        private void newPolicyVersion(int p) {
            List<Integer> versions = policyVersions.get(p);
            String id = policyIds.get(p);
            String arn = policyArns.get(p);
            if (versions.size() == 5) {
                int oldest = versions.remove(0);
                send(() -> new DeletePolicyVersionCommand(account, id, arn, "v" + oldest, now()));
            }
            int version = policyNextVersion.get(p);
            policyNextVersion.set(p, version + 1);
            versions.add(version);
            String document = policyDocument(p, version);
            send(() -> new CreatePolicyVersionCommand(account, id, arn, document, size(document), true, now()));
        }

        /** Policy p's version v allows reading a few buckets (which ones moves with the version); some deny one. */
        private String policyDocument(int p, int version) {
            int first = (p * 7 + version * 3) % BUCKETS;
            String allow = "{\"Effect\":\"Allow\",\"Action\":[\"s3:GetObject\",\"s3:ListBucket\"],\"Resource\":["
                    + "\"arn:aws:s3:::bucket-" + first + "/*\",\"arn:aws:s3:::bucket-" + (first + 1) % BUCKETS
                    + "/*\",\"arn:aws:s3:::bucket-" + (first + 2) % BUCKETS + "/*\"]}";
            String deny = p % 5 == 4 ? ",{\"Effect\":\"Deny\",\"Action\":\"s3:*\",\"Resource\":\"arn:aws:s3:::bucket-"
                    + (first + 3) % BUCKETS + "/*\"}" : "";
            return "{\"Version\":\"2012-10-17\",\"Statement\":[" + allow + deny + "]}";
        }
    }

    private static int size(String document) {
        return document.getBytes(StandardCharsets.UTF_8).length;
    }
}
