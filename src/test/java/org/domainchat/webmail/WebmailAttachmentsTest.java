package org.domainchat.webmail;

import static org.domainchat.testing.Chats.at;
import static org.domainchat.webmail.WebmailFixture.assertError;
import static org.domainchat.webmail.WebmailFixture.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.domainchat.alias.Alias;
import org.domainchat.archive.ArchivedMessage;
import org.domainchat.history.HistoryService;
import org.domainchat.testing.Chats;
import org.json.JSONArray;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;

/**
 * {@code GET /contacts/{jid}/attachments} over real HTTP, reading what the real archiver stored in HSQLDB: links,
 * uploaded files (XEP-0066 out-of-band data as XEP-0363 clients send it), what each user may see, and paging.
 */
class WebmailAttachmentsTest {

    private static final String UPLOAD = "https://chat.example.com:7443/httpfileupload/5d2e/Q3%20figures.xlsx";
    private static final String ALIAS = "salesteam@example.com";

    @TempDir
    Path data;

    private WebmailFixture fx;
    private ArchivedMessage file;

    @BeforeEach
    void start() throws Exception {
        fx = new WebmailFixture(data);
        fx.core.aliases().save(new Alias("salesteam", "Sales Team", Set.of("alice", "bob"), null, true,
                Alias.Visibility.ALL, false), Set.of("alice", "bob", "carol", "dave", "boss")::contains);
    }

    @AfterEach
    void stop() throws Exception {
        fx.close();
    }

    private static Message chat(String body, String... oobUrls) {
        Message m = Chats.chat("nobody@example.com/x", "nobody@example.com", body);
        for (String url : oobUrls) {
            m.getElement().addElement("x", "jabber:x:oob").addElement("url").setText(url);
        }
        return m;
    }

    private ArchivedMessage send(String from, String to, String body, String... oobUrls) throws Exception {
        Message m = chat(body, oobUrls);
        m.setFrom(new JID(at(from) + "/desk"));
        m.setTo(new JID(at(to)));
        return fx.archive(m);
    }

    private void chats() throws Exception {
        file = send("alice", "bob", UPLOAD, UPLOAD);
        send("bob", "alice", "javascript:alert(document.cookie) data:text/html,<b>x</b> and the wiki: "
                + "https://wiki.example.com/Sales_(2026).");
        send("bob", "alice", "a broken client", "javascript:alert(1)", "javascript://x.org/%0Aalert(1)",
                "data:image/png;base64,AAAA");
        send("dave", "bob", "dave's https://dave.example.org/private");
        send("alice", "carol", "carol's https://carol.example.org/private");
    }

    private HttpResponse<String> attachments(String token, String contact, String query) throws Exception {
        return fx.get("/contacts/" + contact + "/attachments" + query, token);
    }

    private static List<String> urls(JSONObject page) {
        List<String> out = new ArrayList<>();
        JSONArray list = page.getJSONArray("attachments");
        for (int i = 0; i < list.length(); i++) {
            out.add(list.getJSONObject(i).getString("url"));
        }
        return out;
    }

    @Test
    void linksAndUploadedFilesOfTheChatNewestFirst() throws Exception {
        chats();
        fx.awaitArchived();
        String alice = fx.session("alice");
        JSONObject page = json(attachments(alice, "Bob@Example.com", ""));
        assertEquals(Set.of("with", "attachments", "before"), page.keySet());
        assertEquals("bob@example.com", page.getString("with"));
        assertEquals(JSONObject.NULL, page.get("before"));
        assertEquals(List.of("https://wiki.example.com/Sales_(2026)", UPLOAD), urls(page));

        JSONObject link = page.getJSONArray("attachments").getJSONObject(0);
        assertEquals("link", link.getString("kind"));
        assertEquals("bob@example.com", link.getString("from"));
        assertFalse(link.getBoolean("outgoing"));
        assertEquals("Sales_(2026)", link.getString("name"));

        JSONObject upload = page.getJSONArray("attachments").getJSONObject(1);
        assertEquals(Set.of("messageId", "conversationId", "from", "outgoing", "url", "kind", "name", "sentAt",
                "sentAtMillis"), upload.keySet());
        assertEquals(Long.toString(file.id()), upload.getString("messageId"));
        assertEquals(json(fx.get("/history/bob@example.com", alice)).getJSONArray("messages").getJSONObject(0)
                .getString("conversationId"), upload.getString("conversationId"));
        assertEquals("file", upload.getString("kind"));
        assertEquals("Q3 figures.xlsx", upload.getString("name"));
        assertTrue(upload.getBoolean("outgoing"));
        assertEquals(file.sentAt(), upload.getLong("sentAtMillis"));

        assertFalse(attachments(alice, "bob@example.com", "").body().toLowerCase().contains("javascript"),
                "script and data URLs never come out, from text or out-of-band data");
        assertFalse(attachments(alice, "bob@example.com", "").body().contains("data:"));
    }

    @Test
    void onlyTheCallersOwnChatsAreRead() throws Exception {
        chats();
        fx.awaitArchived();
        String carol = fx.session("carol");
        assertEquals(List.of(), urls(json(attachments(carol, "bob@example.com", ""))),
                "carol was never part of alice and bob's chat");
        assertEquals(List.of("https://carol.example.org/private"),
                urls(json(attachments(carol, "alice@example.com", ""))));
        assertEquals(List.of("https://dave.example.org/private"),
                urls(json(attachments(fx.backendToken("bob"), "dave@example.com", ""))));
        assertEquals(List.of(), urls(json(attachments(fx.session("dave"), "carol@example.com", ""))));
    }

    @Test
    void theCursorPagesOnWithoutGapsOrRepeats() throws Exception {
        for (int i = 1; i <= 7; i++) {
            send(i % 2 == 0 ? "alice" : "bob", i % 2 == 0 ? "bob" : "alice", "link https://x.example.org/" + i);
        }
        fx.awaitArchived();
        String alice = fx.session("alice");
        List<String> seen = new ArrayList<>();
        String before = "";
        int calls = 0;
        do {
            JSONObject page = json(attachments(alice, "bob@example.com", "?limit=3&before=" + before));
            List<String> urls = urls(page);
            assertTrue(urls.size() <= 3, urls.toString());
            seen.addAll(urls);
            before = page.isNull("before") ? null : page.getString("before");
            calls++;
        } while (before != null && calls < 10);
        assertEquals(List.of("https://x.example.org/7", "https://x.example.org/6", "https://x.example.org/5",
                "https://x.example.org/4", "https://x.example.org/3", "https://x.example.org/2",
                "https://x.example.org/1"), seen);
    }

    @Test
    void aLongStretchWithoutLinksTakesSeveralQuickCalls() throws Exception {
        send("bob", "alice", "the old one: https://old.example.org/doc.pdf");
        for (int i = 0; i < HistoryService.ATTACHMENT_SCAN + 20; i++) {
            fx.archive(i % 2 == 0 ? "alice" : "bob", i % 2 == 0 ? "bob" : "alice", "plain line " + i);
        }
        fx.awaitArchived();
        String alice = fx.session("alice");
        JSONObject first = json(attachments(alice, "bob@example.com", ""));
        assertEquals(List.of(), urls(first), "one call reads at most " + HistoryService.ATTACHMENT_SCAN);
        assertFalse(first.isNull("before"), "and says where to go on");
        JSONObject second = json(attachments(alice, "bob@example.com", "?before=" + first.getString("before")));
        assertEquals(List.of("https://old.example.org/doc.pdf"), urls(second));
        assertTrue(second.isNull("before"));
    }

    @Test
    void anAliasThreadShowsMembersEverythingAndOthersTheirOwnPart() throws Exception {
        fx.archiveToAlias("carol", ALIAS, chat("my order: https://carol.example.org/order"));
        fx.archiveToAlias("dave", ALIAS + "/bob", chat("quote request", "https://chat.example.com/httpfileupload/"
                + "77/rfq.pdf"));
        fx.archiveToAlias("alice", ALIAS + "/carol", chat("carol, your invoice: https://shop.example.org/inv/9"));
        fx.awaitArchived();

        List<String> all = List.of("https://shop.example.org/inv/9",
                "https://chat.example.com/httpfileupload/77/rfq.pdf", "https://carol.example.org/order");
        assertEquals(all, urls(json(attachments(fx.session("alice"), ALIAS, ""))), "members see the whole thread");
        assertEquals(all, urls(json(attachments(fx.backendToken("bob"), ALIAS, ""))));
        assertEquals(List.of("https://shop.example.org/inv/9", "https://carol.example.org/order"),
                urls(json(attachments(fx.session("carol"), ALIAS, ""))), "carol: her line and the answer to her");
        JSONObject dave = json(attachments(fx.session("dave"), ALIAS, ""));
        assertEquals(List.of("https://chat.example.com/httpfileupload/77/rfq.pdf"), urls(dave));
        assertEquals("file", dave.getJSONArray("attachments").getJSONObject(0).getString("kind"));
        assertEquals(List.of(), urls(json(attachments(fx.session("boss"), ALIAS, ""))), "no part in it: nothing");
    }

    @Test
    void badRequestsAreExplained() throws Exception {
        String alice = fx.session("alice");
        assertError(fx.send(fx.request("/contacts/bob@example.com/attachments").GET()), 401, "missing-credentials");
        assertError(attachments(alice, "example.com", ""), 400, "invalid-address");
        assertError(attachments(alice, "bob@example.com", "?before=abc"), 400, "invalid-parameter");
        assertError(attachments(alice, "bob@example.com", "?before=-5"), 400, "invalid-parameter");
        assertError(attachments(alice, "bob@example.com", "?limit=0"), 400, "invalid-parameter");
        assertError(attachments(alice, "bob@example.com", "?limit=" + (HistoryService.MAX_PAGE + 1)), 400,
                "invalid-parameter");
        assertError(attachments(alice, "bob@example.com", "?limit=2&limit=3"), 400, "invalid-parameter");
        assertEquals(200, attachments(alice, "bob@example.com", "?before=&limit=").statusCode(),
                "blank is the same as absent");
    }
}
