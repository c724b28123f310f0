package io.iamledger.command.account;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * CreateAccessKey for the root user. The edge makes the key id and the secret; only the secret's fingerprint
 * enters the command.
 */
public record CreateRootAccessKeyCommand(@TargetAggregateIdentifier String accountId, String accessKeyId,
                                         String secretFingerprint, Instant occurredAt) {
}
