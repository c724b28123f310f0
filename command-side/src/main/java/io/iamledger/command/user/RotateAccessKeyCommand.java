package io.iamledger.command.user;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** RotateAccessKey (our extension): creates a new active key and deactivates the replaced one at once. */
public record RotateAccessKeyCommand(String accountId, @TargetAggregateIdentifier String userId, String userName,
                                     String replacedAccessKeyId, String newAccessKeyId, String newSecretFingerprint,
                                     Instant occurredAt) implements UserCommand {
}
