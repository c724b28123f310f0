package io.iamledger.command.group;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.markDeleted;

import io.iamledger.command.identity.IdentityAggregate;
import io.iamledger.command.registry.EntityKind;
import io.iamledger.command.registry.EntityRegistry;
import io.iamledger.command.validation.IamNames;
import io.iamledger.events.arn.Arn;
import io.iamledger.events.error.IamException;
import io.iamledger.events.group.GroupCreatedEvent;
import io.iamledger.events.group.GroupDeletedEvent;
import io.iamledger.events.identity.IdentityRef;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;

/**
 * An IAM group, identified by its group id ({@code AGPA…}): name and path (unique name per account, held in the
 * {@link EntityRegistry}), attached managed policies (at most 10) and inline policies (at most 5,120 characters
 * together). {@link IdentityAggregate} holds the policies, as for a user or role. Its members are held by the users
 * and, for DeleteGroup, by the registry.
 */
public class GroupAggregate extends IdentityAggregate {

    @AggregateIdentifier
    private String groupId;
    private String accountId;
    private String groupName;
    private String path;

    GroupAggregate() {
        // Axon (replaying events) and Jackson (reading a snapshot) create the aggregate through this constructor.
    }

    @CommandHandler
    GroupAggregate(CreateGroupCommand command, EntityRegistry registry) {
        IamNames.check()
                .groupName("groupName", command.groupName())
                .path("path", command.path())
                .orThrow();
        registry.claim(command.accountId(), EntityKind.GROUP, command.groupName(), command.groupId());
        apply(new GroupCreatedEvent(command.accountId(), command.groupId(), command.groupName(), command.path(),
                Arn.group(command.accountId(), command.path(), command.groupName()).toString(),
                command.occurredAt()));
    }

    @CommandHandler
    void handle(DeleteGroupCommand command, EntityRegistry registry) {
        checkAddressed(command);
        if (registry.hasMembers(accountId, groupId)) {
            throw IamException.deleteConflict("Cannot delete entity, must remove users from group first.");
        }
        checkNoPoliciesLeft();
        registry.release(accountId, EntityKind.GROUP, groupName);
        apply(new GroupDeletedEvent(accountId, groupId, groupName, command.occurredAt()));
    }

    @CommandHandler
    void handle(AttachGroupPolicyCommand command, EntityRegistry registry) {
        checkAddressed(command);
        attachPolicy(registry, command.policyArn(), command.occurredAt());
    }

    @CommandHandler
    void handle(DetachGroupPolicyCommand command, EntityRegistry registry) {
        checkAddressed(command);
        detachPolicy(registry, command.policyArn(), command.occurredAt());
    }

    @CommandHandler
    void handle(PutGroupPolicyCommand command) {
        checkAddressed(command);
        putInlinePolicy(command.policyName(), command.policyDocument(), command.policySize(), command.occurredAt());
    }

    @CommandHandler
    void handle(DeleteGroupPolicyCommand command) {
        checkAddressed(command);
        deleteInlinePolicy(command.policyName(), command.occurredAt());
    }

    /** The caller named the group in an account; a group that no longer has that name there is not theirs. */
    private void checkAddressed(GroupCommand command) {
        if (!accountId.equals(command.accountId()) || !groupName.equalsIgnoreCase(command.groupName())) {
            throw IamException.noSuchEntity(command.noSuchEntityMessage());
        }
    }

    @Override
    protected String accountId() {
        return accountId;
    }

    @Override
    protected IdentityRef identity() {
        return IdentityRef.group(groupId, groupName);
    }

    @EventSourcingHandler
    void on(GroupCreatedEvent event) {
        groupId = event.groupId();
        accountId = event.accountId();
        groupName = event.groupName();
        path = event.path();
    }

    @EventSourcingHandler
    void on(GroupDeletedEvent event) {
        markDeleted();
    }
}
