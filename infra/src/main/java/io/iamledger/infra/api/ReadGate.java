package io.iamledger.infra.api;

import io.iamledger.events.error.ErrorCode;
import io.iamledger.events.error.IamException;
import io.iamledger.query.projection.ProjectionConsumer;
import java.time.Duration;

/**
 * Read-your-writes: before a read, wait until the read model holds every event this server wrote for the
 * caller's account. If the projection cannot catch up within the configured wait, the read is refused with
 * {@code ServiceUnavailable} (which the AWS SDKs retry) rather than answered from a state older than the
 * caller's own write.
 */
final class ReadGate {
    private final WriteTracker writes;
    private final ProjectionConsumer projection;
    private final Duration timeout;

    ReadGate(WriteTracker writes, ProjectionConsumer projection, Duration timeout) {
        this.writes = writes;
        this.projection = projection;
        this.timeout = timeout;
    }

    /** Waits for every event this server wrote for the account: reads of the history, which records everything. */
    void awaitOwnWrites(String accountId) {
        await(accountId, writes.lastWritten(accountId));
    }

    /**
     * Waits for the account's events this server wrote that can change authorization: enough for authorizing and
     * for IAM's reads, which show nothing that the others (role sessions issued) record.
     */
    void awaitOwnChanges(String accountId) {
        await(accountId, writes.lastAuthorizationChange(accountId));
    }

    private void await(String accountId, long written) {
        if (written < 0) {
            return;
        }
        try {
            if (!projection.awaitApplied(accountId, written, timeout)) {
                throw new IamException(ErrorCode.SERVICE_UNAVAILABLE, "The read model is catching up; retry.");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IamException(ErrorCode.SERVICE_UNAVAILABLE, "Interrupted while waiting for the read model.");
        }
    }
}
