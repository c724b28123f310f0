package io.iamledger.command.oidc;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** AddClientIDToOpenIDConnectProvider; adding a client id it has already does nothing. */
public record AddClientIdCommand(String accountId, @TargetAggregateIdentifier String providerId, String arn,
                                 String clientId, Instant occurredAt) implements OpenIdConnectProviderCommand {
}
