package io.iamledger.events.oidc;

import io.iamledger.events.IamEvent;
import java.time.Instant;

/** An OpenID Connect provider was deleted; roles trusting it can no longer be assumed through it. */
public record OpenIdConnectProviderDeletedEvent(String accountId, String providerId, String arn,
                                                Instant occurredAt) implements IamEvent {
}
