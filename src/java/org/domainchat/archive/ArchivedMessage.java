package org.domainchat.archive;

/**
 * One archived chat message. {@code from} and {@code to} are bare JIDs; resources are kept apart because a
 * conversation belongs to the two people, not to their devices.
 *
 * @param id             stable archive id, also the XEP-0359 stanza-id delivered to the recipient; ids grow with time
 * @param conversationId the id of the conversation it belongs to (the id of that conversation's first message);
 *                       0 until the archive writer has assigned it
 * @param sentAt         server time of archiving, epoch milliseconds
 * @param bodyTruncated  true when the body was longer than the configured cap and was cut
 * @param clientId       the id attribute the sending client gave the stanza (may be null)
 * @param stanza         the stanza as the client sent it (body cut like {@code body} when truncated)
 * @param viaAlias       true when {@code to} is a chat alias: the message belongs to the alias's one shared thread
 *                       (every member's history of the alias), not to a pair of people. {@code toResource} then
 *                       names the person whose thread it continues, when the writer addressed one
 *                       ({@code alias/<username>}).
 */
public record ArchivedMessage(long id, long conversationId, long sentAt, String from, String fromResource, String to, String toResource,
                              String body, boolean bodyTruncated, String thread, String type, String clientId,
                              String stanza, boolean viaAlias) {

    /** A message between two parties (not via an alias). */
    public ArchivedMessage(long id, long conversationId, long sentAt, String from, String fromResource, String to,
                           String toResource, String body, boolean bodyTruncated, String thread, String type,
                           String clientId, String stanza) {
        this(id, conversationId, sentAt, from, fromResource, to, toResource, body, bodyTruncated, thread, type,
                clientId, stanza, false);
    }

    public ArchivedMessage withId(long newId) {
        return new ArchivedMessage(newId, conversationId, sentAt, from, fromResource, to, toResource, body,
                bodyTruncated, thread, type, clientId, stanza, viaAlias);
    }

    public ArchivedMessage inConversation(long newConversationId) {
        return new ArchivedMessage(id, newConversationId, sentAt, from, fromResource, to, toResource, body,
                bodyTruncated, thread, type, clientId, stanza, viaAlias);
    }

    /** The pair whose history this message is in: the two people, or the alias with itself for its thread. */
    public PartyPair parties() {
        return viaAlias ? PartyPair.aliasThread(to) : PartyPair.of(from, to);
    }

    /** The bare JID of the party that is not {@code owner}. */
    public String otherParty(String owner) {
        return owner.equals(from) ? to : from;
    }

    public boolean involves(String bareJid) {
        return from.equals(bareJid) || to.equals(bareJid);
    }
}
