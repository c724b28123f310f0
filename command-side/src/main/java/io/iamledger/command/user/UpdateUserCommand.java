package io.iamledger.command.user;

import java.time.Instant;
import java.util.Optional;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** UpdateUser: a new name and/or a new path (an absent one stays as it is); the name moves in the registry. */
public record UpdateUserCommand(String accountId, @TargetAggregateIdentifier String userId, String userName,
                                Optional<String> newUserName, Optional<String> newPath,
                                Instant occurredAt) implements UserCommand {
}
