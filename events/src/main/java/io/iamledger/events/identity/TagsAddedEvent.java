package io.iamledger.events.identity;

import io.iamledger.events.IamEvent;
import java.util.List;
import java.time.Instant;

/** Tags were added to a user or role; a tag whose key (case-insensitively) exists replaces it. */
public record TagsAddedEvent(String accountId, IdentityRef identity, List<Tag> tags, Instant occurredAt) implements IamEvent {
    public TagsAddedEvent {
        tags = List.copyOf(tags);
    }
}
