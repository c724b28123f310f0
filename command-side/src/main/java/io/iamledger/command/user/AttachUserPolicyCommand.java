package io.iamledger.command.user;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** AttachUserPolicy. Attaching an attached policy again succeeds and changes nothing. */
public record AttachUserPolicyCommand(String accountId, @TargetAggregateIdentifier String userId, String userName,
                                      String policyArn, Instant occurredAt) implements UserCommand {
}
