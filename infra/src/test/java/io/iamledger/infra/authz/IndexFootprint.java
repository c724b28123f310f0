package io.iamledger.infra.authz;

import io.iamledger.events.identity.IdentityRef;
import io.iamledger.events.identity.Tag;
import io.iamledger.query.awsmanaged.AwsManagedPolicies;
import io.iamledger.query.awsmanaged.AwsManagedPolicy;
import io.iamledger.query.evaluator.CompiledPolicy;
import io.iamledger.query.evaluator.CompiledPrincipalPolicies;
import io.iamledger.query.evaluator.PolicySource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A non-asserting main estimating the heap one calling principal costs in the {@link AuthorizationIndex} (its
 * entry and table slot) for a typical user with ten policies (four AWS managed, four customer managed, two more)
 * and a customer managed boundary, by caching many such users and measuring the heap after full GCs. Three cases:
 * the two extra policies are the user's own inline policies; they are group policies, so every policy is shared
 * but each user has its own merged index; every user has the same set, so the merged index is shared too. Run
 * with {@code java -cp <infra test classpath> io.iamledger.infra.authz.IndexFootprint}.
 */
public final class IndexFootprint {
    private static final int USERS = 5_000;
    private static final String ACCOUNT = "111122223333";
    private static final List<String> AWS_MANAGED = List.of("IAMUserChangePassword", "AmazonS3ReadOnlyAccess",
            "AmazonEC2ReadOnlyAccess", "CloudWatchReadOnlyAccess");
    private static final List<String> CUSTOMER = List.of(
            statements("{\"Sid\":\"Reports\",\"Effect\":\"Allow\",\"Action\":[\"s3:GetObject\",\"s3:PutObject\"],"
                    + "\"Resource\":\"arn:aws:s3:::reports/${aws:username}/*\"},{\"Effect\":\"Allow\",\"Action\":"
                    + "\"s3:ListBucket\",\"Resource\":\"arn:aws:s3:::reports\",\"Condition\":{\"StringLike\":"
                    + "{\"s3:prefix\":\"${aws:username}/*\"}}}"),
            statements("{\"Effect\":\"Allow\",\"Action\":[\"dynamodb:GetItem\",\"dynamodb:Query\","
                    + "\"dynamodb:PutItem\"],"
                    + "\"Resource\":\"arn:aws:dynamodb:us-east-1:" + ACCOUNT + ":table/orders\"}"),
            statements("{\"Effect\":\"Deny\",\"Action\":\"*\",\"Resource\":\"*\",\"Condition\":{\"Bool\":"
                    + "{\"aws:SecureTransport\":\"false\"}}}"),
            statements("{\"Effect\":\"Allow\",\"Action\":[\"sqs:SendMessage\",\"sqs:ReceiveMessage\","
                    + "\"sqs:DeleteMessage\"],\"Resource\":\"arn:aws:sqs:us-east-1:" + ACCOUNT + ":jobs-*\"},"
                    + "{\"Effect\":\"Allow\",\"Action\":\"sns:Publish\",\"Resource\":\"arn:aws:sns:us-east-1:"
                    + ACCOUNT + ":alerts\"}"));
    private static final String BOUNDARY = statements("{\"Effect\":\"Allow\",\"Action\":[\"s3:*\",\"ec2:Describe*\","
            + "\"cloudwatch:*\",\"dynamodb:*\",\"sqs:*\",\"sns:*\",\"iam:ChangePassword\",\"iam:Get*\"],"
            + "\"Resource\":\"*\"}");
    private static final String INLINE_1 = statements("{\"Effect\":\"Allow\",\"Action\":[\"iam:CreateAccessKey\","
            + "\"iam:ListAccessKeys\",\"iam:DeleteAccessKey\"],\"Resource\":\"arn:aws:iam::" + ACCOUNT
            + ":user/${aws:username}\"}");
    private static final String INLINE_2 = statements("{\"Effect\":\"Allow\",\"Action\":\"logs:PutLogEvents\","
            + "\"Resource\":\"arn:aws:logs:us-east-1:" + ACCOUNT + ":log-group:app:*\",\"Condition\":"
            + "{\"IpAddress\":{\"aws:SourceIp\":[\"10.0.0.0/8\",\"192.168.0.0/16\"]}}}");

    private IndexFootprint() {}

    public static void main(String[] args) {
        SharedPolicies shared = new SharedPolicies();
        measure("two of the ten policies inline (the user's own), the rest shared", shared, Sharing.OWN_INLINE);
        measure("every policy shared, the merged index per principal", shared, Sharing.POLICIES);
        measure("every policy shared, one set for all principals (same groups and attachments)", shared,
                Sharing.POLICY_SETS);
    }

    private enum Sharing { OWN_INLINE, POLICIES, POLICY_SETS }

    private static void measure(String what, SharedPolicies shared, Sharing sharing) {
        PolicyLoader loader = new PolicyLoader() {
            @Override
            public Optional<LoadedIdentity> user(String accountId, String userName) {
                List<CompiledPolicy> policies = new ArrayList<>();
                for (String name : AWS_MANAGED) {
                    AwsManagedPolicy policy = AwsManagedPolicies.byArn("arn:aws:iam::aws:policy/" + name).orElseThrow();
                    policies.add(shared.managed(policy.arn(), policy.policyId(), policy.defaultVersionId(),
                            PolicySource.Kind.AWS_MANAGED, policy::document));
                }
                for (int i = 0; i < CUSTOMER.size(); i++) {
                    String document = CUSTOMER.get(i);
                    policies.add(shared.managed("arn:aws:iam::" + ACCOUNT + ":policy/p" + i, "ANPA" + i, "v1",
                            PolicySource.Kind.CUSTOMER_MANAGED, () -> document));
                }
                if (sharing == Sharing.OWN_INLINE) {
                    policies.add(SharedPolicies.compile(PolicySource.of("keys", PolicySource.Kind.USER_INLINE),
                            INLINE_1));
                    policies.add(SharedPolicies.compile(PolicySource.of("logs", PolicySource.Kind.USER_INLINE),
                            INLINE_2));
                } else {
                    policies.add(shared.groupInline("AGPA1", "devs", "keys", INLINE_1));
                    policies.add(shared.groupInline("AGPA1", "devs", "logs", INLINE_2));
                }
                CompiledPolicy boundary = shared.managed("arn:aws:iam::" + ACCOUNT + ":policy/boundary", "ANPAB",
                        "v1", PolicySource.Kind.CUSTOMER_MANAGED, () -> BOUNDARY);
                CompiledPrincipalPolicies compiled = sharing == Sharing.POLICY_SETS
                        ? shared.principalPolicies(policies, Optional.of(boundary))
                        : CompiledPrincipalPolicies.builder().identityPolicies(policies).permissionsBoundary(boundary)
                                .build();
                return Optional.of(new LoadedIdentity("arn:aws:iam::" + ACCOUNT + ":user/engineering/" + userName,
                        "AIDA" + userName.toUpperCase(java.util.Locale.ROOT),
                        List.of(new Tag("team", "payments"), new Tag("cost-center", "cc-1234")), compiled));
            }

            @Override
            public Optional<LoadedIdentity> group(String accountId, String groupName) {
                return Optional.empty();
            }

            @Override
            public Optional<LoadedIdentity> role(String accountId, String roleName) {
                return Optional.empty();
            }

            @Override
            public Optional<RoleTrust> trust(String accountId, String roleName) {
                return Optional.empty();
            }

            @Override
            public Optional<CompiledPolicy> managedPolicy(String accountId, String policyArn) {
                return Optional.empty();
            }

            @Override
            public Optional<TargetFacts> target(String accountId, IamActionTable.Target target, String name) {
                return Optional.empty();
            }
        };
        AuthorizationIndex index = new AuthorizationIndex(loader, (account, atLeast) -> 0, account -> { },
                account -> -1, USERS + 1);
        AuthorizationIndex.AccountView view = index.view(ACCOUNT);
        // the first one compiles the shared policies, which every later one reuses
        index.caller(view, ACCOUNT, IdentityRef.user("AIDAWARM", "warm"));
        long before = usedAfterGc();
        for (int i = 0; i < USERS; i++) {
            String name = "user" + String.format("%05d", i);
            index.caller(view, ACCOUNT, IdentityRef.user("AIDA" + name.toUpperCase(java.util.Locale.ROOT), name));
        }
        long after = usedAfterGc();
        System.out.printf("%s: about %,d bytes per principal (%d cached, %d shared policies)%n", what,
                (after - before) / USERS, index.cachedPrincipals(), shared.size());
    }

    private static String statements(String statements) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[" + statements + "]}";
    }

    private static long usedAfterGc() {
        Runtime runtime = Runtime.getRuntime();
        for (int i = 0; i < 4; i++) {
            System.gc();
        }
        return runtime.totalMemory() - runtime.freeMemory();
    }
}
