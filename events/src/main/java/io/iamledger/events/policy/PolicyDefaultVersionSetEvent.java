package io.iamledger.events.policy;

import io.iamledger.events.IamEvent;

import java.time.Instant;

/** SetDefaultPolicyVersion. */
public record PolicyDefaultVersionSetEvent(String accountId, String policyId, String policyArn, String versionId, Instant occurredAt) implements IamEvent {
}
