package io.iamledger.events.user;

import io.iamledger.events.IamEvent;

import java.time.Instant;

/** UpdateUser: a new name and/or path; the ARN follows both. */
public record UserUpdatedEvent(String accountId, String userId, String oldUserName, String newUserName, String newPath, String newArn, Instant occurredAt) implements IamEvent {
}
