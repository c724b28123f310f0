package io.iamledger.infra.load;

import java.util.HashMap;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * One client thread's tallies of one kind of call: the latencies of the calls that succeeded within the measured
 * window, the failures there by code (with the first message of each), and how many calls completed during the
 * warm-up. Not thread-safe: one per thread, read after the thread stops.
 */
final class CallTally {
    final Histogram latency = Latency.histogram();
    final Map<String, Long> errors = new HashMap<>();
    final Map<String, String> examples = new HashMap<>();
    long warmupCalls;

    /** Makes a call, times it and tallies it; returns null when it succeeded, or its failure's code. */
    String time(MeasurementWindow window, Runnable call) {
        long t0 = System.nanoTime();
        String failure = make(call);
        tally(window, t0, System.nanoTime(), failure);
        return failure;
    }

    /** Makes a call; returns null when it succeeded, or its failure's code (AWS error code, or client-side exception). */
    String make(Runnable call) {
        try {
            call.run();
            return null;
        } catch (WriteClient.CallFailed e) {
            return example(e.code, e);
        } catch (RuntimeException e) {
            return example(e.getClass().getSimpleName(), e);
        }
    }

    /** Tallies a call made from {@code t0} to {@code t1} ({@code failure} null when it succeeded). */
    MeasurementWindow.Phase tally(MeasurementWindow window, long t0, long t1, String failure) {
        MeasurementWindow.Phase phase = window.completed(t1);
        if (phase == MeasurementWindow.Phase.WARMUP) {
            warmupCalls++;
        } else if (phase == MeasurementWindow.Phase.MEASURED) {
            if (failure == null) {
                Latency.record(latency, t1 - t0);
            } else {
                errors.merge(failure, 1L, Long::sum);
            }
        }
        return phase;
    }

    /** Keeps the first failure message seen for {@code code} (at most 200 characters) and returns the code. */
    private String example(String code, Exception e) {
        String message = String.valueOf(e.getMessage());
        examples.putIfAbsent(code, message.length() > 200 ? message.substring(0, 200) + "..." : message);
        return code;
    }
}
