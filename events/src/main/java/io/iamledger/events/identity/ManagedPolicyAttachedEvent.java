package io.iamledger.events.identity;

import io.iamledger.events.IamEvent;

import java.time.Instant;

/** A managed policy was attached to a user, group or role. */
public record ManagedPolicyAttachedEvent(String accountId, IdentityRef identity, String policyArn, Instant occurredAt) implements IamEvent {
}
