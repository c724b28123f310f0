package io.iamledger.command.user;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** DeleteLoginProfile. */
public record DeleteLoginProfileCommand(String accountId, @TargetAggregateIdentifier String userId, String userName,
                                        Instant occurredAt) implements UserCommand {
}
