package org.domainchat.webmail;

import java.sql.SQLException;
import java.util.Optional;

import org.domainchat.DomainChat;
import org.domainchat.history.HistoryService.AttachmentPage;
import org.domainchat.history.HistoryService.ConversationPage;
import org.domainchat.history.HistoryService.HistoryPage;
import org.domainchat.history.HistoryService.Transcript;
import org.domainchat.search.SearchOutcome;
import org.domainchat.search.SearchRequest;

/**
 * The archive as the webmail API reads it. {@code owner} is always the authenticated user's bare JID; every method
 * returns only what that user took part in. A port rather than the core's services directly, so that reading can
 * become alias-aware without the HTTP layer changing.
 */
public interface ChatArchive {

    /** The chat window's history with {@code contact} (a bare JID); see {@code HistoryService.history}. */
    HistoryPage history(String owner, String contact, Long before) throws SQLException;

    /** Conversations with {@code contact}, newest first. */
    ConversationPage conversations(String owner, String contact, Long before, int limit) throws SQLException;

    /**
     * Links and uploaded files in the history with {@code contact}, newest first, by the history's rules for alias
     * threads; see {@code HistoryService.attachments}.
     */
    AttachmentPage attachments(String owner, String contact, Long before, int limit) throws SQLException;

    /** One conversation, empty when it does not exist or {@code owner} was not part of it. */
    Optional<Transcript> transcript(String owner, long conversationId, Long after, int limit) throws SQLException;

    /** Full-text search of the messages {@code owner} sent or received; never throws. */
    SearchOutcome search(String owner, SearchRequest request);

    /** The archive of a running core: history and search follow the alias member and non-member rules. */
    static ChatArchive of(DomainChat core) {
        return new CoreChatArchive(core.history(), core.search());
    }
}
