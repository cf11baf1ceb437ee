package dev.defactify.training.quantize;

import java.nio.FloatBuffer;

/**
 * What calibration accumulates for one tensor: its span in a first pass and, for percentile calibration, a histogram
 * over that span in a second, so a percentile of tens of millions of values costs a fixed 8,192 counters.
 */
final class ValueStatistics {
    static final int BINS = 8192;

    private float min = Float.POSITIVE_INFINITY;
    private float max = Float.NEGATIVE_INFINITY;
    private long[] histogram;
    private long count;

    void span(FloatBuffer values) {
        float lo = min;
        float hi = max;
        for (int i = values.position(); i < values.limit(); i++) {
            float v = values.get(i);
            if (v < lo) {
                lo = v;
            }
            if (v > hi) {
                hi = v;
            }
        }
        min = lo;
        max = hi;
    }

    void histogram(FloatBuffer values) {
        if (histogram == null) {
            histogram = new long[BINS];
        }
        double width = (max - min) / (double) BINS;
        for (int i = values.position(); i < values.limit(); i++) {
            int bin = width > 0 ? (int) ((values.get(i) - min) / width) : 0;
            histogram[Math.max(0, Math.min(BINS - 1, bin))]++;
        }
        count += values.limit() - values.position();
    }

    ActivationRange range(CalibrationMethod method) {
        if (min > max) {
            throw new IllegalStateException("no values were seen");
        }
        return switch (method) {
            case CalibrationMethod.MinMax minMax -> new ActivationRange(min, max);
            case CalibrationMethod.Percentile percentile -> percentiles(percentile.percent());
        };
    }

    private ActivationRange percentiles(double percent) {
        if (histogram == null || count == 0) {
            throw new IllegalStateException("percentile calibration needs the histogram pass");
        }
        double width = (max - min) / (double) BINS;
        long tail = (long) Math.floor(count * (100 - percent) / 100);
        // Lower edge of the first bin past the lower tail, upper edge of the last bin before the upper tail.
        long seen = 0;
        int low = 0;
        while (low < BINS - 1 && seen + histogram[low] <= tail) {
            seen += histogram[low++];
        }
        seen = 0;
        int high = BINS - 1;
        while (high > 0 && seen + histogram[high] <= tail) {
            seen += histogram[high--];
        }
        float lo = low == 0 ? min : (float) (min + low * width);
        float hi = high == BINS - 1 ? max : (float) (min + (high + 1) * width);
        return new ActivationRange(Math.min(lo, hi), Math.max(lo, hi));
    }
}
