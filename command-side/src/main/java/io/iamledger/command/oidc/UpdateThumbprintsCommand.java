package io.iamledger.command.oidc;

import java.time.Instant;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** UpdateOpenIDConnectProviderThumbprint: replaces the whole list. */
public record UpdateThumbprintsCommand(String accountId, @TargetAggregateIdentifier String providerId, String arn,
                                       List<String> thumbprints, Instant occurredAt)
        implements OpenIdConnectProviderCommand {
    public UpdateThumbprintsCommand {
        thumbprints = List.copyOf(thumbprints);
    }
}
