package io.iamledger.command.user;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * CreateAccessKey for a user. The edge makes the key id and the secret; only the secret's fingerprint enters the
 * command.
 */
public record CreateAccessKeyCommand(String accountId, @TargetAggregateIdentifier String userId, String userName,
                                     String accessKeyId, String secretFingerprint,
                                     Instant occurredAt) implements UserCommand {
}
