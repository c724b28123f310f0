package io.iamledger.events.user;

import io.iamledger.events.IamEvent;
import io.iamledger.events.identity.Tag;
import java.util.List;
import java.util.Optional;
import java.time.Instant;

/** CreateUser. The boundary is absent when none was given. */
public record UserCreatedEvent(String accountId, String userId, String userName, String path, String arn, Optional<String> permissionsBoundaryArn, List<Tag> tags, Instant occurredAt) implements IamEvent {
    public UserCreatedEvent {
        tags = List.copyOf(tags);
    }
}
