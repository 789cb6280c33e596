package org.domainchat.history;

import java.sql.PreparedStatement;
import java.sql.SQLException;

import org.domainchat.alias.AliasMembership;
import org.domainchat.archive.ArchivedMessage;
import org.domainchat.archive.PartyPair;
import org.domainchat.archive.ThreadKind;

/**
 * Whose lines of a pair's history {@code owner} sees: all of them, or (an alias's non-member) only theirs. The one
 * place these rules live, for every reader of a user's history (window, conversations, transcripts, attachments);
 * what kind of thread it is, {@link ThreadKind} decides.
 */
record ThreadScope(PartyPair pair, ThreadKind kind, String ownLinesOf, String threadOf) {

    /**
     * The caller's thread with {@code contact}: with themselves their own notes (never an alias thread, even if an
     * alias of that name existed), with an alias its thread, else the two of them.
     */
    static ThreadScope of(String owner, String contact, AliasMembership aliases) {
        if (contact.equals(owner)) {
            return new ThreadScope(PartyPair.of(owner, owner), ThreadKind.SELF, null, null);
        }
        return aliases.isAlias(contact) ? ofAliasThread(owner, contact, aliases)
                : new ThreadScope(PartyPair.of(owner, contact), ThreadKind.PAIR, null, null);
    }

    /** Also for the thread of an alias that has since been deleted: then nobody is a member any more. */
    static ThreadScope ofAliasThread(String owner, String contact, AliasMembership aliases) {
        PartyPair thread = PartyPair.aliasThread(contact);
        if (aliases.isMember(contact, owner)) {
            return new ThreadScope(thread, ThreadKind.ALIAS, null, null);
        }
        int at = owner.indexOf('@');
        return new ThreadScope(thread, ThreadKind.ALIAS, owner, at > 0 ? owner.substring(0, at) : owner);
    }

    boolean wholeThread() {
        return ownLinesOf == null;
    }

    /** The rows of this kind only (a self-chat and an alias thread share their pair), and if filtered, theirs. */
    String filterSql() {
        String kindSql = kind == ThreadKind.ALIAS ? " AND viaAlias = 1" : " AND viaAlias = 0";
        return wholeThread() ? kindSql : kindSql + " AND (fromJid = ? OR toResource = ?)";
    }

    int bindFilter(PreparedStatement ps, int index) throws SQLException {
        if (!wholeThread()) {
            ps.setString(index++, ownLinesOf);
            ps.setString(index++, threadOf);
        }
        return index;
    }

    /**
     * A row the scope may show: the pair's (never another pair's on a digest collision) and of its kind and, if
     * filtered, theirs.
     */
    boolean shows(ArchivedMessage m) {
        return pair.equals(m.parties()) && ThreadKind.of(m) == kind && (wholeThread() || ownLinesOf.equals(m.from())
                || threadOf.equals(m.toResource()));
    }
}
