package io.iamledger.events.account;

import io.iamledger.events.IamEvent;
import java.time.Instant;

/** UpdateAccountPasswordPolicy: the account's password policy is now {@code policy}, whole. */
public record AccountPasswordPolicyUpdatedEvent(String accountId, PasswordPolicy policy, Instant occurredAt)
        implements IamEvent {
}
