package org.domainchat.delivery;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class ChatBurstTest {

    private final AtomicLong now = new AtomicLong(TimeUnit.HOURS.toNanos(5));
    private final AtomicInteger backlog = new AtomicInteger();
    private final ChatBurst burst = new ChatBurst(backlog::get, now::get);

    private void later(long millis) {
        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(millis));
    }

    @Test
    void chatTheLanesKeepUpWithIsNotBusy() {
        for (int i = 0; i < 1000; i++) {
            backlog.set(i % 40); // a few messages waiting for their journal batch, whatever the rate
            later(5);
            assertFalse(burst.busy());
        }
    }

    @Test
    void aBacklogIsBusyAndStaysSoForTwoSecondsAfterItEmptied() {
        backlog.set(ChatBurst.BUSY_BACKLOG + 1);
        assertTrue(burst.busy());
        later(1000);
        assertTrue(burst.busy());
        backlog.set(0); // the lanes handed the burst to Openfire, whose network threads still write it out
        later(1500);
        assertTrue(burst.busy(), "1.5 s after the backlog emptied");
        later(600);
        assertFalse(burst.busy(), "quiet again two seconds after");
    }

    @Test
    void aBacklogOfExactlyTheLimitIsNotBusy() {
        backlog.set(ChatBurst.BUSY_BACKLOG);
        assertFalse(burst.busy());
    }
}
