package io.iamledger.query.readmodel;

import io.iamledger.events.identity.Tag;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * An OpenID Connect provider as GetOpenIDConnectProvider describes it. Immutable; no component is null.
 *
 * @param url the issuer URL without {@code https://}, as AWS shows it
 */
public record OpenIdConnectProvider(String arn, String url, List<String> clientIds, List<String> thumbprints,
                                    Instant createDate, List<Tag> tags) {
    public OpenIdConnectProvider {
        Objects.requireNonNull(arn, "arn");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(createDate, "createDate");
        clientIds = List.copyOf(clientIds);
        thumbprints = List.copyOf(thumbprints);
        tags = List.copyOf(tags);
    }
}
