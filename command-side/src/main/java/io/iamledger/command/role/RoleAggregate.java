package io.iamledger.command.role;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.markDeleted;

import io.iamledger.command.identity.ManagedPolicies;
import io.iamledger.command.identity.PrincipalAggregate;
import io.iamledger.command.identity.Tags;
import io.iamledger.command.registry.EntityKind;
import io.iamledger.command.registry.EntityRegistry;
import io.iamledger.command.validation.IamNames;
import io.iamledger.events.arn.Arn;
import io.iamledger.events.error.ErrorCode;
import io.iamledger.events.error.IamException;
import io.iamledger.events.identity.IdentityKind;
import io.iamledger.events.identity.IdentityRef;
import io.iamledger.events.role.RoleCreatedEvent;
import io.iamledger.events.role.RoleDeletedEvent;
import io.iamledger.events.role.RoleTrustPolicyUpdatedEvent;
import io.iamledger.events.role.RoleUpdatedEvent;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;

/**
 * An IAM role, identified by its role id ({@code AROA…}): name and path (unique name per account, held in the
 * {@link EntityRegistry}), trust policy (at most 2,048 characters), description (at most 1,000), maximum session
 * duration (3,600–43,200 seconds), attached managed policies (at most 10), inline policies (at most 10,240
 * characters together), permissions boundary and tags (at most 50). {@link PrincipalAggregate} holds the policies,
 * boundary and tags, as for a user.
 */
public class RoleAggregate extends PrincipalAggregate {
    private static final int MAX_TRUST_POLICY_SIZE = 2048;
    private static final int DEFAULT_MAX_SESSION_DURATION = 3600;

    @AggregateIdentifier
    private String roleId;
    private String accountId;
    private String roleName;
    private String path;
    /** {@code null} when the role has no description. */
    private String description;
    private int maxSessionDuration;

    RoleAggregate() {
        // Axon (replaying events) and Jackson (reading a snapshot) create the aggregate through this constructor.
    }

    @CommandHandler
    RoleAggregate(CreateRoleCommand command, EntityRegistry registry) {
        int sessionDuration = command.maxSessionDuration().orElse(DEFAULT_MAX_SESSION_DURATION);
        IamNames.Check check = IamNames.check()
                .roleName("roleName", command.roleName())
                .path("path", command.path())
                .maxSessionDuration("maxSessionDuration", sessionDuration)
                .tags("tags", command.tags());
        command.description().ifPresent(text -> check.description("description", text));
        check.orThrow();
        if (ServiceLinkedRoles.isServiceLinked(command.path())) {
            throw IamException.invalidInput("The path " + ServiceLinkedRoles.PATH_PREFIX
                    + " is reserved for service-linked roles: use CreateServiceLinkedRole.");
        }
        checkTrustPolicySize(command.assumeRolePolicySize());
        Tags.checkAdd(Map.of(), command.tags(), IdentityKind.ROLE);
        command.permissionsBoundaryArn()
                .ifPresent(arn -> ManagedPolicies.checkExists(registry, command.accountId(), arn));
        registry.claim(command.accountId(), EntityKind.ROLE, command.roleName(), command.roleId());
        apply(new RoleCreatedEvent(command.accountId(), command.roleId(), command.roleName(), command.path(),
                Arn.role(command.accountId(), command.path(), command.roleName()).toString(),
                command.assumeRolePolicyDocument(), command.description(), sessionDuration,
                command.permissionsBoundaryArn(), command.tags(), command.occurredAt()));
    }

    /**
     * A service-linked role: AWS's name and path for the service, a trust policy for the service alone, and the
     * service's managed policy attached. Only the service (here: DeleteServiceLinkedRole) changes it afterwards.
     *
     * @throws IamException InvalidInput when the account has a role of that name already
     */
    @CommandHandler
    RoleAggregate(CreateServiceLinkedRoleCommand command, EntityRegistry registry) {
        ServiceLinkedRoles.Definition role = command.definition();
        command.description().ifPresent(text -> IamNames.check().description("description", text).orThrow());
        if (registry.find(command.accountId(), EntityKind.ROLE, role.roleName()).isPresent()) {
            throw IamException.invalidInput("Service role name " + role.roleName()
                    + " has been taken in this account, please try a different suffix.");
        }
        registry.claim(command.accountId(), EntityKind.ROLE, role.roleName(), command.roleId());
        apply(new RoleCreatedEvent(command.accountId(), command.roleId(), role.roleName(), role.path(),
                Arn.role(command.accountId(), role.path(), role.roleName()).toString(), role.trustPolicy(),
                command.description(), DEFAULT_MAX_SESSION_DURATION, Optional.empty(), List.of(),
                command.occurredAt()))
                // Axon applies a constructor's first event once the aggregate exists: attach after it
                .andThen(() -> role.policyArns().forEach(arn -> attachPolicy(registry, arn, command.occurredAt())));
    }

    @CommandHandler
    void handle(DeleteServiceLinkedRoleCommand command, EntityRegistry registry) {
        checkAddressed(command);
        if (!ServiceLinkedRoles.isServiceLinked(path)) {
            throw IamException.invalidInput("Role " + roleName + " is not a service-linked role: use DeleteRole.");
        }
        if (registry.instanceProfileCount(accountId, roleId) > 0) {
            throw IamException.deleteConflict("Cannot delete entity, must remove roles from instance profile first.");
        }
        // no inline policy can be there: PutRolePolicy refuses a service-linked role
        detachAllPolicies(registry, command.occurredAt());
        registry.release(accountId, EntityKind.ROLE, roleName);
        apply(new RoleDeletedEvent(accountId, roleId, roleName, command.occurredAt()));
    }

    @CommandHandler
    void handle(UpdateRoleCommand command) {
        checkAddressed(command);
        IamNames.Check check = IamNames.check();
        command.description().ifPresent(text -> check.description("description", text));
        command.maxSessionDuration().ifPresent(seconds -> check.maxSessionDuration("maxSessionDuration", seconds));
        check.orThrow();
        String newDescription = command.description().orElse(description);
        int newMaxSessionDuration = command.maxSessionDuration().orElse(maxSessionDuration);
        if (Objects.equals(newDescription, description) && newMaxSessionDuration == maxSessionDuration) {
            return;
        }
        apply(new RoleUpdatedEvent(accountId, roleId, roleName, Optional.ofNullable(newDescription),
                newMaxSessionDuration, command.occurredAt()));
    }

    @CommandHandler
    void handle(UpdateAssumeRolePolicyCommand command) {
        checkAddressed(command);
        checkModifiable();
        checkTrustPolicySize(command.policySize());
        apply(new RoleTrustPolicyUpdatedEvent(accountId, roleId, roleName, command.policyDocument(),
                command.occurredAt()));
    }

    @CommandHandler
    void handle(DeleteRoleCommand command, EntityRegistry registry) {
        checkAddressed(command);
        checkModifiable();
        checkNoPoliciesLeft();
        if (registry.instanceProfileCount(accountId, roleId) > 0) {
            throw IamException.deleteConflict("Cannot delete entity, must remove roles from instance profile first.");
        }
        registry.release(accountId, EntityKind.ROLE, roleName);
        apply(new RoleDeletedEvent(accountId, roleId, roleName, command.occurredAt()));
    }

    @CommandHandler
    void handle(AttachRolePolicyCommand command, EntityRegistry registry) {
        checkAddressed(command);
        checkModifiable();
        if (ServiceLinkedRoles.isServiceRolePolicy(command.policyArn())) {
            throw new IamException(ErrorCode.POLICY_NOT_ATTACHABLE,
                    "Cannot attach a Service Role Policy to a Customer Role.");
        }
        attachPolicy(registry, command.policyArn(), command.occurredAt());
    }

    @CommandHandler
    void handle(DetachRolePolicyCommand command, EntityRegistry registry) {
        checkAddressed(command);
        checkModifiable();
        detachPolicy(registry, command.policyArn(), command.occurredAt());
    }

    @CommandHandler
    void handle(PutRolePolicyCommand command) {
        checkAddressed(command);
        checkModifiable();
        putInlinePolicy(command.policyName(), command.policyDocument(), command.policySize(), command.occurredAt());
    }

    @CommandHandler
    void handle(DeleteRolePolicyCommand command) {
        checkAddressed(command);
        checkModifiable();
        deleteInlinePolicy(command.policyName(), command.occurredAt());
    }

    @CommandHandler
    void handle(PutRolePermissionsBoundaryCommand command, EntityRegistry registry) {
        checkAddressed(command);
        checkModifiable();
        putBoundary(registry, command.permissionsBoundaryArn(), command.occurredAt());
    }

    @CommandHandler
    void handle(DeleteRolePermissionsBoundaryCommand command) {
        checkAddressed(command);
        checkModifiable();
        deleteBoundary(command.occurredAt());
    }

    @CommandHandler
    void handle(TagRoleCommand command) {
        checkAddressed(command);
        tag(command.tags(), command.occurredAt());
    }

    @CommandHandler
    void handle(UntagRoleCommand command) {
        checkAddressed(command);
        untag(command.tagKeys(), command.occurredAt());
    }

    /** The caller named the role in an account; a role that no longer has that name there is not theirs. */
    private void checkAddressed(RoleCommand command) {
        if (!accountId.equals(command.accountId()) || !roleName.equalsIgnoreCase(command.roleName())) {
            throw IamException.noSuchEntity(command.noSuchEntityMessage());
        }
    }

    /** @throws IamException UnmodifiableEntity for a service-linked role, which only its service changes */
    private void checkModifiable() {
        if (ServiceLinkedRoles.isServiceLinked(path)) {
            throw new IamException(ErrorCode.UNMODIFIABLE_ENTITY, "Cannot perform the operation on the protected"
                    + " role '" + roleName + "' - this role is only modifiable by AWS");
        }
    }

    private static void checkTrustPolicySize(int size) {
        if (size > MAX_TRUST_POLICY_SIZE) {
            throw IamException.limitExceeded("Cannot exceed quota for ACLSizePerRole: " + MAX_TRUST_POLICY_SIZE);
        }
    }

    @Override
    protected String accountId() {
        return accountId;
    }

    @Override
    protected IdentityRef identity() {
        return IdentityRef.role(roleId, roleName);
    }

    @EventSourcingHandler
    void on(RoleCreatedEvent event) {
        roleId = event.roleId();
        accountId = event.accountId();
        roleName = event.roleName();
        path = event.path();
        description = event.description().orElse(null);
        maxSessionDuration = event.maxSessionDuration();
        assignBoundaryAndTags(event.permissionsBoundaryArn(), event.tags());
    }

    @EventSourcingHandler
    void on(RoleUpdatedEvent event) {
        description = event.description().orElse(null);
        maxSessionDuration = event.maxSessionDuration();
    }

    @EventSourcingHandler
    void on(RoleDeletedEvent event) {
        markDeleted();
    }
}
