package io.iamledger.command.account;

import io.iamledger.events.account.PasswordPolicy;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** UpdateAccountPasswordPolicy: the whole policy, defaults filled in for what the request left out. */
public record UpdateAccountPasswordPolicyCommand(@TargetAggregateIdentifier String accountId, PasswordPolicy policy,
                                                 Instant occurredAt) {
}
