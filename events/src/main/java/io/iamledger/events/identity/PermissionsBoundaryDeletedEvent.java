package io.iamledger.events.identity;

import io.iamledger.events.IamEvent;

import java.time.Instant;

/** The permissions boundary of a user or role was removed. */
public record PermissionsBoundaryDeletedEvent(String accountId, IdentityRef identity, Instant occurredAt) implements IamEvent {
}
