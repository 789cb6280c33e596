package org.domainchat.webmail.live;

import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A user's recent events, so a stream that drops (a reload, a network change) resumes where it stopped. The epoch
 * is random per log: an id from a log that no longer exists (a restart, an evicted user) is recognised as such and
 * answered with a reset rather than with a wrong gap.
 */
final class EventLog {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final String epoch = Long.toString(RANDOM.nextLong() & Long.MAX_VALUE, 36);
    private final int capacity;
    private final ArrayDeque<ChatEvent> recent = new ArrayDeque<>();
    private long seq;

    EventLog(int capacity) {
        this.capacity = Math.max(1, capacity);
    }

    synchronized ChatEvent append(String type, String data) {
        ChatEvent event = new ChatEvent(epoch + "-" + (++seq), type, data);
        recent.addLast(event);
        while (recent.size() > capacity) {
            recent.removeFirst();
        }
        return event;
    }

    /** The id of the newest event (or of "nothing yet"): where a fresh stream starts. */
    synchronized String lastId() {
        return epoch + "-" + seq;
    }

    /**
     * The events after {@code lastEventId}; empty when that id cannot be resumed from (another epoch, malformed, or
     * older than what is kept), so the caller must reset. A null id is a fresh stream: nothing to replay.
     */
    synchronized Optional<List<ChatEvent>> after(String lastEventId) {
        if (lastEventId == null || lastEventId.isBlank()) {
            return Optional.of(List.of());
        }
        int dash = lastEventId.lastIndexOf('-');
        if (dash < 0 || !lastEventId.substring(0, dash).equals(epoch)) {
            return Optional.empty();
        }
        long last;
        try {
            last = Long.parseLong(lastEventId.substring(dash + 1));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        if (last > seq || last < 0) {
            return Optional.empty();
        }
        long oldestKept = recent.isEmpty() ? seq + 1 : seqOf(recent.peekFirst());
        if (last + 1 < oldestKept) {
            return Optional.empty(); // the events right after it were dropped
        }
        List<ChatEvent> out = new ArrayList<>();
        for (ChatEvent e : recent) {
            if (seqOf(e) > last) {
                out.add(e);
            }
        }
        return Optional.of(out);
    }

    private static long seqOf(ChatEvent event) {
        return Long.parseLong(event.id().substring(event.id().lastIndexOf('-') + 1));
    }
}
