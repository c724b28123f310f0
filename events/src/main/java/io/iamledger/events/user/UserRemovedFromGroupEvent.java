package io.iamledger.events.user;

import io.iamledger.events.IamEvent;

import java.time.Instant;

/** RemoveUserFromGroup. */
public record UserRemovedFromGroupEvent(String accountId, String userId, String userName, String groupId, String groupName, Instant occurredAt) implements IamEvent {
}
