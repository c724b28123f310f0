package io.iamledger.events.identity;

import io.iamledger.events.IamEvent;

import java.time.Instant;

/** RotateAccessKey (our extension): a new active key was created and the replaced key deactivated, atomically. Carries no secret. */
public record AccessKeyRotatedEvent(String accountId, IdentityRef owner, String newAccessKeyId, String newSecretFingerprint, String replacedAccessKeyId, Instant occurredAt) implements IamEvent {
}
