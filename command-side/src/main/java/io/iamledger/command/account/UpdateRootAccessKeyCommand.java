package io.iamledger.command.account;

import io.iamledger.events.identity.AccessKeyStatus;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** UpdateAccessKey for the root user: makes a key Active or Inactive. */
public record UpdateRootAccessKeyCommand(@TargetAggregateIdentifier String accountId, String accessKeyId,
                                         AccessKeyStatus status, Instant occurredAt) {
}
