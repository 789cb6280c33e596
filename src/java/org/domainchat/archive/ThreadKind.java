package org.domainchat.archive;

/**
 * What an archive thread is, and so who reads it: the one rule every reader of the archive follows (chat window
 * history, conversation lists, transcripts, attachments, search, unread counts, MAM).
 *
 * <p>A thread whose two parties are the same bare JID is either a chat alias's shared thread or a person's chat with
 * themselves (a note to self, from one of their resources to another or to their bare JID). The two are stored
 * alike ({@link PartyPair} of one JID twice), so the parties alone never decide it: only whether the messages were
 * written to an alias ({@link ArchivedMessage#viaAlias()}) does. A self-chat is that account's private note: only
 * that account reads it, whatever resource names it carries (a resource called {@code bob} makes it no business of
 * bob's), and it is never taken for an alias thread.
 */
public enum ThreadKind {

    /** Two different people: each of them reads all of it, nobody else. */
    PAIR,
    /** One account with itself, any resources: a private note that only that account reads. */
    SELF,
    /** A chat alias's shared thread: members read all of it, anyone else who wrote to it only their own part. */
    ALIAS;

    /** The kind of the thread a conversation or message with these parties belongs to. */
    public static ThreadKind of(PartyPair parties, boolean viaAlias) {
        if (viaAlias) {
            return ALIAS;
        }
        return parties.first().equals(parties.second()) ? SELF : PAIR;
    }

    public static ThreadKind of(ArchivedMessage m) {
        return of(m.parties(), m.viaAlias());
    }

    /**
     * Whether {@code owner} (a bare JID) reads the whole of a {@link #PAIR} or {@link #SELF} thread of
     * {@code parties}: one of the two people, or the one account of a self-chat. Always false for an
     * {@link #ALIAS} thread, where alias membership decides (see {@code ThreadScope} in the history).
     */
    public boolean isOwnedBy(PartyPair parties, String owner) {
        return switch (this) {
            case PAIR -> parties.contains(owner);
            case SELF -> parties.first().equals(owner);
            case ALIAS -> false;
        };
    }
}
