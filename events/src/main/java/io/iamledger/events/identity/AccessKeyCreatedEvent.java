package io.iamledger.events.identity;

import io.iamledger.events.IamEvent;

import java.time.Instant;

/** An access key was created for a user or the root. Carries the key id and a fingerprint of the secret (HMAC-SHA256 under a server key, hex, truncated), never the secret itself. */
public record AccessKeyCreatedEvent(String accountId, IdentityRef owner, String accessKeyId, String secretFingerprint, Instant occurredAt) implements IamEvent {
}
