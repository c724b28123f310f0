package io.iamledger.command.user;

import static io.iamledger.command.testing.IamErrors.alreadyExists;
import static io.iamledger.command.testing.IamErrors.deleteConflict;
import static io.iamledger.command.testing.IamErrors.invalidInput;
import static io.iamledger.command.testing.IamErrors.limitExceeded;
import static io.iamledger.command.testing.IamErrors.noSuchEntity;
import static io.iamledger.command.testing.IamErrors.validationError;
import static org.assertj.core.api.Assertions.assertThat;

import io.iamledger.command.NoSuchEntityInterceptor;
import io.iamledger.command.registry.EntityKind;
import io.iamledger.command.testing.InMemoryEntityRegistry;
import io.iamledger.command.testing.Snapshots;
import io.iamledger.events.identity.AccessKeyCreatedEvent;
import io.iamledger.events.identity.AccessKeyDeletedEvent;
import io.iamledger.events.identity.AccessKeyRotatedEvent;
import io.iamledger.events.identity.AccessKeyStatus;
import io.iamledger.events.identity.AccessKeyStatusChangedEvent;
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
import io.iamledger.events.user.LoginProfileCreatedEvent;
import io.iamledger.events.user.LoginProfileUpdatedEvent;
import io.iamledger.events.user.UserAddedToGroupEvent;
import io.iamledger.events.user.UserCreatedEvent;
import io.iamledger.events.user.UserDeletedEvent;
import io.iamledger.events.user.UserRemovedFromGroupEvent;
import io.iamledger.events.user.UserUpdatedEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class UserAggregateTest {
    private static final String ACCOUNT = "123456789012";
    private static final String USER_ID = "AIDAEXAMPLEUSER00001";
    private static final String NAME = "bob";
    private static final IdentityRef BOB = IdentityRef.user(USER_ID, NAME);
    private static final String ARN = "arn:aws:iam::123456789012:user/bob";
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant T1 = Instant.parse("2026-01-01T00:01:00Z");
    private static final String POLICY = "arn:aws:iam::123456789012:policy/ReadOnly";
    private static final String AWS_POLICY = "arn:aws:iam::aws:policy/ReadOnlyAccess";
    private static final String GROUP_ID = "AGPAEXAMPLEGROUP0001";
    private static final String KEY1 = "AKIAEXAMPLEKEY000001";
    private static final String KEY2 = "AKIAEXAMPLEKEY000002";
    private static final String KEY3 = "AKIAEXAMPLEKEY000003";

    private FixtureConfiguration<UserAggregate> fixture;
    private InMemoryEntityRegistry registry;

    @BeforeEach
    void setUp() {
        registry = new InMemoryEntityRegistry();
        fixture = new AggregateTestFixture<>(UserAggregate.class);
        fixture.registerInjectableResource(registry);
        fixture.registerCommandHandlerInterceptor(new NoSuchEntityInterceptor());
    }

    private static CreateUserCommand create(String name, String path, List<Tag> tags) {
        return new CreateUserCommand(ACCOUNT, USER_ID, name, path, Optional.empty(), tags, T1);
    }

    private static UserCreatedEvent created() {
        return new UserCreatedEvent(ACCOUNT, USER_ID, NAME, "/", ARN, Optional.empty(), List.of(), T0);
    }

    private static UserCreatedEvent createdWithTags(List<Tag> tags) {
        return new UserCreatedEvent(ACCOUNT, USER_ID, NAME, "/", ARN, Optional.empty(), tags, T0);
    }

    private static ManagedPolicyAttachedEvent attached(String arn) {
        return new ManagedPolicyAttachedEvent(ACCOUNT, BOB, arn, T0);
    }

    private static InlinePolicyPutEvent inline(String policyName, int size) {
        return new InlinePolicyPutEvent(ACCOUNT, BOB, policyName, "x".repeat(size), T0);
    }

    private static AccessKeyCreatedEvent keyCreated(String keyId) {
        return new AccessKeyCreatedEvent(ACCOUNT, BOB, keyId, "fp-" + keyId, T0);
    }

    private static UserAddedToGroupEvent joined(String groupId) {
        return new UserAddedToGroupEvent(ACCOUNT, USER_ID, NAME, groupId, "group-" + groupId, T0);
    }

    private static List<Tag> tags(int count) {
        List<Tag> tags = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            tags.add(new Tag("key" + i, "value" + i));
        }
        return tags;
    }

    // CreateUser

    @Test
    void createsUserWithArnFromPathAndName() {
        fixture.givenNoPriorActivity()
                .when(create(NAME, "/engineering/", List.of(new Tag("team", "core"))))
                .expectEvents(new UserCreatedEvent(ACCOUNT, USER_ID, NAME, "/engineering/",
                        "arn:aws:iam::123456789012:user/engineering/bob", Optional.empty(),
                        List.of(new Tag("team", "core")), T1));
    }

    @Test
    void createUserClaimsNameInRegistry() {
        fixture.givenNoPriorActivity()
                .when(create(NAME, "/", List.of()))
                .expectSuccessfulHandlerExecution();

        assertThat(registry.find(ACCOUNT, EntityKind.USER, "BOB")).contains(USER_ID);
    }

    @Test
    void cannotCreateUserWhoseNameIsTakenInAnyCase() {
        registry.claim(ACCOUNT, EntityKind.USER, "BOB", "AIDAOTHERUSER0000001");

        fixture.givenNoPriorActivity()
                .when(create(NAME, "/", List.of()))
                .expectException(alreadyExists("User with name bob already exists."))
                .expectNoEvents();
    }

    @Test
    void cannotCreateUserWithInvalidName() {
        fixture.givenNoPriorActivity()
                .when(create("bad name", "/", List.of()))
                .expectException(validationError("1 validation error detected: Value 'bad name' at 'userName' "
                        + "failed to satisfy constraint: Member must satisfy regular expression pattern: "
                        + "[\\w+=,.@-]+"));
    }

    @Test
    void cannotCreateUserWithNameLongerThan64() {
        String name = "u".repeat(65);

        fixture.givenNoPriorActivity()
                .when(create(name, "/", List.of()))
                .expectException(validationError("1 validation error detected: Value '" + name + "' at 'userName' "
                        + "failed to satisfy constraint: Member must have length less than or equal to 64"));
    }

    @Test
    void cannotCreateUserWithPathNotEndingInSlash() {
        fixture.givenNoPriorActivity()
                .when(create(NAME, "/engineering", List.of()))
                .expectException(validationError("1 validation error detected: Value '/engineering' at 'path' "
                        + "failed to satisfy constraint: Member must satisfy regular expression pattern: "
                        + "(\\u002F)|(\\u002F[\\u0021-\\u007E]+\\u002F)"));
    }

    @Test
    void createsUserWithExistingBoundaryPolicy() {
        registry.claim(ACCOUNT, EntityKind.POLICY, POLICY, "ANPAEXAMPLEPOLICY001");

        fixture.givenNoPriorActivity()
                .when(new CreateUserCommand(ACCOUNT, USER_ID, NAME, "/", Optional.of(POLICY), List.of(), T1))
                .expectEvents(new UserCreatedEvent(ACCOUNT, USER_ID, NAME, "/", ARN, Optional.of(POLICY), List.of(),
                        T1));
    }

    @Test
    void cannotCreateUserWithMissingBoundaryPolicyNorClaimItsName() {
        fixture.givenNoPriorActivity()
                .when(new CreateUserCommand(ACCOUNT, USER_ID, NAME, "/", Optional.of(POLICY), List.of(), T1))
                .expectException(noSuchEntity("Policy " + POLICY + " does not exist or is not attachable."))
                .expectNoEvents();

        assertThat(registry.find(ACCOUNT, EntityKind.USER, NAME)).isEmpty();
    }

    @Test
    void cannotCreateUserWithReservedTagPrefix() {
        fixture.givenNoPriorActivity()
                .when(create(NAME, "/", List.of(new Tag("AWS:owner", "me"))))
                .expectException(invalidInput("Tag key 'AWS:owner' is not allowed: keys beginning with 'aws:' are "
                        + "reserved for AWS use."));
    }

    @Test
    void cannotCreateUserWithTagKeysDifferingOnlyInCase() {
        fixture.givenNoPriorActivity()
                .when(create(NAME, "/", List.of(new Tag("Team", "a"), new Tag("team", "b"))))
                .expectException(invalidInput(
                        "Duplicate tag keys found. Please note that Tag keys are case insensitive."));
    }

    @Test
    void cannotCreateUserWithMoreThanFiftyTags() {
        List<Tag> tags = tags(51);

        fixture.givenNoPriorActivity()
                .when(create(NAME, "/", tags))
                .expectException(validationError("1 validation error detected: Value '" + tags + "' at 'tags' "
                        + "failed to satisfy constraint: Member must have length less than or equal to 50"));
    }

    // UpdateUser

    @Test
    void renamesUserAndMovesNameInRegistry() {
        registry.claim(ACCOUNT, EntityKind.USER, NAME, USER_ID);

        fixture.given(created())
                .when(new UpdateUserCommand(ACCOUNT, USER_ID, NAME, Optional.of("robert"), Optional.empty(), T1))
                .expectEvents(new UserUpdatedEvent(ACCOUNT, USER_ID, NAME, "robert", "/",
                        "arn:aws:iam::123456789012:user/robert", T1));

        assertThat(registry.find(ACCOUNT, EntityKind.USER, "robert")).contains(USER_ID);
        assertThat(registry.find(ACCOUNT, EntityKind.USER, NAME)).isEmpty();
    }

    @Test
    void movesUserToNewPathKeepingItsName() {
        fixture.given(created())
                .when(new UpdateUserCommand(ACCOUNT, USER_ID, NAME, Optional.empty(), Optional.of("/ops/"), T1))
                .expectEvents(new UserUpdatedEvent(ACCOUNT, USER_ID, NAME, NAME, "/ops/",
                        "arn:aws:iam::123456789012:user/ops/bob", T1));
    }

    @Test
    void cannotRenameUserToTakenName() {
        registry.claim(ACCOUNT, EntityKind.USER, NAME, USER_ID);
        registry.claim(ACCOUNT, EntityKind.USER, "alice", "AIDAOTHERUSER0000001");

        fixture.given(created())
                .when(new UpdateUserCommand(ACCOUNT, USER_ID, NAME, Optional.of("Alice"), Optional.empty(), T1))
                .expectException(alreadyExists("User with name Alice already exists."))
                .expectNoEvents();
    }

    @Test
    void cannotRenameUserToInvalidName() {
        fixture.given(created())
                .when(new UpdateUserCommand(ACCOUNT, USER_ID, NAME, Optional.of("no/slash"), Optional.empty(), T1))
                .expectException(validationError("1 validation error detected: Value 'no/slash' at 'newUserName' "
                        + "failed to satisfy constraint: Member must satisfy regular expression pattern: "
                        + "[\\w+=,.@-]+"));
    }

    @Test
    void updatingUserToItsCurrentNameAndPathChangesNothing() {
        fixture.given(created())
                .when(new UpdateUserCommand(ACCOUNT, USER_ID, NAME, Optional.of(NAME), Optional.of("/"), T1))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    // Addressing: deleted, renamed, other account

    @Test
    void cannotAttachPolicyToDeletedUser() {
        fixture.given(created(), new UserDeletedEvent(ACCOUNT, USER_ID, NAME, T0))
                .when(new AttachUserPolicyCommand(ACCOUNT, USER_ID, NAME, AWS_POLICY, T1))
                .expectException(noSuchEntity("The user with name bob cannot be found."));
    }

    @Test
    void commandForUnknownUserFindsNoSuchEntity() {
        fixture.givenNoPriorActivity()
                .when(new DeleteUserCommand(ACCOUNT, USER_ID, NAME, T1))
                .expectException(noSuchEntity("The user with name bob cannot be found."));
    }

    @Test
    void commandAddressedByFormerNameFindsNoSuchEntity() {
        fixture.given(created(), new UserUpdatedEvent(ACCOUNT, USER_ID, NAME, "robert", "/",
                        "arn:aws:iam::123456789012:user/robert", T0))
                .when(new CreateAccessKeyCommand(ACCOUNT, USER_ID, NAME, KEY1, "fp", T1))
                .expectException(noSuchEntity("The user with name bob cannot be found."));
    }

    @Test
    void commandAddressesUserCaseInsensitively() {
        fixture.given(created())
                .when(new CreateAccessKeyCommand(ACCOUNT, USER_ID, "BOB", KEY1, "fp", T1))
                .expectEvents(new AccessKeyCreatedEvent(ACCOUNT, BOB, KEY1, "fp", T1));
    }

    @Test
    void commandFromAnotherAccountFindsNoSuchEntity() {
        fixture.given(created())
                .when(new CreateAccessKeyCommand("210987654321", USER_ID, NAME, KEY1, "fp", T1))
                .expectException(noSuchEntity("The user with name bob cannot be found."));
    }

    // DeleteUser

    @Test
    void deletesUserAndReleasesName() {
        registry.claim(ACCOUNT, EntityKind.USER, NAME, USER_ID);

        fixture.given(created())
                .when(new DeleteUserCommand(ACCOUNT, USER_ID, NAME, T1))
                .expectEvents(new UserDeletedEvent(ACCOUNT, USER_ID, NAME, T1))
                .expectMarkedDeleted();

        assertThat(registry.find(ACCOUNT, EntityKind.USER, NAME)).isEmpty();
    }

    @Test
    void deleteUserConflictsWhileAccessKeysRemain() {
        fixture.given(created(), keyCreated(KEY1))
                .when(new DeleteUserCommand(ACCOUNT, USER_ID, NAME, T1))
                .expectException(deleteConflict("Cannot delete entity, must delete access keys first."))
                .expectNoEvents();
    }

    @Test
    void aLoginProfileIsCreatedOnceUpdatedAndDeleted() {
        fixture.given(created())
                .when(new CreateLoginProfileCommand(ACCOUNT, USER_ID, NAME, true, T1))
                .expectEvents(new LoginProfileCreatedEvent(ACCOUNT, USER_ID, NAME, true, T1));
    }

    @Test
    void aSecondLoginProfileIsRefused() {
        fixture.given(created(), new LoginProfileCreatedEvent(ACCOUNT, USER_ID, NAME, false, T0))
                .when(new CreateLoginProfileCommand(ACCOUNT, USER_ID, NAME, true, T1))
                .expectException(alreadyExists("Login Profile for user bob already exists."));
    }

    @Test
    void aNewPasswordKeepsTheCreateDateAndANoOpUpdateRecordsNothing() {
        fixture.given(created(), new LoginProfileCreatedEvent(ACCOUNT, USER_ID, NAME, true, T0))
                .when(new UpdateLoginProfileCommand(ACCOUNT, USER_ID, NAME, Optional.of(false), true, T1))
                .expectEvents(new LoginProfileUpdatedEvent(ACCOUNT, USER_ID, NAME, false, true, T0, T1));
        fixture.given(created(), new LoginProfileCreatedEvent(ACCOUNT, USER_ID, NAME, true, T0))
                .when(new UpdateLoginProfileCommand(ACCOUNT, USER_ID, NAME, Optional.of(true), false, T1))
                .expectNoEvents();
    }

    @Test
    void withoutALoginProfileThereIsNothingToUpdateOrDelete() {
        fixture.given(created())
                .when(new DeleteLoginProfileCommand(ACCOUNT, USER_ID, NAME, T1))
                .expectException(noSuchEntity("Login Profile for User bob cannot be found."));
    }

    @Test
    void deleteUserConflictsWhileALoginProfileRemains() {
        fixture.given(created(), new LoginProfileCreatedEvent(ACCOUNT, USER_ID, NAME, false, T0))
                .when(new DeleteUserCommand(ACCOUNT, USER_ID, NAME, T1))
                .expectException(deleteConflict("Cannot delete entity, must delete login profile first."));
    }

    @Test
    void deleteUserConflictsWhileAnMfaDeviceIsEnabled() {
        registry.assignMfaDevice(ACCOUNT, "AMFAPHONE", USER_ID);
        fixture.given(created())
                .when(new DeleteUserCommand(ACCOUNT, USER_ID, NAME, T1))
                .expectException(deleteConflict("Cannot delete entity, must delete MFA device first."))
                .expectNoEvents();
    }

    @Test
    void deleteUserConflictsWhileInlinePoliciesRemain() {
        fixture.given(created(), inline("inline", 10))
                .when(new DeleteUserCommand(ACCOUNT, USER_ID, NAME, T1))
                .expectException(deleteConflict("Cannot delete entity, must delete policies first."));
    }

    @Test
    void deleteUserConflictsWhilePoliciesAreAttached() {
        fixture.given(created(), attached(AWS_POLICY))
                .when(new DeleteUserCommand(ACCOUNT, USER_ID, NAME, T1))
                .expectException(deleteConflict("Cannot delete entity, must detach all policies first."));
    }

    @Test
    void deleteUserConflictsWhileInGroups() {
        fixture.given(created(), joined(GROUP_ID))
                .when(new DeleteUserCommand(ACCOUNT, USER_ID, NAME, T1))
                .expectException(deleteConflict("Cannot delete entity, must remove users from group first."));
    }

    @Test
    void deleteUserDoesNotReleaseNameWhenItConflicts() {
        registry.claim(ACCOUNT, EntityKind.USER, NAME, USER_ID);

        fixture.given(created(), keyCreated(KEY1))
                .when(new DeleteUserCommand(ACCOUNT, USER_ID, NAME, T1))
                .expectException(deleteConflict("Cannot delete entity, must delete access keys first."));

        assertThat(registry.find(ACCOUNT, EntityKind.USER, NAME)).contains(USER_ID);
    }

    @Test
    void deletesUserOnceEverythingIsRemoved() {
        fixture.given(created(), keyCreated(KEY1), inline("inline", 10), attached(AWS_POLICY), joined(GROUP_ID),
                        new AccessKeyDeletedEvent(ACCOUNT, BOB, KEY1, T0),
                        new InlinePolicyDeletedEvent(ACCOUNT, BOB, "inline", T0),
                        new ManagedPolicyDetachedEvent(ACCOUNT, BOB, AWS_POLICY, T0),
                        new UserRemovedFromGroupEvent(ACCOUNT, USER_ID, NAME, GROUP_ID, "group-" + GROUP_ID, T0))
                .when(new DeleteUserCommand(ACCOUNT, USER_ID, NAME, T1))
                .expectEvents(new UserDeletedEvent(ACCOUNT, USER_ID, NAME, T1));
    }

    // Groups

    @Test
    void addsUserToGroupAndRecordsMembership() {
        registry.claim(ACCOUNT, EntityKind.GROUP, "admins", GROUP_ID);

        fixture.given(created())
                .when(new AddUserToGroupCommand(ACCOUNT, USER_ID, NAME, GROUP_ID, "admins", T1))
                .expectEvents(new UserAddedToGroupEvent(ACCOUNT, USER_ID, NAME, GROUP_ID, "admins", T1));

        assertThat(registry.isMember(ACCOUNT, GROUP_ID, USER_ID)).isTrue();
    }

    @Test
    void addingUserToGroupTwiceChangesNothing() {
        registry.claim(ACCOUNT, EntityKind.GROUP, "admins", GROUP_ID);

        fixture.given(created(), joined(GROUP_ID))
                .when(new AddUserToGroupCommand(ACCOUNT, USER_ID, NAME, GROUP_ID, "admins", T1))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void cannotAddUserToGroupThatNoLongerExists() {
        fixture.given(created())
                .when(new AddUserToGroupCommand(ACCOUNT, USER_ID, NAME, GROUP_ID, "admins", T1))
                .expectException(noSuchEntity("The group with name admins cannot be found."));
    }

    @Test
    void cannotAddUserToMoreThanTenGroups() {
        List<Object> given = new ArrayList<>(List.of(created()));
        for (int i = 0; i < 10; i++) {
            given.add(joined("AGPAGROUP" + i));
        }
        registry.claim(ACCOUNT, EntityKind.GROUP, "eleventh", GROUP_ID);

        fixture.given(given)
                .when(new AddUserToGroupCommand(ACCOUNT, USER_ID, NAME, GROUP_ID, "eleventh", T1))
                .expectException(limitExceeded("Cannot exceed quota for GroupsPerUser: 10"))
                .expectNoEvents();

        assertThat(registry.isMember(ACCOUNT, GROUP_ID, USER_ID)).isFalse();
    }

    @Test
    void removesUserFromGroupAndRecordsIt() {
        registry.addMember(ACCOUNT, GROUP_ID, USER_ID);

        fixture.given(created(), joined(GROUP_ID))
                .when(new RemoveUserFromGroupCommand(ACCOUNT, USER_ID, NAME, GROUP_ID, "admins", T1))
                .expectEvents(new UserRemovedFromGroupEvent(ACCOUNT, USER_ID, NAME, GROUP_ID, "admins", T1));

        assertThat(registry.isMember(ACCOUNT, GROUP_ID, USER_ID)).isFalse();
    }

    @Test
    void cannotRemoveUserFromGroupItIsNotIn() {
        fixture.given(created())
                .when(new RemoveUserFromGroupCommand(ACCOUNT, USER_ID, NAME, GROUP_ID, "admins", T1))
                .expectException(noSuchEntity("The user with name bob cannot be found."));
    }

    // Managed policies

    @Test
    void attachesCustomerPolicyAndRecordsAttachment() {
        registry.claim(ACCOUNT, EntityKind.POLICY, POLICY, "ANPAEXAMPLEPOLICY001");

        fixture.given(created())
                .when(new AttachUserPolicyCommand(ACCOUNT, USER_ID, NAME, POLICY, T1))
                .expectEvents(new ManagedPolicyAttachedEvent(ACCOUNT, BOB, POLICY, T1));

        assertThat(registry.isAttached(ACCOUNT, POLICY, BOB)).isTrue();
    }

    @Test
    void attachesBuiltInAwsPolicy() {
        fixture.given(created())
                .when(new AttachUserPolicyCommand(ACCOUNT, USER_ID, NAME, AWS_POLICY, T1))
                .expectEvents(new ManagedPolicyAttachedEvent(ACCOUNT, BOB, AWS_POLICY, T1));
    }

    @Test
    void attachingPolicyTwiceChangesNothing() {
        fixture.given(created(), attached(AWS_POLICY))
                .when(new AttachUserPolicyCommand(ACCOUNT, USER_ID, NAME, AWS_POLICY, T1))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void cannotAttachPolicyThatDoesNotExist() {
        fixture.given(created())
                .when(new AttachUserPolicyCommand(ACCOUNT, USER_ID, NAME, POLICY, T1))
                .expectException(noSuchEntity("Policy " + POLICY + " does not exist or is not attachable."));
    }

    @Test
    void cannotAttachMoreThanTenPoliciesToUser() {
        List<Object> given = new ArrayList<>(List.of(created()));
        for (int i = 0; i < 10; i++) {
            given.add(attached("arn:aws:iam::aws:policy/Policy" + i));
        }

        fixture.given(given)
                .when(new AttachUserPolicyCommand(ACCOUNT, USER_ID, NAME, AWS_POLICY, T1))
                .expectException(limitExceeded("Cannot exceed quota for PoliciesPerUser: 10"))
                .expectNoEvents();

        assertThat(registry.isAttached(ACCOUNT, AWS_POLICY, BOB)).isFalse();
    }

    @Test
    void detachesPolicyAndRecordsIt() {
        registry.addAttachment(ACCOUNT, AWS_POLICY, BOB);

        fixture.given(created(), attached(AWS_POLICY))
                .when(new DetachUserPolicyCommand(ACCOUNT, USER_ID, NAME, AWS_POLICY, T1))
                .expectEvents(new ManagedPolicyDetachedEvent(ACCOUNT, BOB, AWS_POLICY, T1));

        assertThat(registry.isAttached(ACCOUNT, AWS_POLICY, BOB)).isFalse();
    }

    @Test
    void cannotDetachPolicyThatIsNotAttached() {
        fixture.given(created())
                .when(new DetachUserPolicyCommand(ACCOUNT, USER_ID, NAME, AWS_POLICY, T1))
                .expectException(noSuchEntity("Policy " + AWS_POLICY + " was not found."));
    }

    // Inline policies

    @Test
    void putsInlinePolicy() {
        String document = "{\"Version\":\"2012-10-17\",\"Statement\":[]}";

        fixture.given(created())
                .when(new PutUserPolicyCommand(ACCOUNT, USER_ID, NAME, "inline", document, document.length(), T1))
                .expectEvents(new InlinePolicyPutEvent(ACCOUNT, BOB, "inline", document, T1));
    }

    @Test
    void cannotExceedAggregateInlinePolicySizeOfUser() {
        fixture.given(created(), inline("first", 1500))
                .when(new PutUserPolicyCommand(ACCOUNT, USER_ID, NAME, "second", "{}", 549, T1))
                .expectException(limitExceeded("Maximum policy size of 2048 bytes exceeded for user bob"))
                .expectNoEvents();
    }

    @Test
    void inlinePoliciesMayFillUserLimitExactly() {
        fixture.given(created(), inline("first", 1500))
                .when(new PutUserPolicyCommand(ACCOUNT, USER_ID, NAME, "second", "{}", 548, T1))
                .expectEvents(new InlinePolicyPutEvent(ACCOUNT, BOB, "second", "{}", T1));
    }

    @Test
    void replacingInlinePolicyCountsOnlyItsNewSize() {
        fixture.given(created(), inline("only", 2000))
                .when(new PutUserPolicyCommand(ACCOUNT, USER_ID, NAME, "only", "{}", 2048, T1))
                .expectEvents(new InlinePolicyPutEvent(ACCOUNT, BOB, "only", "{}", T1));
    }

    @Test
    void whitespaceInStoredInlinePolicyDoesNotCountTowardsLimit() {
        InlinePolicyPutEvent spacious = new InlinePolicyPutEvent(ACCOUNT, BOB, "first",
                "x".repeat(1000) + " \n\t".repeat(1000), T0);

        fixture.given(created(), spacious)
                .when(new PutUserPolicyCommand(ACCOUNT, USER_ID, NAME, "second", "{}", 1048, T1))
                .expectEvents(new InlinePolicyPutEvent(ACCOUNT, BOB, "second", "{}", T1));
    }

    @Test
    void cannotPutInlinePolicyWithInvalidName() {
        fixture.given(created())
                .when(new PutUserPolicyCommand(ACCOUNT, USER_ID, NAME, "bad name", "{}", 2, T1))
                .expectException(validationError("1 validation error detected: Value 'bad name' at 'policyName' "
                        + "failed to satisfy constraint: Member must satisfy regular expression pattern: "
                        + "[\\w+=,.@-]+"));
    }

    @Test
    void deletesInlinePolicy() {
        fixture.given(created(), inline("inline", 10))
                .when(new DeleteUserPolicyCommand(ACCOUNT, USER_ID, NAME, "inline", T1))
                .expectEvents(new InlinePolicyDeletedEvent(ACCOUNT, BOB, "inline", T1));
    }

    @Test
    void cannotDeleteMissingInlinePolicy() {
        fixture.given(created())
                .when(new DeleteUserPolicyCommand(ACCOUNT, USER_ID, NAME, "inline", T1))
                .expectException(noSuchEntity("The user policy with name inline cannot be found."));
    }

    // Permissions boundary

    @Test
    void putsPermissionsBoundary() {
        fixture.given(created())
                .when(new PutUserPermissionsBoundaryCommand(ACCOUNT, USER_ID, NAME, AWS_POLICY, T1))
                .expectEvents(new PermissionsBoundaryPutEvent(ACCOUNT, BOB, AWS_POLICY, T1));
    }

    @Test
    void cannotPutBoundaryPolicyThatDoesNotExist() {
        fixture.given(created())
                .when(new PutUserPermissionsBoundaryCommand(ACCOUNT, USER_ID, NAME, POLICY, T1))
                .expectException(noSuchEntity("Policy " + POLICY + " does not exist or is not attachable."));
    }

    @Test
    void puttingCurrentBoundaryAgainChangesNothing() {
        fixture.given(created(), new PermissionsBoundaryPutEvent(ACCOUNT, BOB, AWS_POLICY, T0))
                .when(new PutUserPermissionsBoundaryCommand(ACCOUNT, USER_ID, NAME, AWS_POLICY, T1))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void deletesPermissionsBoundary() {
        fixture.given(created(), new PermissionsBoundaryPutEvent(ACCOUNT, BOB, AWS_POLICY, T0))
                .when(new DeleteUserPermissionsBoundaryCommand(ACCOUNT, USER_ID, NAME, T1))
                .expectEvents(new PermissionsBoundaryDeletedEvent(ACCOUNT, BOB, T1));
    }

    @Test
    void deletingBoundaryOfUserWithoutOneChangesNothing() {
        fixture.given(created())
                .when(new DeleteUserPermissionsBoundaryCommand(ACCOUNT, USER_ID, NAME, T1))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    // Tags

    @Test
    void tagsUser() {
        fixture.given(created())
                .when(new TagUserCommand(ACCOUNT, USER_ID, NAME, List.of(new Tag("team", "core")), T1))
                .expectEvents(new TagsAddedEvent(ACCOUNT, BOB, List.of(new Tag("team", "core")), T1));
    }

    @Test
    void taggingExistingKeyInOtherCaseReplacesItWithinQuota() {
        fixture.given(createdWithTags(tags(50)))
                .when(new TagUserCommand(ACCOUNT, USER_ID, NAME, List.of(new Tag("KEY0", "new")), T1))
                .expectEvents(new TagsAddedEvent(ACCOUNT, BOB, List.of(new Tag("KEY0", "new")), T1));
    }

    @Test
    void cannotTagUserBeyondFiftyTags() {
        fixture.given(createdWithTags(tags(50)))
                .when(new TagUserCommand(ACCOUNT, USER_ID, NAME, List.of(new Tag("one-more", "v")), T1))
                .expectException(limitExceeded("Cannot exceed quota for TagsPerUser: 50"))
                .expectNoEvents();
    }

    @Test
    void cannotTagUserWithReservedPrefix() {
        fixture.given(created())
                .when(new TagUserCommand(ACCOUNT, USER_ID, NAME, List.of(new Tag("aws:createdBy", "me")), T1))
                .expectException(invalidInput("Tag key 'aws:createdBy' is not allowed: keys beginning with 'aws:' "
                        + "are reserved for AWS use."));
    }

    @Test
    void cannotTagUserWithDuplicateKeys() {
        fixture.given(created())
                .when(new TagUserCommand(ACCOUNT, USER_ID, NAME, List.of(new Tag("a", "1"), new Tag("A", "2")), T1))
                .expectException(invalidInput(
                        "Duplicate tag keys found. Please note that Tag keys are case insensitive."));
    }

    @Test
    void cannotTagUserWithInvalidKey() {
        fixture.given(created())
                .when(new TagUserCommand(ACCOUNT, USER_ID, NAME, List.of(new Tag("no*stars", "v")), T1))
                .expectException(validationError("1 validation error detected: Value 'no*stars' at "
                        + "'tags.1.member.key' failed to satisfy constraint: Member must satisfy regular expression "
                        + "pattern: [\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+"));
    }

    @Test
    void untagsUserByKeyInAnyCase() {
        fixture.given(createdWithTags(List.of(new Tag("Team", "core"))))
                .when(new UntagUserCommand(ACCOUNT, USER_ID, NAME, List.of("TEAM", "absent"), T1))
                .expectEvents(new TagsRemovedEvent(ACCOUNT, BOB, List.of("TEAM"), T1));
    }

    @Test
    void untaggingKeysUserDoesNotHaveChangesNothing() {
        fixture.given(created())
                .when(new UntagUserCommand(ACCOUNT, USER_ID, NAME, List.of("absent"), T1))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void untaggedKeyNoLongerCountsTowardsQuota() {
        List<Tag> fifty = tags(50);
        fixture.given(createdWithTags(fifty), new TagsRemovedEvent(ACCOUNT, BOB, List.of("KEY7"), T0))
                .when(new TagUserCommand(ACCOUNT, USER_ID, NAME, List.of(new Tag("fresh", "v")), T1))
                .expectEvents(new TagsAddedEvent(ACCOUNT, BOB, List.of(new Tag("fresh", "v")), T1));
    }

    @Test
    void cannotUntagReservedKey() {
        fixture.given(created())
                .when(new UntagUserCommand(ACCOUNT, USER_ID, NAME, List.of("aws:cloudformation:stack-name"), T1))
                .expectException(invalidInput("Tag key 'aws:cloudformation:stack-name' is not allowed: keys "
                        + "beginning with 'aws:' are reserved for AWS use."));
    }

    // Access keys

    @Test
    void createsAccessKey() {
        fixture.given(created())
                .when(new CreateAccessKeyCommand(ACCOUNT, USER_ID, NAME, KEY1, "fp-" + KEY1, T1))
                .expectEvents(new AccessKeyCreatedEvent(ACCOUNT, BOB, KEY1, "fp-" + KEY1, T1));
    }

    @Test
    void cannotCreateThirdAccessKey() {
        fixture.given(created(), keyCreated(KEY1), keyCreated(KEY2))
                .when(new CreateAccessKeyCommand(ACCOUNT, USER_ID, NAME, KEY3, "fp", T1))
                .expectException(limitExceeded("Cannot exceed quota for AccessKeysPerUser: 2"))
                .expectNoEvents();
    }

    @Test
    void deactivatesAccessKey() {
        fixture.given(created(), keyCreated(KEY1))
                .when(new UpdateAccessKeyCommand(ACCOUNT, USER_ID, NAME, KEY1, AccessKeyStatus.Inactive, T1))
                .expectEvents(new AccessKeyStatusChangedEvent(ACCOUNT, BOB, KEY1, AccessKeyStatus.Inactive, T1));
    }

    @Test
    void settingAccessKeyToItsCurrentStatusChangesNothing() {
        fixture.given(created(), keyCreated(KEY1))
                .when(new UpdateAccessKeyCommand(ACCOUNT, USER_ID, NAME, KEY1, AccessKeyStatus.Active, T1))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void cannotUpdateUnknownAccessKey() {
        fixture.given(created())
                .when(new UpdateAccessKeyCommand(ACCOUNT, USER_ID, NAME, KEY1, AccessKeyStatus.Inactive, T1))
                .expectException(noSuchEntity("The Access Key with id " + KEY1 + " cannot be found."));
    }

    @Test
    void deletesAccessKey() {
        fixture.given(created(), keyCreated(KEY1))
                .when(new DeleteAccessKeyCommand(ACCOUNT, USER_ID, NAME, KEY1, T1))
                .expectEvents(new AccessKeyDeletedEvent(ACCOUNT, BOB, KEY1, T1));
    }

    @Test
    void cannotDeleteUnknownAccessKey() {
        fixture.given(created(), keyCreated(KEY1))
                .when(new DeleteAccessKeyCommand(ACCOUNT, USER_ID, NAME, KEY2, T1))
                .expectException(noSuchEntity("The Access Key with id " + KEY2 + " cannot be found."));
    }

    @Test
    void rotatesAccessKey() {
        fixture.given(created(), keyCreated(KEY1))
                .when(new RotateAccessKeyCommand(ACCOUNT, USER_ID, NAME, KEY1, KEY2, "fp-" + KEY2, T1))
                .expectEvents(new AccessKeyRotatedEvent(ACCOUNT, BOB, KEY2, "fp-" + KEY2, KEY1, T1));
    }

    @Test
    void rotationLeavesReplacedKeyInactive() {
        fixture.given(created(), keyCreated(KEY1), new AccessKeyRotatedEvent(ACCOUNT, BOB, KEY2, "fp", KEY1, T0))
                .when(new UpdateAccessKeyCommand(ACCOUNT, USER_ID, NAME, KEY1, AccessKeyStatus.Inactive, T1))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void rotationUsesTheSecondKeySlot() {
        fixture.given(created(), keyCreated(KEY1), new AccessKeyRotatedEvent(ACCOUNT, BOB, KEY2, "fp", KEY1, T0))
                .when(new CreateAccessKeyCommand(ACCOUNT, USER_ID, NAME, KEY3, "fp", T1))
                .expectException(limitExceeded("Cannot exceed quota for AccessKeysPerUser: 2"));
    }

    @Test
    void cannotRotateUnknownAccessKey() {
        fixture.given(created())
                .when(new RotateAccessKeyCommand(ACCOUNT, USER_ID, NAME, KEY1, KEY2, "fp", T1))
                .expectException(noSuchEntity("The Access Key with id " + KEY1 + " cannot be found."));
    }

    @Test
    void cannotRotateWhileUserHasTwoAccessKeys() {
        fixture.given(created(), keyCreated(KEY1), keyCreated(KEY2))
                .when(new RotateAccessKeyCommand(ACCOUNT, USER_ID, NAME, KEY1, KEY3, "fp", T1))
                .expectException(limitExceeded("Cannot exceed quota for AccessKeysPerUser: 2. Delete the inactive "
                        + "access key first, then rotate " + KEY1 + "."))
                .expectNoEvents();
    }

    // Snapshots

    @Test
    void userSurvivesSnapshot() {
        fixture.given(createdWithTags(List.of(new Tag("team", "core"))), keyCreated(KEY1), inline("inline", 10),
                        attached(AWS_POLICY), joined(GROUP_ID),
                        new PermissionsBoundaryPutEvent(ACCOUNT, BOB, AWS_POLICY, T0))
                .when(new UpdateAccessKeyCommand(ACCOUNT, USER_ID, NAME, KEY1, AccessKeyStatus.Inactive, T1))
                .expectState(Snapshots::assertSurvivesSnapshot);
    }
}
