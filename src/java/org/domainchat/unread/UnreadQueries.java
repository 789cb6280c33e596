package org.domainchat.unread;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import org.domainchat.archive.PartyPair;

/**
 * The archive reads behind unread counts: each one a descending range of the {@code (pairKey, messageId)} index that
 * stops after a bounded number of rows. Rows are checked against the thread's parties as well as its key, so a
 * digest collision can never count another pair's messages.
 */
final class UnreadQueries {

    private static final String COLUMNS = "SELECT messageId, fromJid, toJid, viaAlias FROM dcMessage ";
    /** Rows read for the newest message: more than one only to step over a (practically impossible) collision. */
    private static final int NEWEST_ROWS = 4;

    private UnreadQueries() {
    }

    /**
     * Messages of {@code scope} after {@code after} that the owner did not send and that are newer than the owner's
     * own newest message (whoever replies has read what came before, from whichever client).
     */
    static Unread count(Connection c, ReadScope scope, long after) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(COLUMNS + "WHERE pairKey = ? AND messageId > ?"
                + filter(scope) + " ORDER BY pairKey DESC, messageId DESC")) {
            ps.setMaxRows(Unread.CAP + 1);
            ps.setFetchSize(Unread.CAP + 1);
            ps.setString(1, scope.pair().key());
            ps.setLong(2, after);
            bindFilter(ps, 3, scope);
            int count = 0;
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (!inThread(rs, scope.pair())) {
                        continue;
                    }
                    if (rs.getString(2).equals(scope.ownerJid())) {
                        break; // the owner's own line: everything older was read
                    }
                    count++;
                }
            }
            return count > Unread.CAP ? new Unread(Unread.CAP, true) : new Unread(count, false);
        }
    }

    /** The id of the newest message of {@code scope} the owner may see, or 0 when there is none. */
    static long newest(Connection c, ReadScope scope) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(COLUMNS + "WHERE pairKey = ?" + filter(scope)
                + " ORDER BY pairKey DESC, messageId DESC")) {
            ps.setMaxRows(NEWEST_ROWS);
            ps.setString(1, scope.pair().key());
            bindFilter(ps, 2, scope);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (inThread(rs, scope.pair())) {
                        return rs.getLong(1);
                    }
                }
            }
            return 0;
        }
    }

    private static String filter(ReadScope scope) {
        return scope.wholeThread() ? "" : " AND (fromJid = ? OR toResource = ?)";
    }

    private static void bindFilter(PreparedStatement ps, int index, ReadScope scope) throws SQLException {
        if (!scope.wholeThread()) {
            ps.setString(index, scope.ownerJid());
            ps.setString(index + 1, scope.ownerNode());
        }
    }

    private static boolean inThread(ResultSet rs, PartyPair pair) throws SQLException {
        String to = rs.getString(3);
        PartyPair parties = rs.getInt(4) == 1 ? PartyPair.aliasThread(to) : PartyPair.of(rs.getString(2), to);
        return parties.equals(pair);
    }
}
