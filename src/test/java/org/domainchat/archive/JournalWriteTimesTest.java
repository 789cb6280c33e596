package org.domainchat.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class JournalWriteTimesTest {

    @Test
    void percentilesFallInTheBucketOfTheTrueValue() {
        JournalWriteTimes times = new JournalWriteTimes();
        assertTrue(Double.isNaN(times.percentileMillis(0.5)), "nothing measured yet");
        for (int i = 1; i <= 1000; i++) {
            times.record(i * 10_000L); // 0.01 ms .. 10 ms
        }
        assertEquals(1000, times.count());
        double p50 = times.percentileMillis(0.50);
        double p99 = times.percentileMillis(0.99);
        assertTrue(p50 >= 5.0 && p50 <= 5.0 * 1.25, "p50 of 0.01..10 ms is 5 ms, within a bucket: " + p50);
        assertTrue(p99 >= 9.9 && p99 <= 9.9 * 1.25, "p99 is 9.9 ms, within a bucket: " + p99);
        assertTrue(times.percentileMillis(1.0) >= 10.0, "the maximum is in the last bucket reached");
    }

    @Test
    void aSingleSlowWriteShowsAtTheTopOnly() {
        JournalWriteTimes times = new JournalWriteTimes();
        for (int i = 0; i < 999; i++) {
            times.record(200_000L); // 0.2 ms
        }
        times.record(250_000_000L); // 250 ms
        assertTrue(times.percentileMillis(0.99) < 0.3, "p99 " + times.percentileMillis(0.99));
        assertTrue(times.percentileMillis(1.0) >= 250, "max " + times.percentileMillis(1.0));
    }

    @Test
    void countsWritesSlowerThanTenMillisecondsAndKeepsTheLongestExactly() {
        JournalWriteTimes times = new JournalWriteTimes();
        assertTrue(Double.isNaN(times.longestMillis()), "nothing measured yet");
        assertEquals(0, times.slowWrites());
        times.record(9_000_000L);
        times.record(10_000_000L); // exactly the limit is not slow
        times.record(10_000_001L);
        times.record(123_456_789L);
        times.record(300_000L);
        assertEquals(2, times.slowWrites());
        assertEquals(123.456789, times.longestMillis(), 1e-9);
        assertEquals(123.456789, times.percentileMillis(1.0), 1e-9, "the top bucket's edge is capped at the longest");
    }

    @Test
    void noPercentileIsAboveTheLongestWrite() {
        JournalWriteTimes times = new JournalWriteTimes();
        times.record(3_467_000L); // 3.467 ms: its bucket's upper edge is 3.584 ms
        assertEquals(3.467, times.longestMillis(), 1e-9);
        assertEquals(3.467, times.percentileMillis(0.50), 1e-9);
        assertEquals(3.467, times.percentileMillis(0.99), 1e-9);
    }
}
