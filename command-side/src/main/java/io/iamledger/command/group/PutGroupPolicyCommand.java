package io.iamledger.command.group;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * PutGroupPolicy: creates or replaces an inline policy. The edge has validated the document and passes its AWS size
 * (characters, whitespace not counted).
 */
public record PutGroupPolicyCommand(String accountId, @TargetAggregateIdentifier String groupId, String groupName,
                                    String policyName, String policyDocument, int policySize,
                                    Instant occurredAt) implements GroupCommand {
}
