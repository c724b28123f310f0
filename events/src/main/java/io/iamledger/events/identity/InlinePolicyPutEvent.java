package io.iamledger.events.identity;

import io.iamledger.events.IamEvent;

import java.time.Instant;

/** An inline policy was created or replaced on a user, group or role; the document is the JSON as submitted (validated). */
public record InlinePolicyPutEvent(String accountId, IdentityRef identity, String policyName, String policyDocument, Instant occurredAt) implements IamEvent {
}
