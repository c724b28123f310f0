package io.iamledger.query.evaluator;

import static org.assertj.core.api.Assertions.assertThat;

import io.iamledger.events.document.Effect;
import io.iamledger.events.document.PolicyDocuments;
import io.iamledger.events.document.PolicyKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Properties that must hold for any policies and any request, checked over generated cases (fixed seeds, so a
 * failure names a reproducible case). "An explicit deny in any policy overrides any allows" gives the first two;
 * the rest say the decision and its explanation agree.
 */
class EvaluatorPropertiesTest {
    private static final int CASES = 3000;
    private static final String A = Fixtures.ACCOUNT;
    private static final String B = Fixtures.OTHER_ACCOUNT;

    private static final String[] ACTIONS = {"s3:GetObject", "s3:PutObject", "iam:CreateUser", "iam:GetUser",
        "sts:AssumeRole", "ec2:RunInstances"};
    private static final String[] ACTION_PATTERNS = {"'*'", "'s3:*'", "'s3:Get*'", "'iam:*User'", "'iam:?etUser'",
        "['ec2:*','sts:AssumeRole']", "'S3:getobject'", "'sts:*'"};
    private static final String[] RESOURCES = {"*", "arn:aws:s3:::b/k", "arn:aws:s3:::b/x/y", "arn:aws:iam::" + A + ":user/u",
        "arn:aws:iam::" + A + ":role/r"};
    private static final String[] RESOURCE_PATTERNS = {"'*'", "'arn:aws:s3:::b/*'", "'arn:aws:iam::*:user/*'",
        "['arn:aws:s3:::b/x/*','arn:aws:iam::" + A + ":role/r']", "'arn:aws:s3:::b/${aws:username}'"};
    private static final String[] CONDITIONS = {"", ",'Condition':{'StringEquals':{'aws:PrincipalTag/team':'blue'}}",
        ",'Condition':{'StringNotEquals':{'aws:PrincipalTag/team':['red','green']}}",
        ",'Condition':{'ForAnyValue:StringLike':{'aws:TagKeys':'env*'}}",
        ",'Condition':{'ForAllValues:StringEquals':{'aws:TagKeys':['env','owner']}}",
        ",'Condition':{'IpAddress':{'aws:SourceIp':'10.0.0.0/8'}}",
        ",'Condition':{'Null':{'aws:TokenIssueTime':'true'}}",
        ",'Condition':{'BoolIfExists':{'aws:MultiFactorAuthPresent':'true'}}",
        ",'Condition':{'NumericLessThan':{'s3:max-keys':'10'}}"};
    private static final String[] PRINCIPALS = {"'*'", "{'AWS':'" + A + "'}", "{'AWS':'" + B + "'}",
        "{'AWS':'" + Fixtures.ALICE_ARN + "'}", "{'AWS':'" + Fixtures.ROLE_ARN + "'}", "{'AWS':'" + Fixtures.SESSION_ARN + "'}",
        "{'AWS':'" + Fixtures.CAROL_ARN + "'}", "{'Service':'ec2.amazonaws.com'}"};
    private static final Principal[] CALLERS = {Fixtures.ALICE.withTags(java.util.Map.of("team", "blue")),
        Fixtures.SESSION, Fixtures.FEDERATED, Fixtures.ROOT, Fixtures.CAROL, Principal.awsService("ec2.amazonaws.com")};

    private static String pick(Random random, String[] values) {
        return values[random.nextInt(values.length)];
    }

    private static String statement(Random random, Effect effect, boolean withPrincipal) {
        StringBuilder out = new StringBuilder("{'Effect':'").append(effect.text()).append("'");
        if (withPrincipal) {
            out.append(random.nextInt(8) == 0 ? ",'NotPrincipal':" : ",'Principal':").append(pick(random, PRINCIPALS));
        }
        out.append(random.nextInt(6) == 0 ? ",'NotAction':" : ",'Action':").append(pick(random, ACTION_PATTERNS));
        out.append(random.nextInt(6) == 0 ? ",'NotResource':" : ",'Resource':").append(pick(random, RESOURCE_PATTERNS));
        return out.append(pick(random, CONDITIONS)).append('}').toString();
    }

    private static String document(Random random, boolean withPrincipal, int statements) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < statements; i++) {
            parts.add(statement(random, random.nextInt(4) == 0 ? Effect.DENY : Effect.ALLOW, withPrincipal));
        }
        return Fixtures.json("{'Version':'2012-10-17','Statement':[" + String.join(",", parts) + "]}");
    }

    private static CompiledPolicy compile(String json, PolicyKind kind, String id) {
        PolicySource.Kind source = kind == PolicyKind.RESOURCE ? PolicySource.Kind.RESOURCE : PolicySource.Kind.CUSTOMER_MANAGED;
        return CompiledPolicy.compile(PolicySource.of(id, source), PolicyDocuments.read(json, kind));
    }

    /** A generated case: the policies stay open so a property can add to them. */
    private static final class Case {
        final Principal caller;
        final String action;
        final String resource;
        final String owner;
        final List<CompiledPolicy> identity = new ArrayList<>();
        CompiledPolicy boundary;
        final List<CompiledPolicy> session = new ArrayList<>();
        final List<String> resourceStatements = new ArrayList<>();
        final boolean trust;
        final List<String> tags;
        final String sourceIp;

        Case(Random random) {
            caller = CALLERS[random.nextInt(CALLERS.length)];
            action = pick(random, ACTIONS);
            resource = pick(random, RESOURCES);
            owner = random.nextInt(4) == 0 ? B : A;
            for (int i = random.nextInt(3); i > 0; i--) {
                identity.add(compile(document(random, false, 1 + random.nextInt(3)), PolicyKind.IDENTITY, "id" + i));
            }
            if (random.nextInt(3) == 0) {
                boundary = compile(document(random, false, 1 + random.nextInt(2)), PolicyKind.IDENTITY, "boundary");
            }
            if (random.nextInt(3) == 0) {
                session.add(compile(document(random, false, 1 + random.nextInt(2)), PolicyKind.IDENTITY, "session"));
            }
            if (random.nextInt(2) == 0) {
                for (int i = random.nextInt(3); i >= 0; i--) {
                    resourceStatements.add(statement(random, random.nextInt(4) == 0 ? Effect.DENY : Effect.ALLOW, true));
                }
            }
            trust = random.nextInt(5) == 0;
            tags = random.nextBoolean() ? List.of("env-1") : random.nextBoolean() ? List.of("env", "owner") : null;
            sourceIp = random.nextBoolean() ? "10.1.2.3" : random.nextBoolean() ? "192.0.2.1" : null;
        }

        AuthorizationRequest request() {
            CompiledPrincipalPolicies.Builder policies = CompiledPrincipalPolicies.builder().identityPolicies(identity);
            if (boundary != null) {
                policies.permissionsBoundary(boundary);
            }
            session.forEach(policies::sessionPolicy);
            AuthorizationRequest.Builder builder = AuthorizationRequest.builder(caller, action).resource(resource, owner)
                    .principalPolicies(policies.build());
            if (!resourceStatements.isEmpty()) {
                CompiledPolicy resourcePolicy = compile(Fixtures.json("{'Version':'2012-10-17','Statement':["
                        + String.join(",", resourceStatements) + "]}"), PolicyKind.RESOURCE, "resource");
                if (trust) {
                    builder.requiredResourcePolicy(resourcePolicy);
                } else {
                    builder.resourcePolicy(resourcePolicy);
                }
            }
            if (tags != null) {
                builder.context("aws:TagKeys", ContextValue.strings(tags));
            }
            if (sourceIp != null) {
                builder.context("aws:SourceIp", ContextValue.ip(sourceIp));
            }
            return builder.build();
        }

        @Override
        public String toString() {
            return caller + " " + action + " " + resource + " owner " + owner + " identity " + identity + " boundary "
                    + boundary + " session " + session + " resource " + resourceStatements + " trust " + trust;
        }
    }

    private static CompiledPolicy denyEverything(Random random) {
        return compile(Fixtures.json("{'Version':'2012-10-17','Statement':" + statement(random, Effect.DENY, false) + "}"),
                PolicyKind.IDENTITY, "extra-deny");
    }

    // "An explicit deny in any policy overrides any allows": adding a Deny statement anywhere never grants.
    @Test
    void addingADenyNeverTurnsADenialIntoAnAllow() {
        Random random = new Random(11);
        for (int i = 0; i < CASES; i++) {
            Case c = new Case(random);
            Decision before = PolicyEvaluator.decide(c.request());
            int where = random.nextInt(3);
            if (where == 0) {
                c.identity.add(denyEverything(random));
            } else if (where == 1) {
                c.session.add(denyEverything(random));
            } else {
                c.resourceStatements.add(statement(random, Effect.DENY, true));
            }
            Decision after = PolicyEvaluator.decide(c.request());
            if (before != Decision.ALLOWED) {
                assertThat(after).as("case %d: %s", i, c).isNotEqualTo(Decision.ALLOWED);
            }
            if (before == Decision.EXPLICIT_DENY && where == 0) {
                assertThat(after).as("case %d: %s", i, c).isEqualTo(Decision.EXPLICIT_DENY);
            }
        }
    }

    // Same rule from the other side: adding an Allow never lifts an explicit deny, and never takes an allow away.
    @Test
    void addingAnAllowNeverTurnsAnExplicitDenyIntoAnAllow() {
        Random random = new Random(23);
        for (int i = 0; i < CASES; i++) {
            Case c = new Case(random);
            Decision before = PolicyEvaluator.decide(c.request());
            c.identity.add(compile(Fixtures.json("{'Version':'2012-10-17','Statement':"
                    + statement(random, Effect.ALLOW, false) + "}"), PolicyKind.IDENTITY, "extra-allow"));
            Decision after = PolicyEvaluator.decide(c.request());
            if (before == Decision.EXPLICIT_DENY) {
                assertThat(after).as("case %d: %s", i, c).isEqualTo(Decision.EXPLICIT_DENY);
            }
            if (before == Decision.ALLOWED) {
                assertThat(after).as("case %d: %s", i, c).isEqualTo(Decision.ALLOWED);
            }
        }
    }

    // The explanation is produced by the same logic as the decision, so they always agree.
    @Test
    void explanationAgreesWithTheDecision() {
        Random random = new Random(37);
        for (int i = 0; i < CASES; i++) {
            Case c = new Case(random);
            AuthorizationRequest request = c.request();
            Evaluation evaluation = PolicyEvaluator.evaluate(request);
            Decision decision = PolicyEvaluator.decide(request);
            boolean anyDeny = evaluation.matchedStatements().stream().anyMatch(s -> s.effect() == Effect.DENY);
            assertThat(evaluation.decision()).as("case %d: %s", i, c).isEqualTo(decision);
            assertThat(anyDeny).as("case %d: %s", i, c).isEqualTo(decision == Decision.EXPLICIT_DENY);
            assertThat(evaluation.denial().isPresent()).as("case %d", i).isEqualTo(decision != Decision.ALLOWED);
            assertThat(evaluation.denial().map(Evaluation.Denial::explicit)).as("case %d", i)
                    .isEqualTo(decision == Decision.ALLOWED ? Optional.empty()
                            : Optional.of(decision == Decision.EXPLICIT_DENY));
            if (decision == Decision.EXPLICIT_DENY) {
                PolicyType type = evaluation.denial().orElseThrow().policyType();
                assertThat(evaluation.decidingStatements()).as("case %d", i)
                        .anyMatch(s -> s.policyType() == type && s.effect() == Effect.DENY);
            }
            if (decision == Decision.ALLOWED && c.caller.kind() != Principal.Kind.ROOT) {
                assertThat(evaluation.decidingStatements()).as("case %d: %s", i, c).isNotEmpty();
            }
        }
    }
}
