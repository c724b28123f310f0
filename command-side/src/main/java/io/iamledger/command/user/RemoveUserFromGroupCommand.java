package io.iamledger.command.user;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** RemoveUserFromGroup; the edge resolved the group name to its id. */
public record RemoveUserFromGroupCommand(String accountId, @TargetAggregateIdentifier String userId, String userName,
                                         String groupId, String groupName, Instant occurredAt) implements UserCommand {
}
