package org.domainchat.archive;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Knows the latest conversation of each recently active pair so the writer can assign messages without a query.
 * Only the archive writer thread uses it. A failed transaction must {@link #forget} everything, because the cache
 * then runs ahead of the database.
 */
final class ConversationTracker {

    private static final int CACHED_PAIRS = 20_000;

    private final LongSupplier idleGapMillis;
    private final Map<String, Conversation> latest = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Conversation> eldest) {
            return size() > CACHED_PAIRS;
        }
    };

    ConversationTracker(LongSupplier idleGapMillis) {
        this.idleGapMillis = idleGapMillis;
    }

    /** The conversation that {@code m} belongs to after it is added; {@code isNew} tells whether it starts one. */
    record Assignment(Conversation conversation, boolean isNew) {
    }

    Assignment assign(Connection connection, ArchiveStore store, ArchivedMessage m) throws SQLException {
        PartyPair pair = m.parties();
        String key = pair.key();
        Conversation current = latest.get(key);
        if (current == null) {
            current = store.latestConversation(connection, pair);
        }
        Assignment result;
        if (current == null || m.sentAt() - current.endedAt() > idleGapMillis.getAsLong()) {
            result = new Assignment(Conversation.startedBy(m), true);
        } else {
            result = new Assignment(current.extendedBy(m), false);
        }
        latest.put(key, result.conversation());
        return result;
    }

    void forget() {
        latest.clear();
    }
}
