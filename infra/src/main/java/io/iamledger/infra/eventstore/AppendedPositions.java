package io.iamledger.infra.eventstore;

import java.util.OptionalLong;

/**
 * The global sequence of the last event appended by the current thread's command, for read-your-writes.
 * Axon's simple command bus handles a command on the caller's thread, so the API thread that dispatched a
 * command can read here what its command appended. Call {@link #reset()} before dispatching.
 */
public final class AppendedPositions {
    private static final ThreadLocal<long[]> LAST = ThreadLocal.withInitial(() -> new long[] {-1L});

    private AppendedPositions() {}

    public static void reset() {
        LAST.get()[0] = -1L;
    }

    static void recordAppended(long globalSequence) {
        long[] slot = LAST.get();
        slot[0] = Math.max(slot[0], globalSequence);
    }

    /** The highest position appended on this thread since the last reset; empty when nothing was appended. */
    public static OptionalLong lastAppended() {
        long value = LAST.get()[0];
        return value < 0 ? OptionalLong.empty() : OptionalLong.of(value);
    }
}
