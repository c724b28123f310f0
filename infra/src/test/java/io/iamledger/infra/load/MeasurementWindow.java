package io.iamledger.infra.load;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The clock of one measured run: it starts when constructed, runs a warm-up that is not counted, then the measured
 * window. It also counts the calls completed in each second of the whole run. Thread-safe.
 */
final class MeasurementWindow {

    /** Where a call that completed at a given instant falls. */
    enum Phase { WARMUP, MEASURED, AFTER }

    private final long start;
    private final long windowStart;
    private final long windowEnd;
    private final AtomicLongArray perSecond;

    MeasurementWindow(Duration warmup, Duration duration) {
        this.start = System.nanoTime();
        this.windowStart = start + warmup.toNanos();
        this.windowEnd = windowStart + duration.toNanos();
        this.perSecond = new AtomicLongArray((int) ((windowEnd - start) / 1_000_000_000L) + 2);
    }

    /** Counts a call that completed at {@code nanoTime} (from {@link System#nanoTime}) and says where it falls. */
    Phase completed(long nanoTime) {
        int second = (int) ((nanoTime - start) / 1_000_000_000L);
        if (second < perSecond.length()) {
            perSecond.incrementAndGet(second);
        }
        return nanoTime < windowStart ? Phase.WARMUP : nanoTime < windowEnd ? Phase.MEASURED : Phase.AFTER;
    }

    /** When the measured window starts, in {@link System#nanoTime} terms. */
    long windowStart() {
        return windowStart;
    }

    /** When the measured window ends, in {@link System#nanoTime} terms. */
    long windowEnd() {
        return windowEnd;
    }

    boolean ended() {
        return System.nanoTime() >= windowEnd;
    }

    void awaitStart() throws InterruptedException {
        sleepUntil(windowStart);
    }

    void awaitEnd() throws InterruptedException {
        sleepUntil(windowEnd);
    }

    /** The calls completed in each second of the measured window, with the least and the most. */
    String perSecondLine() {
        StringBuilder line = new StringBuilder();
        int from = (int) ((windowStart - start) / 1_000_000_000L);
        int to = (int) ((windowEnd - start) / 1_000_000_000L);
        long min = Long.MAX_VALUE;
        long max = 0;
        for (int i = from; i < to; i++) {
            long n = perSecond.get(i);
            min = Math.min(min, n);
            max = Math.max(max, n);
            line.append(i == from ? "" : " ").append(n);
        }
        return "min " + min + ", max " + max + " calls: " + line;
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        for (long left = nanoTime - System.nanoTime(); left > 0; left = nanoTime - System.nanoTime()) {
            Thread.sleep(Math.max(1, Math.min(left / 1_000_000, 1_000)));
        }
    }
}
