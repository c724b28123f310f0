package io.iamledger.events.user;

import io.iamledger.events.IamEvent;
import java.time.Instant;

/**
 * A user's login profile changed: a new password (UpdateLoginProfile with {@code Password}, or the user's own
 * ChangePassword) or a new reset requirement. Never the password or its hash.
 *
 * @param createDate when the login profile was created, which the change keeps
 */
public record LoginProfileUpdatedEvent(String accountId, String userId, String userName,
                                       boolean passwordResetRequired, boolean passwordChanged, Instant createDate,
                                       Instant occurredAt) implements IamEvent {
}
