package io.iamledger.command.role;

import static io.iamledger.command.testing.IamErrors.alreadyExists;
import static io.iamledger.command.testing.IamErrors.deleteConflict;
import static io.iamledger.command.testing.IamErrors.iamError;
import static io.iamledger.command.testing.IamErrors.invalidInput;
import static io.iamledger.command.testing.IamErrors.limitExceeded;
import static io.iamledger.command.testing.IamErrors.noSuchEntity;
import static io.iamledger.command.testing.IamErrors.validationError;
import static org.assertj.core.api.Assertions.assertThat;

import io.iamledger.command.NoSuchEntityInterceptor;
import io.iamledger.command.registry.EntityKind;
import io.iamledger.command.testing.InMemoryEntityRegistry;
import io.iamledger.command.testing.Snapshots;
import io.iamledger.events.error.ErrorCode;
import io.iamledger.events.identity.IdentityRef;
import io.iamledger.events.identity.InlinePolicyDeletedEvent;
import io.iamledger.events.identity.InlinePolicyPutEvent;
import io.iamledger.events.identity.ManagedPolicyAttachedEvent;
import io.iamledger.events.identity.ManagedPolicyDetachedEvent;
import io.iamledger.events.identity.PermissionsBoundaryDeletedEvent;
import io.iamledger.events.identity.PermissionsBoundaryPutEvent;
import io.iamledger.events.identity.Tag;
import io.iamledger.events.identity.TagsAddedEvent;
import io.iamledger.events.identity.TagsRemovedEvent;
import io.iamledger.events.role.RoleCreatedEvent;
import io.iamledger.events.role.RoleDeletedEvent;
import io.iamledger.events.role.RoleTrustPolicyUpdatedEvent;
import io.iamledger.events.role.RoleUpdatedEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RoleAggregateTest {
    private static final String ACCOUNT = "123456789012";
    private static final String ROLE_ID = "AROAEXAMPLEROLE00001";
    private static final String NAME = "deployer";
    private static final IdentityRef DEPLOYER = IdentityRef.role(ROLE_ID, NAME);
    private static final String ARN = "arn:aws:iam::123456789012:role/deployer";
    private static final String TRUST = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Principal\":{\"Service\":\"ec2.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant T1 = Instant.parse("2026-01-01T00:01:00Z");
    private static final String POLICY = "arn:aws:iam::123456789012:policy/Deploy";
    private static final String AWS_POLICY = "arn:aws:iam::aws:policy/PowerUserAccess";

    private FixtureConfiguration<RoleAggregate> fixture;
    private InMemoryEntityRegistry registry;

    @BeforeEach
    void setUp() {
        registry = new InMemoryEntityRegistry();
        fixture = new AggregateTestFixture<>(RoleAggregate.class);
        fixture.registerInjectableResource(registry);
        fixture.registerCommandHandlerInterceptor(new NoSuchEntityInterceptor());
    }

    private static CreateRoleCommand create(int trustSize, Optional<String> description,
                                            Optional<Integer> maxSessionDuration) {
        return new CreateRoleCommand(ACCOUNT, ROLE_ID, NAME, "/", TRUST, trustSize, description, maxSessionDuration,
                Optional.empty(), List.of(), T1);
    }

    private static RoleCreatedEvent created() {
        return createdWith(Optional.empty(), List.of());
    }

    private static RoleCreatedEvent createdWith(Optional<String> description, List<Tag> tags) {
        return new RoleCreatedEvent(ACCOUNT, ROLE_ID, NAME, "/", ARN, TRUST, description, 3600, Optional.empty(),
                tags, T0);
    }

    private static ManagedPolicyAttachedEvent attached(String arn) {
        return new ManagedPolicyAttachedEvent(ACCOUNT, DEPLOYER, arn, T0);
    }

    private static InlinePolicyPutEvent inline(String policyName, int size) {
        return new InlinePolicyPutEvent(ACCOUNT, DEPLOYER, policyName, "x".repeat(size), T0);
    }

    // CreateRole

    @Test
    void createsRoleWithDefaultMaxSessionDuration() {
        fixture.givenNoPriorActivity()
                .when(create(100, Optional.empty(), Optional.empty()))
                .expectEvents(new RoleCreatedEvent(ACCOUNT, ROLE_ID, NAME, "/", ARN, TRUST, Optional.empty(), 3600,
                        Optional.empty(), List.of(), T1));

        assertThat(registry.find(ACCOUNT, EntityKind.ROLE, "Deployer")).contains(ROLE_ID);
    }

    @Test
    void createsRoleWithEverything() {
        fixture.givenNoPriorActivity()
                .when(new CreateRoleCommand(ACCOUNT, ROLE_ID, NAME, "/service/", TRUST, 100,
                        Optional.of("Deploys things"), Optional.of(43200), Optional.of(AWS_POLICY),
                        List.of(new Tag("team", "ops")), T1))
                .expectEvents(new RoleCreatedEvent(ACCOUNT, ROLE_ID, NAME, "/service/",
                        "arn:aws:iam::123456789012:role/service/deployer", TRUST, Optional.of("Deploys things"),
                        43200, Optional.of(AWS_POLICY), List.of(new Tag("team", "ops")), T1));
    }

    @Test
    void cannotCreateRoleWhoseNameIsTaken() {
        registry.claim(ACCOUNT, EntityKind.ROLE, "DEPLOYER", "AROAOTHERROLE0000001");

        fixture.givenNoPriorActivity()
                .when(create(100, Optional.empty(), Optional.empty()))
                .expectException(alreadyExists("Role with name deployer already exists."))
                .expectNoEvents();
    }

    @Test
    void cannotCreateRoleWithNameLongerThan64() {
        String name = "r".repeat(65);

        fixture.givenNoPriorActivity()
                .when(new CreateRoleCommand(ACCOUNT, ROLE_ID, name, "/", TRUST, 100, Optional.empty(),
                        Optional.empty(), Optional.empty(), List.of(), T1))
                .expectException(validationError("1 validation error detected: Value '" + name + "' at 'roleName' "
                        + "failed to satisfy constraint: Member must have length less than or equal to 64"));
    }

    @Test
    void trustPolicyMayBe2048() {
        fixture.givenNoPriorActivity()
                .when(create(2048, Optional.empty(), Optional.empty()))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void cannotCreateRoleWithTrustPolicyOver2048() {
        fixture.givenNoPriorActivity()
                .when(create(2049, Optional.empty(), Optional.empty()))
                .expectException(limitExceeded("Cannot exceed quota for ACLSizePerRole: 2048"))
                .expectNoEvents();

        assertThat(registry.find(ACCOUNT, EntityKind.ROLE, NAME)).isEmpty();
    }

    @Test
    void cannotCreateRoleWithDescriptionOver1000() {
        String description = "d".repeat(1001);

        fixture.givenNoPriorActivity()
                .when(create(100, Optional.of(description), Optional.empty()))
                .expectException(validationError("1 validation error detected: Value '" + description + "' at "
                        + "'description' failed to satisfy constraint: Member must have length less than or equal "
                        + "to 1000"));
    }

    @Test
    void cannotCreateRoleWithMaxSessionDurationBelow3600() {
        fixture.givenNoPriorActivity()
                .when(create(100, Optional.empty(), Optional.of(3599)))
                .expectException(validationError("1 validation error detected: Value '3599' at "
                        + "'maxSessionDuration' failed to satisfy constraint: Member must have value greater than "
                        + "or equal to 3600"));
    }

    @Test
    void cannotCreateRoleWithMaxSessionDurationAbove43200() {
        fixture.givenNoPriorActivity()
                .when(create(100, Optional.empty(), Optional.of(43201)))
                .expectException(validationError("1 validation error detected: Value '43201' at "
                        + "'maxSessionDuration' failed to satisfy constraint: Member must have value less than or "
                        + "equal to 43200"));
    }

    @Test
    void cannotCreateRoleWithMissingBoundaryPolicy() {
        fixture.givenNoPriorActivity()
                .when(new CreateRoleCommand(ACCOUNT, ROLE_ID, NAME, "/", TRUST, 100, Optional.empty(),
                        Optional.empty(), Optional.of(POLICY), List.of(), T1))
                .expectException(noSuchEntity("Policy " + POLICY + " does not exist or is not attachable."));
    }

    @Test
    void cannotCreateRoleWithReservedTagPrefix() {
        fixture.givenNoPriorActivity()
                .when(new CreateRoleCommand(ACCOUNT, ROLE_ID, NAME, "/", TRUST, 100, Optional.empty(),
                        Optional.empty(), Optional.empty(), List.of(new Tag("aws:x", "y")), T1))
                .expectException(invalidInput("Tag key 'aws:x' is not allowed: keys beginning with 'aws:' are "
                        + "reserved for AWS use."));
    }

    // UpdateRole and UpdateAssumeRolePolicy

    @Test
    void updatesDescriptionKeepingMaxSessionDuration() {
        fixture.given(created())
                .when(new UpdateRoleCommand(ACCOUNT, ROLE_ID, NAME, Optional.of("new"), Optional.empty(), T1))
                .expectEvents(new RoleUpdatedEvent(ACCOUNT, ROLE_ID, NAME, Optional.of("new"), 3600, T1));
    }

    @Test
    void updatesMaxSessionDurationKeepingDescription() {
        fixture.given(createdWith(Optional.of("old"), List.of()))
                .when(new UpdateRoleCommand(ACCOUNT, ROLE_ID, NAME, Optional.empty(), Optional.of(7200), T1))
                .expectEvents(new RoleUpdatedEvent(ACCOUNT, ROLE_ID, NAME, Optional.of("old"), 7200, T1));
    }

    @Test
    void updatingRoleToCurrentValuesChangesNothing() {
        fixture.given(createdWith(Optional.of("old"), List.of()))
                .when(new UpdateRoleCommand(ACCOUNT, ROLE_ID, NAME, Optional.of("old"), Optional.of(3600), T1))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void cannotUpdateRoleToMaxSessionDurationOutOfRange() {
        fixture.given(created())
                .when(new UpdateRoleCommand(ACCOUNT, ROLE_ID, NAME, Optional.empty(), Optional.of(60), T1))
                .expectException(validationError("1 validation error detected: Value '60' at 'maxSessionDuration' "
                        + "failed to satisfy constraint: Member must have value greater than or equal to 3600"));
    }

    @Test
    void updatesTrustPolicy() {
        fixture.given(created())
                .when(new UpdateAssumeRolePolicyCommand(ACCOUNT, ROLE_ID, NAME, "{\"new\":1}", 9, T1))
                .expectEvents(new RoleTrustPolicyUpdatedEvent(ACCOUNT, ROLE_ID, NAME, "{\"new\":1}", T1));
    }

    @Test
    void cannotUpdateTrustPolicyToOver2048() {
        fixture.given(created())
                .when(new UpdateAssumeRolePolicyCommand(ACCOUNT, ROLE_ID, NAME, TRUST, 2049, T1))
                .expectException(limitExceeded("Cannot exceed quota for ACLSizePerRole: 2048"));
    }

    // DeleteRole

    @Test
    void deletesRoleAndReleasesName() {
        registry.claim(ACCOUNT, EntityKind.ROLE, NAME, ROLE_ID);

        fixture.given(created())
                .when(new DeleteRoleCommand(ACCOUNT, ROLE_ID, NAME, T1))
                .expectEvents(new RoleDeletedEvent(ACCOUNT, ROLE_ID, NAME, T1))
                .expectMarkedDeleted();

        assertThat(registry.find(ACCOUNT, EntityKind.ROLE, NAME)).isEmpty();
    }

    @Test
    void deleteRoleConflictsWhileInlinePoliciesRemain() {
        fixture.given(created(), inline("inline", 10))
                .when(new DeleteRoleCommand(ACCOUNT, ROLE_ID, NAME, T1))
                .expectException(deleteConflict("Cannot delete entity, must delete policies first."))
                .expectNoEvents();
    }

    @Test
    void deleteRoleConflictsWhilePoliciesAreAttached() {
        fixture.given(created(), attached(AWS_POLICY))
                .when(new DeleteRoleCommand(ACCOUNT, ROLE_ID, NAME, T1))
                .expectException(deleteConflict("Cannot delete entity, must detach all policies first."));
    }

    @Test
    void deleteRoleConflictsWhileInAnInstanceProfile() {
        registry.claim(ACCOUNT, EntityKind.ROLE, NAME, ROLE_ID);
        registry.addRoleToInstanceProfile(ACCOUNT, "AIPAWEB", ROLE_ID);
        fixture.given(created())
                .when(new DeleteRoleCommand(ACCOUNT, ROLE_ID, NAME, T1))
                .expectException(deleteConflict("Cannot delete entity, must remove roles from instance profile first."))
                .expectNoEvents();
    }

    @Test
    void cannotUpdateDeletedRole() {
        fixture.given(created(), new RoleDeletedEvent(ACCOUNT, ROLE_ID, NAME, T0))
                .when(new UpdateRoleCommand(ACCOUNT, ROLE_ID, NAME, Optional.of("x"), Optional.empty(), T1))
                .expectException(noSuchEntity("The role with name deployer cannot be found."));
    }

    @Test
    void commandAddressedByAnotherNameFindsNoSuchEntity() {
        fixture.given(created())
                .when(new DeleteRoleCommand(ACCOUNT, ROLE_ID, "other", T1))
                .expectException(noSuchEntity("The role with name other cannot be found."));
    }

    // Managed policies

    @Test
    void attachesPolicyAndRecordsAttachment() {
        registry.claim(ACCOUNT, EntityKind.POLICY, POLICY, "ANPAEXAMPLEPOLICY001");

        fixture.given(created())
                .when(new AttachRolePolicyCommand(ACCOUNT, ROLE_ID, NAME, POLICY, T1))
                .expectEvents(new ManagedPolicyAttachedEvent(ACCOUNT, DEPLOYER, POLICY, T1));

        assertThat(registry.isAttached(ACCOUNT, POLICY, DEPLOYER)).isTrue();
    }

    @Test
    void attachingPolicyTwiceChangesNothing() {
        fixture.given(created(), attached(AWS_POLICY))
                .when(new AttachRolePolicyCommand(ACCOUNT, ROLE_ID, NAME, AWS_POLICY, T1))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void cannotAttachPolicyThatDoesNotExist() {
        fixture.given(created())
                .when(new AttachRolePolicyCommand(ACCOUNT, ROLE_ID, NAME, POLICY, T1))
                .expectException(noSuchEntity("Policy " + POLICY + " does not exist or is not attachable."));
    }

    @Test
    void cannotAttachMoreThanTenPoliciesToRole() {
        List<Object> given = new ArrayList<>(List.of(created()));
        for (int i = 0; i < 10; i++) {
            given.add(attached("arn:aws:iam::aws:policy/Policy" + i));
        }

        fixture.given(given)
                .when(new AttachRolePolicyCommand(ACCOUNT, ROLE_ID, NAME, AWS_POLICY, T1))
                .expectException(limitExceeded("Cannot exceed quota for PoliciesPerRole: 10"))
                .expectNoEvents();
    }

    @Test
    void detachesPolicyAndRecordsIt() {
        registry.addAttachment(ACCOUNT, AWS_POLICY, DEPLOYER);

        fixture.given(created(), attached(AWS_POLICY))
                .when(new DetachRolePolicyCommand(ACCOUNT, ROLE_ID, NAME, AWS_POLICY, T1))
                .expectEvents(new ManagedPolicyDetachedEvent(ACCOUNT, DEPLOYER, AWS_POLICY, T1));

        assertThat(registry.isAttached(ACCOUNT, AWS_POLICY, DEPLOYER)).isFalse();
    }

    @Test
    void cannotDetachPolicyThatIsNotAttached() {
        fixture.given(created())
                .when(new DetachRolePolicyCommand(ACCOUNT, ROLE_ID, NAME, AWS_POLICY, T1))
                .expectException(noSuchEntity("Policy " + AWS_POLICY + " was not found."));
    }

    // Inline policies

    @Test
    void roleInlinePoliciesMayTotal10240() {
        fixture.given(created(), inline("first", 10000))
                .when(new PutRolePolicyCommand(ACCOUNT, ROLE_ID, NAME, "second", "{}", 240, T1))
                .expectEvents(new InlinePolicyPutEvent(ACCOUNT, DEPLOYER, "second", "{}", T1));
    }

    @Test
    void cannotExceedAggregateInlinePolicySizeOfRole() {
        fixture.given(created(), inline("first", 10000))
                .when(new PutRolePolicyCommand(ACCOUNT, ROLE_ID, NAME, "second", "{}", 241, T1))
                .expectException(limitExceeded("Maximum policy size of 10240 bytes exceeded for role deployer"))
                .expectNoEvents();
    }

    @Test
    void deletesInlinePolicy() {
        fixture.given(created(), inline("inline", 10))
                .when(new DeleteRolePolicyCommand(ACCOUNT, ROLE_ID, NAME, "inline", T1))
                .expectEvents(new InlinePolicyDeletedEvent(ACCOUNT, DEPLOYER, "inline", T1));
    }

    @Test
    void cannotDeleteMissingInlinePolicy() {
        fixture.given(created())
                .when(new DeleteRolePolicyCommand(ACCOUNT, ROLE_ID, NAME, "inline", T1))
                .expectException(noSuchEntity("The role policy with name inline cannot be found."));
    }

    // Permissions boundary

    @Test
    void putsPermissionsBoundary() {
        fixture.given(created())
                .when(new PutRolePermissionsBoundaryCommand(ACCOUNT, ROLE_ID, NAME, AWS_POLICY, T1))
                .expectEvents(new PermissionsBoundaryPutEvent(ACCOUNT, DEPLOYER, AWS_POLICY, T1));
    }

    @Test
    void cannotPutBoundaryPolicyThatDoesNotExist() {
        fixture.given(created())
                .when(new PutRolePermissionsBoundaryCommand(ACCOUNT, ROLE_ID, NAME, POLICY, T1))
                .expectException(noSuchEntity("Policy " + POLICY + " does not exist or is not attachable."));
    }

    @Test
    void deletesPermissionsBoundary() {
        fixture.given(created(), new PermissionsBoundaryPutEvent(ACCOUNT, DEPLOYER, AWS_POLICY, T0))
                .when(new DeleteRolePermissionsBoundaryCommand(ACCOUNT, ROLE_ID, NAME, T1))
                .expectEvents(new PermissionsBoundaryDeletedEvent(ACCOUNT, DEPLOYER, T1));
    }

    @Test
    void deletingBoundaryOfRoleWithoutOneChangesNothing() {
        fixture.given(created())
                .when(new DeleteRolePermissionsBoundaryCommand(ACCOUNT, ROLE_ID, NAME, T1))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    // Tags

    @Test
    void tagsRole() {
        fixture.given(created())
                .when(new TagRoleCommand(ACCOUNT, ROLE_ID, NAME, List.of(new Tag("env", "prod")), T1))
                .expectEvents(new TagsAddedEvent(ACCOUNT, DEPLOYER, List.of(new Tag("env", "prod")), T1));
    }

    @Test
    void cannotTagRoleBeyondFiftyTags() {
        List<Tag> fifty = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            fifty.add(new Tag("k" + i, "v"));
        }

        fixture.given(createdWith(Optional.empty(), fifty))
                .when(new TagRoleCommand(ACCOUNT, ROLE_ID, NAME, List.of(new Tag("k50", "v")), T1))
                .expectException(limitExceeded("Cannot exceed quota for TagsPerRole: 50"));
    }

    @Test
    void untagsRoleByKeyInAnyCase() {
        fixture.given(createdWith(Optional.empty(), List.of(new Tag("Env", "prod"))))
                .when(new UntagRoleCommand(ACCOUNT, ROLE_ID, NAME, List.of("env"), T1))
                .expectEvents(new TagsRemovedEvent(ACCOUNT, DEPLOYER, List.of("env"), T1));
    }

    @Test
    void cannotUntagReservedKeyFromRole() {
        fixture.given(created())
                .when(new UntagRoleCommand(ACCOUNT, ROLE_ID, NAME, List.of("Aws:x"), T1))
                .expectException(invalidInput("Tag key 'Aws:x' is not allowed: keys beginning with 'aws:' are "
                        + "reserved for AWS use."));
    }

    @Test
    void roleSurvivesSnapshot() {
        fixture.given(createdWith(Optional.of("desc"), List.of(new Tag("env", "prod"))), attached(AWS_POLICY),
                        inline("inline", 10), new PermissionsBoundaryPutEvent(ACCOUNT, DEPLOYER, AWS_POLICY, T0))
                .when(new UpdateRoleCommand(ACCOUNT, ROLE_ID, NAME, Optional.empty(), Optional.of(7200), T1))
                .expectState(Snapshots::assertSurvivesSnapshot);
    }

    // Service-linked roles

    private static final ServiceLinkedRoles.Definition SCALING = ServiceLinkedRoles.define(
            "autoscaling.amazonaws.com", Optional.empty());
    private static final IdentityRef SCALING_ROLE = IdentityRef.role(ROLE_ID, "AWSServiceRoleForAutoScaling");
    private static final String SCALING_POLICY =
            "arn:aws:iam::aws:policy/aws-service-role/AutoScalingServiceRolePolicy";

    private static RoleCreatedEvent scalingCreated() {
        return new RoleCreatedEvent(ACCOUNT, ROLE_ID, SCALING.roleName(), SCALING.path(),
                "arn:aws:iam::123456789012:role/aws-service-role/autoscaling.amazonaws.com/"
                        + "AWSServiceRoleForAutoScaling", SCALING.trustPolicy(), Optional.empty(), 3600,
                Optional.empty(), List.of(), T0);
    }

    @Test
    void aServiceLinkedRoleIsCreatedWithItsServicesPolicy() {
        fixture.givenNoPriorActivity()
                .when(new CreateServiceLinkedRoleCommand(ACCOUNT, ROLE_ID, SCALING, 100, Optional.empty(), T0))
                .expectEvents(scalingCreated(), new ManagedPolicyAttachedEvent(ACCOUNT, SCALING_ROLE,
                        SCALING_POLICY, T0));
        assertThat(registry.find(ACCOUNT, EntityKind.ROLE, "awsservicerolefororautoscaling")).isEmpty();
        assertThat(registry.find(ACCOUNT, EntityKind.ROLE, "awsserviceroleforautoscaling")).contains(ROLE_ID);
    }

    @Test
    void aServiceLinkedRoleOfATakenNameIsInvalidInput() {
        registry.claim(ACCOUNT, EntityKind.ROLE, "AWSServiceRoleForAutoScaling", "AROAOTHER");
        fixture.givenNoPriorActivity()
                .when(new CreateServiceLinkedRoleCommand(ACCOUNT, ROLE_ID, SCALING, 100, Optional.empty(), T0))
                .expectException(invalidInput("Service role name AWSServiceRoleForAutoScaling has been taken in "
                        + "this account, please try a different suffix."));
    }

    @Test
    void aServiceLinkedRoleCannotBeDeletedDirectly() {
        fixture.given(scalingCreated())
                .when(new DeleteRoleCommand(ACCOUNT, ROLE_ID, "AWSServiceRoleForAutoScaling", T1))
                .expectException(iamError(ErrorCode.UNMODIFIABLE_ENTITY, "Cannot perform the operation on the "
                        + "protected role 'AWSServiceRoleForAutoScaling' - this role is only modifiable by AWS"));
    }

    @Test
    void deletingAServiceLinkedRoleDetachesItsPoliciesFirst() {
        registry.claim(ACCOUNT, EntityKind.ROLE, "AWSServiceRoleForAutoScaling", ROLE_ID);
        fixture.given(scalingCreated(), new ManagedPolicyAttachedEvent(ACCOUNT, SCALING_ROLE, SCALING_POLICY, T0))
                .when(new DeleteServiceLinkedRoleCommand(ACCOUNT, ROLE_ID, "AWSServiceRoleForAutoScaling", T1))
                .expectEvents(new ManagedPolicyDetachedEvent(ACCOUNT, SCALING_ROLE, SCALING_POLICY, T1),
                        new RoleDeletedEvent(ACCOUNT, ROLE_ID, "AWSServiceRoleForAutoScaling", T1))
                .expectMarkedDeleted();
    }

    @Test
    void anOrdinaryRoleIsNotDeletedAsAServiceLinkedOne() {
        fixture.given(created())
                .when(new DeleteServiceLinkedRoleCommand(ACCOUNT, ROLE_ID, NAME, T1))
                .expectException(invalidInput("Role deployer is not a service-linked role: use DeleteRole."));
    }

    @Test
    void aServiceRolePolicyIsNotAttachableToAnOrdinaryRole() {
        fixture.given(created())
                .when(new AttachRolePolicyCommand(ACCOUNT, ROLE_ID, NAME, SCALING_POLICY, T1))
                .expectException(iamError(ErrorCode.POLICY_NOT_ATTACHABLE,
                        "Cannot attach a Service Role Policy to a Customer Role."));
    }
}
