package io.iamledger.events.account;

import io.iamledger.events.IamEvent;
import java.time.Instant;

/** DeleteAccountPasswordPolicy: passwords are held to AWS's default rules again. */
public record AccountPasswordPolicyDeletedEvent(String accountId, Instant occurredAt) implements IamEvent {
}
