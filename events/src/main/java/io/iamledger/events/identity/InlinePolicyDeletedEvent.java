package io.iamledger.events.identity;

import io.iamledger.events.IamEvent;

import java.time.Instant;

/** An inline policy was removed from a user, group or role. */
public record InlinePolicyDeletedEvent(String accountId, IdentityRef identity, String policyName, Instant occurredAt) implements IamEvent {
}
