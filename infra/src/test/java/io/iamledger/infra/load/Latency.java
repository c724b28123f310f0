package io.iamledger.infra.load;

import java.util.Locale;
import org.HdrHistogram.Histogram;

/** Latency histograms in microseconds (1 µs to 10 min, 3 significant digits) and their one-line summaries. */
final class Latency {
    static final long HIGHEST_MICROS = 600_000_000L;

    private Latency() {}

    static Histogram histogram() {
        return new Histogram(HIGHEST_MICROS, 3);
    }

    static void record(Histogram histogram, long nanos) {
        histogram.recordValue(Math.max(0, Math.min(HIGHEST_MICROS, nanos / 1_000)));
    }

    /** {@code p50 1.23 ms  p90 ...  p99 ...  max ...  (n=…)}, or {@code no samples}. */
    static String summary(Histogram h) {
        if (h.getTotalCount() == 0) {
            return "no samples";
        }
        return String.format(Locale.ROOT, "p50 %s  p90 %s  p99 %s  max %s  (mean %s, n=%,d)",
                ms(h.getValueAtPercentile(50)), ms(h.getValueAtPercentile(90)), ms(h.getValueAtPercentile(99)),
                ms(h.getMaxValue()), ms((long) h.getMean()), h.getTotalCount());
    }

    static String ms(long micros) {
        return String.format(Locale.ROOT, micros < 10_000 ? "%.2f ms" : "%.1f ms", micros / 1000.0);
    }
}
