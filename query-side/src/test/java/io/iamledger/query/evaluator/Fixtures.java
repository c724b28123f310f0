package io.iamledger.query.evaluator;

import io.iamledger.events.document.PolicyDocuments;
import io.iamledger.events.document.PolicyKind;
import java.util.Optional;

/**
 * Principals, policies and requests for the evaluator tests. Policies are written with single quotes; a policy
 * given only its statements gets {@code Version 2012-10-17}.
 */
final class Fixtures {
    static final String ACCOUNT = "111122223333";
    static final String OTHER_ACCOUNT = "444455556666";

    static final String ALICE_ARN = "arn:aws:iam::" + ACCOUNT + ":user/alice";
    static final Principal ALICE = Principal.iamUser(ALICE_ARN, "AIDAALICE");
    static final String ROLE_ARN = "arn:aws:iam::" + ACCOUNT + ":role/app";
    static final String SESSION_ARN = "arn:aws:sts::" + ACCOUNT + ":assumed-role/app/job-1";
    static final Principal SESSION = Principal.roleSession(SESSION_ARN, ROLE_ARN, "AROAAPP");
    static final String FEDERATED_ARN = "arn:aws:sts::" + ACCOUNT + ":federated-user/bob";
    static final Principal FEDERATED = Principal.federatedUser(FEDERATED_ARN,
            Optional.of("arn:aws:iam::" + ACCOUNT + ":user/bob"));
    static final Principal ROOT = Principal.root(ACCOUNT);
    static final String CAROL_ARN = "arn:aws:iam::" + OTHER_ACCOUNT + ":user/carol";
    static final Principal CAROL = Principal.iamUser(CAROL_ARN, "AIDACAROL");

    static final String BUCKET = "arn:aws:s3:::reports";
    static final String OBJECT = "arn:aws:s3:::reports/2024/q1.csv";

    private static int counter;

    private Fixtures() {
    }

    static String json(String singleQuoted) {
        return singleQuoted.replace('\'', '"');
    }

    /** A document from single-quoted JSON; a text starting with {@code [} or {@code {'Effect'} is wrapped as statements. */
    private static String document(String text) {
        String trimmed = text.strip();
        if (trimmed.startsWith("[") || trimmed.startsWith("{'Sid'") || trimmed.startsWith("{'Effect'")) {
            return json("{'Version':'2012-10-17','Statement':" + trimmed + "}");
        }
        return json(trimmed);
    }

    static CompiledPolicy identity(String text) {
        return identity("policy-" + (++counter), text);
    }

    static CompiledPolicy identity(String id, String text) {
        return CompiledPolicy.compile(PolicySource.of(id, PolicySource.Kind.CUSTOMER_MANAGED),
                PolicyDocuments.read(document(text), PolicyKind.IDENTITY));
    }

    /** An identity policy from real JSON (for values holding single quotes). */
    static CompiledPolicy identityJson(String json) {
        return CompiledPolicy.compile(PolicySource.of("policy-" + (++counter), PolicySource.Kind.CUSTOMER_MANAGED),
                PolicyDocuments.read(json, PolicyKind.IDENTITY));
    }

    static CompiledPolicy resource(String text) {
        return CompiledPolicy.compile(PolicySource.of("bucket-policy", PolicySource.Kind.RESOURCE),
                PolicyDocuments.read(document(text), PolicyKind.RESOURCE));
    }

    static CompiledPolicy trust(String text) {
        return CompiledPolicy.compile(PolicySource.of("trust-policy", PolicySource.Kind.TRUST),
                PolicyDocuments.read(document(text), PolicyKind.TRUST));
    }

    static CompiledPrincipalPolicies policies(CompiledPolicy... identity) {
        CompiledPrincipalPolicies.Builder builder = CompiledPrincipalPolicies.builder();
        for (CompiledPolicy policy : identity) {
            builder.identityPolicy(policy);
        }
        return builder.build();
    }

    static AuthorizationRequest.Builder request(Principal principal, String action, String resource) {
        return AuthorizationRequest.builder(principal, action).resource(resource);
    }

    static AuthorizationRequest.Builder request(Principal principal, String action, String resource,
            CompiledPolicy... identity) {
        return request(principal, action, resource).principalPolicies(policies(identity));
    }

    static Decision decide(AuthorizationRequest.Builder request) {
        AuthorizationRequest built = request.build();
        Decision fast = PolicyEvaluator.decide(built);
        Evaluation evaluation = PolicyEvaluator.evaluate(built);
        if (evaluation.decision() != fast) {
            throw new AssertionError("decide and evaluate disagree on " + built);
        }
        evaluation.matchedStatements();
        return fast;
    }

    static Evaluation evaluate(AuthorizationRequest.Builder request) {
        return PolicyEvaluator.evaluate(request.build());
    }

    /** An identity policy allowing {@code action} on {@code resource}. */
    static CompiledPolicy allow(String action, String resource) {
        return identity("{'Effect':'Allow','Action':'" + action + "','Resource':'" + resource + "'}");
    }

    /** An identity policy denying {@code action} on {@code resource}. */
    static CompiledPolicy deny(String action, String resource) {
        return identity("{'Effect':'Deny','Action':'" + action + "','Resource':'" + resource + "'}");
    }

    /** An identity policy with one Allow of {@code s3:GetObject} on everything under {@code condition}. */
    static CompiledPolicy allowWhen(String condition) {
        return identity("{'Effect':'Allow','Action':'s3:GetObject','Resource':'*','Condition':" + condition + "}");
    }
}
