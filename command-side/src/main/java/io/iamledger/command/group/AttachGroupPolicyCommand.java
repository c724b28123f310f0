package io.iamledger.command.group;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** AttachGroupPolicy. Attaching an attached policy again succeeds and changes nothing. */
public record AttachGroupPolicyCommand(String accountId, @TargetAggregateIdentifier String groupId, String groupName,
                                       String policyArn, Instant occurredAt) implements GroupCommand {
}
