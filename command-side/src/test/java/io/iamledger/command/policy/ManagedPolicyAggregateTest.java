package io.iamledger.command.policy;

import static io.iamledger.command.testing.IamErrors.alreadyExists;
import static io.iamledger.command.testing.IamErrors.deleteConflict;
import static io.iamledger.command.testing.IamErrors.limitExceeded;
import static io.iamledger.command.testing.IamErrors.noSuchEntity;
import static io.iamledger.command.testing.IamErrors.validationError;
import static org.assertj.core.api.Assertions.assertThat;

import io.iamledger.command.NoSuchEntityInterceptor;
import io.iamledger.command.registry.EntityKind;
import io.iamledger.command.testing.InMemoryEntityRegistry;
import io.iamledger.command.testing.Snapshots;
import io.iamledger.events.identity.IdentityRef;
import io.iamledger.events.policy.PolicyCreatedEvent;
import io.iamledger.events.policy.PolicyDefaultVersionSetEvent;
import io.iamledger.events.policy.PolicyDeletedEvent;
import io.iamledger.events.policy.PolicyVersionCreatedEvent;
import io.iamledger.events.policy.PolicyVersionDeletedEvent;
import java.time.Instant;
import java.util.Optional;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ManagedPolicyAggregateTest {
    private static final String ACCOUNT = "123456789012";
    private static final String POLICY_ID = "ANPAEXAMPLEPOLICY001";
    private static final String NAME = "ReadOnly";
    private static final String ARN = "arn:aws:iam::123456789012:policy/ReadOnly";
    private static final String DOCUMENT = "{\"Version\":\"2012-10-17\",\"Statement\":[]}";
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant T1 = Instant.parse("2026-01-01T00:01:00Z");

    private FixtureConfiguration<ManagedPolicyAggregate> fixture;
    private InMemoryEntityRegistry registry;

    @BeforeEach
    void setUp() {
        registry = new InMemoryEntityRegistry();
        fixture = new AggregateTestFixture<>(ManagedPolicyAggregate.class);
        fixture.registerInjectableResource(registry);
        fixture.registerCommandHandlerInterceptor(new NoSuchEntityInterceptor());
    }

    private static CreatePolicyCommand create(String name, String path, int size) {
        return new CreatePolicyCommand(ACCOUNT, POLICY_ID, name, path, Optional.empty(), DOCUMENT, size, T1);
    }

    private static PolicyCreatedEvent created() {
        return new PolicyCreatedEvent(ACCOUNT, POLICY_ID, NAME, "/", ARN, Optional.empty(), DOCUMENT, T0);
    }

    private static PolicyVersionCreatedEvent version(String versionId, boolean setAsDefault) {
        return new PolicyVersionCreatedEvent(ACCOUNT, POLICY_ID, ARN, versionId, DOCUMENT, setAsDefault, T0);
    }

    private static CreatePolicyVersionCommand createVersion(boolean setAsDefault) {
        return new CreatePolicyVersionCommand(ACCOUNT, POLICY_ID, ARN, DOCUMENT, 30, setAsDefault, T1);
    }

    // CreatePolicy

    @Test
    void createsPolicyAndClaimsItsArn() {
        fixture.givenNoPriorActivity()
                .when(new CreatePolicyCommand(ACCOUNT, POLICY_ID, NAME, "/team/", Optional.of("read only"), DOCUMENT,
                        30, T1))
                .expectEvents(new PolicyCreatedEvent(ACCOUNT, POLICY_ID, NAME, "/team/",
                        "arn:aws:iam::123456789012:policy/team/ReadOnly", Optional.of("read only"), DOCUMENT, T1));

        assertThat(registry.find(ACCOUNT, EntityKind.POLICY, "arn:aws:iam::123456789012:policy/team/ReadOnly"))
                .contains(POLICY_ID);
    }

    @Test
    void cannotCreatePolicyWhoseArnIsTaken() {
        registry.claim(ACCOUNT, EntityKind.POLICY, ARN, "ANPAOTHERPOLICY00001");

        fixture.givenNoPriorActivity()
                .when(create(NAME, "/", 30))
                .expectException(alreadyExists("A policy called ReadOnly already exists. Duplicate names are not "
                        + "allowed."))
                .expectNoEvents();
    }

    @Test
    void policyDocumentMayBe6144() {
        fixture.givenNoPriorActivity()
                .when(create(NAME, "/", 6144))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void cannotCreatePolicyOver6144() {
        fixture.givenNoPriorActivity()
                .when(create(NAME, "/", 6145))
                .expectException(limitExceeded("Cannot exceed quota for PolicySize: 6144"))
                .expectNoEvents();

        assertThat(registry.find(ACCOUNT, EntityKind.POLICY, ARN)).isEmpty();
    }

    @Test
    void cannotCreatePolicyWithPathOutsidePolicyPathAlphabet() {
        fixture.givenNoPriorActivity()
                .when(create(NAME, "/a~b/", 30))
                .expectException(validationError("1 validation error detected: Value '/a~b/' at 'path' failed to "
                        + "satisfy constraint: Member must satisfy regular expression pattern: "
                        + "((/[A-Za-z0-9\\.,\\+@=_-]+)*)/"));
    }

    @Test
    void cannotCreatePolicyWithInvalidName() {
        fixture.givenNoPriorActivity()
                .when(create("Read Only", "/", 30))
                .expectException(validationError("1 validation error detected: Value 'Read Only' at 'policyName' "
                        + "failed to satisfy constraint: Member must satisfy regular expression pattern: "
                        + "[\\w+=,.@-]+"));
    }

    // Versions

    @Test
    void createsSecondVersionAsV2() {
        fixture.given(created())
                .when(createVersion(false))
                .expectEvents(new PolicyVersionCreatedEvent(ACCOUNT, POLICY_ID, ARN, "v2", DOCUMENT, false, T1));
    }

    @Test
    void createsVersionAsDefault() {
        fixture.given(created())
                .when(createVersion(true))
                .expectEvents(new PolicyVersionCreatedEvent(ACCOUNT, POLICY_ID, ARN, "v2", DOCUMENT, true, T1));
    }

    @Test
    void neverReusesDeletedVersionIds() {
        fixture.given(created(), version("v2", false), version("v3", false),
                        new PolicyVersionDeletedEvent(ACCOUNT, POLICY_ID, ARN, "v3", T0))
                .when(createVersion(false))
                .expectEvents(new PolicyVersionCreatedEvent(ACCOUNT, POLICY_ID, ARN, "v4", DOCUMENT, false, T1));
    }

    @Test
    void cannotCreateSixthVersion() {
        fixture.given(created(), version("v2", false), version("v3", false), version("v4", false),
                        version("v5", false))
                .when(createVersion(false))
                .expectException(limitExceeded("A managed policy can have up to 5 versions. Before you create a new "
                        + "version, you must delete an existing version."))
                .expectNoEvents();
    }

    @Test
    void cannotCreateVersionOver6144() {
        fixture.given(created())
                .when(new CreatePolicyVersionCommand(ACCOUNT, POLICY_ID, ARN, DOCUMENT, 6145, false, T1))
                .expectException(limitExceeded("Cannot exceed quota for PolicySize: 6144"));
    }

    @Test
    void setsDefaultVersion() {
        fixture.given(created(), version("v2", false))
                .when(new SetDefaultPolicyVersionCommand(ACCOUNT, POLICY_ID, ARN, "v2", T1))
                .expectEvents(new PolicyDefaultVersionSetEvent(ACCOUNT, POLICY_ID, ARN, "v2", T1));
    }

    @Test
    void settingCurrentDefaultVersionChangesNothing() {
        fixture.given(created())
                .when(new SetDefaultPolicyVersionCommand(ACCOUNT, POLICY_ID, ARN, "v1", T1))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void cannotSetUnknownVersionAsDefault() {
        fixture.given(created())
                .when(new SetDefaultPolicyVersionCommand(ACCOUNT, POLICY_ID, ARN, "v7", T1))
                .expectException(noSuchEntity("Policy " + ARN + " version v7 does not exist or is not attachable."));
    }

    @Test
    void deletesNonDefaultVersion() {
        fixture.given(created(), version("v2", false))
                .when(new DeletePolicyVersionCommand(ACCOUNT, POLICY_ID, ARN, "v2", T1))
                .expectEvents(new PolicyVersionDeletedEvent(ACCOUNT, POLICY_ID, ARN, "v2", T1));
    }

    @Test
    void cannotDeleteDefaultVersion() {
        fixture.given(created(), version("v2", true))
                .when(new DeletePolicyVersionCommand(ACCOUNT, POLICY_ID, ARN, "v2", T1))
                .expectException(deleteConflict("Cannot delete the default version of a policy."))
                .expectNoEvents();
    }

    @Test
    void formerDefaultVersionCanBeDeletedOnceAnotherIsDefault() {
        fixture.given(created(), version("v2", false), new PolicyDefaultVersionSetEvent(ACCOUNT, POLICY_ID, ARN, "v2",
                        T0))
                .when(new DeletePolicyVersionCommand(ACCOUNT, POLICY_ID, ARN, "v1", T1))
                .expectEvents(new PolicyVersionDeletedEvent(ACCOUNT, POLICY_ID, ARN, "v1", T1));
    }

    @Test
    void cannotDeleteUnknownVersion() {
        fixture.given(created())
                .when(new DeletePolicyVersionCommand(ACCOUNT, POLICY_ID, ARN, "v2", T1))
                .expectException(noSuchEntity("Policy " + ARN + " version v2 does not exist or is not attachable."));
    }

    // DeletePolicy

    @Test
    void deletesPolicyAndReleasesItsArn() {
        registry.claim(ACCOUNT, EntityKind.POLICY, ARN, POLICY_ID);

        fixture.given(created())
                .when(new DeletePolicyCommand(ACCOUNT, POLICY_ID, ARN, T1))
                .expectEvents(new PolicyDeletedEvent(ACCOUNT, POLICY_ID, ARN, T1))
                .expectMarkedDeleted();

        assertThat(registry.policyExists(ACCOUNT, ARN)).isFalse();
    }

    @Test
    void deletePolicyConflictsWhileAttached() {
        registry.addAttachment(ACCOUNT, ARN, IdentityRef.role("AROAEXAMPLEROLE00001", "deployer"));

        fixture.given(created())
                .when(new DeletePolicyCommand(ACCOUNT, POLICY_ID, ARN, T1))
                .expectException(deleteConflict("Cannot delete a policy attached to entities."))
                .expectNoEvents();
    }

    @Test
    void deletePolicyConflictsWhileNonDefaultVersionsRemain() {
        fixture.given(created(), version("v2", false))
                .when(new DeletePolicyCommand(ACCOUNT, POLICY_ID, ARN, T1))
                .expectException(deleteConflict("This policy has more than one version. Before you delete a policy, "
                        + "you must delete the policy's versions. The default version is deleted with the policy."));
    }

    @Test
    void cannotCreateVersionOfDeletedPolicy() {
        fixture.given(created(), new PolicyDeletedEvent(ACCOUNT, POLICY_ID, ARN, T0))
                .when(createVersion(false))
                .expectException(noSuchEntity("Policy " + ARN + " was not found."));
    }

    @Test
    void commandAddressedByAnotherArnFindsNoSuchEntity() {
        String other = "arn:aws:iam::123456789012:policy/Other";

        fixture.given(created())
                .when(new DeletePolicyCommand(ACCOUNT, POLICY_ID, other, T1))
                .expectException(noSuchEntity("Policy " + other + " was not found."));
    }

    @Test
    void policySurvivesSnapshot() {
        fixture.given(created(), version("v2", true), version("v3", false))
                .when(new DeletePolicyVersionCommand(ACCOUNT, POLICY_ID, ARN, "v1", T1))
                .expectState(Snapshots::assertSurvivesSnapshot);
    }
}
