package io.iamledger.events.identity;

import io.iamledger.events.IamEvent;

import java.time.Instant;

/** A managed policy was detached from a user, group or role. */
public record ManagedPolicyDetachedEvent(String accountId, IdentityRef identity, String policyArn, Instant occurredAt) implements IamEvent {
}
