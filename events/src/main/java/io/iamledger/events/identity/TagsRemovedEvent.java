package io.iamledger.events.identity;

import io.iamledger.events.IamEvent;
import java.util.List;
import java.time.Instant;

/** Tags were removed from a user or role, by key (case-insensitive). */
public record TagsRemovedEvent(String accountId, IdentityRef identity, List<String> tagKeys, Instant occurredAt) implements IamEvent {
    public TagsRemovedEvent {
        tagKeys = List.copyOf(tagKeys);
    }
}
