package io.iamledger.command.user;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** DeleteAccessKey. */
public record DeleteAccessKeyCommand(String accountId, @TargetAggregateIdentifier String userId, String userName,
                                     String accessKeyId, Instant occurredAt) implements UserCommand {
}
