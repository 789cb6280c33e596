package org.domainchat.unread;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Webmail's read state: per user and contact, the archive id read up to. The unread count of a contact is the
 * number of the contact's messages (see {@link ReadScope}) newer than both the marker and the user's own newest line
 * there, capped at {@link Unread#CAP}.
 *
 * <p>A user without any marker for a contact would otherwise see the contact's whole history as unread the first
 * time they open webmail. So the first time a user's read state is touched, a <b>floor</b> is stored for them: the
 * archive id of that moment. Nothing older than a user's floor is ever unread; the floor never moves afterwards.
 * Archive ids are milliseconds × 1000 plus a counter, so an id can be derived from the clock without asking the
 * database, and messages still on their way from the journal to the database fall on the right side of it.
 */
public final class ReadMarkers {

    private final ReadMarkerStore store;
    private final LongSupplier clock;
    private final ReadListener listener;

    public ReadMarkers(ReadMarkerStore store, LongSupplier clock, ReadListener listener) {
        this.store = store;
        this.clock = clock;
        this.listener = listener;
    }

    /**
     * The read state of {@code username} for one request, on one database connection (close it). The first time
     * ever, this sets the user's floor to now.
     */
    public ReadState open(String username) throws SQLException {
        Connection c = store.connect();
        try {
            long floor = store.floorOrCreate(c, username, idAt(clock.getAsLong()));
            Map<String, Long> markers = store.markers(c, username);
            return new ReadState(c, store, username, floor, markers, clock, listener);
        } catch (SQLException | RuntimeException e) {
            try {
                c.close();
            } catch (SQLException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    /** The smallest archive id given out at {@code millis} (the archive's ids: ms × 1000 + a counter). */
    static long idAt(long millis) {
        return millis * 1000;
    }
}
