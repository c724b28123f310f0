package io.iamledger.command.account;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** DeleteAccessKey for the root user. */
public record DeleteRootAccessKeyCommand(@TargetAggregateIdentifier String accountId, String accessKeyId,
                                         Instant occurredAt) {
}
