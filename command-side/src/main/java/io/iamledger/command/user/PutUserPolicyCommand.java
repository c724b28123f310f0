package io.iamledger.command.user;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * PutUserPolicy: creates or replaces an inline policy. The edge has validated the document and passes its AWS size
 * (characters, whitespace not counted).
 */
public record PutUserPolicyCommand(String accountId, @TargetAggregateIdentifier String userId, String userName,
                                   String policyName, String policyDocument, int policySize,
                                   Instant occurredAt) implements UserCommand {
}
