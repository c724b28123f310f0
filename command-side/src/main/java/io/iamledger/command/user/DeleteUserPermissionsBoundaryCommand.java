package io.iamledger.command.user;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** DeleteUserPermissionsBoundary; succeeds and changes nothing when the user has none. */
public record DeleteUserPermissionsBoundaryCommand(String accountId, @TargetAggregateIdentifier String userId,
                                                   String userName, Instant occurredAt) implements UserCommand {
}
