package io.iamledger.events.group;

import io.iamledger.events.IamEvent;

import java.time.Instant;

/** DeleteGroup. */
public record GroupDeletedEvent(String accountId, String groupId, String groupName, Instant occurredAt) implements IamEvent {
}
