package io.iamledger.command.user;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.markDeleted;

import io.iamledger.command.identity.AccessKeys;
import io.iamledger.command.identity.ManagedPolicies;
import io.iamledger.command.identity.PrincipalAggregate;
import io.iamledger.command.identity.Tags;
import io.iamledger.command.registry.EntityKind;
import io.iamledger.command.registry.EntityRegistry;
import io.iamledger.command.validation.IamNames;
import io.iamledger.events.arn.Arn;
import io.iamledger.events.error.IamException;
import io.iamledger.events.identity.AccessKeyCreatedEvent;
import io.iamledger.events.identity.AccessKeyDeletedEvent;
import io.iamledger.events.identity.AccessKeyRotatedEvent;
import io.iamledger.events.identity.AccessKeyStatus;
import io.iamledger.events.identity.AccessKeyStatusChangedEvent;
import io.iamledger.events.identity.IdentityKind;
import io.iamledger.events.identity.IdentityRef;
import io.iamledger.events.user.LoginProfileCreatedEvent;
import io.iamledger.events.user.LoginProfileDeletedEvent;
import io.iamledger.events.user.LoginProfileUpdatedEvent;
import io.iamledger.events.user.UserAddedToGroupEvent;
import io.iamledger.events.user.UserCreatedEvent;
import io.iamledger.events.user.UserDeletedEvent;
import io.iamledger.events.user.UserRemovedFromGroupEvent;
import io.iamledger.events.user.UserUpdatedEvent;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;

/**
 * An IAM user, identified by its user id ({@code AIDA…}): name and path (unique name per account, held in the
 * {@link EntityRegistry}), group memberships (at most 10), attached managed policies (at most 10), inline
 * policies (at most 2,048 characters together), permissions boundary, tags (at most 50), access keys (at most
 * two) and a login profile (whose password the edge keeps). {@link PrincipalAggregate} holds the policies, boundary and tags, as for a role.
 */
public class UserAggregate extends PrincipalAggregate {
    private static final int MAX_GROUPS = 10;

    @AggregateIdentifier
    private String userId;
    private String accountId;
    private String userName;
    private String path;
    private Set<String> groupIds = new HashSet<>();
    private Map<String, AccessKeyStatus> accessKeys = new LinkedHashMap<>();
    /** When the user's login profile was created; null while the user has none. */
    private Instant loginProfileCreated;
    private boolean passwordResetRequired;

    UserAggregate() {
        // Axon (replaying events) and Jackson (reading a snapshot) create the aggregate through this constructor.
    }

    @CommandHandler
    UserAggregate(CreateUserCommand command, EntityRegistry registry) {
        IamNames.check()
                .userName("userName", command.userName())
                .path("path", command.path())
                .tags("tags", command.tags())
                .orThrow();
        Tags.checkAdd(Map.of(), command.tags(), IdentityKind.USER);
        command.permissionsBoundaryArn()
                .ifPresent(arn -> ManagedPolicies.checkExists(registry, command.accountId(), arn));
        registry.claim(command.accountId(), EntityKind.USER, command.userName(), command.userId());
        apply(new UserCreatedEvent(command.accountId(), command.userId(), command.userName(), command.path(),
                arn(command.accountId(), command.path(), command.userName()), command.permissionsBoundaryArn(),
                command.tags(), command.occurredAt()));
    }

    @CommandHandler
    void handle(UpdateUserCommand command, EntityRegistry registry) {
        checkAddressed(command);
        IamNames.Check check = IamNames.check();
        command.newUserName().ifPresent(name -> check.userName("newUserName", name));
        command.newPath().ifPresent(newPath -> check.path("newPath", newPath));
        check.orThrow();
        String newName = command.newUserName().orElse(userName);
        String newPath = command.newPath().orElse(path);
        if (newName.equals(userName) && newPath.equals(path)) {
            return;
        }
        if (!newName.equals(userName)) {
            registry.rename(accountId, EntityKind.USER, userName, newName);
        }
        apply(new UserUpdatedEvent(accountId, userId, userName, newName, newPath, arn(accountId, newPath, newName),
                command.occurredAt()));
    }

    @CommandHandler
    void handle(DeleteUserCommand command, EntityRegistry registry) {
        checkAddressed(command);
        if (loginProfileCreated != null) {
            throw IamException.deleteConflict("Cannot delete entity, must delete login profile first.");
        }
        AccessKeys.checkNoneLeft(accessKeys);
        if (registry.mfaDeviceCount(accountId, userId) > 0) {
            throw IamException.deleteConflict("Cannot delete entity, must delete MFA device first.");
        }
        checkNoPoliciesLeft();
        if (!groupIds.isEmpty()) {
            throw IamException.deleteConflict("Cannot delete entity, must remove users from group first.");
        }
        registry.release(accountId, EntityKind.USER, userName);
        apply(new UserDeletedEvent(accountId, userId, userName, command.occurredAt()));
    }

    @CommandHandler
    void handle(AddUserToGroupCommand command, EntityRegistry registry) {
        checkAddressed(command);
        boolean groupExists = registry.find(accountId, EntityKind.GROUP, command.groupName())
                .filter(command.groupId()::equals)
                .isPresent();
        if (!groupExists) {
            throw IamException.noSuchEntity("The group with name " + command.groupName() + " cannot be found.");
        }
        if (groupIds.contains(command.groupId())) {
            return;
        }
        if (groupIds.size() >= MAX_GROUPS) {
            throw IamException.limitExceeded("Cannot exceed quota for GroupsPerUser: " + MAX_GROUPS);
        }
        registry.addMember(accountId, command.groupId(), userId);
        apply(new UserAddedToGroupEvent(accountId, userId, userName, command.groupId(), command.groupName(),
                command.occurredAt()));
    }

    @CommandHandler
    void handle(RemoveUserFromGroupCommand command, EntityRegistry registry) {
        checkAddressed(command);
        if (!groupIds.contains(command.groupId())) {
            throw IamException.noSuchEntity(command.noSuchEntityMessage());
        }
        registry.removeMember(accountId, command.groupId(), userId);
        apply(new UserRemovedFromGroupEvent(accountId, userId, userName, command.groupId(), command.groupName(),
                command.occurredAt()));
    }

    @CommandHandler
    void handle(AttachUserPolicyCommand command, EntityRegistry registry) {
        checkAddressed(command);
        attachPolicy(registry, command.policyArn(), command.occurredAt());
    }

    @CommandHandler
    void handle(DetachUserPolicyCommand command, EntityRegistry registry) {
        checkAddressed(command);
        detachPolicy(registry, command.policyArn(), command.occurredAt());
    }

    @CommandHandler
    void handle(PutUserPolicyCommand command) {
        checkAddressed(command);
        putInlinePolicy(command.policyName(), command.policyDocument(), command.policySize(), command.occurredAt());
    }

    @CommandHandler
    void handle(DeleteUserPolicyCommand command) {
        checkAddressed(command);
        deleteInlinePolicy(command.policyName(), command.occurredAt());
    }

    @CommandHandler
    void handle(PutUserPermissionsBoundaryCommand command, EntityRegistry registry) {
        checkAddressed(command);
        putBoundary(registry, command.permissionsBoundaryArn(), command.occurredAt());
    }

    @CommandHandler
    void handle(DeleteUserPermissionsBoundaryCommand command) {
        checkAddressed(command);
        deleteBoundary(command.occurredAt());
    }

    @CommandHandler
    void handle(TagUserCommand command) {
        checkAddressed(command);
        tag(command.tags(), command.occurredAt());
    }

    @CommandHandler
    void handle(UntagUserCommand command) {
        checkAddressed(command);
        untag(command.tagKeys(), command.occurredAt());
    }

    @CommandHandler
    void handle(CreateAccessKeyCommand command) {
        checkAddressed(command);
        AccessKeys.checkRoomForOneMore(accessKeys);
        apply(new AccessKeyCreatedEvent(accountId, identity(), command.accessKeyId(), command.secretFingerprint(),
                command.occurredAt()));
    }

    @CommandHandler
    void handle(UpdateAccessKeyCommand command) {
        checkAddressed(command);
        AccessKeys.checkHeld(accessKeys, command.accessKeyId());
        if (accessKeys.get(command.accessKeyId()) == command.status()) {
            return;
        }
        apply(new AccessKeyStatusChangedEvent(accountId, identity(), command.accessKeyId(), command.status(),
                command.occurredAt()));
    }

    @CommandHandler
    void handle(DeleteAccessKeyCommand command) {
        checkAddressed(command);
        AccessKeys.checkHeld(accessKeys, command.accessKeyId());
        apply(new AccessKeyDeletedEvent(accountId, identity(), command.accessKeyId(), command.occurredAt()));
    }

    @CommandHandler
    void handle(RotateAccessKeyCommand command) {
        checkAddressed(command);
        AccessKeys.checkRotation(accessKeys, command.replacedAccessKeyId());
        apply(new AccessKeyRotatedEvent(accountId, identity(), command.newAccessKeyId(),
                command.newSecretFingerprint(), command.replacedAccessKeyId(), command.occurredAt()));
    }

    @CommandHandler
    void handle(CreateLoginProfileCommand command) {
        checkAddressed(command);
        if (loginProfileCreated != null) {
            throw IamException.alreadyExists("Login Profile for user " + userName + " already exists.");
        }
        apply(new LoginProfileCreatedEvent(accountId, userId, userName, command.passwordResetRequired(),
                command.occurredAt()));
    }

    @CommandHandler
    void handle(UpdateLoginProfileCommand command) {
        checkAddressed(command);
        checkLoginProfile();
        boolean resetRequired = command.passwordResetRequired().orElse(passwordResetRequired);
        if (!command.passwordChanged() && resetRequired == passwordResetRequired) {
            return;
        }
        apply(new LoginProfileUpdatedEvent(accountId, userId, userName, resetRequired, command.passwordChanged(),
                loginProfileCreated, command.occurredAt()));
    }

    @CommandHandler
    void handle(DeleteLoginProfileCommand command) {
        checkAddressed(command);
        checkLoginProfile();
        apply(new LoginProfileDeletedEvent(accountId, userId, userName, command.occurredAt()));
    }

    private void checkLoginProfile() {
        if (loginProfileCreated == null) {
            throw IamException.noSuchEntity("Login Profile for User " + userName + " cannot be found.");
        }
    }

    /** The caller named the user by name in an account; if the user has since been renamed, that user is gone. */
    private void checkAddressed(UserCommand command) {
        if (!accountId.equals(command.accountId()) || !userName.equalsIgnoreCase(command.userName())) {
            throw IamException.noSuchEntity(command.noSuchEntityMessage());
        }
    }

    @Override
    protected String accountId() {
        return accountId;
    }

    @Override
    protected IdentityRef identity() {
        return IdentityRef.user(userId, userName);
    }

    private static String arn(String accountId, String path, String userName) {
        return Arn.user(accountId, path, userName).toString();
    }

    @EventSourcingHandler
    void on(UserCreatedEvent event) {
        userId = event.userId();
        accountId = event.accountId();
        userName = event.userName();
        path = event.path();
        assignBoundaryAndTags(event.permissionsBoundaryArn(), event.tags());
    }

    @EventSourcingHandler
    void on(UserUpdatedEvent event) {
        userName = event.newUserName();
        path = event.newPath();
    }

    @EventSourcingHandler
    void on(UserDeletedEvent event) {
        markDeleted();
    }

    @EventSourcingHandler
    void on(UserAddedToGroupEvent event) {
        groupIds.add(event.groupId());
    }

    @EventSourcingHandler
    void on(UserRemovedFromGroupEvent event) {
        groupIds.remove(event.groupId());
    }

    @EventSourcingHandler
    void on(LoginProfileCreatedEvent event) {
        loginProfileCreated = event.occurredAt();
        passwordResetRequired = event.passwordResetRequired();
    }

    @EventSourcingHandler
    void on(LoginProfileUpdatedEvent event) {
        passwordResetRequired = event.passwordResetRequired();
    }

    @EventSourcingHandler
    void on(LoginProfileDeletedEvent event) {
        loginProfileCreated = null;
        passwordResetRequired = false;
    }

    @EventSourcingHandler
    void on(AccessKeyCreatedEvent event) {
        accessKeys.put(event.accessKeyId(), AccessKeyStatus.Active);
    }

    @EventSourcingHandler
    void on(AccessKeyStatusChangedEvent event) {
        accessKeys.put(event.accessKeyId(), event.status());
    }

    @EventSourcingHandler
    void on(AccessKeyDeletedEvent event) {
        accessKeys.remove(event.accessKeyId());
    }

    @EventSourcingHandler
    void on(AccessKeyRotatedEvent event) {
        accessKeys.put(event.newAccessKeyId(), AccessKeyStatus.Active);
        accessKeys.put(event.replacedAccessKeyId(), AccessKeyStatus.Inactive);
    }
}
