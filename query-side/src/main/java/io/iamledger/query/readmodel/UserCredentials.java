package io.iamledger.query.readmodel;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What a credential report says of one user, as far as the read model knows it: who it is, whether it can sign
 * in with a password, whether an MFA device is enabled for it, and its access keys (oldest first). Never a
 * secret. Immutable.
 */
public record UserCredentials(String userId, String userName, String arn, Instant createDate,
                              boolean passwordEnabled, boolean mfaActive, List<AccessKeyMetadata> accessKeys) {
    public UserCredentials {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(userName, "userName");
        Objects.requireNonNull(arn, "arn");
        Objects.requireNonNull(createDate, "createDate");
        accessKeys = List.copyOf(accessKeys);
    }
}
