package io.iamledger.command.instanceprofile;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.markDeleted;

import io.iamledger.command.identity.Tags;
import io.iamledger.command.registry.EntityKind;
import io.iamledger.command.registry.EntityRegistry;
import io.iamledger.command.validation.IamNames;
import io.iamledger.events.arn.Arn;
import io.iamledger.events.error.IamException;
import io.iamledger.events.identity.IdentityKind;
import io.iamledger.events.instanceprofile.InstanceProfileCreatedEvent;
import io.iamledger.events.instanceprofile.InstanceProfileDeletedEvent;
import io.iamledger.events.instanceprofile.RoleAddedToInstanceProfileEvent;
import io.iamledger.events.instanceprofile.RoleRemovedFromInstanceProfileEvent;
import java.util.Map;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;

/**
 * An instance profile: a name (unique in the account case-insensitively, held in the {@link EntityRegistry}) and at
 * most {@value #MAX_ROLES} role. The registry also records which role it holds, so that the role cannot be
 * deleted while it is in one, nor this profile deleted while it holds one.
 */
public class InstanceProfileAggregate {
    /** AWS: roles per instance profile (InstanceSessionsPerInstanceProfile). */
    public static final int MAX_ROLES = 1;

    @AggregateIdentifier
    private String instanceProfileId;
    private String accountId;
    private String name;
    private String roleId;
    private String roleName;

    InstanceProfileAggregate() {
        // Axon (replaying events) and Jackson (reading a snapshot) create the aggregate through this constructor.
    }

    /** AWS's NoSuchEntity message for an instance profile the account does not have. */
    public static String noSuchInstanceProfile(String name) {
        return "Instance Profile " + name + " cannot be found.";
    }

    @CommandHandler
    InstanceProfileAggregate(CreateInstanceProfileCommand command, EntityRegistry registry) {
        IamNames.check()
                .groupName("instanceProfileName", command.instanceProfileName())
                .path("path", command.path())
                .tags("tags", command.tags())
                .orThrow();
        Tags.checkAdd(Map.of(), command.tags(), IdentityKind.ROLE);
        registry.claim(command.accountId(), EntityKind.INSTANCE_PROFILE, command.instanceProfileName(),
                command.instanceProfileId());
        apply(new InstanceProfileCreatedEvent(command.accountId(), command.instanceProfileId(),
                command.instanceProfileName(), command.path(), Arn.instanceProfile(command.accountId(),
                command.path(), command.instanceProfileName()).toString(), command.tags(), command.occurredAt()));
    }

    @CommandHandler
    void handle(AddRoleToInstanceProfileCommand command, EntityRegistry registry) {
        checkAddressed(command);
        String role = registry.find(accountId, EntityKind.ROLE, command.roleName()).orElseThrow(() ->
                IamException.noSuchEntity("The role with name " + command.roleName() + " cannot be found."));
        if (roleId != null) {
            throw IamException.limitExceeded("Cannot exceed quota for InstanceSessionsPerInstanceProfile: "
                    + MAX_ROLES);
        }
        registry.addRoleToInstanceProfile(accountId, instanceProfileId, role);
        apply(new RoleAddedToInstanceProfileEvent(accountId, instanceProfileId, name, role, command.roleName(),
                command.occurredAt()));
    }

    @CommandHandler
    void handle(RemoveRoleFromInstanceProfileCommand command, EntityRegistry registry) {
        checkAddressed(command);
        if (roleId == null || !roleName.equalsIgnoreCase(command.roleName())) {
            throw IamException.noSuchEntity("The role with name " + command.roleName()
                    + " is not in instance profile " + name + ".");
        }
        registry.removeRoleFromInstanceProfile(accountId, instanceProfileId, roleId);
        apply(new RoleRemovedFromInstanceProfileEvent(accountId, instanceProfileId, name, roleId, roleName,
                command.occurredAt()));
    }

    @CommandHandler
    void handle(DeleteInstanceProfileCommand command, EntityRegistry registry) {
        checkAddressed(command);
        if (roleId != null) {
            throw IamException.deleteConflict("Cannot delete entity, must remove roles from instance profile first.");
        }
        registry.release(accountId, EntityKind.INSTANCE_PROFILE, name);
        apply(new InstanceProfileDeletedEvent(accountId, instanceProfileId, name, command.occurredAt()));
    }

    private void checkAddressed(InstanceProfileCommand command) {
        if (!accountId.equals(command.accountId()) || !name.equalsIgnoreCase(command.instanceProfileName())) {
            throw IamException.noSuchEntity(command.noSuchEntityMessage());
        }
    }

    @EventSourcingHandler
    void on(InstanceProfileCreatedEvent event) {
        instanceProfileId = event.instanceProfileId();
        accountId = event.accountId();
        name = event.instanceProfileName();
    }

    @EventSourcingHandler
    void on(RoleAddedToInstanceProfileEvent event) {
        roleId = event.roleId();
        roleName = event.roleName();
    }

    @EventSourcingHandler
    void on(RoleRemovedFromInstanceProfileEvent event) {
        roleId = null;
        roleName = null;
    }

    @EventSourcingHandler
    void on(InstanceProfileDeletedEvent event) {
        markDeleted();
    }
}
