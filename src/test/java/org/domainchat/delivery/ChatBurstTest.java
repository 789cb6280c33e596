package org.domainchat.delivery;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class ChatBurstTest {

    private final AtomicLong now = new AtomicLong(TimeUnit.HOURS.toNanos(5));
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicInteger backlog = new AtomicInteger();
    private final ChatBurst burst = new ChatBurst(backlog::get, delivered::get, now::get);

    /** Delivers {@code perSecond} for {@code millis}, asking every 5 ms as the waiting writer does; true if ever busy. */
    private boolean deliverAt(int perSecond, long millis) {
        boolean busy = false;
        for (long t = 0; t < millis; t += 5) {
            now.addAndGet(TimeUnit.MILLISECONDS.toNanos(5));
            delivered.addAndGet(perSecond / 200);
            busy |= burst.busy();
        }
        return busy;
    }

    @Test
    void steadyChatOfALargeDomainIsNotBusy() {
        assertFalse(deliverAt(1000, 10_000));
        assertFalse(deliverAt(4000, 10_000), "4,000 msg/s is below a burst");
    }

    @Test
    void aBurstIsBusyAndStaysSoForTwoSecondsAfterItEnded() {
        assertFalse(deliverAt(1000, 2000));
        assertTrue(deliverAt(30_000, 2000), "30,000 msg/s");
        assertTrue(burst.busy());
        assertTrue(deliverAt(0, 1500), "1.5 s after the burst the network threads may still be writing it");
        assertTrue(burst.busy());
        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(600));
        assertFalse(burst.busy(), "quiet again two seconds after the burst");
    }

    @Test
    void aLongQuietSpellIsNotTakenForABurst() {
        deliverAt(1000, 1000);
        now.addAndGet(TimeUnit.MINUTES.toNanos(10)); // nobody asked for ten minutes, 100 messages came
        delivered.addAndGet(100);
        assertFalse(burst.busy());
    }

    @Test
    void aLargeBacklogIsBusyWhateverTheRate() {
        backlog.set(ChatBurst.BUSY_BACKLOG + 1);
        assertTrue(burst.busy());
        backlog.set(ChatBurst.BUSY_BACKLOG);
        assertFalse(burst.busy());
    }
}
