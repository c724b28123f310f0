package io.iamledger.command.policy;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.markDeleted;

import io.iamledger.command.registry.EntityKind;
import io.iamledger.command.registry.EntityRegistry;
import io.iamledger.command.validation.IamNames;
import io.iamledger.events.arn.Arn;
import io.iamledger.events.error.IamException;
import io.iamledger.events.policy.PolicyCreatedEvent;
import io.iamledger.events.policy.PolicyDefaultVersionSetEvent;
import io.iamledger.events.policy.PolicyDeletedEvent;
import io.iamledger.events.policy.PolicyVersionCreatedEvent;
import io.iamledger.events.policy.PolicyVersionDeletedEvent;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;

/**
 * A customer managed policy, identified by its policy id ({@code ANPA…}) and named by its ARN (unique per
 * account, held in the {@link EntityRegistry}): at most five versions {@code v1, v2, …} (ids never reused), one
 * of them the default, each document at most 6,144 characters. Its attachments are held by the identities and,
 * for DeletePolicy, by the registry.
 */
public class ManagedPolicyAggregate {
    private static final int MAX_DOCUMENT_SIZE = 6144;
    private static final int MAX_VERSIONS = 5;
    private static final String FIRST_VERSION = "v1";

    @AggregateIdentifier
    private String policyId;
    private String accountId;
    private String policyArn;
    private List<String> versionIds = new ArrayList<>();
    private String defaultVersionId;
    /** The number of the newest version ever created; deleted numbers are not reused. */
    private int lastVersionNumber;

    ManagedPolicyAggregate() {
        // Axon (replaying events) and Jackson (reading a snapshot) create the aggregate through this constructor.
    }

    @CommandHandler
    ManagedPolicyAggregate(CreatePolicyCommand command, EntityRegistry registry) {
        IamNames.Check check = IamNames.check()
                .policyName("policyName", command.policyName())
                .policyPath("path", command.path());
        command.description().ifPresent(text -> check.description("description", text));
        check.orThrow();
        checkDocumentSize(command.policySize());
        String arn = Arn.policy(command.accountId(), command.path(), command.policyName()).toString();
        registry.claim(command.accountId(), EntityKind.POLICY, arn, command.policyId());
        apply(new PolicyCreatedEvent(command.accountId(), command.policyId(), command.policyName(), command.path(),
                arn, command.description(), command.policyDocument(), command.occurredAt()));
    }

    /** @return the new version's id, which the CreatePolicyVersion response carries */
    @CommandHandler
    String handle(CreatePolicyVersionCommand command) {
        checkAddressed(command);
        checkDocumentSize(command.policySize());
        if (versionIds.size() >= MAX_VERSIONS) {
            throw IamException.limitExceeded("A managed policy can have up to " + MAX_VERSIONS + " versions. Before "
                    + "you create a new version, you must delete an existing version.");
        }
        String versionId = "v" + (lastVersionNumber + 1);
        apply(new PolicyVersionCreatedEvent(accountId, policyId, policyArn, versionId,
                command.policyDocument(), command.setAsDefault(), command.occurredAt()));
        return versionId;
    }

    @CommandHandler
    void handle(SetDefaultPolicyVersionCommand command) {
        checkAddressed(command);
        checkVersionExists(command.versionId());
        if (command.versionId().equals(defaultVersionId)) {
            return;
        }
        apply(new PolicyDefaultVersionSetEvent(accountId, policyId, policyArn, command.versionId(),
                command.occurredAt()));
    }

    @CommandHandler
    void handle(DeletePolicyVersionCommand command) {
        checkAddressed(command);
        checkVersionExists(command.versionId());
        if (command.versionId().equals(defaultVersionId)) {
            throw IamException.deleteConflict("Cannot delete the default version of a policy.");
        }
        apply(new PolicyVersionDeletedEvent(accountId, policyId, policyArn, command.versionId(),
                command.occurredAt()));
    }

    @CommandHandler
    void handle(DeletePolicyCommand command, EntityRegistry registry) {
        checkAddressed(command);
        if (registry.attachmentCount(accountId, policyArn) > 0) {
            throw IamException.deleteConflict("Cannot delete a policy attached to entities.");
        }
        if (versionIds.size() > 1) {
            throw IamException.deleteConflict("This policy has more than one version. Before you delete a policy, "
                    + "you must delete the policy's versions. The default version is deleted with the policy.");
        }
        registry.release(accountId, EntityKind.POLICY, policyArn);
        apply(new PolicyDeletedEvent(accountId, policyId, policyArn, command.occurredAt()));
    }

    /** The caller named the policy by ARN in an account; any other ARN or account does not name this policy. */
    private void checkAddressed(PolicyCommand command) {
        if (!accountId.equals(command.accountId()) || !policyArn.equalsIgnoreCase(command.policyArn())) {
            throw IamException.noSuchEntity(command.noSuchEntityMessage());
        }
    }

    private void checkVersionExists(String versionId) {
        if (!versionIds.contains(versionId)) {
            throw IamException.noSuchEntity("Policy " + policyArn + " version " + versionId
                    + " does not exist or is not attachable.");
        }
    }

    private static void checkDocumentSize(int size) {
        if (size > MAX_DOCUMENT_SIZE) {
            throw IamException.limitExceeded("Cannot exceed quota for PolicySize: " + MAX_DOCUMENT_SIZE);
        }
    }

    @EventSourcingHandler
    void on(PolicyCreatedEvent event) {
        policyId = event.policyId();
        accountId = event.accountId();
        policyArn = event.arn();
        versionIds.add(FIRST_VERSION);
        defaultVersionId = FIRST_VERSION;
        lastVersionNumber = 1;
    }

    @EventSourcingHandler
    void on(PolicyVersionCreatedEvent event) {
        versionIds.add(event.versionId());
        lastVersionNumber = Integer.parseInt(event.versionId().substring(1));
        if (event.setAsDefault()) {
            defaultVersionId = event.versionId();
        }
    }

    @EventSourcingHandler
    void on(PolicyDefaultVersionSetEvent event) {
        defaultVersionId = event.versionId();
    }

    @EventSourcingHandler
    void on(PolicyVersionDeletedEvent event) {
        versionIds.remove(event.versionId());
    }

    @EventSourcingHandler
    void on(PolicyDeletedEvent event) {
        markDeleted();
    }
}
