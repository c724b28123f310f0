package io.iamledger.events;

import java.time.Instant;

/**
 * A fact about one account's IAM state. Every event is an immutable record carrying the account it belongs to
 * and the instant it happened (taken at the edge, never inside a handler, so replays are deterministic).
 * No event ever carries a secret.
 */
public interface IamEvent {
    /** The 12-digit AWS account id the event belongs to. */
    String accountId();

    /** When the change happened, UTC. */
    Instant occurredAt();

    /**
     * Whether the event can change what a call is allowed: the entities, policies, memberships, tags and trust that
     * authorization reads. Only records of what happened without changing any of that (a role session issued)
     * answer false, so that they leave cached authorization state valid.
     */
    default boolean changesAuthorization() {
        return true;
    }
}
