package io.iamledger.events.user;

import io.iamledger.events.IamEvent;
import java.time.Instant;

/** A user's password was removed: the user can no longer sign in with one. */
public record LoginProfileDeletedEvent(String accountId, String userId, String userName, Instant occurredAt)
        implements IamEvent {
}
