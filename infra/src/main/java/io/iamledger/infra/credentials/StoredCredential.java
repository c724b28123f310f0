package io.iamledger.infra.credentials;

import io.iamledger.events.identity.AccessKeyStatus;
import io.iamledger.events.identity.IdentityRef;

/**
 * An access key as the authenticator needs it. Holds the secret in memory only; {@link #toString()} hides it.
 */
public record StoredCredential(String accessKeyId, String accountId, IdentityRef owner, AccessKeyStatus status,
                               String secret) {
    @Override
    public String toString() {
        return "StoredCredential[" + accessKeyId + ", account=" + accountId + ", owner=" + owner + ", " + status + "]";
    }
}
