package io.iamledger.infra.authz;

import static io.iamledger.infra.authz.FakeLoader.ACCOUNT;
import static io.iamledger.infra.authz.FakeLoader.arn;
import static io.iamledger.infra.authz.FakeLoader.policy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.iamledger.events.error.ErrorCode;
import io.iamledger.events.error.IamException;
import io.iamledger.query.evaluator.CompiledPrincipalPolicies;
import io.iamledger.query.evaluator.Decision;
import io.iamledger.query.evaluator.PolicySource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PolicySimulatorTest {
    private static final String ALLOW_CREATE =
            "{\"Effect\":\"Allow\",\"Action\":\"iam:CreateUser\",\"Resource\":\"*\"}";
    private static final String DENY_CREATE = "{\"Effect\":\"Deny\",\"Action\":\"iam:CreateUser\",\"Resource\":\"*\"}";

    private final FakeLoader store = new FakeLoader();
    private final PolicySimulator simulator = PolicySimulator.create(new AuthorizationIndex(store,
            (account, atLeast) -> 0, account -> { }, account -> -1, 100));

    @Test
    void aUsersGroupDenyDecidesAndIsReportedAsTheGroupsPolicy() {
        store.user("/", "ann", "AIDAANN", List.of(), CompiledPrincipalPolicies.builder()
                .identityPolicy(FakeLoader.compiled(PolicySource.of("mine", PolicySource.Kind.USER_INLINE),
                        policy(ALLOW_CREATE)))
                .identityPolicy(FakeLoader.compiled(PolicySource.groupInline("ops", "theirs"), policy(DENY_CREATE)))
                .build());
        SimulationResult result = simulate(request().policySource(arn("user", "/", "ann"))).result(0);
        assertThat(result.decision()).isEqualTo(Decision.EXPLICIT_DENY);
        assertThat(result.matchedStatements()).extracting(SimulationResult.Statement::sourcePolicyId,
                SimulationResult.Statement::sourcePolicyType).containsExactly(
                tuple("theirs", "group"));
        assertThat(result.decisionDetails()).isEmpty();
        assertThat(result.resourceSpecificResults()).isEmpty();
    }

    @Test
    void aSourceMustExistAtThePathItsArnNames() {
        store.user("/team/", "ann", "AIDAANN");
        assertThat(simulate(request().policySource(arn("user", "/team/", "ann"))).size()).isEqualTo(1);
        assertThatThrownBy(() -> simulate(request().policySource(arn("user", "/", "ann"))))
                .isInstanceOfSatisfying(IamException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.NO_SUCH_ENTITY);
                    assertThat(e.getMessage()).isEqualTo("The user with name ann cannot be found.");
                });
        assertThatThrownBy(() -> simulate(request().policySource("arn:aws:iam::" + ACCOUNT + ":role/none")))
                .hasMessage("The role with name none cannot be found.");
        assertThatThrownBy(() -> simulate(request().policySource("arn:aws:s3:::bucket")))
                .isInstanceOfSatisfying(IamException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_INPUT));
    }

    @Test
    void keysThePoliciesReadButTheRequestLacksAreMissing() {
        String condition = "{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\",\"Condition\":"
                + "{\"StringEquals\":{\"aws:username\":\"ann\"}}}";
        SimulationResult missing = simulate(request().inputs(policy(condition)).actions("s3:GetObject")).result(0);
        assertThat(missing.decision()).isEqualTo(Decision.IMPLICIT_DENY);
        assertThat(missing.missingContextValues()).containsExactly("aws:username");

        SimulationResult given = simulate(request().inputs(policy(condition)).actions("s3:GetObject")
                .context(new SimulationRequest.ContextEntry("aws:username", List.of("ann"), Optional.of("string"))))
                .result(0);
        assertThat(given.decision()).isEqualTo(Decision.ALLOWED);
        assertThat(given.missingContextValues()).isEmpty();
        assertThat(given.matchedStatements()).extracting(SimulationResult.Statement::sourcePolicyId,
                SimulationResult.Statement::sourcePolicyType).containsExactly(
                tuple("PolicyInputList.1", "none"));
    }

    @Test
    void severalResourcesAreReportedEachAndTheActionGetsTheStrictestDecision() {
        String teamOnly = "{\"Effect\":\"Allow\",\"Action\":\"iam:GetUser\",\"Resource\":\""
                + arn("user", "/team/", "*") + "\"}";
        SimulationResult result = simulate(request().inputs(policy(teamOnly)).actions("iam:GetUser")
                .resources(arn("user", "/team/", "a"), arn("user", "/", "b"))).result(0);
        assertThat(result.decision()).isEqualTo(Decision.IMPLICIT_DENY);
        assertThat(result.resourceName()).isEqualTo("*");
        assertThat(result.matchedStatements()).isEmpty();
        assertThat(result.decisionDetails()).contains(Map.of());
        assertThat(result.resourceSpecificResults()).extracting(SimulationResult.ResourceResult::decision)
                .containsExactly(Decision.ALLOWED, Decision.IMPLICIT_DENY);
        assertThat(result.resourceSpecificResults().get(0).decisionDetails()).contains(Map.of());
    }

    @Test
    void aResourcePolicyAcrossAccountsIsDetailedPerPolicyType() {
        String caller = arn("user", "/", "ann");
        String bucketPolicy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                + "\"Principal\":{\"AWS\":\""
                + caller + "\"},\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}]}";
        SimulationResult sameAccount = simulate(request().inputs(policy(ALLOW_CREATE)).actions("s3:GetObject")
                .resourcePolicy(bucketPolicy).caller(caller)).result(0);
        assertThat(sameAccount.decision()).isEqualTo(Decision.ALLOWED);
        assertThat(sameAccount.decisionDetails()).contains(Map.of("IAM Policy", Decision.IMPLICIT_DENY,
                "Resource Policy", Decision.ALLOWED));

        // in another account the resource policy alone does not grant: the caller's own policies must too
        SimulationResult otherAccount = simulate(request().inputs(policy(ALLOW_CREATE)).actions("s3:GetObject")
                .resourcePolicy(bucketPolicy).caller(caller).owner("arn:aws:iam::444455556666:root")).result(0);
        assertThat(otherAccount.decision()).isEqualTo(Decision.IMPLICIT_DENY);
    }

    @Test
    void aGivenBoundaryReplacesTheSourcesAndReportsItsDecision() {
        store.user("/", "ann", "AIDAANN", "{\"Effect\":\"Allow\",\"Action\":\"iam:*\",\"Resource\":\"*\"}");
        SimulationRequestBuilder request = request().policySource(arn("user", "/", "ann"))
                .boundaries(policy("{\"Effect\":\"Allow\",\"Action\":\"iam:Get*\",\"Resource\":\"*\"}"))
                .actions("iam:CreateUser", "iam:GetUser");
        PolicySimulator.Simulation simulation = simulate(request);
        assertThat(simulation.result(0).decision()).isEqualTo(Decision.IMPLICIT_DENY);
        assertThat(simulation.result(0).allowedByPermissionsBoundary()).contains(false);
        assertThat(simulation.result(1).decision()).isEqualTo(Decision.ALLOWED);
        assertThat(simulation.result(1).allowedByPermissionsBoundary()).contains(true);
    }

    @Test
    void malformedInputIsRefusedBeforeAnythingIsEvaluated() {
        assertInvalidInput(request().inputs("{\"Version\":\"2012-10-17\""), "PolicyInputList.1 is not a valid policy.");
        assertInvalidInput(request().inputs(policy(ALLOW_CREATE), policy(ALLOW_CREATE)).boundaries(
                policy(ALLOW_CREATE), policy(ALLOW_CREATE)), "Only one permissions boundary");
        assertInvalidInput(request().inputs(policy(ALLOW_CREATE)).resourcePolicy(policy(ALLOW_CREATE))
                .caller(arn("user", "/", "ann")), "ResourcePolicy is not a valid policy.");
        assertInvalidInput(request().inputs(policy(ALLOW_CREATE)).resourcePolicy("{\"Version\":\"2012-10-17\","
                + "\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:*\"}]}"),
                "CallerArn is required");
        assertInvalidInput(request().inputs(policy(ALLOW_CREATE)).caller(arn("role", "/", "r")), "Invalid CallerArn");
        assertInvalidInput(request().inputs(policy(ALLOW_CREATE)).actions("iam:*"), "Action name iam:* is not valid");
        assertInvalidInput(request().inputs(policy(ALLOW_CREATE)).context(new SimulationRequest.ContextEntry(
                "aws:SourceIp", List.of("not-an-ip"), Optional.of("ip"))), "Invalid value for context key");
        assertInvalidInput(request().inputs(policy(ALLOW_CREATE)).owner("12345"), "Invalid ResourceOwner");
        assertThatThrownBy(() -> simulate(request().inputs(policy(ALLOW_CREATE)).context(
                new SimulationRequest.ContextEntry("aws:SourceIp", List.of("1.2.3.4"), Optional.of("ipv4")))))
                .isInstanceOfSatisfying(IamException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_ERROR));
    }

    private void assertInvalidInput(SimulationRequestBuilder request, String messageStart) {
        assertThatThrownBy(() -> simulate(request)).isInstanceOfSatisfying(IamException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.INVALID_INPUT);
            assertThat(e.getMessage()).startsWith(messageStart);
        });
    }

    private PolicySimulator.Simulation simulate(SimulationRequestBuilder request) {
        return simulator.prepare(request.build());
    }

    private static SimulationRequestBuilder request() {
        return new SimulationRequestBuilder();
    }

    /** Defaults: no source, no inputs, action iam:CreateUser, resource *, no resource policy, owner or caller. */
    private static final class SimulationRequestBuilder {
        private Optional<String> source = Optional.empty();
        private List<String> inputs = List.of();
        private List<String> boundaries = List.of();
        private List<String> actions = List.of("iam:CreateUser");
        private List<String> resources = List.of();
        private Optional<String> resourcePolicy = Optional.empty();
        private Optional<String> owner = Optional.empty();
        private Optional<String> caller = Optional.empty();
        private List<SimulationRequest.ContextEntry> context = List.of();

        SimulationRequestBuilder policySource(String arn) {
            source = Optional.of(arn);
            return this;
        }

        SimulationRequestBuilder inputs(String... documents) {
            inputs = List.of(documents);
            return this;
        }

        SimulationRequestBuilder boundaries(String... documents) {
            boundaries = List.of(documents);
            return this;
        }

        SimulationRequestBuilder actions(String... names) {
            actions = List.of(names);
            return this;
        }

        SimulationRequestBuilder resources(String... arns) {
            resources = List.of(arns);
            return this;
        }

        SimulationRequestBuilder resourcePolicy(String document) {
            resourcePolicy = Optional.of(document);
            return this;
        }

        SimulationRequestBuilder owner(String account) {
            owner = Optional.of(account);
            return this;
        }

        SimulationRequestBuilder caller(String arn) {
            caller = Optional.of(arn);
            return this;
        }

        SimulationRequestBuilder context(SimulationRequest.ContextEntry... entries) {
            context = List.of(entries);
            return this;
        }

        SimulationRequest build() {
            return new SimulationRequest(ACCOUNT, source, inputs, boundaries, actions, resources, resourcePolicy,
                    owner, caller, context);
        }
    }
}
