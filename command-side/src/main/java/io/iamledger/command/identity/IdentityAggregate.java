package io.iamledger.command.identity;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.iamledger.command.registry.EntityRegistry;
import io.iamledger.events.error.IamException;
import io.iamledger.events.identity.IdentityRef;
import io.iamledger.events.identity.InlinePolicyDeletedEvent;
import io.iamledger.events.identity.InlinePolicyPutEvent;
import io.iamledger.events.identity.ManagedPolicyAttachedEvent;
import io.iamledger.events.identity.ManagedPolicyDetachedEvent;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.axonframework.eventsourcing.EventSourcingHandler;

/**
 * The part of a user, group or role aggregate that AWS treats alike for all three: attached managed policies
 * ({@link ManagedPolicies}) and inline policies ({@link InlinePolicies}). Each AWS-named command handler of a
 * subclass checks that the command addresses it and calls one decision method here, which validates and applies the
 * shared identity event; Axon finds the event-sourcing handlers here through the subclass. Snapshots hold these
 * fields by name beside the subclass's own, so renaming one would lose its state from stored snapshots.
 */
public abstract class IdentityAggregate {
    private Set<String> attachedPolicyArns = new HashSet<>();
    private Map<String, Integer> inlinePolicySizes = new LinkedHashMap<>();

    /** The account the identity belongs to. */
    protected abstract String accountId();

    /** The identity as events name it now. */
    protected abstract IdentityRef identity();

    /**
     * Attaches a managed policy and records the attachment in the registry; attaching it again does nothing.
     *
     * @throws IamException NoSuchEntity for an unknown policy; LimitExceeded beyond
     *                      {@link ManagedPolicies#MAX_ATTACHED} attached policies
     */
    protected final void attachPolicy(EntityRegistry registry, String policyArn, Instant occurredAt) {
        ManagedPolicies.checkExists(registry, accountId(), policyArn);
        if (attachedPolicyArns.contains(policyArn)) {
            return;
        }
        ManagedPolicies.checkRoomFor(identity().kind(), attachedPolicyArns);
        registry.addAttachment(accountId(), policyArn, identity());
        apply(new ManagedPolicyAttachedEvent(accountId(), identity(), policyArn, occurredAt));
    }

    /** @throws IamException NoSuchEntity when the policy is not attached */
    protected final void detachPolicy(EntityRegistry registry, String policyArn, Instant occurredAt) {
        ManagedPolicies.checkAttached(attachedPolicyArns, policyArn);
        registry.removeAttachment(accountId(), policyArn, identity());
        apply(new ManagedPolicyDetachedEvent(accountId(), identity(), policyArn, occurredAt));
    }

    /** Detaches every managed policy, as a service deleting its service-linked role does. */
    protected final void detachAllPolicies(EntityRegistry registry, Instant occurredAt) {
        for (String policyArn : new TreeSet<>(attachedPolicyArns)) {
            detachPolicy(registry, policyArn, occurredAt);
        }
    }

    /**
     * Creates or replaces an inline policy.
     *
     * @param policySize the document's AWS size, as {@link InlinePolicies#checkPut} counts it
     * @throws IamException as {@link InlinePolicies#checkPut}
     */
    protected final void putInlinePolicy(String policyName, String policyDocument, int policySize,
                                         Instant occurredAt) {
        InlinePolicies.checkPut(identity(), inlinePolicySizes, policyName, policySize);
        apply(new InlinePolicyPutEvent(accountId(), identity(), policyName, policyDocument, occurredAt));
    }

    /** @throws IamException NoSuchEntity when there is no such inline policy */
    protected final void deleteInlinePolicy(String policyName, Instant occurredAt) {
        InlinePolicies.checkHeld(identity(), inlinePolicySizes, policyName);
        apply(new InlinePolicyDeletedEvent(accountId(), identity(), policyName, occurredAt));
    }

    /**
     * Checks, before a deletion, that no policies remain: inline policies first, then managed ones, as AWS does.
     *
     * @throws IamException DeleteConflict naming what must go first
     */
    protected final void checkNoPoliciesLeft() {
        InlinePolicies.checkNoneLeft(inlinePolicySizes);
        ManagedPolicies.checkNoneAttached(attachedPolicyArns);
    }

    @EventSourcingHandler
    void on(ManagedPolicyAttachedEvent event) {
        attachedPolicyArns.add(event.policyArn());
    }

    @EventSourcingHandler
    void on(ManagedPolicyDetachedEvent event) {
        attachedPolicyArns.remove(event.policyArn());
    }

    @EventSourcingHandler
    void on(InlinePolicyPutEvent event) {
        inlinePolicySizes.put(event.policyName(), InlinePolicies.size(event.policyDocument()));
    }

    @EventSourcingHandler
    void on(InlinePolicyDeletedEvent event) {
        inlinePolicySizes.remove(event.policyName());
    }
}
