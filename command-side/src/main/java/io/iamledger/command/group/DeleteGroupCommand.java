package io.iamledger.command.group;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** DeleteGroup: only once the group has no members and no inline or attached policies. */
public record DeleteGroupCommand(String accountId, @TargetAggregateIdentifier String groupId, String groupName,
                                 Instant occurredAt) implements GroupCommand {
}
