package io.iamledger.infra.sigv4;

import java.util.Objects;

/**
 * Who signed a request that verified: the access key, the principal its {@link SigningCredential} carried, and the
 * region and service of the credential scope (the service is one of the verifier's allowed services; the caller
 * still decides whether it is the right one for the endpoint that was called).
 *
 * @param <P> the principal type
 */
public record VerifiedCaller<P>(String accessKeyId, P principal, String region, String service) {
    public VerifiedCaller {
        Objects.requireNonNull(accessKeyId, "accessKeyId");
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(service, "service");
    }
}
