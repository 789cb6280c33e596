package org.domainchat.archive;

import java.util.function.LongSupplier;

/**
 * Archive ids: increasing, unique across restarts, and roughly the time of archiving (milliseconds × 1000 plus a
 * counter), so they sort like the messages and stay valid even if the database was restored from an older backup.
 * Not thread-safe: the journal calls it under its lock.
 */
final class IdGenerator {

    private final LongSupplier clock;
    /** Written under the journal's lock; read by anyone (the archive's queries wait for it to be stored). */
    private volatile long last;

    IdGenerator(LongSupplier clock) {
        this.clock = clock;
    }

    long next() {
        last = Math.max(last + 1, clock.getAsLong() * 1000);
        return last;
    }

    /** The last id handed out (or the highest known at start). */
    long last() {
        return last;
    }

    void advancePast(long id) {
        last = Math.max(last, id);
    }
}
