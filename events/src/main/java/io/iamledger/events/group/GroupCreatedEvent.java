package io.iamledger.events.group;

import io.iamledger.events.IamEvent;

import java.time.Instant;

/** CreateGroup. */
public record GroupCreatedEvent(String accountId, String groupId, String groupName, String path, String arn, Instant occurredAt) implements IamEvent {
}
