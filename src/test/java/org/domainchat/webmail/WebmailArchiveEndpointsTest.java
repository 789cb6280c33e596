package org.domainchat.webmail;

import static org.domainchat.webmail.WebmailFixture.assertError;
import static org.domainchat.webmail.WebmailFixture.assertSearchError;
import static org.domainchat.webmail.WebmailFixture.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.domainchat.archive.ArchivedMessage;
import org.json.JSONArray;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * History, conversations, transcripts and search over messages archived by the real archiver into HSQLDB and the
 * real index, read through HTTP as alice, bob and carol.
 */
class WebmailArchiveEndpointsTest {

    private static final long GAP = 31 * 60_000L; // longer than the 30-minute conversation idle gap

    @TempDir
    Path data;

    private WebmailFixture fx;
    private final List<ArchivedMessage> firstTalk = new ArrayList<>();
    private ArchivedMessage secondTalk;
    private ArchivedMessage thirdTalk;
    private ArchivedMessage toCarol;
    private String alice;
    private String bob;
    private String carol;

    @BeforeEach
    void start() throws Exception {
        fx = new WebmailFixture(data);
        firstTalk.add(fx.archive("alice", "bob", "hello bob, the quarterly report is ready"));
        firstTalk.add(fx.archive("bob", "alice", "thanks alice, I'll read the report"));
        firstTalk.add(fx.archive("alice", "bob", "great"));
        toCarol = fx.archive("alice", "carol", "lunch at noon?");
        fx.archive("carol", "alice", "<script>alert(1)</script> sure");
        fx.now.addAndGet(GAP);
        secondTalk = fx.archive("bob", "alice", "the report has a typo on page 3");
        fx.archive("alice", "bob", "fixed");
        fx.now.addAndGet(GAP);
        thirdTalk = fx.archive("alice", "bob", "see you tomorrow");
        for (int i = 1; i <= 30; i++) {
            fx.archive("dave", "bob", "pager line " + i);
        }
        fx.awaitArchived();
        alice = fx.backendToken("alice");
        bob = fx.session("bob");
        carol = fx.session("carol");
    }

    @AfterEach
    void stop() throws Exception {
        fx.close();
    }

    private static String q(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static List<String> bodies(JSONArray messages) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < messages.length(); i++) {
            out.add(messages.getJSONObject(i).getString("body"));
        }
        return out;
    }

    @Test
    void historyIsTheChatWindowWithOneContactOldestFirst() throws Exception {
        HttpResponse<String> r = fx.get("/history/alice@example.com", bob);
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        assertEquals("no-store", r.headers().firstValue("Cache-Control").orElse(""));
        JSONObject page = json(r);
        assertEquals("alice@example.com", page.getString("with"));
        assertEquals(List.of("hello bob, the quarterly report is ready", "thanks alice, I'll read the report",
                "great", "the report has a typo on page 3", "fixed", "see you tomorrow"),
                bodies(page.getJSONArray("messages")), "only this pair's lines, never carol's or dave's");
        assertTrue(page.isNull("before"), "everything fits the first window");

        JSONObject first = page.getJSONArray("messages").getJSONObject(0);
        ArchivedMessage m = firstTalk.get(0);
        assertEquals(Long.toString(m.id()), first.getString("id"));
        assertEquals(Long.toString(m.id()), first.getString("conversationId"));
        assertEquals("alice@example.com", first.getString("from"));
        assertEquals("bob@example.com", first.getString("to"));
        assertEquals("desk", first.getJSONObject("resources").getString("from"));
        assertTrue(first.getJSONObject("resources").isNull("to"));
        assertFalse(first.getBoolean("outgoing"), "bob reads a line alice sent");
        assertEquals(m.sentAt(), first.getLong("sentAtMillis"));
        assertEquals(Instant.ofEpochMilli(m.sentAt()), Instant.parse(first.getString("sentAt")));
        assertTrue(first.getString("sentAt").endsWith("Z"));
        assertFalse(first.getBoolean("truncated"));
        assertTrue(page.getJSONArray("messages").getJSONObject(1).getBoolean("outgoing"));
    }

    @Test
    void historyPagesBackwardsWithBefore() throws Exception {
        JSONObject page = json(fx.get("/history/bob@example.com?before=" + secondTalk.id(), alice));
        assertEquals(List.of("hello bob, the quarterly report is ready", "thanks alice, I'll read the report",
                "great"), bodies(page.getJSONArray("messages")));
        assertTrue(page.isNull("before"));
        JSONObject none = json(fx.get("/history/bob@example.com?before=" + firstTalk.get(0).id(), alice));
        assertEquals(0, none.getJSONArray("messages").length());
    }

    @Test
    void theContactAddressIsDecodedAndNormalised() throws Exception {
        for (String path : List.of("/history/alice%40example.com", "/history/Alice@Example.COM",
                "/history/%61lice@example.com")) {
            JSONObject page = json(fx.get(path, bob));
            assertEquals("alice@example.com", page.getString("with"), path);
            assertEquals(6, page.getJSONArray("messages").length(), path);
        }
    }

    @Test
    void badAddressesAndCursorsAreTheCallersMistake() throws Exception {
        assertError(fx.get("/history/not%20an%20address", bob), 400, "invalid-address");
        assertError(fx.get("/history/example.com", bob), 400, "invalid-address");
        assertError(fx.get("/history/%40example.com", bob), 400, "invalid-address");
        assertError(fx.get("/history/a@b@example.com", bob), 400, "invalid-address");
        assertError(fx.get("/history/" + "x".repeat(4000) + "@example.com", bob), 400, "invalid-address");
        // A resource ("/desk") is refused by Jetty itself when encoded (ambiguous separator) and is a path of its own
        // when not; either way no handler sees a full JID. Bad encodings in the path are refused by Jetty too.
        assertError(fx.get("/history/alice@example.com/desk", bob), 404, "not-found");
        assertError(fx.get("/history/alice@example.com?before=abc", bob), 400, "invalid-parameter");
        assertError(fx.get("/history/alice@example.com?before=-3", bob), 400, "invalid-parameter");
        assertError(fx.get("/history/alice@example.com?before=99999999999999999999", bob), 400, "invalid-parameter");
        JSONObject twice = assertError(fx.get("/history/alice@example.com?before=1&before=2", bob), 400,
                "invalid-parameter");
        assertTrue(twice.getString("message").contains("before"), twice.toString());
        assertError(fx.get("/history/alice@example.com?before=%E0%A4", bob), 400, "malformed-request");
        assertEquals(200, fx.get("/history/alice@example.com?before=", bob).statusCode(), "blank is absent");
    }

    @Test
    void conversationsWithAContactNewestFirstInPages() throws Exception {
        JSONObject page = json(fx.get("/contacts/bob@example.com/conversations?limit=2", alice));
        assertEquals("bob@example.com", page.getString("with"));
        JSONArray list = page.getJSONArray("conversations");
        assertEquals(2, list.length());
        JSONObject newest = list.getJSONObject(0);
        assertEquals(Long.toString(thirdTalk.id()), newest.getString("id"));
        assertEquals("bob@example.com", newest.getString("with"));
        assertEquals(1, newest.getInt("messageCount"));
        assertEquals("see you tomorrow", newest.getString("firstLine"));
        assertEquals(thirdTalk.sentAt(), newest.getLong("startedAtMillis"));
        assertEquals(Instant.ofEpochMilli(thirdTalk.sentAt()), Instant.parse(newest.getString("endedAt")));
        assertEquals(Long.toString(thirdTalk.id()), newest.getString("lastMessageId"));
        JSONObject second = list.getJSONObject(1);
        assertEquals(Long.toString(secondTalk.id()), second.getString("id"));
        assertEquals(2, second.getInt("messageCount"));
        assertEquals(Long.toString(secondTalk.id()), page.getString("before"));

        JSONObject older = json(fx.get("/contacts/bob@example.com/conversations?limit=2&before="
                + page.getString("before"), alice));
        JSONArray rest = older.getJSONArray("conversations");
        assertEquals(1, rest.length());
        assertEquals(Long.toString(firstTalk.get(0).id()), rest.getJSONObject(0).getString("id"));
        assertEquals(3, rest.getJSONObject(0).getInt("messageCount"));
        assertTrue(older.isNull("before"));

        assertEquals("alice@example.com", json(fx.get("/contacts/alice@example.com/conversations", bob))
                .getJSONArray("conversations").getJSONObject(0).getString("with"));
        assertEquals(0, json(fx.get("/contacts/bob@example.com/conversations", carol))
                .getJSONArray("conversations").length(), "carol never talked to bob");

        for (String limit : List.of("0", "201", "abc", "-1", "1.5")) {
            assertError(fx.get("/contacts/bob@example.com/conversations?limit=" + limit, alice), 400,
                    "invalid-parameter");
        }
        assertError(fx.get("/contacts/bob/conversations", alice), 400, "invalid-address");
    }

    @Test
    void aTranscriptIsReadInPagesByItsParticipantsOnly() throws Exception {
        String id = Long.toString(firstTalk.get(0).id());
        JSONObject page = json(fx.get("/conversations/" + id + "?limit=2", bob));
        assertEquals(id, page.getJSONObject("conversation").getString("id"));
        assertEquals("alice@example.com", page.getJSONObject("conversation").getString("with"));
        assertEquals(List.of("hello bob, the quarterly report is ready", "thanks alice, I'll read the report"),
                bodies(page.getJSONArray("messages")));
        assertEquals(Long.toString(firstTalk.get(1).id()), page.getString("after"));
        JSONObject rest = json(fx.get("/conversations/" + id + "?limit=2&after=" + page.getString("after"), alice));
        assertEquals(List.of("great"), bodies(rest.getJSONArray("messages")));
        assertTrue(rest.isNull("after"));

        HttpResponse<String> notHers = fx.get("/conversations/" + id, carol);
        HttpResponse<String> nowhere = fx.get("/conversations/" + (thirdTalk.id() + 1_000_000), carol);
        JSONObject a = assertError(notHers, 404, "conversation-not-found");
        JSONObject b = assertError(nowhere, 404, "conversation-not-found");
        assertEquals(a.getString("message").replace(id, "N"),
                b.getString("message").replace(Long.toString(thirdTalk.id() + 1_000_000), "N"),
                "someone else's conversation looks exactly like none");
        assertEquals(200, fx.get("/conversations/" + toCarol.id(), carol).statusCode());

        for (String bad : List.of("abc", "0", "-5", "1e3", "99999999999999999999")) {
            assertError(fx.get("/conversations/" + bad, bob), 400, "invalid-parameter");
        }
        assertError(fx.get("/conversations/" + id + "?after=x", bob), 400, "invalid-parameter");
        assertError(fx.get("/conversations/" + id + "?limit=500", bob), 400, "invalid-parameter");
    }

    @Test
    void searchFindsOnlyTheCallersOwnMessages() throws Exception {
        JSONObject result = json(fx.get("/search?q=report", alice));
        JSONArray hits = result.getJSONArray("hits");
        assertEquals(List.of("the report has a typo on page 3", "thanks alice, I'll read the report",
                "hello bob, the quarterly report is ready"), bodies(hits), "newest first");
        assertEquals(3, result.getLong("total"));
        assertTrue(result.getBoolean("totalExact"));
        assertTrue(result.isNull("cursor"));
        JSONObject hit = hits.getJSONObject(1);
        assertEquals(Long.toString(firstTalk.get(1).id()), hit.getString("id"));
        assertEquals(Long.toString(firstTalk.get(0).id()), hit.getString("conversationId"));
        assertEquals("bob@example.com", hit.getString("from"));
        assertEquals("bob@example.com", hit.getString("with"));
        assertFalse(hit.getBoolean("outgoing"));
        assertEquals(firstTalk.get(1).sentAt(), hit.getLong("sentAtMillis"));
        JSONArray snippet = hit.getJSONArray("snippet");
        boolean matched = false;
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < snippet.length(); i++) {
            text.append(snippet.getJSONObject(i).getString("text"));
            if (snippet.getJSONObject(i).getBoolean("match")) {
                assertEquals("report", snippet.getJSONObject(i).getString("text"));
                matched = true;
            }
        }
        assertTrue(matched, snippet.toString());
        assertEquals("thanks alice, I'll read the report", text.toString());

        assertEquals(0, json(fx.get("/search?q=report", carol)).getJSONArray("hits").length(),
                "carol took part in none of it");
        assertEquals(List.of("<script>alert(1)</script> sure"), bodies(json(fx.get("/search?q=sure&with="
                + q("carol@example.com"), alice)).getJSONArray("hits")));
        assertEquals(0, json(fx.get("/search?q=report&with=carol@example.com", alice)).getJSONArray("hits")
                .length());
    }

    @Test
    void searchPagesWithItsCursorAndFiltersByDate() throws Exception {
        JSONObject first = json(fx.get("/search?q=pager&limit=20", bob));
        assertEquals(20, first.getJSONArray("hits").length());
        assertEquals(30, first.getLong("total"));
        String cursor = first.getString("cursor");
        JSONObject second = json(fx.get("/search?q=pager&limit=20&cursor=" + q(cursor), bob));
        assertEquals(10, second.getJSONArray("hits").length());
        assertTrue(second.isNull("cursor"));
        assertEquals("pager line 1", second.getJSONArray("hits").getJSONObject(9).getString("body"));

        JSONObject relevance = json(fx.get("/search?q=" + q("pager 7") + "&order=relevance", bob));
        assertEquals("pager line 7", relevance.getJSONArray("hits").getJSONObject(0).getString("body"));

        LocalDate day = Instant.ofEpochMilli(fx.now.get()).atZone(ZoneOffset.UTC).toLocalDate();
        LocalDate firstDay = Instant.ofEpochMilli(firstTalk.get(0).sentAt()).atZone(ZoneOffset.UTC).toLocalDate();
        assertEquals(3, json(fx.get("/search?q=report&from=" + firstDay + "&to=" + day, alice)).getLong("total"),
                "to= a date includes that day");
        assertEquals(0, json(fx.get("/search?q=report&from=" + day.plusDays(1), alice)).getLong("total"));
        String since = Instant.ofEpochMilli(secondTalk.sentAt()).toString();
        assertEquals(List.of("the report has a typo on page 3"), bodies(json(fx.get("/search?q=report&from="
                + q(since), alice)).getJSONArray("hits")));
        assertEquals(2, json(fx.get("/search?q=report&to=" + secondTalk.sentAt(), alice)).getLong("total"),
                "epoch ms, exclusive");
    }

    @Test
    void badSearchesAreExplainedWithTheSearchProblemCode() throws Exception {
        JSONObject syntax = assertSearchError(fx.get("/search?q=" + q("\"unbalanced"), alice), "query-syntax", 12);
        assertTrue(syntax.getString("message").contains("could not be understood"), syntax.toString());
        assertSearchError(fx.get("/search?q=" + q("*port"), alice), "query-syntax", 1);
        assertSearchError(fx.get("/search?q=" + q("report party:bob"), alice), "field-not-searchable", 8);
        assertSearchError(fx.get("/search?q=" + q("x".repeat(1001)), alice), "query-too-long", 0);
        assertError(fx.get("/search?q=report&cursor=bogus", alice), 400, "cursor");
        assertError(fx.get("/search?q=report&from=2026-12-01&to=2026-11-01", alice), 400, "date-range");
        assertError(fx.get("/search?q=report&limit=101", alice), 400, "invalid-parameter");
        assertError(fx.get("/search?q=report&order=oldest", alice), 400, "invalid-parameter");
        assertError(fx.get("/search?q=report&from=yesterday", alice), 400, "invalid-parameter");
        assertError(fx.get("/search?q=report&to=2026-13-45", alice), 400, "invalid-parameter");
        assertError(fx.get("/search?q=report&with=" + q("not an address"), alice), 400, "invalid-address");
        assertError(fx.get("/search?q=a&q=b", alice), 400, "invalid-parameter");
    }

    @Test
    void aDatabaseFailureIsAServerFaultThatRevealsNothing() throws Exception {
        fx.failApiQueries = true;
        HttpResponse<String> r = fx.send(fx.request("/history/bob@example.com")
                .header("Authorization", "Bearer " + alice).header("Origin", WebmailFixture.ORIGIN).GET());
        JSONObject error = assertError(r, 500, "internal-error");
        assertTrue(error.getString("message").matches(".*reference [0-9a-f]{8}\\..*"), error.toString());
        assertFalse(r.body().contains("secret-host") || r.body().contains("SQL") || r.body().contains("at org."),
                r.body());
        assertEquals(WebmailFixture.ORIGIN, r.headers().firstValue("Access-Control-Allow-Origin").orElse(""),
                "the webmail page can still read that it failed");
        fx.failApiQueries = false;
        assertEquals(200, fx.get("/history/bob@example.com", alice).statusCode());
    }
}
