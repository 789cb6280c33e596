package org.domainchat.archive;

/**
 * A run of messages between two parties without an idle gap longer than the configured one.
 *
 * @param id        the archive id of its first message
 * @param firstLine the start of its first message, for lists
 */
public record Conversation(long id, PartyPair parties, long startedAt, long endedAt, long lastMessageId,
                           int messageCount, String firstLine) {

    static final int FIRST_LINE_CHARS = 200;

    Conversation extendedBy(ArchivedMessage m) {
        return new Conversation(id, parties, startedAt, Math.max(endedAt, m.sentAt()), m.id(), messageCount + 1,
                firstLine);
    }

    static Conversation startedBy(ArchivedMessage m) {
        String line = m.body().strip();
        int end = Math.min(line.length(), FIRST_LINE_CHARS);
        if (end < line.length() && Character.isHighSurrogate(line.charAt(end - 1))) {
            end--;
        }
        return new Conversation(m.id(), m.parties(), m.sentAt(), m.sentAt(), m.id(), 1, line.substring(0, end));
    }
}
