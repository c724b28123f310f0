package io.iamledger.events.user;

import io.iamledger.events.IamEvent;
import java.time.Instant;

/** A user was given a password (a login profile). Never the password or its hash. */
public record LoginProfileCreatedEvent(String accountId, String userId, String userName,
                                       boolean passwordResetRequired, Instant occurredAt) implements IamEvent {
}
