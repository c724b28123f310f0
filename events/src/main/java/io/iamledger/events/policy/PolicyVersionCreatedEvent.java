package io.iamledger.events.policy;

import io.iamledger.events.IamEvent;

import java.time.Instant;

/** CreatePolicyVersion. */
public record PolicyVersionCreatedEvent(String accountId, String policyId, String policyArn, String versionId, String policyDocument, boolean setAsDefault, Instant occurredAt) implements IamEvent {
}
