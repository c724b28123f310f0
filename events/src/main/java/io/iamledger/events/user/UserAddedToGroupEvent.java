package io.iamledger.events.user;

import io.iamledger.events.IamEvent;

import java.time.Instant;

/** AddUserToGroup (membership is held by the user, at most 10 groups). */
public record UserAddedToGroupEvent(String accountId, String userId, String userName, String groupId, String groupName, Instant occurredAt) implements IamEvent {
}
