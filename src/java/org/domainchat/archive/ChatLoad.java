package org.domainchat.archive;

import java.util.concurrent.TimeUnit;

/**
 * Whether the server is busy delivering chat right now. The archive's background work (moving messages into the
 * database, indexing them, merging index segments) may then wait a little, since the journal already holds every
 * message: on a machine whose cores are all busy, chat goes first and history catches up after the burst.
 */
@FunctionalInterface
public interface ChatLoad {

    /** Never busy: background work never waits (tools, tests, and servers without the delivery lanes). */
    ChatLoad NONE = () -> false;

    boolean busy();

    /**
     * Waits while chat is busy, at most {@code maxMillis}, so a caller that yields in a loop still makes progress.
     * An interrupt ends the wait at once and stays set.
     */
    default void yieldFor(long maxMillis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(maxMillis);
        while (busy() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
