package io.iamledger.command.user;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** PutUserPermissionsBoundary: sets or replaces the managed policy that bounds the user. */
public record PutUserPermissionsBoundaryCommand(String accountId, @TargetAggregateIdentifier String userId,
                                                String userName, String permissionsBoundaryArn,
                                                Instant occurredAt) implements UserCommand {
}
