package io.iamledger.events.policy;

import io.iamledger.events.IamEvent;

import java.time.Instant;

/** DeletePolicyVersion (never the default version). */
public record PolicyVersionDeletedEvent(String accountId, String policyId, String policyArn, String versionId, Instant occurredAt) implements IamEvent {
}
