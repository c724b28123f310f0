package io.iamledger.query.evaluator;

import io.iamledger.events.document.PolicyDocuments;
import io.iamledger.events.document.PolicyKind;
import io.iamledger.query.awsmanaged.AwsManagedPolicies;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Single-threaded decisions for a principal with ten identity-based policies (four real AWS managed documents from
 * the built-in catalog, six customer policies with conditions, NotAction and policy variables) and a permissions
 * boundary, over 64 prebuilt requests that mix allowed, explicitly and implicitly denied outcomes. Targets
 * (issue 3): at least 1,000,000 decisions per second, p99 under 5 µs.
 */
@State(Scope.Thread)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Threads(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class EvaluatorBenchmark {
    private static final String ACCOUNT = "111122223333";
    private static final ContextValue NOW = ContextValue.date(Instant.parse("2026-01-01T00:00:00Z"));

    private AuthorizationRequest[] requests;
    private Principal principal;
    private CompiledPrincipalPolicies policies;
    private String[][] shapes;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        policies = Workload.principalPolicies();
        principal = Principal.iamUser("arn:aws:iam::" + ACCOUNT + ":user/dev/alice", "AIDAALICE")
                .withTags(Map.of("team", "payments"));
        shapes = Workload.requestShapes();
        requests = new AuthorizationRequest[shapes.length];
        for (int i = 0; i < shapes.length; i++) {
            requests[i] = Workload.request(principal, policies, shapes[i]);
        }
    }

    private int nextIndex() {
        next = next + 1 & requests.length - 1;
        return next;
    }

    /** The decision alone, for a request already built (what a cached-principal authorizer does per call). */
    @Benchmark
    @BenchmarkMode({Mode.Throughput})
    @OutputTimeUnit(TimeUnit.SECONDS)
    public Decision decide() {
        return PolicyEvaluator.decide(requests[nextIndex()]);
    }

    /** The same, sampled for latency percentiles. */
    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public Decision decideLatency() {
        return PolicyEvaluator.decide(requests[nextIndex()]);
    }

    /** Building the request (three context keys) and deciding. */
    @Benchmark
    @BenchmarkMode({Mode.Throughput})
    @OutputTimeUnit(TimeUnit.SECONDS)
    public Decision buildAndDecide() {
        return PolicyEvaluator.decide(Workload.request(principal, policies, shapes[nextIndex()]));
    }

    /** Deciding and producing the full explanation (matched statements, details, missing keys). */
    @Benchmark
    @BenchmarkMode({Mode.Throughput})
    @OutputTimeUnit(TimeUnit.SECONDS)
    public int evaluateAndExplain() {
        Evaluation evaluation = PolicyEvaluator.evaluate(requests[nextIndex()]);
        return evaluation.matchedStatements().size() + evaluation.missingContextValues().size();
    }

    /** The policies and requests, shared with {@link QuickThroughput}. */
    static final class Workload {
        private Workload() {
        }

        static CompiledPolicy managed(String name) {
            String arn = "arn:aws:iam::aws:policy/" + name;
            String document = AwsManagedPolicies.byArn(arn).orElseThrow().document();
            return CompiledPolicy.compile(PolicySource.of(arn, PolicySource.Kind.AWS_MANAGED),
                    PolicyDocuments.read(document, PolicyKind.IDENTITY));
        }

        static CompiledPolicy customer(String id, String singleQuoted) {
            return CompiledPolicy.compile(PolicySource.of(id, PolicySource.Kind.CUSTOMER_MANAGED),
                    PolicyDocuments.read(singleQuoted.replace('\'', '"'), PolicyKind.IDENTITY));
        }

        static CompiledPrincipalPolicies principalPolicies() {
            return CompiledPrincipalPolicies.builder()
                    .identityPolicy(managed("IAMUserChangePassword"))
                    .identityPolicy(managed("AmazonS3ReadOnlyAccess"))
                    .identityPolicy(managed("AmazonEC2ReadOnlyAccess"))
                    .identityPolicy(managed("CloudWatchReadOnlyAccess"))
                    .identityPolicy(customer("home-directory", "{'Version':'2012-10-17','Statement':["
                            + "{'Sid':'ListHome','Effect':'Allow','Action':'s3:ListBucket','Resource':'arn:aws:s3:::home',"
                            + "'Condition':{'StringLike':{'s3:prefix':['','home/','home/${aws:username}/*']}}},"
                            + "{'Sid':'OwnHome','Effect':'Allow','Action':'s3:*Object*','Resource':'arn:aws:s3:::home/home/${aws:username}/*'}]}"))
                    .identityPolicy(customer("team-tables", "{'Version':'2012-10-17','Statement':["
                            + "{'Effect':'Allow','Action':['dynamodb:GetItem','dynamodb:Query','dynamodb:PutItem'],"
                            + "'Resource':'arn:aws:dynamodb:*:" + ACCOUNT + ":table/${aws:PrincipalTag/team}-*'},"
                            + "{'Effect':'Deny','Action':'dynamodb:DeleteTable','Resource':'*'}]}"))
                    .identityPolicy(customer("office-network", "{'Version':'2012-10-17','Statement':["
                            + "{'Effect':'Deny','Action':'*','Resource':'*','Condition':{'NotIpAddress':{'aws:SourceIp':"
                            + "['203.0.113.0/24','2001:db8::/32']},'Bool':{'aws:ViaAWSService':'false'}}}]}"))
                    .identityPolicy(customer("require-tls", "{'Version':'2012-10-17','Statement':["
                            + "{'Effect':'Deny','Action':'s3:*','Resource':'*','Condition':{'Bool':{'aws:SecureTransport':'false'}}}]}"))
                    .identityPolicy(customer("mfa-for-iam", "{'Version':'2012-10-17','Statement':["
                            + "{'Effect':'Deny','NotAction':['iam:ChangePassword','iam:GetUser','iam:ListMFADevices'],"
                            + "'Resource':'arn:aws:iam::*:*','Condition':{'BoolIfExists':{'aws:MultiFactorAuthPresent':'false'}}},"
                            + "{'Effect':'Allow','Action':['iam:Get*','iam:List*'],'Resource':'arn:aws:iam::" + ACCOUNT + ":user/dev/*'}]}"))
                    .identityPolicy(customer("queues", "{'Version':'2012-10-17','Statement':["
                            + "{'Effect':'Allow','Action':['sqs:SendMessage','sqs:ReceiveMessage','sqs:DeleteMessage'],"
                            + "'Resource':'arn:aws:sqs:us-east-1:" + ACCOUNT + ":payments-*',"
                            + "'Condition':{'DateLessThan':{'aws:CurrentTime':'2030-01-01T00:00:00Z'}}}]}"))
                    .permissionsBoundary(customer("boundary", "{'Version':'2012-10-17','Statement':["
                            + "{'Effect':'Allow','Action':['s3:*','ec2:Describe*','cloudwatch:*','iam:*','dynamodb:*','sqs:*',"
                            + "'logs:*'],'Resource':'*'},{'Effect':'Deny','Action':'iam:CreateAccessKey','Resource':'*'}]}"))
                    .build();
        }

        /** 64 request shapes: action, resource, source IP, secure transport, MFA. */
        static String[][] requestShapes() {
            String[][] base = {
                {"s3:GetObject", "arn:aws:s3:::home/home/alice/notes.txt"},
                {"s3:PutObject", "arn:aws:s3:::home/home/alice/notes.txt"},
                {"s3:PutObject", "arn:aws:s3:::home/home/bob/notes.txt"},
                {"s3:ListBucket", "arn:aws:s3:::home"},
                {"s3:DeleteBucket", "arn:aws:s3:::home"},
                {"ec2:DescribeInstances", "*"},
                {"ec2:RunInstances", "arn:aws:ec2:us-east-1:" + ACCOUNT + ":instance/*"},
                {"cloudwatch:GetMetricData", "*"},
                {"dynamodb:Query", "arn:aws:dynamodb:us-east-1:" + ACCOUNT + ":table/payments-ledger"},
                {"dynamodb:Query", "arn:aws:dynamodb:us-east-1:" + ACCOUNT + ":table/billing-ledger"},
                {"dynamodb:DeleteTable", "arn:aws:dynamodb:us-east-1:" + ACCOUNT + ":table/payments-ledger"},
                {"iam:GetUser", "arn:aws:iam::" + ACCOUNT + ":user/dev/alice"},
                {"iam:CreateUser", "arn:aws:iam::" + ACCOUNT + ":user/dev/mallory"},
                {"iam:ChangePassword", "arn:aws:iam::" + ACCOUNT + ":user/dev/alice"},
                {"sqs:SendMessage", "arn:aws:sqs:us-east-1:" + ACCOUNT + ":payments-events"},
                {"lambda:InvokeFunction", "arn:aws:lambda:us-east-1:" + ACCOUNT + ":function:f"},
            };
            Random random = new Random(7);
            List<String[]> shapes = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                String[] b = base[i % base.length];
                String ip = random.nextInt(8) == 0 ? "198.51.100.7" : random.nextBoolean() ? "203.0.113.9" : "2001:db8::7";
                shapes.add(new String[] {b[0], b[1], ip, random.nextInt(10) == 0 ? "false" : "true",
                    random.nextBoolean() ? "true" : "false"});
            }
            return shapes.toArray(new String[0][]);
        }

        static AuthorizationRequest request(Principal principal, CompiledPrincipalPolicies policies, String[] shape) {
            return AuthorizationRequest.builder(principal, shape[0]).resource(shape[1], ACCOUNT)
                    .principalPolicies(policies)
                    .context("aws:SourceIp", ContextValue.ip(shape[2]))
                    .context("aws:SecureTransport", ContextValue.bool(Boolean.parseBoolean(shape[3])))
                    .context("aws:MultiFactorAuthPresent", ContextValue.bool(Boolean.parseBoolean(shape[4])))
                    .context("aws:CurrentTime", NOW)
                    .build();
        }
    }
}
