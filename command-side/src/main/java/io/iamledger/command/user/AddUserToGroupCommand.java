package io.iamledger.command.user;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** AddUserToGroup; the edge resolved the group name to its id. Adding a member again succeeds and changes nothing. */
public record AddUserToGroupCommand(String accountId, @TargetAggregateIdentifier String userId, String userName,
                                    String groupId, String groupName, Instant occurredAt) implements UserCommand {
}
