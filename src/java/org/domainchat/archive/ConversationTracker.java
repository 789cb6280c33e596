package org.domainchat.archive;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Knows the latest conversation of each recently active pair so the writer can assign messages without a query
 * per message: pairs missing from the cache are looked up once per batch, in one query. Only the archive writer
 * thread uses it. A failed transaction must {@link #forget} everything, because the cache then runs ahead of the
 * database.
 */
final class ConversationTracker {

    private static final int CACHED_PAIRS = 20_000;

    private final LongSupplier idleGapMillis;
    /** Latest conversation per pair key; an empty Optional means the pair has none yet. */
    private final Map<String, Optional<Conversation>> latest = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Optional<Conversation>> eldest) {
            return size() > CACHED_PAIRS;
        }
    };

    ConversationTracker(LongSupplier idleGapMillis) {
        this.idleGapMillis = idleGapMillis;
    }

    /** The conversation that a message belongs to after it is added; {@code isNew} tells whether it starts one. */
    record Assignment(Conversation conversation, boolean isNew) {
    }

    /** Loads, in one query, the latest conversation of every pair in {@code batch} that the cache does not know. */
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
        Map<String, Conversation> found = store.latestConversations(connection, new ArrayList<>(missing.keySet()));
        missing.forEach((key, pair) -> {
            Conversation c = found.get(key);
            latest.put(key, Optional.ofNullable(c != null && c.parties().equals(pair) ? c : null));
        });
    }

    /** Assigns {@code m} (whose pair key is {@code key}, already {@link #prefetch}ed) to a conversation. */
    Assignment assign(ArchivedMessage m, String key) {
        Optional<Conversation> cached = latest.get(key);
        Conversation current = cached == null ? null : cached.orElse(null);
        Assignment result;
        if (current == null || m.sentAt() - current.endedAt() > idleGapMillis.getAsLong()) {
            result = new Assignment(Conversation.startedBy(m), true);
        } else {
            result = new Assignment(current.extendedBy(m), false);
        }
        latest.put(key, Optional.of(result.conversation()));
        return result;
    }

    void forget() {
        latest.clear();
    }
}
