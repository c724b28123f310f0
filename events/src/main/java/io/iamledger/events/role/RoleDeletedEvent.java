package io.iamledger.events.role;

import io.iamledger.events.IamEvent;

import java.time.Instant;

/** DeleteRole. */
public record RoleDeletedEvent(String accountId, String roleId, String roleName, Instant occurredAt) implements IamEvent {
}
