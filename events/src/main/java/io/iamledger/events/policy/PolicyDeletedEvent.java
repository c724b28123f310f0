package io.iamledger.events.policy;

import io.iamledger.events.IamEvent;

import java.time.Instant;

/** DeletePolicy (with its default version). */
public record PolicyDeletedEvent(String accountId, String policyId, String policyArn, Instant occurredAt) implements IamEvent {
}
