package io.iamledger.command.user;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** DeleteUser: only once the user has no access keys, inline or attached policies, or groups. */
public record DeleteUserCommand(String accountId, @TargetAggregateIdentifier String userId, String userName,
                                Instant occurredAt) implements UserCommand {
}
