package io.iamledger.query.readmodel;

import io.iamledger.events.identity.AccessKeyStatus;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * An access key without its secret, as AWS's {@code AccessKeyMetadata} shape describes it. The secret never
 * reaches the read model. Immutable; no component is null.
 *
 * @param userName the owning user's name as of the query, empty for the account root's keys
 */
public record AccessKeyMetadata(Optional<String> userName, String accessKeyId, AccessKeyStatus status,
                                Instant createDate) {
    public AccessKeyMetadata {
        Objects.requireNonNull(userName, "userName");
        Objects.requireNonNull(accessKeyId, "accessKeyId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(createDate, "createDate");
    }
}
