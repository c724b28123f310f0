package io.iamledger.events;

import java.time.Instant;
import java.util.Objects;

/**
 * An event as the store committed it: the payload plus its place in the log. This is the unit published to
 * Kafka topic {@code iam.events} (keyed by account id). Consumers deduplicate by {@link #globalSequence()},
 * which is gap-free in commit order except where a transaction rolled back.
 *
 * @param globalSequence    position in the whole log, increasing in commit order
 * @param eventId           the store's unique id of the event
 * @param aggregateId       the aggregate that emitted it
 * @param aggregateSequence position within that aggregate's stream, from 0
 * @param event             the payload
 */
public record EventEnvelope(long globalSequence, String eventId, String aggregateId, long aggregateSequence,
                            IamEvent event) {
    public EventEnvelope {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(aggregateId, "aggregateId");
        Objects.requireNonNull(event, "event");
        if (globalSequence < 0) {
            throw new IllegalArgumentException("globalSequence must be >= 0: " + globalSequence);
        }
    }

    public String accountId() {
        return event.accountId();
    }

    public Instant occurredAt() {
        return event.occurredAt();
    }
}
