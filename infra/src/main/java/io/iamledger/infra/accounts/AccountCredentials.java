package io.iamledger.infra.accounts;

import java.util.Objects;

/**
 * An account's id, its root user's access key, and the profile of the data directory's credentials file that holds
 * them. {@link #toString} leaves the secret out, so the value may be logged. Immutable; no component is null.
 */
public record AccountCredentials(String accountId, String profile, String accessKeyId, String secretAccessKey) {
    public AccountCredentials {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(accessKeyId, "accessKeyId");
        Objects.requireNonNull(secretAccessKey, "secretAccessKey");
    }

    @Override
    public String toString() {
        return "AccountCredentials[" + accountId + ", profile " + profile + ", " + accessKeyId + "]";
    }
}
