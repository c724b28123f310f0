package io.iamledger.infra.sigv4;

import java.util.Optional;

/**
 * Looks up the signing credential of an access key id, as the verifier needs it.
 *
 * <p>Return empty for a key that is unknown, deleted or {@code Inactive}: the verifier answers all three alike
 * with {@code InvalidClientTokenId}, as AWS does. The resolver may also throw an
 * {@link io.iamledger.events.error.IamException}, which propagates unchanged. It is called at most once per
 * request, on the request thread, only for requests whose signature elements and timestamp are well-formed; it
 * may block, and must be thread-safe.
 *
 * @param <P> the principal type the caller wants back from a verified request
 */
@FunctionalInterface
public interface CredentialResolver<P> {
    /** @param accessKeyId as the request names it, never empty */
    Optional<SigningCredential<P>> resolve(String accessKeyId);

    /**
     * As {@link #resolve(String)}, with the session token the request presented (signed or not), which for a
     * temporary key may itself carry the credential. The verifier calls this one.
     *
     * @param sessionToken empty when the request carries none
     */
    default Optional<SigningCredential<P>> resolve(String accessKeyId, Optional<String> sessionToken) {
        return resolve(accessKeyId);
    }
}
