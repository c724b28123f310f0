package io.iamledger.command.group;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** DetachGroupPolicy. */
public record DetachGroupPolicyCommand(String accountId, @TargetAggregateIdentifier String groupId, String groupName,
                                       String policyArn, Instant occurredAt) implements GroupCommand {
}
