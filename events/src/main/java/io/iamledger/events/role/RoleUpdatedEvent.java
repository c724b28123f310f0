package io.iamledger.events.role;

import io.iamledger.events.IamEvent;
import java.util.Optional;
import java.time.Instant;

/** UpdateRole: the description and maximum session duration as they are after the change. */
public record RoleUpdatedEvent(String accountId, String roleId, String roleName, Optional<String> description, int maxSessionDuration, Instant occurredAt) implements IamEvent {
}
