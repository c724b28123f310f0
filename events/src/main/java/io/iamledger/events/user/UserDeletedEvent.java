package io.iamledger.events.user;

import io.iamledger.events.IamEvent;

import java.time.Instant;

/** DeleteUser. */
public record UserDeletedEvent(String accountId, String userId, String userName, Instant occurredAt) implements IamEvent {
}
