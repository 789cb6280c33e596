package org.domainchat.archive;

/**
 * A run of messages between two parties without an idle gap longer than the configured one.
 *
 * @param id            the archive id of its first message
 * @param endedAt       archive time of its newest message
 * @param lastMessageId archive id of its newest message
 * @param firstLine     the start of its first message, for lists
 */
public record Conversation(long id, PartyPair parties, long startedAt, long endedAt, long lastMessageId,
                           int messageCount, String firstLine) {

    static final int FIRST_LINE_CHARS = 200;

    Conversation withStats(long newestAt, long newestId, int count) {
        return new Conversation(id, parties, startedAt, newestAt, newestId, count, firstLine);
    }

    static Conversation startedBy(ArchivedMessage m) {
        return new Conversation(m.id(), m.parties(), m.sentAt(), m.sentAt(), m.id(), 1, firstLineOf(m.body()));
    }

    /** The start of a message's text as conversation lists show it. */
    public static String firstLineOf(String body) {
        String line = body.strip();
        int end = Math.min(line.length(), FIRST_LINE_CHARS);
        if (end < line.length() && Character.isHighSurrogate(line.charAt(end - 1))) {
            end--;
        }
        return line.substring(0, end);
    }
}
