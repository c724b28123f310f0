package io.iamledger.command.account;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.iamledger.command.identity.AccessKeys;
import io.iamledger.command.validation.IamNames;
import io.iamledger.events.account.AccountCreatedEvent;
import io.iamledger.events.identity.AccessKeyCreatedEvent;
import io.iamledger.events.identity.AccessKeyDeletedEvent;
import io.iamledger.events.identity.AccessKeyRotatedEvent;
import io.iamledger.events.identity.AccessKeyStatus;
import io.iamledger.events.identity.AccessKeyStatusChangedEvent;
import io.iamledger.events.identity.IdentityRef;
import java.util.LinkedHashMap;
import java.util.Map;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;

/**
 * An AWS account, identified by its 12-digit id, and its root user's access keys (at most two). Accounts are
 * never deleted.
 */
public class AccountAggregate {

    @AggregateIdentifier
    private String accountId;
    private Map<String, AccessKeyStatus> rootAccessKeys = new LinkedHashMap<>();

    AccountAggregate() {
        // Axon (replaying events) and Jackson (reading a snapshot) create the aggregate through this constructor.
    }

    @CommandHandler
    AccountAggregate(CreateAccountCommand command) {
        IamNames.check().accountId("accountId", command.accountId()).orThrow();
        apply(new AccountCreatedEvent(command.accountId(), command.occurredAt()));
    }

    @CommandHandler
    void handle(CreateRootAccessKeyCommand command) {
        AccessKeys.checkRoomForOneMore(rootAccessKeys);
        apply(new AccessKeyCreatedEvent(accountId, root(), command.accessKeyId(), command.secretFingerprint(),
                command.occurredAt()));
    }

    @CommandHandler
    void handle(UpdateRootAccessKeyCommand command) {
        AccessKeys.checkHeld(rootAccessKeys, command.accessKeyId());
        if (rootAccessKeys.get(command.accessKeyId()) == command.status()) {
            return;
        }
        apply(new AccessKeyStatusChangedEvent(accountId, root(), command.accessKeyId(), command.status(),
                command.occurredAt()));
    }

    @CommandHandler
    void handle(DeleteRootAccessKeyCommand command) {
        AccessKeys.checkHeld(rootAccessKeys, command.accessKeyId());
        apply(new AccessKeyDeletedEvent(accountId, root(), command.accessKeyId(), command.occurredAt()));
    }

    @CommandHandler
    void handle(RotateRootAccessKeyCommand command) {
        AccessKeys.checkRotation(rootAccessKeys, command.replacedAccessKeyId());
        apply(new AccessKeyRotatedEvent(accountId, root(), command.newAccessKeyId(), command.newSecretFingerprint(),
                command.replacedAccessKeyId(), command.occurredAt()));
    }

    private IdentityRef root() {
        return IdentityRef.root(accountId);
    }

    @EventSourcingHandler
    void on(AccountCreatedEvent event) {
        accountId = event.accountId();
    }

    @EventSourcingHandler
    void on(AccessKeyCreatedEvent event) {
        rootAccessKeys.put(event.accessKeyId(), AccessKeyStatus.Active);
    }

    @EventSourcingHandler
    void on(AccessKeyStatusChangedEvent event) {
        rootAccessKeys.put(event.accessKeyId(), event.status());
    }

    @EventSourcingHandler
    void on(AccessKeyDeletedEvent event) {
        rootAccessKeys.remove(event.accessKeyId());
    }

    @EventSourcingHandler
    void on(AccessKeyRotatedEvent event) {
        rootAccessKeys.put(event.newAccessKeyId(), AccessKeyStatus.Active);
        rootAccessKeys.put(event.replacedAccessKeyId(), AccessKeyStatus.Inactive);
    }
}
