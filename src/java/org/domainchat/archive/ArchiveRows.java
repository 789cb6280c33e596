package org.domainchat.archive;

import java.sql.ResultSet;
import java.sql.SQLException;

/** Maps rows selected with {@link ArchiveStore#MESSAGE_COLUMNS} / {@code CONVERSATION_COLUMNS}. */
public final class ArchiveRows {

    /** Column list for message queries that do not need the stanza. */
    public static final String MESSAGE_COLUMNS = ArchiveStore.MESSAGE_COLUMNS;
    public static final String CONVERSATION_COLUMNS = ArchiveStore.CONVERSATION_COLUMNS;

    private ArchiveRows() {
    }

    public static ArchivedMessage message(ResultSet rs) throws SQLException {
        return new ArchivedMessage(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getString(7), nullToEmpty(rs.getString(8)), rs.getInt(9) == 1, rs.getString(10),
                rs.getString(11), rs.getString(12), null);
    }

    public static Conversation conversation(ResultSet rs) throws SQLException {
        return new Conversation(rs.getLong(1), PartyPair.of(rs.getString(2), rs.getString(3)), rs.getLong(4),
                rs.getLong(5), rs.getLong(6), rs.getInt(7), nullToEmpty(rs.getString(8)));
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s; // Oracle stores '' as NULL
    }
}
