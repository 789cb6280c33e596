package org.domainchat.webmail;

import org.domainchat.archive.ArchivedMessage;
import org.domainchat.archive.Conversation;
import org.domainchat.history.Attachment;
import org.domainchat.history.HistoryService;
import org.domainchat.search.ArchiveSearch;
import org.domainchat.search.SearchHit;
import org.domainchat.search.SearchOutcome;
import org.domainchat.search.SearchRequest;
import org.json.JSONArray;
import org.json.JSONObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reading the caller's own archive: chat window history, conversations, attachments, transcripts and search. */
final class ArchiveEndpoints {

    private static final Logger LOG = LoggerFactory.getLogger(ArchiveEndpoints.class);

    static final int DEFAULT_CONVERSATIONS = 20;
    static final int DEFAULT_TRANSCRIPT = 100;
    static final int DEFAULT_HITS = 20;
    static final int DEFAULT_ATTACHMENTS = 50;

    private final ChatArchive archive;

    ArchiveEndpoints(ChatArchive archive) {
        this.archive = archive;
    }

    void register(Router router) {
        router.get("/history/{jid}", Router.Access.USER, this::history)
                .get("/contacts/{jid}/conversations", Router.Access.USER, this::conversations)
                .get("/contacts/{jid}/attachments", Router.Access.USER, this::attachments)
                .get("/conversations/{id}", Router.Access.USER, this::transcript)
                .get("/search", Router.Access.USER, this::search);
    }

    private Reply history(ApiRequest request) throws Exception {
        String owner = request.owner();
        String contact = request.pathJid("jid");
        HistoryService.HistoryPage page = archive.history(owner, contact, request.queryId("before"));
        JSONArray messages = new JSONArray();
        for (ArchivedMessage m : page.messages()) {
            messages.put(ArchiveJson.message(m, owner));
        }
        return Reply.ok(new JSONObject().put("with", contact).put("messages", messages)
                .put("before", ArchiveJson.id(page.before())));
    }

    private Reply conversations(ApiRequest request) throws Exception {
        String owner = request.owner();
        String contact = request.pathJid("jid");
        HistoryService.ConversationPage page = archive.conversations(owner, contact, request.queryId("before"),
                request.queryLimit("limit", DEFAULT_CONVERSATIONS, HistoryService.MAX_PAGE));
        JSONArray list = new JSONArray();
        for (Conversation c : page.conversations()) {
            list.put(ArchiveJson.conversation(c, owner));
        }
        return Reply.ok(new JSONObject().put("with", contact).put("conversations", list)
                .put("before", ArchiveJson.id(page.before())));
    }

    private Reply attachments(ApiRequest request) throws Exception {
        String owner = request.owner();
        String contact = request.pathJid("jid");
        HistoryService.AttachmentPage page = archive.attachments(owner, contact, request.queryId("before"),
                request.queryLimit("limit", DEFAULT_ATTACHMENTS, HistoryService.MAX_PAGE));
        JSONArray list = new JSONArray();
        for (Attachment a : page.attachments()) {
            list.put(ArchiveJson.attachment(a, owner));
        }
        return Reply.ok(new JSONObject().put("with", contact).put("attachments", list)
                .put("before", ArchiveJson.id(page.before())));
    }

    private Reply transcript(ApiRequest request) throws Exception {
        String owner = request.owner();
        long id = request.pathId("id");
        // Someone else's conversation and no conversation at all get the same answer, so ids reveal nothing.
        HistoryService.Transcript transcript = archive.transcript(owner, id, request.queryId("after"),
                        request.queryLimit("limit", DEFAULT_TRANSCRIPT, HistoryService.MAX_PAGE))
                .orElseThrow(() -> ApiError.notFound("conversation-not-found", "There is no conversation " + id
                        + " of yours."));
        JSONArray messages = new JSONArray();
        for (ArchivedMessage m : transcript.messages()) {
            messages.put(ArchiveJson.message(m, owner));
        }
        return Reply.ok(new JSONObject()
                .put("conversation", ArchiveJson.conversation(transcript.conversation(), owner))
                .put("messages", messages)
                .put("after", ArchiveJson.id(transcript.after())));
    }

    private Reply search(ApiRequest request) {
        String owner = request.owner();
        String with = request.query("with");
        String from = request.query("from");
        String to = request.query("to");
        String cursor = request.query("cursor");
        SearchRequest search = new SearchRequest(
                request.query("q"),
                with == null || with.isEmpty() ? null : Params.bareJid("with", with),
                from == null || from.isEmpty() ? null : Params.instant("from", from, false),
                to == null || to.isEmpty() ? null : Params.instant("to", to, true),
                order(request.query("order")),
                cursor == null || cursor.isEmpty() ? null : cursor,
                request.queryLimit("limit", DEFAULT_HITS, ArchiveSearch.MAX_PAGE_SIZE));
        SearchOutcome outcome = archive.search(owner, search);
        if (outcome instanceof SearchOutcome.Invalid invalid) {
            throw ApiError.badRequestAt(invalid.problem().code(), invalid.message(), invalid.position());
        }
        if (outcome instanceof SearchOutcome.Unavailable unavailable) {
            LOG.warn("domainchat webmail search for {} failed: {}", owner, unavailable.message());
            throw ApiError.unavailable("search-unavailable", "Search is not available right now; try again shortly.",
                    10);
        }
        SearchOutcome.Page page = (SearchOutcome.Page) outcome;
        JSONArray hits = new JSONArray();
        for (SearchHit hit : page.hits()) {
            hits.put(ArchiveJson.hit(hit, owner));
        }
        return Reply.ok(new JSONObject()
                .put("hits", hits)
                .put("total", page.totalHits())
                .put("totalExact", page.totalExact())
                .put("cursor", ArchiveJson.orNull(page.nextCursor())));
    }

    private static SearchRequest.Order order(String text) {
        if (text == null || text.isEmpty() || text.equals("newest")) {
            return SearchRequest.Order.NEWEST;
        }
        if (text.equals("relevance")) {
            return SearchRequest.Order.RELEVANCE;
        }
        throw Params.invalid("order", "must be newest or relevance");
    }
}
