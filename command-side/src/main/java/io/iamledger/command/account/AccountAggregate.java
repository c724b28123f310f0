package io.iamledger.command.account;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.iamledger.command.identity.AccessKeys;
import io.iamledger.command.validation.IamNames;
import io.iamledger.events.account.AccountCreatedEvent;
import io.iamledger.events.account.AccountPasswordPolicyDeletedEvent;
import io.iamledger.events.account.AccountPasswordPolicyUpdatedEvent;
import io.iamledger.events.account.PasswordPolicy;
import io.iamledger.events.identity.AccessKeyCreatedEvent;
import io.iamledger.events.identity.AccessKeyDeletedEvent;
import io.iamledger.events.identity.AccessKeyRotatedEvent;
import io.iamledger.events.identity.AccessKeyStatus;
import io.iamledger.events.identity.AccessKeyStatusChangedEvent;
import io.iamledger.events.error.IamException;
import io.iamledger.events.identity.IdentityRef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;

/**
 * An AWS account, identified by its 12-digit id, its root user's access keys (at most two) and its password
 * policy. Accounts are
 * never deleted.
 */
public class AccountAggregate {

    @AggregateIdentifier
    private String accountId;
    private Map<String, AccessKeyStatus> rootAccessKeys = new LinkedHashMap<>();
    private boolean hasPasswordPolicy;

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

    @CommandHandler
    void handle(UpdateAccountPasswordPolicyCommand command) {
        PasswordPolicy policy = command.policy();
        List<String> violations = new ArrayList<>();
        range(violations, "minimumPasswordLength", Optional.of(policy.minimumPasswordLength()), 6, 128);
        range(violations, "maxPasswordAge", policy.maxPasswordAge(), 1, 1095);
        range(violations, "passwordReusePrevention", policy.passwordReusePrevention(), 1, 24);
        if (!violations.isEmpty()) {
            throw IamException.validation(violations.size() + " validation error" + (violations.size() > 1 ? "s" : "")
                    + " detected: " + String.join("; ", violations));
        }
        apply(new AccountPasswordPolicyUpdatedEvent(accountId, policy, command.occurredAt()));
    }

    @CommandHandler
    void handle(DeleteAccountPasswordPolicyCommand command) {
        if (!hasPasswordPolicy) {
            throw IamException.noSuchEntity("The Password Policy with domain name " + accountId
                    + " cannot be found.");
        }
        apply(new AccountPasswordPolicyDeletedEvent(accountId, command.occurredAt()));
    }

    private static void range(List<String> violations, String member, Optional<Integer> value, int min, int max) {
        value.filter(v -> v < min || v > max).ifPresent(v -> violations.add("Value '" + v + "' at '" + member
                + "' failed to satisfy constraint: Member must have value " + (v < min
                ? "greater than or equal to " + min : "less than or equal to " + max)));
    }

    private IdentityRef root() {
        return IdentityRef.root(accountId);
    }

    @EventSourcingHandler
    void on(AccountCreatedEvent event) {
        accountId = event.accountId();
    }

    @EventSourcingHandler
    void on(AccountPasswordPolicyUpdatedEvent event) {
        hasPasswordPolicy = true;
    }

    @EventSourcingHandler
    void on(AccountPasswordPolicyDeletedEvent event) {
        hasPasswordPolicy = false;
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
