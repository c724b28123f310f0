package io.iamledger.command.group;

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
import io.iamledger.events.group.GroupCreatedEvent;
import io.iamledger.events.group.GroupDeletedEvent;
import io.iamledger.events.identity.IdentityRef;
import io.iamledger.events.identity.InlinePolicyDeletedEvent;
import io.iamledger.events.identity.InlinePolicyPutEvent;
import io.iamledger.events.identity.ManagedPolicyAttachedEvent;
import io.iamledger.events.identity.ManagedPolicyDetachedEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GroupAggregateTest {
    private static final String ACCOUNT = "123456789012";
    private static final String GROUP_ID = "AGPAEXAMPLEGROUP0001";
    private static final String NAME = "admins";
    private static final IdentityRef ADMINS = IdentityRef.group(GROUP_ID, NAME);
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant T1 = Instant.parse("2026-01-01T00:01:00Z");
    private static final String POLICY = "arn:aws:iam::123456789012:policy/Admin";
    private static final String AWS_POLICY = "arn:aws:iam::aws:policy/AdministratorAccess";

    private FixtureConfiguration<GroupAggregate> fixture;
    private InMemoryEntityRegistry registry;

    @BeforeEach
    void setUp() {
        registry = new InMemoryEntityRegistry();
        fixture = new AggregateTestFixture<>(GroupAggregate.class);
        fixture.registerInjectableResource(registry);
        fixture.registerCommandHandlerInterceptor(new NoSuchEntityInterceptor());
    }

    private static GroupCreatedEvent created() {
        return new GroupCreatedEvent(ACCOUNT, GROUP_ID, NAME, "/", "arn:aws:iam::123456789012:group/admins", T0);
    }

    private static ManagedPolicyAttachedEvent attached(String arn) {
        return new ManagedPolicyAttachedEvent(ACCOUNT, ADMINS, arn, T0);
    }

    private static InlinePolicyPutEvent inline(String policyName, int size) {
        return new InlinePolicyPutEvent(ACCOUNT, ADMINS, policyName, "x".repeat(size), T0);
    }

    @Test
    void createsGroupWithArnFromPathAndName() {
        fixture.givenNoPriorActivity()
                .when(new CreateGroupCommand(ACCOUNT, GROUP_ID, NAME, "/ops/", T1))
                .expectEvents(new GroupCreatedEvent(ACCOUNT, GROUP_ID, NAME, "/ops/",
                        "arn:aws:iam::123456789012:group/ops/admins", T1));

        assertThat(registry.find(ACCOUNT, EntityKind.GROUP, "ADMINS")).contains(GROUP_ID);
    }

    @Test
    void cannotCreateGroupWhoseNameIsTakenInAnyCase() {
        registry.claim(ACCOUNT, EntityKind.GROUP, "Admins", "AGPAOTHERGROUP000001");

        fixture.givenNoPriorActivity()
                .when(new CreateGroupCommand(ACCOUNT, GROUP_ID, NAME, "/", T1))
                .expectException(alreadyExists("Group with name admins already exists."))
                .expectNoEvents();
    }

    @Test
    void allowsGroupNamesUpTo128Characters() {
        String name = "g".repeat(128);

        fixture.givenNoPriorActivity()
                .when(new CreateGroupCommand(ACCOUNT, GROUP_ID, name, "/", T1))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void cannotCreateGroupWithNameLongerThan128() {
        String name = "g".repeat(129);

        fixture.givenNoPriorActivity()
                .when(new CreateGroupCommand(ACCOUNT, GROUP_ID, name, "/", T1))
                .expectException(validationError("1 validation error detected: Value '" + name + "' at 'groupName' "
                        + "failed to satisfy constraint: Member must have length less than or equal to 128"));
    }

    @Test
    void deletesGroupAndReleasesName() {
        registry.claim(ACCOUNT, EntityKind.GROUP, NAME, GROUP_ID);

        fixture.given(created())
                .when(new DeleteGroupCommand(ACCOUNT, GROUP_ID, NAME, T1))
                .expectEvents(new GroupDeletedEvent(ACCOUNT, GROUP_ID, NAME, T1))
                .expectMarkedDeleted();

        assertThat(registry.find(ACCOUNT, EntityKind.GROUP, NAME)).isEmpty();
    }

    @Test
    void deleteGroupConflictsWhileItHasMembers() {
        registry.addMember(ACCOUNT, GROUP_ID, "AIDAEXAMPLEUSER00001");

        fixture.given(created())
                .when(new DeleteGroupCommand(ACCOUNT, GROUP_ID, NAME, T1))
                .expectException(deleteConflict("Cannot delete entity, must remove users from group first."))
                .expectNoEvents();
    }

    @Test
    void deleteGroupConflictsWhileInlinePoliciesRemain() {
        fixture.given(created(), inline("inline", 10))
                .when(new DeleteGroupCommand(ACCOUNT, GROUP_ID, NAME, T1))
                .expectException(deleteConflict("Cannot delete entity, must delete policies first."));
    }

    @Test
    void deleteGroupConflictsWhilePoliciesAreAttached() {
        fixture.given(created(), attached(AWS_POLICY))
                .when(new DeleteGroupCommand(ACCOUNT, GROUP_ID, NAME, T1))
                .expectException(deleteConflict("Cannot delete entity, must detach all policies first."));
    }

    @Test
    void cannotPutPolicyOnDeletedGroup() {
        fixture.given(created(), new GroupDeletedEvent(ACCOUNT, GROUP_ID, NAME, T0))
                .when(new PutGroupPolicyCommand(ACCOUNT, GROUP_ID, NAME, "inline", "{}", 2, T1))
                .expectException(noSuchEntity("The group with name admins cannot be found."));
    }

    @Test
    void commandFromAnotherAccountFindsNoSuchEntity() {
        fixture.given(created())
                .when(new DeleteGroupCommand("210987654321", GROUP_ID, NAME, T1))
                .expectException(noSuchEntity("The group with name admins cannot be found."));
    }

    @Test
    void attachesPolicyAndRecordsAttachment() {
        registry.claim(ACCOUNT, EntityKind.POLICY, POLICY, "ANPAEXAMPLEPOLICY001");

        fixture.given(created())
                .when(new AttachGroupPolicyCommand(ACCOUNT, GROUP_ID, NAME, POLICY, T1))
                .expectEvents(new ManagedPolicyAttachedEvent(ACCOUNT, ADMINS, POLICY, T1));

        assertThat(registry.isAttached(ACCOUNT, POLICY, ADMINS)).isTrue();
    }

    @Test
    void attachingPolicyTwiceChangesNothing() {
        fixture.given(created(), attached(AWS_POLICY))
                .when(new AttachGroupPolicyCommand(ACCOUNT, GROUP_ID, NAME, AWS_POLICY, T1))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void cannotAttachPolicyThatDoesNotExist() {
        fixture.given(created())
                .when(new AttachGroupPolicyCommand(ACCOUNT, GROUP_ID, NAME, POLICY, T1))
                .expectException(noSuchEntity("Policy " + POLICY + " does not exist or is not attachable."));
    }

    @Test
    void cannotAttachMoreThanTenPoliciesToGroup() {
        List<Object> given = new ArrayList<>(List.of(created()));
        for (int i = 0; i < 10; i++) {
            given.add(attached("arn:aws:iam::aws:policy/Policy" + i));
        }

        fixture.given(given)
                .when(new AttachGroupPolicyCommand(ACCOUNT, GROUP_ID, NAME, AWS_POLICY, T1))
                .expectException(limitExceeded("Cannot exceed quota for PoliciesPerGroup: 10"))
                .expectNoEvents();
    }

    @Test
    void detachesPolicyAndRecordsIt() {
        registry.addAttachment(ACCOUNT, AWS_POLICY, ADMINS);

        fixture.given(created(), attached(AWS_POLICY))
                .when(new DetachGroupPolicyCommand(ACCOUNT, GROUP_ID, NAME, AWS_POLICY, T1))
                .expectEvents(new ManagedPolicyDetachedEvent(ACCOUNT, ADMINS, AWS_POLICY, T1));

        assertThat(registry.isAttached(ACCOUNT, AWS_POLICY, ADMINS)).isFalse();
    }

    @Test
    void cannotDetachPolicyThatIsNotAttached() {
        fixture.given(created())
                .when(new DetachGroupPolicyCommand(ACCOUNT, GROUP_ID, NAME, AWS_POLICY, T1))
                .expectException(noSuchEntity("Policy " + AWS_POLICY + " was not found."));
    }

    @Test
    void putsInlinePolicy() {
        fixture.given(created())
                .when(new PutGroupPolicyCommand(ACCOUNT, GROUP_ID, NAME, "inline", "{}", 2, T1))
                .expectEvents(new InlinePolicyPutEvent(ACCOUNT, ADMINS, "inline", "{}", T1));
    }

    @Test
    void groupInlinePoliciesMayTotal5120() {
        fixture.given(created(), inline("first", 5000))
                .when(new PutGroupPolicyCommand(ACCOUNT, GROUP_ID, NAME, "second", "{}", 120, T1))
                .expectEvents(new InlinePolicyPutEvent(ACCOUNT, ADMINS, "second", "{}", T1));
    }

    @Test
    void cannotExceedAggregateInlinePolicySizeOfGroup() {
        fixture.given(created(), inline("first", 5000))
                .when(new PutGroupPolicyCommand(ACCOUNT, GROUP_ID, NAME, "second", "{}", 121, T1))
                .expectException(limitExceeded("Maximum policy size of 5120 bytes exceeded for group admins"))
                .expectNoEvents();
    }

    @Test
    void deletesInlinePolicy() {
        fixture.given(created(), inline("inline", 10))
                .when(new DeleteGroupPolicyCommand(ACCOUNT, GROUP_ID, NAME, "inline", T1))
                .expectEvents(new InlinePolicyDeletedEvent(ACCOUNT, ADMINS, "inline", T1));
    }

    @Test
    void cannotDeleteMissingInlinePolicy() {
        fixture.given(created())
                .when(new DeleteGroupPolicyCommand(ACCOUNT, GROUP_ID, NAME, "inline", T1))
                .expectException(noSuchEntity("The group policy with name inline cannot be found."));
    }

    @Test
    void groupSurvivesSnapshot() {
        fixture.given(created(), attached(AWS_POLICY), inline("inline", 10))
                .when(new PutGroupPolicyCommand(ACCOUNT, GROUP_ID, NAME, "other", "{}", 2, T1))
                .expectState(Snapshots::assertSurvivesSnapshot);
    }
}
