package org.domainchat.archive;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import org.domainchat.db.ConnectionSource;

/**
 * The archive's tables ({@code dcMessage}, {@code dcConversation}; scripts in {@code database/}). Plain SQL that
 * runs unchanged on HSQLDB, PostgreSQL, MySQL/MariaDB, SQL Server and Oracle: row limits use
 * {@link Statement#setMaxRows}, never a dialect's LIMIT syntax.
 */
public final class ArchiveStore {

    static final String MESSAGE_COLUMNS = "messageId, conversationId, sentAt, fromJid, fromResource, toJid, "
            + "toResource, body, bodyTruncated, thread, msgType, clientId, viaAlias";

    private static final String INSERT_MESSAGE = "INSERT INTO dcMessage (" + MESSAGE_COLUMNS
            + ", pairKey, stanza) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)";
    private static final String INSERT_CONVERSATION = "INSERT INTO dcConversation (conversationId, pairKey, partyA, "
            + "partyB, startedAt, firstLine) VALUES (?,?,?,?,?,?)";
    static final String CONVERSATION_COLUMNS = "conversationId, partyA, partyB, startedAt, firstLine";

    private final ConnectionSource db;
    private final PairKeys pairKeys = new PairKeys(10_000);

    public ArchiveStore(ConnectionSource db) {
        this.db = db;
    }

    /**
     * Stores a batch in one transaction and returns it with conversation ids assigned.
     *
     * @param mayExist true when replaying a journal: messages already in the database are skipped
     */
    List<ArchivedMessage> insert(List<ArchivedMessage> batch, ConversationTracker tracker, boolean mayExist)
            throws SQLException {
        try (Connection c = db.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                List<ArchivedMessage> toStore = mayExist ? withoutExisting(c, batch) : batch;
                List<String> keys = new ArrayList<>(toStore.size());
                for (ArchivedMessage m : toStore) {
                    keys.add(pairKeys.of(m.parties()));
                }
                tracker.prefetch(c, this, toStore, keys);
                List<ArchivedMessage> stored = new ArrayList<>(toStore.size());
                try (PreparedStatement messages = c.prepareStatement(INSERT_MESSAGE);
                     PreparedStatement conversations = c.prepareStatement(INSERT_CONVERSATION)) {
                    int started = 0;
                    for (int i = 0; i < toStore.size(); i++) {
                        ArchivedMessage m = toStore.get(i);
                        ConversationTracker.Assignment a = tracker.assign(m, keys.get(i));
                        ArchivedMessage withConversation = m.inConversation(a.conversationId());
                        stored.add(withConversation);
                        bindMessage(messages, withConversation, keys.get(i));
                        messages.addBatch();
                        if (a.starts()) {
                            bindConversation(conversations, withConversation, keys.get(i));
                            conversations.addBatch();
                            started++;
                        }
                    }
                    if (!stored.isEmpty()) {
                        messages.executeBatch();
                    }
                    if (started > 0) {
                        conversations.executeBatch();
                    }
                }
                c.commit();
                return stored;
            } catch (SQLException | RuntimeException e) {
                tracker.forget();
                try {
                    c.rollback();
                } catch (SQLException suppressed) {
                    e.addSuppressed(suppressed);
                }
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        }
    }

    /**
     * The newest message of each pair key (without body or stanza): one read of the {@code (pairKey, messageId)}
     * index backwards per key. Written so that every database walks the index from the pair's end: HSQLDB does that
     * only when the ORDER BY names the index's columns in order, and it took 48 s per key for a correlated
     * {@code MAX} subquery at 10,000 messages in a pair (5.9 ms for a plain {@code MAX}, 0.007 ms this way).
     */
    Map<String, ArchivedMessage> newestMessages(Connection c, List<String> pairKeys) throws SQLException {
        Map<String, ArchivedMessage> found = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT messageId, conversationId, sentAt, fromJid, toJid, "
                + "viaAlias FROM dcMessage WHERE pairKey = ? ORDER BY pairKey DESC, messageId DESC")) {
            ps.setMaxRows(1);
            for (String key : pairKeys) {
                ps.setString(1, key);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        found.put(key, new ArchivedMessage(rs.getLong(1), rs.getLong(2), rs.getLong(3),
                                rs.getString(4), null, rs.getString(5), null, "", false, null, "chat", null, null,
                                rs.getInt(6) == 1));
                    }
                }
            }
        }
        return found;
    }

    /** The highest archive id in the database, or 0. */
    public long maxMessageId() throws SQLException {
        try (Connection c = db.getConnection();
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT MAX(messageId) FROM dcMessage")) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    public long countMessages() throws SQLException {
        try (Connection c = db.getConnection();
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM dcMessage")) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    /**
     * Streams up to {@code limit} messages with ids above {@code afterId}, in id order, without their stanzas;
     * returns how many it read. Callers page with the last id they saw, so memory stays bounded whatever the
     * archive's size.
     */
    public int forEachAfter(long afterId, int limit, Consumer<ArchivedMessage> sink) throws SQLException {
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT " + MESSAGE_COLUMNS
                     + " FROM dcMessage WHERE messageId > ? ORDER BY messageId")) {
            ps.setMaxRows(limit);
            ps.setFetchSize(Math.min(limit, 1000));
            ps.setLong(1, afterId);
            int n = 0;
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    sink.accept(ArchiveRows.message(rs));
                    n++;
                }
            }
            return n;
        }
    }

    private List<ArchivedMessage> withoutExisting(Connection c, List<ArchivedMessage> batch) throws SQLException {
        if (batch.isEmpty()) {
            return batch;
        }
        StringBuilder sql = new StringBuilder("SELECT messageId FROM dcMessage WHERE messageId IN (");
        for (int i = 0; i < batch.size(); i++) {
            sql.append(i == 0 ? "?" : ",?");
        }
        sql.append(')');
        Set<Long> existing = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < batch.size(); i++) {
                ps.setLong(i + 1, batch.get(i).id());
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    existing.add(rs.getLong(1));
                }
            }
        }
        if (existing.isEmpty()) {
            return batch;
        }
        List<ArchivedMessage> missing = new ArrayList<>(batch.size() - existing.size());
        for (ArchivedMessage m : batch) {
            if (!existing.contains(m.id())) {
                missing.add(m);
            }
        }
        return missing;
    }

    private static void bindMessage(PreparedStatement ps, ArchivedMessage m, String pairKey) throws SQLException {
        ps.setLong(1, m.id());
        ps.setLong(2, m.conversationId());
        ps.setLong(3, m.sentAt());
        ps.setString(4, m.from());
        setNullable(ps, 5, m.fromResource());
        ps.setString(6, m.to());
        setNullable(ps, 7, m.toResource());
        ps.setString(8, m.body());
        ps.setInt(9, m.bodyTruncated() ? 1 : 0);
        setNullable(ps, 10, m.thread());
        ps.setString(11, m.type());
        setNullable(ps, 12, m.clientId());
        ps.setInt(13, m.viaAlias() ? 1 : 0);
        ps.setString(14, pairKey);
        setNullable(ps, 15, m.stanza());
    }

    private static void bindConversation(PreparedStatement ps, ArchivedMessage first, String pairKey)
            throws SQLException {
        Conversation conversation = Conversation.startedBy(first);
        ps.setLong(1, conversation.id());
        ps.setString(2, pairKey);
        ps.setString(3, conversation.parties().first());
        ps.setString(4, conversation.parties().second());
        ps.setLong(5, conversation.startedAt());
        ps.setString(6, conversation.firstLine());
    }

    private static void setNullable(PreparedStatement ps, int index, String value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.VARCHAR);
        } else {
            ps.setString(index, value);
        }
    }
}
