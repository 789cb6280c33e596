package org.domainchat.delivery;

import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

import org.domainchat.archive.ChatLoad;

/**
 * Whether chat is busy, for the archive's background work: many messages waiting for our delivery lanes now, or so in
 * the last two seconds. The lanes hand each message to Openfire, whose network threads then still write it to the
 * recipient's socket: in a real Openfire 5.1.1 a burst of 60,000 messages left the lanes empty while those threads
 * went on writing for another one and a half seconds, and the database writer, no longer held back by the lanes'
 * backlog, took the cores they needed. So a burst is remembered a little while. Steady chat that the cores keep up
 * with, at any rate, never builds the backlog and is never busy.
 */
final class ChatBurst implements ChatLoad {

    /** At a calm rate a held message waits a few ms for its journal batch: a backlog this size means cores are short. */
    static final int BUSY_BACKLOG = 256;
    /** How long after the backlog was last seen chat still counts as busy. */
    static final long AFTER_BURST_NANOS = TimeUnit.SECONDS.toNanos(2);

    private final IntSupplier backlog;
    private final LongSupplier nanoClock;
    private volatile long lastBusy;

    ChatBurst(IntSupplier backlog, LongSupplier nanoClock) {
        this.backlog = backlog;
        this.nanoClock = nanoClock;
        this.lastBusy = nanoClock.getAsLong() - AFTER_BURST_NANOS;
    }

    @Override
    public boolean busy() {
        long now = nanoClock.getAsLong();
        if (backlog.getAsInt() > BUSY_BACKLOG) {
            lastBusy = now;
            return true;
        }
        return now - lastBusy < AFTER_BURST_NANOS;
    }
}
