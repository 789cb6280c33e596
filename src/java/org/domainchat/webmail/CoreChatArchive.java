package org.domainchat.webmail;

import java.sql.SQLException;
import java.util.Optional;

import org.domainchat.history.HistoryService;
import org.domainchat.search.ArchiveSearch;
import org.domainchat.search.SearchOutcome;
import org.domainchat.search.SearchRequest;

/** {@link ChatArchive} straight from the core's history and search services. */
final class CoreChatArchive implements ChatArchive {

    private final HistoryService history;
    private final ArchiveSearch search;

    CoreChatArchive(HistoryService history, ArchiveSearch search) {
        this.history = history;
        this.search = search;
    }

    @Override
    public HistoryService.HistoryPage history(String owner, String contact, Long before) throws SQLException {
        return history.history(owner, contact, before);
    }

    @Override
    public HistoryService.ConversationPage conversations(String owner, String contact, Long before, int limit)
            throws SQLException {
        return history.conversations(owner, contact, before, limit);
    }

    @Override
    public HistoryService.AttachmentPage attachments(String owner, String contact, Long before, int limit)
            throws SQLException {
        return history.attachments(owner, contact, before, limit);
    }

    @Override
    public Optional<HistoryService.Transcript> transcript(String owner, long conversationId, Long after, int limit)
            throws SQLException {
        return history.transcript(owner, conversationId, after, limit);
    }

    @Override
    public SearchOutcome search(String owner, SearchRequest request) {
        return search.searchOwn(owner, request);
    }
}
