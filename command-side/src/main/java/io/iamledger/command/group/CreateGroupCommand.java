package io.iamledger.command.group;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** CreateGroup: claims the name in the account. */
public record CreateGroupCommand(String accountId, @TargetAggregateIdentifier String groupId, String groupName,
                                 String path, Instant occurredAt) {
}
