package io.iamledger.infra.load;

import io.iamledger.infra.server.LedgerServer;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.HdrHistogram.Histogram;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * The STS benchmark, three phases of {@code clients} threads each (own connection, no retries, so every failure is
 * counted), each with a warm-up that is not counted and then a measured window:
 * <ol>
 *   <li>GetCallerIdentity signed with an IAM user's long-term key (authentication: vault lookup, SigV4 check,
 *       authorization, audit record);</li>
 *   <li>GetCallerIdentity signed with an assumed-role session's temporary credentials (the session token unsealed
 *       and checked against the role's current trust on every call);</li>
 *   <li>AssumeRole by the user, a fresh session name each call (trust policy evaluated, a RoleSessionIssued event
 *       and the audit record committed in one transaction, the token sealed).</li>
 * </ol>
 * Each answer is checked (the caller's ARN, an {@code ASIA} key), so a wrong 200 counts as a failure.
 */
final class StsLoad {

    /**
     * @param clients  concurrent client threads per phase
     * @param warmup   per phase, excluded from the figures
     * @param duration the measured window of each phase
     * @param client   how the clients call
     * @param phases   which phases to run, of {@code user}, {@code session} and {@code assume}
     */
    record Config(int clients, Duration warmup, Duration duration, WriteLoad.Client client, List<String> phases) {}

    /** One kind of call, made by one client thread again and again. */
    private interface Call {
        /** Makes call number {@code n}; throws {@link WriteClient.CallFailed} when it fails. */
        void make(long n);
    }

    private record Phase(String key, String name, Function<Integer, Call> perClient) {}

    private record Outcome(String name, Histogram latency, long failed, Map<String, Long> errors,
                           Map<String, String> examples, String perSecond, String machine, double[] cpuMsPerCall,
                           List<String> serverFigures) {}

    private final LedgerServer server;
    private final Config config;
    private final List<AutoCloseable> opened = new ArrayList<>();

    StsLoad(LedgerServer server, Config config) {
        this.server = server;
        this.config = config;
    }

    int run(PrintStream out) throws Exception {
        System.setProperty("http.maxConnections", String.valueOf(Math.max(5, config.clients() * 2)));
        URI endpoint = server.endpoint();
        String suffix = Long.toString(System.currentTimeMillis(), 36);
        String userName = "sts-load-" + suffix;
        String roleName = "sts-load-target-" + suffix;
        String account = server.accountId();
        String userArn = "arn:aws:iam::" + account + ":user/" + userName;
        String roleArn;
        AwsCredentials userKey;
        try (IamClient root = iam(endpoint, AwsBasicCredentials.create(server.rootAccessKeyId(),
                server.rootSecretAccessKey()))) {
            root.createUser(r -> r.userName(userName));
            AccessKey key = root.createAccessKey(r -> r.userName(userName)).accessKey();
            userKey = AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey());
            roleArn = root.createRole(r -> r.roleName(roleName).assumeRolePolicyDocument(
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\""
                            + userArn + "\"},\"Action\":\"sts:AssumeRole\"}]}")).role().arn();
        }
        String sessionArnPrefix = "arn:aws:sts::" + account + ":assumed-role/" + roleName + "/";
        List<Phase> phases = List.of(
                new Phase("user", "GetCallerIdentity, IAM user (long-term key)", id -> {
                    Function<String, String> call = client(endpoint, userKey);
                    return n -> expect(call.apply("Action=GetCallerIdentity&Version=2011-06-15"), userArn);
                }),
                new Phase("session", "GetCallerIdentity, assumed-role session (temporary credentials)", id -> {
                    AwsCredentials session = assume(endpoint, userKey, roleArn, "load-session-" + id);
                    Function<String, String> call = client(endpoint, session);
                    return n -> expect(call.apply("Action=GetCallerIdentity&Version=2011-06-15"),
                            sessionArnPrefix + "load-session-" + id);
                }),
                new Phase("assume", "AssumeRole by the IAM user", id -> {
                    Function<String, String> call = client(endpoint, userKey);
                    String form = "Action=AssumeRole&Version=2011-06-15&DurationSeconds=900&RoleArn="
                            + SigningWriteClient.encode(roleArn) + "&RoleSessionName=";
                    return n -> expect(call.apply(form + "c" + id + "-" + n), "<AccessKeyId>ASIA");
                }));
        List<Outcome> outcomes = new ArrayList<>();
        try {
            for (Phase phase : phases) {
                if (!config.phases().contains(phase.key())) {
                    continue;
                }
                out.printf(Locale.ROOT, "%s: %d clients (%s), warm-up %d s, then %d s measured (load average %s)%n",
                        phase.name(), config.clients(), config.client().name().toLowerCase(Locale.ROOT),
                        config.warmup().toSeconds(), config.duration().toSeconds(), CpuMeter.loadAverage());
                outcomes.add(measure(phase));
            }
        } finally {
            for (AutoCloseable closeable : opened) {
                closeable.close();
            }
        }
        return report(out, outcomes);
    }

    private Outcome measure(Phase phase) throws Exception {
        CpuMeter cpu = new CpuMeter(server.settings().dataDir().resolve("postgres"));
        List<Worker> workers = new ArrayList<>();
        for (int i = 0; i < config.clients(); i++) {
            workers.add(new Worker(phase.perClient().apply(i)));
        }
        MeasurementWindow window = new MeasurementWindow(config.warmup(), config.duration());
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < workers.size(); i++) {
            Worker worker = workers.get(i);
            Thread thread = new Thread(() -> worker.run(window), "sts-load-" + i);
            threads.add(thread);
            thread.start();
        }
        window.awaitStart();
        ServerGauges gauges = new ServerGauges(server.context(), Duration.ofMillis(100));
        gauges.start();
        CpuMeter.Snapshot before = cpu.take();
        window.awaitEnd();
        CpuMeter.Snapshot after = cpu.take();
        List<String> serverFigures = gauges.stop();
        for (Thread thread : threads) {
            thread.join(60_000);
        }
        Histogram all = Latency.histogram();
        Map<String, Long> errors = new TreeMap<>();
        Map<String, String> examples = new TreeMap<>();
        for (Worker worker : workers) {
            all.add(worker.tally.latency);
            worker.tally.errors.forEach((code, count) -> errors.merge(code, count, Long::sum));
            worker.tally.examples.forEach(examples::putIfAbsent);
        }
        long failed = errors.values().stream().mapToLong(Long::longValue).sum();
        double[] cores = CpuMeter.jvmAndPostgresCores(before, after);
        double callsPerSecond = Math.max(1e-9, all.getTotalCount() / (config.duration().toNanos() / 1e9));
        double[] msPerCall = {1000 * cores[0] / callsPerSecond, 1000 * cores[1] / callsPerSecond};
        return new Outcome(phase.name(), all, failed, errors, examples,
                window.perSecondLine(), CpuMeter.describe(before, after),
                msPerCall, serverFigures);
    }

    private int report(PrintStream out, List<Outcome> outcomes) {
        double seconds = config.duration().toNanos() / 1e9;
        long failed = 0;
        for (Outcome outcome : outcomes) {
            out.println();
            out.println("==== " + outcome.name() + ": " + config.clients() + " clients ("
                    + config.client().name().toLowerCase(Locale.ROOT) + "), " + config.duration().toSeconds()
                    + " s measured ====");
            out.printf(Locale.ROOT, "throughput   %,.0f requests/s (%,d calls OK, %,d failed)%n",
                    outcome.latency().getTotalCount() / seconds, outcome.latency().getTotalCount(), outcome.failed());
            out.println("latency      " + Latency.summary(outcome.latency()));
            out.println("per second   " + outcome.perSecond());
            if (outcome.errors().isEmpty()) {
                out.println("errors       none");
            } else {
                out.println("errors by code:");
                outcome.errors().forEach((code, count) -> out.printf(Locale.ROOT, "      %,8d  %s   e.g. %s%n",
                        count, code, outcome.examples().get(code)));
            }
            out.println("machine      " + outcome.machine());
            out.printf(Locale.ROOT, "CPU per call this JVM %.2f ms (server, Kafka broker and the clients), "
                    + "PostgreSQL %.2f ms%n", outcome.cpuMsPerCall()[0], outcome.cpuMsPerCall()[1]);
            out.println("the server's own figures during the window:");
            for (String line : outcome.serverFigures()) {
                out.println("  " + line);
            }
            failed += outcome.failed();
        }
        return failed == 0 ? 0 : 1;
    }

    /** A client for one thread: sends an awsQuery form to STS and returns the response body. */
    private Function<String, String> client(URI endpoint, AwsCredentials credentials) {
        String token = credentials instanceof AwsSessionCredentials session ? session.sessionToken() : null;
        if (config.client() == WriteLoad.Client.SIGNING) {
            SigningWriteClient signing = new SigningWriteClient(endpoint, "sts", credentials.accessKeyId(),
                    credentials.secretAccessKey(), token);
            opened.add(signing);
            return signing::call;
        }
        StsClient sts = sts(endpoint, credentials);
        opened.add(sts);
        return form -> sdkCall(sts, form);
    }

    /** The same two calls through the SDK's StsClient; the answer is rendered back to the elements checked. */
    private static String sdkCall(StsClient sts, String form) {
        return SdkWriteClient.call(() -> {
            if (form.startsWith("Action=GetCallerIdentity")) {
                return "<Arn>" + sts.getCallerIdentity().arn() + "</Arn>";
            }
            Map<String, String> fields = new HashMap<>();
            for (String pair : form.split("&")) {
                int eq = pair.indexOf('=');
                fields.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
            Credentials credentials = sts.assumeRole(r -> r.roleArn(fields.get("RoleArn"))
                    .roleSessionName(fields.get("RoleSessionName"))
                    .durationSeconds(Integer.parseInt(fields.get("DurationSeconds")))).credentials();
            return "<AccessKeyId>" + credentials.accessKeyId() + "</AccessKeyId>";
        });
    }

    private static void expect(String body, String fragment) {
        if (!body.contains(fragment)) {
            throw new WriteClient.CallFailed("wrong answer", "expected " + fragment + " in " + body, null);
        }
    }

    private static AwsCredentials assume(URI endpoint, AwsCredentials caller, String roleArn, String sessionName) {
        try (StsClient sts = sts(endpoint, caller)) {
            Credentials c = sts.assumeRole(r -> r.roleArn(roleArn).roleSessionName(sessionName).durationSeconds(3600))
                    .credentials();
            return AwsSessionCredentials.create(c.accessKeyId(), c.secretAccessKey(), c.sessionToken());
        }
    }

    private static IamClient iam(URI endpoint, AwsCredentials credentials) {
        return IamClient.builder().endpointOverride(endpoint).region(Region.AWS_GLOBAL)
                .credentialsProvider(StaticCredentialsProvider.create(credentials))
                .httpClient(SdkWriteClient.httpClient()).build();
    }

    private static StsClient sts(URI endpoint, AwsCredentials credentials) {
        return StsClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(credentials))
                .httpClient(SdkWriteClient.httpClient())
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }

    /** One client thread of a phase and its private tallies (read after it stops). */
    private static final class Worker {
        final Call call;
        final CallTally tally = new CallTally();

        Worker(Call call) {
            this.call = call;
        }

        void run(MeasurementWindow window) {
            for (long n = 0; !window.ended(); n++) {
                long number = n;
                tally.time(window, () -> call.make(number));
            }
        }
    }
}
