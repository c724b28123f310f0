package io.iamledger.command.group;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** DeleteGroupPolicy: removes an inline policy. */
public record DeleteGroupPolicyCommand(String accountId, @TargetAggregateIdentifier String groupId, String groupName,
                                       String policyName, Instant occurredAt) implements GroupCommand {
}
