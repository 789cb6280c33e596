package org.domainchat.unread;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.function.LongSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One user's read state during one request (from {@link ReadMarkers#open}); not shared between threads. */
public final class ReadState implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ReadState.class);

    /**
     * How far ahead of the clock a marked id may be. Ids run ahead of the clock only when more than 1000 messages are
     * archived in one millisecond; anything further ahead is not an id the archive handed out.
     */
    static final long CLOCK_SLACK_MILLIS = 60_000;

    /** An id to mark read up to that the archive has not handed out (yet). */
    public static final class BeyondArchive extends Exception {
        BeyondArchive(long upTo) {
            super("no message " + upTo + " has been archived yet", null, false, false);
        }
    }

    /**
     * @param upTo  the archive id the contact is now read up to
     * @param moved false when the marker already was at or past it (another tab was quicker)
     */
    public record Marked(long upTo, boolean moved) {
    }

    private final Connection connection;
    private final ReadMarkerStore store;
    private final String username;
    private final long floor;
    private final Map<String, Long> markers;
    private final LongSupplier clock;
    private final ReadListener listener;

    ReadState(Connection connection, ReadMarkerStore store, String username, long floor, Map<String, Long> markers,
              LongSupplier clock, ReadListener listener) {
        this.connection = connection;
        this.store = store;
        this.username = username;
        this.floor = floor;
        this.markers = markers;
        this.clock = clock;
        this.listener = listener;
    }

    /** The archive id below which nothing is unread for this user. */
    public long floor() {
        return floor;
    }

    /** The contact's unread messages for this user. */
    public Unread unread(ReadScope scope) throws SQLException {
        checkOwner(scope);
        return UnreadQueries.count(connection, scope, readUpTo(scope));
    }

    /** The id this user has read up to in {@code scope}: the marker or the floor, whichever is later. */
    public long readUpTo(ReadScope scope) {
        checkOwner(scope);
        return Math.max(floor, markers.getOrDefault(scope.peer(), floor));
    }

    /**
     * Marks {@code scope} read up to {@code upTo} (an archive id), or, when null, up to everything archived so far.
     * The marker only moves forward; the listener hears of it when it moved.
     *
     * @throws BeyondArchive when {@code upTo} is later than any id the archive has handed out
     */
    public Marked mark(ReadScope scope, Long upTo) throws SQLException, BeyondArchive {
        checkOwner(scope);
        long newest = UnreadQueries.newest(connection, scope);
        long now = clock.getAsLong();
        long target;
        if (upTo == null) {
            target = Math.max(ReadMarkers.idAt(now + 1) - 1, newest);
        } else {
            // the thread's newest id counts too: after a clock step back, stored ids can be ahead of the clock
            if (upTo > Math.max(ReadMarkers.idAt(now + CLOCK_SLACK_MILLIS), newest)) {
                throw new BeyondArchive(upTo);
            }
            target = upTo;
        }
        ReadMarkerStore.Advanced advanced = store.advance(connection, username, scope.peer(), target);
        markers.put(scope.peer(), advanced.lastRead());
        if (advanced.moved()) {
            try {
                listener.markedRead(username, scope.contactJid(), advanced.lastRead());
            } catch (RuntimeException e) {
                // the marker is stored; the other tabs catch up on their next reload
                LOG.warn("domainchat: telling {}'s other tabs about a read marker failed", username, e);
            }
        }
        return new Marked(advanced.lastRead(), advanced.moved());
    }

    /** A user's state answers only for threads of that user: no call can read or move someone else's. */
    private void checkOwner(ReadScope scope) {
        if (!scope.ownerNode().equals(username)) {
            throw new IllegalArgumentException(scope.ownerJid() + " is not " + username);
        }
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
