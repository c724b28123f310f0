package io.iamledger.command.account;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * RotateAccessKey for the root user (our extension): creates a new active key and deactivates the replaced one
 * at once.
 */
public record RotateRootAccessKeyCommand(@TargetAggregateIdentifier String accountId, String replacedAccessKeyId,
                                         String newAccessKeyId, String newSecretFingerprint, Instant occurredAt) {
}
