package io.iamledger.events.account;

import io.iamledger.events.IamEvent;

import java.time.Instant;

/** An account came into being (the server creates the default account on first start). */
public record AccountCreatedEvent(String accountId, Instant occurredAt) implements IamEvent {
}
