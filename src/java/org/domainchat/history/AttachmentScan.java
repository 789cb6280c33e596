package org.domainchat.history;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import org.domainchat.alias.AliasMembership;
import org.domainchat.archive.ArchiveRows;
import org.domainchat.archive.ArchivedMessage;
import org.domainchat.db.ConnectionSource;

/**
 * The links and files in a user's history with one contact, newest first, for the preview pane. Each call reads at
 * most {@code scanBudget} messages of the pair, whatever it finds in them, and says where to go on: a long thread
 * with few links costs several short calls, never one long one. The rows are read without the thread scope's SQL
 * filter and filtered by {@link ThreadScope#shows}, so that an alias's non-member, who sees only a few lines of a
 * long thread, cannot make the database walk all of it either.
 */
final class AttachmentScan {

    private static final int STANZA_COLUMN = 14;

    private final ConnectionSource db;
    private final AliasMembership aliases;
    private final int scanBudget;

    AttachmentScan(ConnectionSource db, AliasMembership aliases, int scanBudget) {
        this.db = db;
        this.aliases = aliases;
        this.scanBudget = scanBudget;
    }

    /**
     * Up to {@code limit} attachments older than {@code before}. A message's attachments are never split across
     * pages, so a page holds more than {@code limit} only when a single message has more.
     */
    HistoryService.AttachmentPage page(String owner, String contact, Long before, int limit) throws SQLException {
        ThreadScope scope = ThreadScope.of(owner, contact, aliases);
        AttachmentLinks links = new AttachmentLinks();
        List<Attachment> found = new ArrayList<>();
        Long lastDone = null;
        boolean more = false;
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT " + ArchiveRows.MESSAGE_COLUMNS + ", stanza "
                     + "FROM dcMessage WHERE pairKey = ? AND messageId < ? ORDER BY pairKey DESC, messageId DESC")) {
            ps.setMaxRows(scanBudget + 1); // one more than may be read: whether the thread goes on
            ps.setFetchSize(Math.min(scanBudget + 1, 100));
            ps.setString(1, scope.pair().key());
            ps.setLong(2, before == null ? Long.MAX_VALUE : before);
            try (ResultSet rs = ps.executeQuery()) {
                int scanned = 0;
                while (rs.next()) {
                    if (scanned == scanBudget || found.size() >= limit) {
                        more = true;
                        break;
                    }
                    scanned++;
                    ArchivedMessage m = ArchiveRows.message(rs);
                    if (scope.shows(m)) {
                        List<AttachmentLinks.Found> inMessage = links.in(m.body(), m.bodyTruncated(),
                                rs.getString(STANZA_COLUMN));
                        if (!found.isEmpty() && found.size() + inMessage.size() > limit) {
                            more = true; // the whole message goes on the next page
                            break;
                        }
                        for (AttachmentLinks.Found f : inMessage) {
                            found.add(new Attachment(m.id(), m.conversationId(), m.sentAt(), m.from(), f.url(),
                                    f.kind(), f.name()));
                        }
                    }
                    lastDone = m.id();
                }
            }
        }
        return new HistoryService.AttachmentPage(found, more ? lastDone : null);
    }
}
