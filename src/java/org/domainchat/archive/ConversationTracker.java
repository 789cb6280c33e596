package org.domainchat.archive;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Assigns messages to conversations on the archive writer thread. It remembers, per recently active pair, the
 * current conversation and the time of its last message; pairs it does not know are looked up once per batch, from
 * their newest archived message. Only a conversation's start is written ({@code dcConversation}); its end and size
 * are read from the messages when someone lists conversations, which keeps the hot write path lean.
 * A failed transaction must {@link #forget} everything, because the cache then runs ahead of the database.
 */
final class ConversationTracker {

    private static final int CACHED_PAIRS = 20_000;
    private static final Latest NONE = new Latest(0, Long.MIN_VALUE);

    /** A pair's current conversation and the archive time of its newest message; {@link #NONE} when it has none. */
    record Latest(long conversationId, long lastSentAt) {
    }

    private final LongSupplier idleGapMillis;
    private final Map<String, Latest> latest = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Latest> eldest) {
            return size() > CACHED_PAIRS;
        }
    };

    ConversationTracker(LongSupplier idleGapMillis) {
        this.idleGapMillis = idleGapMillis;
    }

    /** Looks up, in one query, the pairs of {@code batch} (with pair keys {@code keys}) that the cache lacks. */
    void prefetch(Connection connection, ArchiveStore store, List<ArchivedMessage> batch, List<String> keys)
            throws SQLException {
        Map<String, PartyPair> missing = new HashMap<>();
        for (int i = 0; i < batch.size(); i++) {
            if (!latest.containsKey(keys.get(i))) {
                missing.putIfAbsent(keys.get(i), batch.get(i).parties());
            }
        }
        if (missing.isEmpty()) {
            return;
        }
        Map<String, ArchivedMessage> newest = store.newestMessages(connection, new ArrayList<>(missing.keySet()));
        missing.forEach((key, pair) -> {
            ArchivedMessage m = newest.get(key);
            // a digest collision (never seen, but possible in theory) must not join two pairs' conversations
            latest.put(key, m != null && m.parties().equals(pair) ? new Latest(m.conversationId(), m.sentAt()) : NONE);
        });
    }

    /**
     * The conversation {@code m} belongs to, or a new one when the pair has none or has been quiet for longer than
     * the idle gap; returns the conversation id and whether {@code m} starts it.
     */
    Assignment assign(ArchivedMessage m, String key) {
        Latest current = latest.getOrDefault(key, NONE);
        boolean starts = current == NONE || m.sentAt() - current.lastSentAt() > idleGapMillis.getAsLong();
        long id = starts ? m.id() : current.conversationId();
        latest.put(key, new Latest(id, Math.max(m.sentAt(), starts ? m.sentAt() : current.lastSentAt())));
        return new Assignment(id, starts);
    }

    record Assignment(long conversationId, boolean starts) {
    }

    void forget() {
        latest.clear();
    }
}
