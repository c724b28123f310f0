package io.iamledger.command.oidc;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record DeleteOpenIdConnectProviderCommand(String accountId, @TargetAggregateIdentifier String providerId,
                                                 String arn, Instant occurredAt)
        implements OpenIdConnectProviderCommand {
}
