package org.domainchat.archive;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
                rs.getString(11), rs.getString(12), null, rs.getInt(13) == 1);
    }

    /** A conversation row ({@link #CONVERSATION_COLUMNS}); its end and size come from {@link #withStats}. */
    public static Conversation conversation(ResultSet rs) throws SQLException {
        long id = rs.getLong(1);
        return new Conversation(id, PartyPair.of(rs.getString(2), rs.getString(3)), rs.getLong(4), rs.getLong(4), id,
                0, nullToEmpty(rs.getString(5)));
    }

    /**
     * Completes conversations with what their messages say (newest time, newest id, count): one grouped query over
     * the {@code (conversationId, messageId)} index for a whole page, so the write path never updates them.
     */
    public static List<Conversation> withStats(Connection c, List<Conversation> conversations) throws SQLException {
        if (conversations.isEmpty()) {
            return conversations;
        }
        StringBuilder sql = new StringBuilder("SELECT conversationId, MAX(sentAt), MAX(messageId), COUNT(*) "
                + "FROM dcMessage WHERE conversationId IN (");
        for (int i = 0; i < conversations.size(); i++) {
            sql.append(i == 0 ? "?" : ",?");
        }
        sql.append(") GROUP BY conversationId");
        Map<Long, Conversation> completed = new HashMap<>();
        for (Conversation conv : conversations) {
            completed.put(conv.id(), conv);
        }
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < conversations.size(); i++) {
                ps.setLong(i + 1, conversations.get(i).id());
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Conversation conv = completed.get(rs.getLong(1));
                    if (conv != null) {
                        completed.put(conv.id(), conv.withStats(rs.getLong(2), rs.getLong(3), rs.getInt(4)));
                    }
                }
            }
        }
        List<Conversation> out = new ArrayList<>(conversations.size());
        for (Conversation conv : conversations) {
            out.add(completed.get(conv.id()));
        }
        return out;
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s; // Oracle stores '' as NULL
    }
}
