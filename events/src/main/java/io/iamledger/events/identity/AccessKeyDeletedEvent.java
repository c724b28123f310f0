package io.iamledger.events.identity;

import io.iamledger.events.IamEvent;

import java.time.Instant;

/** An access key was deleted. */
public record AccessKeyDeletedEvent(String accountId, IdentityRef owner, String accessKeyId, Instant occurredAt) implements IamEvent {
}
