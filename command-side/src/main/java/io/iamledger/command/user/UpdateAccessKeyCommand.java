package io.iamledger.command.user;

import io.iamledger.events.identity.AccessKeyStatus;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** UpdateAccessKey: makes a key Active or Inactive. */
public record UpdateAccessKeyCommand(String accountId, @TargetAggregateIdentifier String userId, String userName,
                                     String accessKeyId, AccessKeyStatus status,
                                     Instant occurredAt) implements UserCommand {
}
