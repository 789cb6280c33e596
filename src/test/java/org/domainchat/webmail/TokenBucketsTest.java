package org.domainchat.webmail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class TokenBucketsTest {

    private static final Duration MINUTE = Duration.ofMinutes(1);

    @Test
    void aBucketAllowsItsBurstThenRefillsSteadily() {
        TokenBuckets buckets = new TokenBuckets(100);
        for (int i = 0; i < 6; i++) {
            assertEquals(0, buckets.tryTake("alice", 6, MINUTE, 1_000));
        }
        assertEquals(10_000, buckets.tryTake("alice", 6, MINUTE, 1_000), "6 a minute: the next in 10 s");
        assertEquals(4_000, buckets.tryTake("alice", 6, MINUTE, 7_000));
        assertEquals(0, buckets.tryTake("alice", 6, MINUTE, 11_000));
        assertEquals(10_000, buckets.tryTake("alice", 6, MINUTE, 11_000));
        assertEquals(0, buckets.tryTake("bob", 6, MINUTE, 11_000), "keys are independent");
        for (int i = 0; i < 6; i++) {
            assertEquals(0, buckets.tryTake("alice", 6, MINUTE, 1_000_000), "refilled to the burst, no further");
        }
        assertTrue(buckets.tryTake("alice", 6, MINUTE, 1_000_000) > 0);
    }

    @Test
    void aClockSteppingBackRefillsNothing() {
        TokenBuckets buckets = new TokenBuckets(10);
        assertEquals(0, buckets.tryTake("k", 1, MINUTE, 100_000));
        assertEquals(60_000, buckets.tryTake("k", 1, MINUTE, 40_000));
        assertEquals(0, buckets.tryTake("k", 1, MINUTE, 160_000));
    }

    @Test
    void aTokenGivenBackCanBeTakenAgainButNeverBeyondCapacity() {
        TokenBuckets buckets = new TokenBuckets(10);
        assertEquals(0, buckets.tryTake("k", 2, MINUTE, 0));
        assertEquals(0, buckets.tryTake("k", 2, MINUTE, 0));
        buckets.giveBack("k", 2);
        assertEquals(0, buckets.tryTake("k", 2, MINUTE, 0));
        buckets.giveBack("k", 2);
        buckets.giveBack("k", 2);
        buckets.giveBack("k", 2);
        assertEquals(0, buckets.tryTake("k", 2, MINUTE, 0));
        assertEquals(0, buckets.tryTake("k", 2, MINUTE, 0));
        assertTrue(buckets.tryTake("k", 2, MINUTE, 0) > 0);
        buckets.giveBack("unknown", 2);
        assertEquals(1, buckets.size());
    }

    @Test
    void theTableStaysBoundedAndForgetsFullBucketsFirst() {
        TokenBuckets buckets = new TokenBuckets(100);
        for (int i = 0; i < 50; i++) {
            buckets.tryTake("spent" + i, 1, MINUTE, 0); // empty until a minute has passed
        }
        for (int i = 0; i < 10_000; i++) {
            buckets.tryTake("passing" + i, 1, MINUTE, 120_000 + i); // each is full again a minute later
            assertTrue(buckets.size() <= 100, "size " + buckets.size());
        }

        TokenBuckets all = new TokenBuckets(100);
        for (int i = 0; i < 100; i++) {
            all.tryTake("k" + i, 1, MINUTE, 0);
        }
        assertEquals(60_000, all.tryTake("k99", 1, MINUTE, 0));
        all.tryTake("newcomer", 1, MINUTE, 0); // nothing is full: the least recently used tenth goes
        assertEquals(91, all.size());
        assertEquals(0, all.tryTake("k0", 1, MINUTE, 0), "k0 was forgotten");
        assertEquals(60_000, all.tryTake("k99", 1, MINUTE, 0), "k99 was used last and is kept");
    }
}
