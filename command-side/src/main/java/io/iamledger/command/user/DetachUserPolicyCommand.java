package io.iamledger.command.user;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** DetachUserPolicy. */
public record DetachUserPolicyCommand(String accountId, @TargetAggregateIdentifier String userId, String userName,
                                      String policyArn, Instant occurredAt) implements UserCommand {
}
