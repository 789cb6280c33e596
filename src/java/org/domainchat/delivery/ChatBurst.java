package org.domainchat.delivery;

import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

import org.domainchat.archive.ChatLoad;

/**
 * Whether chat is busy, for the archive's background work: many messages waiting for our delivery lanes now, or a
 * burst delivered in the last two seconds. The lanes hand each message to Openfire, whose network threads then
 * still write it to the recipient's socket: in a real Openfire 5.1.1 a burst of 60,000 messages left the lanes
 * empty while those threads went on writing for another one and a half seconds, and the database writer, no longer
 * held back by the lanes' backlog, took the cores they needed. So a burst is remembered a little while.
 */
final class ChatBurst implements ChatLoad {

    static final int BUSY_BACKLOG = 256;
    /** Delivery rate measured over windows of this length. */
    static final long WINDOW_NANOS = TimeUnit.MILLISECONDS.toNanos(250);
    /** A window with more deliveries than this (5,000 a second) is a burst; steady chat of a large domain is not. */
    static final long BURST_PER_WINDOW = 1250;
    /** How long after the last burst window chat still counts as busy. */
    static final long AFTER_BURST_NANOS = TimeUnit.SECONDS.toNanos(2);

    private final IntSupplier backlog;
    private final LongSupplier delivered;
    private final LongSupplier nanoClock;
    private long windowStart;
    private long windowCount;
    private long lastBurst;

    ChatBurst(IntSupplier backlog, LongSupplier delivered, LongSupplier nanoClock) {
        this.backlog = backlog;
        this.delivered = delivered;
        this.nanoClock = nanoClock;
        this.windowStart = nanoClock.getAsLong();
        this.windowCount = delivered.getAsLong();
        this.lastBurst = windowStart - AFTER_BURST_NANOS;
    }

    @Override
    public synchronized boolean busy() {
        long now = nanoClock.getAsLong();
        long elapsed = now - windowStart;
        if (elapsed >= WINDOW_NANOS) {
            long count = delivered.getAsLong();
            // the rate over the whole time since the last look, so a long quiet spell is never taken for a burst
            if ((double) (count - windowCount) * WINDOW_NANOS > (double) BURST_PER_WINDOW * elapsed) {
                lastBurst = now;
            }
            windowStart = now;
            windowCount = count;
        }
        return backlog.getAsInt() > BUSY_BACKLOG || now - lastBurst < AFTER_BURST_NANOS;
    }
}
