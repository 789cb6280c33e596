package org.domainchat.webmail;

import org.domainchat.directory.ContactRoster;
import org.domainchat.unread.ReadState;
import org.domainchat.unread.Unread;
import org.domainchat.webmail.ContactBook.AliasContact;
import org.domainchat.webmail.ContactBook.Contact;
import org.domainchat.webmail.ContactBook.Person;
import org.domainchat.webmail.live.WebmailStatus;
import org.json.JSONArray;
import org.json.JSONObject;

/**
 * The navigation and content panes: the caller's contacts with status and unread counts, one contact's details, and
 * marking a conversation read. Everything is the caller's own view: no parameter names another user, a contact the
 * caller may not see answers exactly like one that does not exist, and read state is only ever the caller's.
 */
final class ContactEndpoints {

    static final int DEFAULT_PAGE = 100;
    static final int MAX_PAGE = 500;
    private static final java.util.Set<String> READ_FIELDS = java.util.Set.of("with", "upTo");

    private final Contacts contacts;
    private final FoldedDirectory folded = new FoldedDirectory();

    ContactEndpoints(Contacts contacts) {
        this.contacts = contacts;
    }

    void register(Router router) {
        router.get("/contacts", Router.Access.USER, this::list)
                .get("/contacts/{jid}", Router.Access.USER, this::details)
                .post("/read", Router.Access.USER, Router.Limit.NONE, this::read);
    }

    private Reply list(ApiRequest request) throws Exception {
        ContactQuery query = ContactQuery.parse(request.query("q"));
        int limit = request.queryLimit("limit", DEFAULT_PAGE, MAX_PAGE);
        int offset = Params.offset("offset", request.query("offset"));
        ContactBook book = book();
        Caller caller = request.caller();
        ContactBook.Page page = book.list(caller.username(), query, offset, limit);
        WebmailStatus own = ownStatus(caller);
        PresenceView presence = new PresenceView(contacts.online(), caller.username(), own);
        JSONArray list = new JSONArray();
        try (ReadState reads = contacts.readMarkers().open(caller.username())) {
            for (Contact contact : page.contacts()) {
                list.put(ContactJson.summary(contact, presence, reads.unread(contact.readScope(caller.jid()))));
            }
        }
        return Reply.ok(new JSONObject()
                .put("contacts", list)
                .put("total", page.total())
                .put("offset", offset)
                .put("limit", limit)
                .put("ownStatus", own.label()));
    }

    private Reply details(ApiRequest request) throws Exception {
        String jid = request.pathJid("jid");
        ContactBook book = book();
        Caller caller = request.caller();
        Contact contact = find(book, caller, jid);
        WebmailStatus own = ownStatus(caller);
        PresenceView presence = new PresenceView(contacts.online(), caller.username(), own);
        Unread unread;
        long readUpTo;
        try (ReadState reads = contacts.readMarkers().open(caller.username())) {
            unread = reads.unread(contact.readScope(caller.jid()));
            readUpTo = reads.readUpTo(contact.readScope(caller.jid()));
        }
        JSONObject json;
        if (contact instanceof AliasContact alias) {
            json = ContactJson.alias(alias, presence, unread, book.members(alias.entry()));
        } else {
            String username = ((Person) contact).user().username();
            json = ContactJson.person((Person) contact, presence, unread, contacts.cards().cardOf(username),
                    book.aliasesOf(username, caller.username()));
        }
        return Reply.ok(json.put("readUpTo", ArchiveJson.id(readUpTo)).put("ownStatus", own.label()));
    }

    private Reply read(ApiRequest request) throws Exception {
        JSONObject body = BodyFields.only(request.json(), READ_FIELDS);
        String with = Params.bareJid("with", ApiRequest.requiredString(body, "with"));
        Long upTo = upTo(body.opt("upTo"));
        ContactBook book = book();
        Caller caller = request.caller();
        Contact contact = find(book, caller, with);
        try (ReadState reads = contacts.readMarkers().open(caller.username())) {
            ReadState.Marked marked = reads.mark(contact.readScope(caller.jid()), upTo);
            Unread unread = reads.unread(contact.readScope(caller.jid()));
            return Reply.ok(new JSONObject()
                    .put("with", contact.jid())
                    .put("upTo", ArchiveJson.id(marked.upTo()))
                    .put("unread", unread.count())
                    .put("unreadCapped", unread.capped()));
        } catch (ReadState.BeyondArchive e) {
            throw Params.invalid("upTo", "is not the id of a message archived so far");
        }
    }

    /** {@code upTo} as the API hands ids out (a string); absent or null means everything so far. */
    private static Long upTo(Object value) {
        if (value == null || value == JSONObject.NULL) {
            return null;
        }
        if (!(value instanceof String text)) {
            // a JSON number would already have lost digits in a browser: ids are strings everywhere
            throw Params.invalid("upTo", "must be a message id as returned by this API, as a string");
        }
        return Params.archiveId("upTo", text);
    }

    private ContactBook book() {
        ContactRoster roster = contacts.roster().get().orElseThrow(() -> ApiError.unavailable(
                "contacts-unavailable", "Contacts are not available right now; try again shortly.", 30));
        return new ContactBook(roster, folded);
    }

    private static Contact find(ContactBook book, Caller caller, String jid) {
        return book.find(caller.username(), jid).orElseThrow(() -> ApiError.notFound("contact-not-found",
                "There is no contact " + Params.clip(jid) + " of yours."));
    }

    private WebmailStatus ownStatus(Caller caller) {
        WebmailStatus status = contacts.webmailStatus().apply(caller.username());
        return status == null ? WebmailStatus.AVAILABLE : status;
    }
}
