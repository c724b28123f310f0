package io.iamledger.events.oidc;

import io.iamledger.events.IamEvent;
import io.iamledger.events.identity.Tag;
import java.time.Instant;
import java.util.List;

/**
 * An OpenID Connect provider was registered.
 *
 * @param providerId  the provider's internal id (AWS shows none): a deleted provider's URL can be registered again
 * @param arn         {@code arn:aws:iam::<account>:oidc-provider/<url without https://>}, unique in the account
 * @param url         the issuer URL without its {@code https://}, as AWS shows it
 * @param clientIds   the audiences its tokens may be issued for
 * @param thumbprints hex SHA-1 of the provider's certificates (kept, not checked: keys are configured as data)
 */
public record OpenIdConnectProviderCreatedEvent(String accountId, String providerId, String arn, String url,
                                                List<String> clientIds, List<String> thumbprints, List<Tag> tags,
                                                Instant occurredAt) implements IamEvent {
    public OpenIdConnectProviderCreatedEvent {
        clientIds = List.copyOf(clientIds);
        thumbprints = List.copyOf(thumbprints);
        tags = List.copyOf(tags);
    }
}
