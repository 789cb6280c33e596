package org.domainchat.history;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;

import org.domainchat.alias.AliasMembership;
import org.domainchat.archive.ArchiveRows;
import org.domainchat.archive.ArchivedMessage;
import org.domainchat.archive.Conversation;
import org.domainchat.archive.PartyPair;
import org.domainchat.archive.ThreadKind;
import org.domainchat.db.ConnectionSource;

/**
 * What a chat window and a contact's preview pane show, read from the database (the archive's truth). Every query
 * is for one pair of parties or one conversation the caller took part in, so a user can never page into someone
 * else's messages: callers pass the authenticated user as {@code owner}.
 */
public final class HistoryService {

    /** Lines of history a chat window opens with at least, and loads per scroll back. */
    public static final int WINDOW_LINES = 75;
    /** A chat window opens with all of the last 30 days when that is more than {@link #WINDOW_LINES}… */
    public static final long WINDOW_MILLIS = 30L * 24 * 60 * 60 * 1000;
    /** …but never with more than this many lines; the rest is one scroll away. */
    public static final int WINDOW_MAX_LINES = 1000;
    public static final int MAX_PAGE = 200;
    /** Messages one attachments call reads at most, found something or not (see {@link #attachments}). */
    public static final int ATTACHMENT_SCAN = 500;

    private final ConnectionSource db;
    private final LongSupplier clock;
    private final AliasMembership aliases;
    private final AttachmentScan attachmentScan;

    public HistoryService(ConnectionSource db, LongSupplier clock) {
        this(db, clock, AliasMembership.NONE);
    }

    /**
     * @param aliases which contacts are chat aliases: their history is the alias's one thread, all of it for
     *                members and, for anyone else, only what they wrote to it and the replies addressed to them
     */
    public HistoryService(ConnectionSource db, LongSupplier clock, AliasMembership aliases) {
        this.db = db;
        this.clock = clock;
        this.aliases = aliases;
        this.attachmentScan = new AttachmentScan(db, aliases, ATTACHMENT_SCAN);
    }

    /**
     * @param messages oldest first
     * @param before   cursor for the next older page (the oldest id shown), or null when there is no more
     */
    public record HistoryPage(List<ArchivedMessage> messages, Long before) {
    }

    public record ConversationPage(List<Conversation> conversations, Long before) {
    }

    public record Transcript(Conversation conversation, List<ArchivedMessage> messages, Long after) {
    }

    /**
     * @param attachments newest first
     * @param before      where to go on (an archive id), or null when the history has no older messages; a page may
     *                    be short, even empty, and still have one, when the scan ran out of its budget first
     */
    public record AttachmentPage(List<Attachment> attachments, Long before) {
    }

    /**
     * The chat window's history between {@code owner} and {@code contact}: without a cursor the newest
     * {@value #WINDOW_LINES} lines or the last 30 days if that is more (at most {@value #WINDOW_MAX_LINES}); with
     * {@code before} (an archive id) the {@value #WINDOW_LINES} lines before it.
     */
    public HistoryPage history(String owner, String contact, Long before) throws SQLException {
        ThreadScope scope = ThreadScope.of(owner, contact, aliases);
        long since = clock.getAsLong() - WINDOW_MILLIS;
        boolean firstPage = before == null;
        int max = firstPage ? WINDOW_MAX_LINES : WINDOW_LINES;
        List<ArchivedMessage> newestFirst = new ArrayList<>();
        boolean more = false;
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT " + ArchiveRows.MESSAGE_COLUMNS + " FROM dcMessage "
                     + "WHERE pairKey = ? AND messageId < ?" + scope.filterSql()
                     // the whole index in its order: HSQLDB then stops at the page instead of sorting the pair
                     + " ORDER BY pairKey DESC, messageId DESC")) {
            ps.setMaxRows(max + 1);
            ps.setFetchSize(Math.min(max + 1, 200));
            ps.setString(1, scope.pair().key());
            ps.setLong(2, firstPage ? Long.MAX_VALUE : before);
            scope.bindFilter(ps, 3);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ArchivedMessage m = ArchiveRows.message(rs);
                    if (!scope.shows(m)) {
                        continue; // a digest collision: never show another pair's line
                    }
                    boolean enough = newestFirst.size() >= WINDOW_LINES && (!firstPage || m.sentAt() < since);
                    if (enough || newestFirst.size() >= max) {
                        more = true;
                        break;
                    }
                    newestFirst.add(m);
                }
            }
        }
        Collections.reverse(newestFirst);
        Long cursor = more && !newestFirst.isEmpty() ? newestFirst.get(0).id() : null;
        return new HistoryPage(newestFirst, cursor);
    }

    /** The conversations between {@code owner} and {@code contact}, newest first, {@code limit} per page. */
    public ConversationPage conversations(String owner, String contact, Long before, int limit) throws SQLException {
        ThreadScope scope = ThreadScope.of(owner, contact, aliases);
        if (!scope.wholeThread()) {
            return ownPartOfAliasThread(scope, before, clampPage(limit));
        }
        PartyPair pair = scope.pair();
        int size = clampPage(limit);
        List<Conversation> found = new ArrayList<>();
        boolean more = false;
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT " + ArchiveRows.CONVERSATION_COLUMNS
                     + " FROM dcConversation WHERE pairKey = ? AND partyA = ? AND partyB = ? AND conversationId < ? "
                     + "ORDER BY pairKey DESC, conversationId DESC")) {
            ps.setMaxRows(size + 1);
            ps.setString(1, pair.key());
            ps.setString(2, pair.first());
            ps.setString(3, pair.second());
            ps.setLong(4, before == null ? Long.MAX_VALUE : before);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (found.size() == size) {
                        more = true;
                        break;
                    }
                    found.add(ArchiveRows.conversation(rs));
                }
            }
            found = ArchiveRows.withStats(c, found);
        }
        return new ConversationPage(found, more ? found.get(found.size() - 1).id() : null);
    }

    /**
     * The alias-thread conversations a non-member wrote in or was answered in, each made of only their lines (its
     * first line, count and end are theirs too): the rest of the thread is the members' business.
     */
    private ConversationPage ownPartOfAliasThread(ThreadScope scope, Long before, int size) throws SQLException {
        List<Conversation> found = new ArrayList<>();
        boolean more = false;
        try (Connection c = db.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("SELECT conversationId, MIN(messageId), MIN(sentAt), "
                    + "MAX(sentAt), MAX(messageId), COUNT(*) FROM dcMessage WHERE pairKey = ? AND conversationId < ?"
                    + scope.filterSql() + " GROUP BY conversationId ORDER BY conversationId DESC")) {
                ps.setMaxRows(size + 1);
                ps.setString(1, scope.pair().key());
                ps.setLong(2, before == null ? Long.MAX_VALUE : before);
                scope.bindFilter(ps, 3);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        if (found.size() == size) {
                            more = true;
                            break;
                        }
                        found.add(new Conversation(rs.getLong(1), scope.pair(), rs.getLong(3), rs.getLong(4),
                                rs.getLong(5), rs.getInt(6), Long.toString(rs.getLong(2))));
                    }
                }
            }
            found = withOwnFirstLines(c, found);
        }
        return new ConversationPage(found, more ? found.get(found.size() - 1).id() : null);
    }

    /** Replaces each conversation's first line (here: the id of its first visible message) with that message's text. */
    private static List<Conversation> withOwnFirstLines(Connection c, List<Conversation> conversations)
            throws SQLException {
        List<Conversation> out = new ArrayList<>(conversations.size());
        try (PreparedStatement ps = c.prepareStatement("SELECT body FROM dcMessage WHERE messageId = ?")) {
            for (Conversation conv : conversations) {
                ps.setLong(1, Long.parseLong(conv.firstLine()));
                String line = "";
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next() && rs.getString(1) != null) {
                        line = Conversation.firstLineOf(rs.getString(1));
                    }
                }
                out.add(new Conversation(conv.id(), conv.parties(), conv.startedAt(), conv.endedAt(),
                        conv.lastMessageId(), conv.messageCount(), line));
            }
        }
        return out;
    }

    /**
     * One conversation's messages, oldest first, {@code limit} per page after {@code after}; empty when it does not
     * exist or {@code owner} was not part of it (the two look the same to the caller, on purpose).
     */
    public Optional<Transcript> transcript(String owner, long conversationId, Long after, int limit)
            throws SQLException {
        return transcriptFor(owner, conversationId, after, limit);
    }

    /** {@link #transcript} without the participation check, for the admin console. */
    public Optional<Transcript> transcriptForAdmin(long conversationId, Long after, int limit) throws SQLException {
        return transcriptFor(null, conversationId, after, limit);
    }

    private Optional<Transcript> transcriptFor(String owner, long conversationId, Long after, int limit)
            throws SQLException {
        int size = clampPage(limit);
        try (Connection c = db.getConnection()) {
            Conversation conversation;
            try (PreparedStatement ps = c.prepareStatement("SELECT " + ArchiveRows.CONVERSATION_COLUMNS
                    + " FROM dcConversation WHERE conversationId = ?")) {
                ps.setLong(1, conversationId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    conversation = ArchiveRows.conversation(rs);
                }
            }
            conversation = ArchiveRows.withStats(c, List.of(conversation)).get(0);
            ThreadScope scope = null;
            if (owner != null) {
                PartyPair parties = conversation.parties();
                ThreadKind kind = ThreadKind.of(parties, viaAlias(c, conversationId));
                if (kind == ThreadKind.ALIAS) {
                    scope = ThreadScope.ofAliasThread(owner, parties.first(), aliases);
                } else if (!kind.isOwnedBy(parties, owner)) {
                    return Optional.empty(); // the same answer as no conversation at all: ids reveal nothing
                }
            }
            boolean filtered = scope != null && !scope.wholeThread();
            if (filtered) {
                // a non-member sees their part only; a conversation without any of it is not theirs at all
                List<Conversation> own = ownPartOfAliasThread(scope, conversationId + 1, 1).conversations();
                if (own.isEmpty() || own.get(0).id() != conversationId) {
                    return Optional.empty();
                }
                conversation = own.get(0);
            }
            List<ArchivedMessage> messages = new ArrayList<>();
            boolean more = false;
            try (PreparedStatement ps = c.prepareStatement("SELECT " + ArchiveRows.MESSAGE_COLUMNS
                    + " FROM dcMessage WHERE conversationId = ? AND messageId > ?"
                    + (filtered ? scope.filterSql() : "") + " ORDER BY conversationId, messageId")) {
                ps.setMaxRows(size + 1);
                ps.setLong(1, conversationId);
                ps.setLong(2, after == null ? Long.MIN_VALUE : after);
                if (filtered) {
                    scope.bindFilter(ps, 3);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        if (messages.size() == size) {
                            more = true;
                            break;
                        }
                        messages.add(ArchiveRows.message(rs));
                    }
                }
            }
            Long next = more ? messages.get(messages.size() - 1).id() : null;
            return Optional.of(new Transcript(conversation, messages, next));
        }
    }

    /** Whether a conversation's messages were written to an alias (all of them are, or none). */
    private static boolean viaAlias(Connection c, long conversationId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT viaAlias FROM dcMessage WHERE conversationId = ? "
                + "ORDER BY conversationId, messageId")) {
            ps.setMaxRows(1);
            ps.setLong(1, conversationId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getInt(1) == 1;
            }
        }
    }

    /**
     * The links and uploaded files in the history between {@code owner} and {@code contact} that {@code owner} may
     * see (an alias's thread by the same rules as {@link #history}), newest first, {@code limit} per page, reading at
     * most {@value #ATTACHMENT_SCAN} messages per call.
     */
    public AttachmentPage attachments(String owner, String contact, Long before, int limit) throws SQLException {
        return attachmentScan.page(owner, contact, before, clampPage(limit));
    }

    private static int clampPage(int limit) {
        return Math.max(1, Math.min(limit, MAX_PAGE));
    }
}
