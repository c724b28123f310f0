package io.iamledger.command.oidc;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** RemoveClientIDFromOpenIDConnectProvider; removing a client id it does not have does nothing, as on AWS. */
public record RemoveClientIdCommand(String accountId, @TargetAggregateIdentifier String providerId, String arn,
                                    String clientId, Instant occurredAt) implements OpenIdConnectProviderCommand {
}
