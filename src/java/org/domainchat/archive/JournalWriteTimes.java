package org.domainchat.archive;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * How long the journal's batch writes take, write and force together: the disk's own latency as the archive meets
 * it, under whatever else the machine writes at the time. The capacity benchmark prints it beside the latency
 * archiving adds, so that a slow disk is told apart from a slow archive. Buckets of a quarter power of two of a
 * microsecond: a percentile is exact to within 19 %. Written by the journal thread only; read from anywhere.
 */
public final class JournalWriteTimes {
    private static final int BUCKETS = 128;
    /**
     * A write slower than this alone uses up the latency archiving may add at the 99th percentile: the count of such
     * writes tells an admin whether the disk, not the archive, makes chat wait.
     */
    public static final long SLOW_MILLIS = 10;
    private static final long SLOW_NANOS = TimeUnit.MILLISECONDS.toNanos(SLOW_MILLIS);
    private final AtomicLongArray counts = new AtomicLongArray(BUCKETS);
    private final AtomicLong slow = new AtomicLong();
    private final AtomicLong longestNanos = new AtomicLong();

    void record(long nanos) {
        counts.incrementAndGet(bucket(Math.max(1, nanos / 1000)));
        if (nanos > SLOW_NANOS) {
            slow.incrementAndGet();
        }
        longestNanos.accumulateAndGet(nanos, Math::max);
    }

    /** Number of writes that took longer than {@link #SLOW_MILLIS}: each held every message of its batch that long. */
    public long slowWrites() {
        return slow.get();
    }

    /** The longest write, exactly, in milliseconds; NaN before any write. */
    public double longestMillis() {
        return count() == 0 ? Double.NaN : longestNanos.get() / 1e6;
    }

    private static int bucket(long micros) {
        // four buckets per doubling: 63 - leading zeros gives the power of two, the next two bits the quarter
        int power = 63 - Long.numberOfLeadingZeros(micros);
        int quarter = (int) (((micros << 2) >>> power) & 3);
        return Math.min(BUCKETS - 1, power * 4 + quarter);
    }

    private static double upperMicros(int bucket) {
        int power = bucket / 4;
        int quarter = bucket % 4;
        return Math.pow(2, power) * (1 + (quarter + 1) / 4.0);
    }

    /** Number of batch writes measured. */
    public long count() {
        long n = 0;
        for (int i = 0; i < BUCKETS; i++) {
            n += counts.get(i);
        }
        return n;
    }

    /**
     * The {@code p} percentile (0 to 1) in milliseconds, as the upper edge of its bucket but never above the longest
     * write (a page showing a median above the longest would contradict itself); NaN before any write.
     */
    public double percentileMillis(double p) {
        long n = count();
        if (n == 0) {
            return Double.NaN;
        }
        long rank = Math.max(1, (long) Math.ceil(p * n));
        long seen = 0;
        int bucket = BUCKETS - 1;
        for (int i = 0; i < BUCKETS; i++) {
            seen += counts.get(i);
            if (seen >= rank) {
                bucket = i;
                break;
            }
        }
        return Math.min(upperMicros(bucket) / 1000.0, longestNanos.get() / 1e6);
    }
}
