package io.iamledger.command.oidc;

import io.iamledger.events.identity.Tag;
import java.time.Instant;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** CreateOpenIDConnectProvider; the edge makes the id. {@code url} is as given, with its {@code https://}. */
public record CreateOpenIdConnectProviderCommand(String accountId, @TargetAggregateIdentifier String providerId,
                                                 String url, List<String> clientIds, List<String> thumbprints,
                                                 List<Tag> tags, Instant occurredAt) {
    public CreateOpenIdConnectProviderCommand {
        clientIds = List.copyOf(clientIds);
        thumbprints = List.copyOf(thumbprints);
        tags = List.copyOf(tags);
    }
}
