package io.iamledger.infra.api;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers, per account, the global sequence of the newest event this server wrote, so that a read can wait for
 * the read model to reach it: when a write call returns, a read through the API on the same server sees it. Also
 * the newest of those that can change authorization, which is where the authorization index must have been
 * rebuilt from: a write that only records something (a role session issued) leaves the index's state valid.
 * Thread-safe.
 */
final class WriteTracker {
    private final ConcurrentHashMap<String, Long> lastWritten = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Long> lastChange = new ConcurrentHashMap<>();

    void written(String accountId, long globalSequence, boolean changesAuthorization) {
        lastWritten.merge(accountId, globalSequence, Math::max);
        if (changesAuthorization) {
            lastChange.merge(accountId, globalSequence, Math::max);
        }
    }

    /** The newest position written for the account, or -1 when this server wrote nothing for it. */
    long lastWritten(String accountId) {
        return lastWritten.getOrDefault(accountId, -1L);
    }

    /** The newest position written for the account by an authorization-changing event, or -1. */
    long lastAuthorizationChange(String accountId) {
        return lastChange.getOrDefault(accountId, -1L);
    }
}
