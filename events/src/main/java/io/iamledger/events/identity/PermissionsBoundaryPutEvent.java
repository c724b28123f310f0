package io.iamledger.events.identity;

import io.iamledger.events.IamEvent;

import java.time.Instant;

/** A permissions boundary was set (or replaced) on a user or role. */
public record PermissionsBoundaryPutEvent(String accountId, IdentityRef identity, String boundaryArn, Instant occurredAt) implements IamEvent {
}
