package io.iamledger.events.oidc;

import io.iamledger.events.IamEvent;
import java.time.Instant;
import java.util.List;

/**
 * A provider's client ids or thumbprints changed; both lists are given as they are now, with the provider's URL
 * and creation time, so that each event describes the whole provider.
 */
public record OpenIdConnectProviderUpdatedEvent(String accountId, String providerId, String arn, String url,
                                                List<String> clientIds, List<String> thumbprints,
                                                Instant createDate, Instant occurredAt) implements IamEvent {
    public OpenIdConnectProviderUpdatedEvent {
        clientIds = List.copyOf(clientIds);
        thumbprints = List.copyOf(thumbprints);
    }
}
