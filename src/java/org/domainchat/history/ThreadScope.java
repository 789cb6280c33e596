package org.domainchat.history;

import java.sql.PreparedStatement;
import java.sql.SQLException;

import org.domainchat.alias.AliasMembership;
import org.domainchat.archive.ArchivedMessage;
import org.domainchat.archive.PartyPair;

/**
 * Whose lines of a pair's history {@code owner} sees: all of them, or (an alias's non-member) only theirs. The one
 * place these rules live, for every reader of a user's history (window, conversations, transcripts, attachments).
 */
record ThreadScope(PartyPair pair, String ownLinesOf, String threadOf) {

    static ThreadScope of(String owner, String contact, AliasMembership aliases) {
        return aliases.isAlias(contact) ? ofAliasThread(owner, contact, aliases)
                : new ThreadScope(PartyPair.of(owner, contact), null, null);
    }

    /** Also for the thread of an alias that has since been deleted: then nobody is a member any more. */
    static ThreadScope ofAliasThread(String owner, String contact, AliasMembership aliases) {
        PartyPair thread = PartyPair.aliasThread(contact);
        if (aliases.isMember(contact, owner)) {
            return new ThreadScope(thread, null, null);
        }
        int at = owner.indexOf('@');
        return new ThreadScope(thread, owner, at > 0 ? owner.substring(0, at) : owner);
    }

    boolean wholeThread() {
        return ownLinesOf == null;
    }

    String filterSql() {
        return wholeThread() ? "" : " AND (fromJid = ? OR toResource = ?)";
    }

    int bindFilter(PreparedStatement ps, int index) throws SQLException {
        if (!wholeThread()) {
            ps.setString(index++, ownLinesOf);
            ps.setString(index++, threadOf);
        }
        return index;
    }

    /** A row the scope may show: the pair's (never another pair's on a digest collision) and, if filtered, theirs. */
    boolean shows(ArchivedMessage m) {
        return pair.equals(m.parties()) && (wholeThread() || ownLinesOf.equals(m.from())
                || threadOf.equals(m.toResource()));
    }
}
