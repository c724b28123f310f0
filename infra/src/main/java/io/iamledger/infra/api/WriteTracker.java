package io.iamledger.infra.api;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers, per account, the global sequence of the newest event this server wrote, so that a read can wait for
 * the read model to reach it: when a write call returns, a read through the API on the same server sees it.
 * Thread-safe.
 */
final class WriteTracker {
    private final ConcurrentHashMap<String, Long> lastWritten = new ConcurrentHashMap<>();

    void written(String accountId, long globalSequence) {
        lastWritten.merge(accountId, globalSequence, Math::max);
    }

    /** The newest position written for the account, or -1 when this server wrote nothing for it. */
    long lastWritten(String accountId) {
        return lastWritten.getOrDefault(accountId, -1L);
    }
}
