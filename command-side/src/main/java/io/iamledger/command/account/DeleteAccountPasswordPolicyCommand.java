package io.iamledger.command.account;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** DeleteAccountPasswordPolicy. */
public record DeleteAccountPasswordPolicyCommand(@TargetAggregateIdentifier String accountId, Instant occurredAt) {
}
