package io.iamledger.command.user;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** DeleteUserPolicy: removes an inline policy. */
public record DeleteUserPolicyCommand(String accountId, @TargetAggregateIdentifier String userId, String userName,
                                      String policyName, Instant occurredAt) implements UserCommand {
}
