package org.domainchat.unread;

import org.domainchat.archive.PartyPair;

/**
 * The lines of one archive thread that count for a user's read state with one contact: the whole thread between
 * two people, the whole thread of an alias for its members, and for anyone else who may write to an alias only
 * their own lines and the replies addressed to them (the rule the history shows them, see {@code HistoryService}).
 *
 * @param ownerJid    the user whose state this is, bare JID
 * @param contactJid  the person or alias, bare JID on the user's domain
 * @param pair        the thread's parties (an alias's thread is the alias with itself)
 * @param wholeThread false for an alias's non-member
 */
public record ReadScope(String ownerJid, String contactJid, PartyPair pair, boolean wholeThread) {

    public static ReadScope withPerson(String ownerJid, String contactJid) {
        return new ReadScope(ownerJid, contactJid, PartyPair.of(ownerJid, contactJid), true);
    }

    public static ReadScope aliasThread(String ownerJid, String aliasJid, boolean member) {
        return new ReadScope(ownerJid, aliasJid, PartyPair.aliasThread(aliasJid), member);
    }

    /** The marker's key: the contact's local part (every contact is on the user's own domain). */
    String peer() {
        return node(contactJid);
    }

    /** How an alias reply names the person it answers ({@code alias/<username>}). */
    String ownerNode() {
        return node(ownerJid);
    }

    private static String node(String bareJid) {
        int at = bareJid.indexOf('@');
        return at > 0 ? bareJid.substring(0, at) : bareJid;
    }
}
