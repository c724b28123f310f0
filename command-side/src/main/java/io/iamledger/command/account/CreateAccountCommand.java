package io.iamledger.command.account;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Creates an account (the server creates the default account on first start). */
public record CreateAccountCommand(@TargetAggregateIdentifier String accountId, Instant occurredAt) {
}
