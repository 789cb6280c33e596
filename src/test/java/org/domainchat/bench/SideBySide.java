package org.domainchat.bench;

import java.util.Arrays;

/**
 * Times an operation of ours and its raw limit alternately, round by round, so that both meet the same moments of a
 * shared, noisy machine; the first rounds warm the JIT up and are not counted.
 */
final class SideBySide {

    /** One timed piece of work. */
    interface Work {
        void run() throws Exception;
    }

    /** Sorted timings in nanoseconds. */
    record Timings(long[] ours, long[] raw) {
        double oursMillis(double percentile) {
            return at(ours, percentile);
        }

        double rawMillis(double percentile) {
            return at(raw, percentile);
        }

        /** Ours over raw at the median. */
        double ratio() {
            return oursMillis(0.5) / rawMillis(0.5);
        }

        private static double at(long[] sorted, double percentile) {
            return sorted[Math.min(sorted.length - 1, (int) Math.ceil(percentile * sorted.length) - 1)] / 1e6;
        }
    }

    private SideBySide() {
    }

    static Timings measure(int warmups, int rounds, Work ours, Work raw) throws Exception {
        long[] oursNanos = new long[rounds];
        long[] rawNanos = new long[rounds];
        for (int round = -warmups; round < rounds; round++) {
            long start = System.nanoTime();
            ours.run();
            long mid = System.nanoTime();
            raw.run();
            long end = System.nanoTime();
            if (round >= 0) {
                oursNanos[round] = mid - start;
                rawNanos[round] = end - mid;
            }
        }
        Arrays.sort(oursNanos);
        Arrays.sort(rawNanos);
        return new Timings(oursNanos, rawNanos);
    }
}
