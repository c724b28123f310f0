package io.iamledger.events.identity;

import io.iamledger.events.IamEvent;

import java.time.Instant;

/** An access key was made Active or Inactive. */
public record AccessKeyStatusChangedEvent(String accountId, IdentityRef owner, String accessKeyId, AccessKeyStatus status, Instant occurredAt) implements IamEvent {
}
