package org.domainchat.webmail;

import static org.domainchat.webmail.WebmailFixture.assertError;
import static org.domainchat.webmail.WebmailFixture.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.domainchat.alias.Alias;
import org.domainchat.archive.ArchivedMessage;
import org.domainchat.search.SearchOutcome;
import org.domainchat.search.SearchRequest;
import org.domainchat.testing.Chats;
import org.json.JSONArray;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The webmail API against a hostile caller, over real Jetty and HTTP with the real core (HSQLDB, Lucene): characters
 * XML 1.0 forbids in every field that reaches a stanza, members no endpoint knows, other users' ids on every
 * id-taking endpoint, query syntax bombs and oversize fields. Every refusal is a 4xx in the API's error format and
 * nothing is sent, stored or shown; no answer is ever a 5xx. No timings are asserted.
 */
class HostileApiTest {

    /** Characters XML 1.0 forbids, as the issue found them and a few more (a lone surrogate of each half). */
    static final List<String> FORBIDDEN = List.of("\u0000", "\u0001", "\u001B", "\u0008", "\u000B", "\uFFFE",
            "\uFFFF", "\uD800", "\uDC00");

    @TempDir
    Path data;
    WebmailFixture f;
    String alice;
    String bob;

    @BeforeEach
    void start() throws Exception {
        f = new WebmailFixture(data);
        alice = f.session("alice");
        bob = f.session("bob");
    }

    @AfterEach
    void stop() throws Exception {
        f.close();
    }

    HttpResponse<String> call(String method, String path, String token, String json) throws Exception {
        HttpRequest.Builder b = f.request(path).header("Authorization", token.startsWith("Basic ") ? token
                : "Bearer " + token);
        if (json == null) {
            return f.send(b.method(method, HttpRequest.BodyPublishers.noBody()));
        }
        return f.send(b.header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(ascii(json))));
    }

    /**
     * {@code json} with every character outside printable ASCII as a {@code \\uXXXX} escape (JSON text has them in
     * strings only), so that lone surrogates and U+0000 reach the server as the JSON says, not as UTF-8 mangles them.
     */
    static String ascii(String json) {
        StringBuilder out = new StringBuilder(json.length());
        for (char c : json.toCharArray()) {
            if (c < 0x20 || c > 0x7E) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** A 400 {@code invalid-character} whose problem names {@code field}, and whose message says where. */
    static void assertInvalidCharacter(HttpResponse<String> r, String field, int position) {
        assertEquals(400, r.statusCode(), r.body());
        JSONObject error = json(r).getJSONObject("error");
        assertEquals("invalid-character", error.getString("code"), r.body());
        JSONArray problems = error.getJSONArray("problems");
        assertEquals(1, problems.length(), r.body());
        assertEquals(field, problems.getJSONObject(0).getString("field"), r.body());
        assertTrue(error.getString("message").contains("\"" + field + "\""), r.body());
        assertTrue(error.getString("message").contains("position " + position), r.body());
    }

    int sentCount() {
        return f.links.opened.stream().mapToInt(l -> l.sent.size()).sum();
    }

    // ---- characters XML 1.0 forbids ----

    @Test
    void aMessageBodyWithACharacterXmlForbidsIsRefusedAndNothingIsRouted() throws Exception {
        f.alias("sales", "Sales", Alias.Visibility.ALL, true, "bob", "carol");
        for (String to : List.of("bob@example.com", "sales@example.com", "alice@example.com")) {
            for (String bad : FORBIDDEN) {
                String body = "ab" + bad + "c";
                HttpResponse<String> r = call("POST", "/messages", alice,
                        new JSONObject().put("to", to).put("body", body).toString());
                assertInvalidCharacter(r, "body", 3);
            }
        }
        // counted as people see characters: an emoji before it is one position
        assertInvalidCharacter(call("POST", "/messages", alice, new JSONObject().put("to", "bob@example.com")
                .put("body", "\uD83D\uDE00\uFFFE").toString()), "body", 2);
        assertEquals(0, sentCount());
        // what XML allows goes out as it was typed: tab, line feed, emoji, the last BMP character allowed
        String fine = "a\tb\nc\r\uD83D\uDE00 \uFFFD \uE000";
        HttpResponse<String> r = call("POST", "/messages", alice, new JSONObject().put("to", "bob@example.com")
                .put("body", fine).toString());
        assertEquals(202, r.statusCode(), r.body());
        assertEquals(fine, f.links.open("alice").sent.get(0).getBody());
    }

    @Test
    void aStatusTextWithACharacterXmlForbidsIsRefusedAndNothingIsAnnouncedOrRemembered() throws Exception {
        for (String bad : FORBIDDEN) {
            HttpResponse<String> r = call("PUT", "/status", alice, new JSONObject().put("status", "away")
                    .put("text", "lunch" + bad).toString());
            assertInvalidCharacter(r, "text", 6);
        }
        assertEquals(0, f.links.opened.size(), "no resource opened, no presence announced");
        assertEquals(null, f.memory.remembered.get("alice"), "nothing remembered to announce later");
        HttpResponse<String> r = call("PUT", "/status", alice, "{\"status\": \"away\", \"text\": \"lunch \u00e9\"}");
        assertEquals(200, r.statusCode(), r.body());
    }

    @Test
    void aliasProvisioningFieldsWithACharacterXmlForbidsAreRefused() throws Exception {
        String boss = WebmailFixture.basic("boss", "boss-pw");
        for (String bad : FORBIDDEN) {
            assertInvalidCharacter(call("PUT", "/admin/aliases/sales", boss, new JSONObject()
                    .put("displayName", "Sa" + bad).toString()), "displayName", 3);
            assertInvalidCharacter(call("PUT", "/admin/aliases/sales", boss, new JSONObject()
                    .put("displayName", "Sales").put("group", bad + "Sales staff").toString()), "group", 1);
            assertInvalidCharacter(call("PUT", "/admin/aliases/sales", boss, new JSONObject()
                    .put("displayName", "Sales").put("members", new JSONArray().put("bob").put("ca" + bad))
                    .toString()), "members[1]", 3);
        }
        assertTrue(f.core.aliases().view().byName().isEmpty());
    }

    // ---- members no endpoint knows ----

    @Test
    void everyJsonBodyRefusesMembersItDoesNotKnowAndNamesThem() throws Exception {
        String boss = WebmailFixture.basic("boss", "boss-pw");
        Map<String, String[]> bodies = Map.of(
                "POST /messages", new String[]{alice, "{\"to\": \"bob@example.com\", \"body\": \"hi\", \"subject\": \"x\"}"},
                "PUT /status", new String[]{alice, "{\"status\": \"away\", \"colour\": \"red\"}"},
                "POST /typing", new String[]{alice, "{\"to\": \"bob@example.com\", \"state\": \"composing\", \"x\": 1}"},
                "POST /read", new String[]{alice, "{\"with\": \"bob@example.com\", \"all\": true}"},
                "PUT /admin/aliases/sales", new String[]{boss, "{\"displayName\": \"Sales\", \"owner\": \"bob\"}"});
        for (Map.Entry<String, String[]> e : bodies.entrySet()) {
            String[] route = e.getKey().split(" ");
            JSONObject body = new JSONObject(e.getValue()[1]);
            String unknown = body.keySet().stream().filter(k -> !List.of("to", "body", "status", "state", "with",
                    "displayName").contains(k)).findFirst().orElseThrow();
            JSONObject error = assertError(call(route[0], route[1], e.getValue()[0], e.getValue()[1]), 400,
                    "malformed-request");
            assertTrue(error.getString("message").contains("\"" + unknown + "\""), e.getKey() + ": " + error);
        }
        JSONObject error = assertError(f.postJson("/session",
                "{\"username\": \"alice\", \"password\": \"alice-pw\", \"remember\": true}"), 400, "malformed-request");
        assertTrue(error.getString("message").contains("\"remember\""), error.toString());
        assertEquals(0, sentCount());
        assertEquals(0, f.links.opened.size());
        assertTrue(f.core.aliases().view().byName().isEmpty());
    }

    // ---- a chat with oneself is a private note ----

    @Test
    void aSelfChatIsReadOnlyByItsAccountWhateverItsResourcesAreCalled() throws Exception {
        ArchivedMessage own = f.archive("bob", "alice", "bob's own line to alice");
        f.now.addAndGet(31 * 60_000L);
        // a resource named after bob, and the bare JID: both are alice's notes to herself
        ArchivedMessage toResource = f.archive(Chats.chat("alice@example.com/desk", "alice@example.com/bob",
                "note to self: bob's raise is 7 percent"));
        f.now.addAndGet(31 * 60_000L);
        ArchivedMessage toBare = f.archive(Chats.chat("alice@example.com/phone", "alice@example.com",
                "note to self: the safe code is 4711"));
        f.alias("sales", "Sales", Alias.Visibility.ALL, true, "carol");
        ArchivedMessage viaAlias = f.archiveViaAlias("bob", "sales", null, "bob asks sales");
        f.awaitArchived();
        alice = f.session("alice"); // the clock moved past the sessions' idle timeout
        bob = f.session("bob");
        // each is the first line of its conversation, whose id is its first message's
        long[] selfChats = {toResource.id(), toBare.id()};

        // bob probes ids around his own conversation and around hers: nothing but his own is there for him
        Set<Long> probed = new TreeSet<>();
        for (long centre : new long[]{own.id(), selfChats[0], selfChats[1], viaAlias.id()}) {
            for (long id = Math.max(1, centre - 25); id <= centre + 25; id++) {
                probed.add(id);
            }
        }
        for (long id : probed) {
            HttpResponse<String> r = f.get("/conversations/" + id, bob);
            if (id == own.id() || id == viaAlias.id()) {
                assertEquals(200, r.statusCode(), id + ": " + r.body());
                assertFalse(r.body().contains("note to self"), r.body());
            } else {
                JSONObject error = assertError(r, 404, "conversation-not-found");
                assertFalse(error.getString("message").contains("alice"), "not even whose it is: " + error);
            }
        }
        // nor through history, conversations, attachments or search, with any contact
        for (String with : List.of("alice@example.com", "bob@example.com", "sales@example.com")) {
            for (String path : List.of("/history/", "/contacts/")) {
                String suffix = path.equals("/contacts/") ? "/conversations" : "";
                HttpResponse<String> r = f.get(path + with + suffix, bob);
                assertEquals(200, r.statusCode(), r.body());
                assertFalse(r.body().contains("note to self"), with + ": " + r.body());
            }
            assertFalse(f.get("/contacts/" + with + "/attachments", bob).body().contains("note to self"));
            HttpResponse<String> r = f.get("/search?q=note&with=" + with, bob);
            assertEquals(200, r.statusCode(), r.body());
            assertEquals(0, json(r).getJSONArray("hits").length(), r.body());
        }
        for (String q : List.of("note", "raise", "safe", "bob", "self")) {
            HttpResponse<String> r = f.get("/search?q=" + q, bob);
            assertEquals(200, r.statusCode(), r.body());
            assertFalse(r.body().contains("note to self"), q + ": " + r.body());
        }

        // alice reads her notes everywhere
        for (long id : selfChats) {
            HttpResponse<String> r = f.get("/conversations/" + id, alice);
            assertEquals(200, r.statusCode(), r.body());
            assertTrue(r.body().contains("note to self"), r.body());
            assertEquals("alice@example.com", json(r).getJSONObject("conversation").getString("with"));
        }
        HttpResponse<String> r = f.get("/history/alice@example.com", alice);
        assertEquals(2, json(r).getJSONArray("messages").length(), r.body());
        r = f.get("/contacts/alice@example.com/conversations", alice);
        assertEquals(2, json(r).getJSONArray("conversations").length(), r.body());
        r = f.get("/search?q=note", alice);
        assertEquals(2, json(r).getJSONArray("hits").length(), r.body());
        r = f.get("/search?q=note&with=alice@example.com", alice);
        assertEquals(2, json(r).getJSONArray("hits").length(), r.body());

        // carol, a member of sales, still reads the alias thread whole; bob his own part of it
        String carol = f.session("carol");
        r = f.get("/conversations/" + viaAlias.id(), carol);
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.body().contains("bob asks sales"), r.body());
        assertEquals(404, f.get("/conversations/" + selfChats[0], carol).statusCode());

        // the administrator's archive search sees everything, notes to self included
        SearchOutcome all = f.core.search().searchAll(new SearchRequest("note", null, null, null,
                SearchRequest.Order.NEWEST, null, 10));
        assertEquals(2, ((SearchOutcome.Page) all).hits().size(), all.toString());
        assertTrue(f.core.history().transcriptForAdmin(selfChats[0], null, 10).isPresent());
    }

    // ---- search syntax bombs ----

    static String q(String text) {
        return java.net.URLEncoder.encode(text, java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void malformedAndCostlySearchesAreExplainedWithWhereNeverA500() throws Exception {
        f.archive("alice", "bob", "the quarterly report aaaa is ready");
        f.awaitArchived();
        record Case(String q, String code, int position) {
        }
        for (Case c : List.of(
                new Case("/[/", "query-syntax", 2),
                new Case("/(/", "query-syntax", 2),
                new Case("/[z-a]/", "query-syntax", 2),
                new Case("report /a{/", "query-syntax", 11),
                new Case("\"a b\"~-1", "query-syntax", 6),
                new Case("/a{1000000}/", "query-too-complex", 2),
                new Case("/((a{50}){50}){50}/", "query-too-complex", 2),
                new Case("/" + "a".repeat(101) + "/", "query-too-complex", 2),
                new Case("report " + "a".repeat(101) + "*", "query-too-complex", 8),
                new Case("\"unbalanced", "query-syntax", 12),
                new Case("report AND", "query-syntax", 0),
                new Case("(report", "query-syntax", 0))) {
            HttpResponse<String> r = f.get("/search?q=" + q(c.q()), alice);
            assertEquals(400, r.statusCode(), c + ": " + r.body());
            JSONObject error = json(r).getJSONObject("error");
            assertEquals(c.code(), error.getString("code"), c + ": " + r.body());
            if (c.position() > 0) {
                WebmailFixture.assertSearchError(r, c.code(), c.position());
            }
        }
        // what is fine stays fine: a small regular expression, a wildcard, a fuzzy word, a phrase with slop
        for (String fine : List.of("/rep.rt/", "quart*", "reprot~1", "\"quarterly ready\"~3", "/a{4}/")) {
            HttpResponse<String> r = f.get("/search?q=" + q(fine), alice);
            assertEquals(200, r.statusCode(), fine + ": " + r.body());
            assertEquals(1, json(r).getJSONArray("hits").length(), fine + ": " + r.body());
        }
    }

    /**
     * Three thousand generated search texts made of the query syntax's special characters, words and numbers, through
     * the real API: every answer is a 200 or a 400 with a search problem code, never a 5xx.
     */
    @Test
    void generatedHostileSearchTextsNeverGetA5xx() throws Exception {
        f.archive("alice", "bob", "the quarterly report is ready");
        f.awaitArchived();
        List<String> pieces = List.of("/", "[", "]", "(", ")", "{", "}", "\"", "~", "*", "?", "\\", ":", "^", "+",
                "-", "!", "&&", "||", " AND ", " OR ", " NOT ", " TO ", "a", "report", "z", "0", "9", "1000000",
                "-1", ",", "<", ">", "#", "@", ".", " ", "body:", "party:", "{2,}", "{1000}", "a{", "\u00e9",
                "\uD83D\uDE00", "\u0000", "\uFFFE", "%", "'", "\t");
        Set<String> codes = Set.of("query-syntax", "query-too-complex", "query-too-long", "too-many-terms",
                "field-not-searchable");
        java.util.Random random = new java.util.Random(20261127L);
        Map<Integer, Integer> statuses = new java.util.TreeMap<>();
        for (int i = 0; i < 3000; i++) {
            StringBuilder text = new StringBuilder();
            int n = 1 + random.nextInt(i % 10 == 9 ? 120 : 12);
            for (int k = 0; k < n; k++) {
                text.append(pieces.get(random.nextInt(pieces.size())));
            }
            HttpResponse<String> r = f.get("/search?q=" + q(text.toString()), alice);
            statuses.merge(r.statusCode(), 1, Integer::sum);
            if (r.statusCode() != 200) {
                assertEquals(400, r.statusCode(), text + ": " + r.body());
                String code = json(r).getJSONObject("error").getString("code");
                assertTrue(codes.contains(code), text + ": " + r.body());
            }
        }
        assertTrue(statuses.getOrDefault(400, 0) > 100 && statuses.getOrDefault(200, 0) > 100,
                "the generator makes both good and bad texts: " + statuses);
    }

    // ---- other users' ids and oversize fields ----

    @Test
    void otherUsersIdsOnEveryIdTakingEndpointShowNothingOfThem() throws Exception {
        ArchivedMessage bobCarol = f.archive("bob", "carol", "between bob and carol: https://example.com/secret.pdf");
        f.alias("board", "Board", Alias.Visibility.MEMBERS, true, "carol");
        ArchivedMessage boardLine = f.archiveViaAlias("carol", "board", null, "board only: layoffs");
        f.awaitArchived();
        // transcripts of conversations alice is not in
        for (long id : new long[]{bobCarol.id(), boardLine.id()}) {
            assertError(f.get("/conversations/" + id, alice), 404, "conversation-not-found");
            assertError(f.get("/conversations/" + id + "?after=" + (id - 1), alice), 404, "conversation-not-found");
        }
        // history, conversations and attachments with a contact are alice's own with them: nothing of bob and carol
        for (String path : List.of("/history/carol@example.com", "/contacts/carol@example.com/conversations",
                "/contacts/carol@example.com/attachments", "/history/board@example.com",
                "/contacts/board@example.com/attachments", "/search?q=secret", "/search?q=layoffs",
                "/search?q=layoffs&with=board@example.com", "/history/carol@example.com?before=" + (bobCarol.id() + 1))) {
            HttpResponse<String> r = f.get(path, alice);
            assertTrue(r.statusCode() == 200 || r.statusCode() == 404, path + ": " + r.body());
            assertFalse(r.body().contains("secret") || r.body().contains("layoffs"), path + ": " + r.body());
        }
        // a read marker set to an id of someone else's conversation moves only alice's own marker, and says nothing
        HttpResponse<String> r = f.postJson("/read", new JSONObject().put("with", "carol@example.com")
                .put("upTo", Long.toString(bobCarol.id())).toString(), alice);
        assertEquals(200, r.statusCode(), r.body());
        assertFalse(r.body().contains("secret"), r.body());
        assertEquals(List.of("alice carol@example.com " + bobCarol.id()), f.readEvents);
        // an alias alice may not see is no contact of hers
        assertError(f.postJson("/read", "{\"with\": \"board@example.com\"}", alice), 404, "contact-not-found");
        assertError(f.get("/contacts/board@example.com", alice), 404, "contact-not-found");
    }

    @Test
    void oversizeFieldsAreRefusedOrBoundedNeverA5xx() throws Exception {
        f.settings.maxBodyBytes = 1 << 20;
        String big = "x".repeat(LiveEndpoints.MAX_BODY_CHARS + 1);
        assertError(call("POST", "/messages", alice, new JSONObject().put("to", "bob@example.com").put("body", big)
                .toString()), 400, "body-too-long");
        assertError(call("POST", "/messages", alice, new JSONObject().put("to", "a".repeat(5000) + "@example.com")
                .put("body", "hi").toString()), 400, "invalid-address");
        HttpResponse<String> r = call("PUT", "/status", alice, new JSONObject().put("status", "away")
                .put("text", "t".repeat(1025)).toString());
        assertEquals(400, r.statusCode(), r.body());
        JSONObject tooLong = json(r).getJSONObject("error");
        assertEquals("text-too-long", tooLong.getString("code"), r.body());
        assertEquals("text", tooLong.getJSONArray("problems").getJSONObject(0).getString("field"), r.body());
        r = f.get("/status", alice);
        assertEquals(200, r.statusCode(), r.body());
        assertFalse(json(r).optString("text").startsWith("ttt"), "a refused status text is not taken: " + r.body());
        r = call("PUT", "/status", alice, new JSONObject().put("status", "away")
                .put("text", "\uD83D\uDE00".repeat(1024)).toString());
        assertEquals(200, r.statusCode(), "1,024 characters as people count them (emoji included) are fine: " + r.body());
        assertSearchTooLong(f.get("/search?q=" + "x".repeat(1001), alice));
        JSONObject error = assertError(call("PUT", "/status", alice, "{\"status\": \"away\", \"" + "k".repeat(5000)
                + "\": 1}"), 400, "malformed-request");
        assertTrue(error.getString("message").length() < 300, "echoed input is clipped: " + error);
        assertEquals(0, sentCount());
    }

    private static void assertSearchTooLong(HttpResponse<String> r) {
        assertEquals(400, r.statusCode(), r.body());
        assertEquals("query-too-long", json(r).getJSONObject("error").getString("code"));
    }
}
