package org.domainchat.webmail;

import static org.domainchat.webmail.WebmailFixture.assertError;
import static org.domainchat.webmail.WebmailFixture.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.domainchat.alias.Alias;
import org.domainchat.archive.ArchivedMessage;
import org.json.JSONArray;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Unread counts in the navigation and content panes and {@code POST /read}, over real HTTP on messages the real
 * archiver stored: the floor, markers, the user's own replies, the cap, alias threads, and that read state is only
 * ever the caller's own.
 */
class WebmailUnreadTest {

    @TempDir
    Path data;

    private WebmailFixture fx;
    private String alice;
    private String bob;
    private String carol;
    private String dave;

    @BeforeEach
    void start() throws Exception {
        fx = new WebmailFixture(data);
        fx.alias("sales", "Sales Team", Alias.Visibility.ALL, true, "alice", "bob");
        fx.alias("board", "Board", Alias.Visibility.MEMBERS, true, "bob", "carol");
        alice = fx.backendToken("alice");
        bob = fx.session("bob");
        carol = fx.session("carol");
        dave = fx.session("dave");
    }

    @AfterEach
    void stop() throws Exception {
        fx.close();
    }

    /** Each message a second later than the one before, as people write. */
    private ArchivedMessage say(String from, String to, String body) throws Exception {
        fx.now.addAndGet(1000);
        return fx.archive(from, to, body);
    }

    private ArchivedMessage sayToAlias(String writer, String alias, String answering, String body) throws Exception {
        fx.now.addAndGet(1000);
        return fx.archiveViaAlias(writer, alias, answering, body);
    }

    /** The unread count of {@code jid} in the caller's contact list ({@code 99+} when capped). */
    private String unread(String token, String jid) throws Exception {
        HttpResponse<String> r = fx.get("/contacts?limit=500", token);
        assertEquals(200, r.statusCode(), r.body());
        JSONArray contacts = json(r).getJSONArray("contacts");
        for (int i = 0; i < contacts.length(); i++) {
            JSONObject c = contacts.getJSONObject(i);
            if (c.getString("jid").equals(jid)) {
                return c.getInt("unread") + (c.getBoolean("unreadCapped") ? "+" : "");
            }
        }
        throw new AssertionError(jid + " is not a contact: " + r.body());
    }

    private JSONObject read(String token, JSONObject body) throws Exception {
        HttpResponse<String> r = fx.postJson("/read", body.toString(), token);
        assertEquals(200, r.statusCode(), r.body());
        return json(r);
    }

    @Test
    void aNewWebmailUserDoesNotSeeOldHistoryAsUnread() throws Exception {
        say("bob", "alice", "a message from long ago");
        say("carol", "alice", "another one");
        fx.awaitArchived();
        fx.now.addAndGet(1000);
        assertEquals("0", unread(alice, "bob@example.com"), "before her first visit: not unread");
        assertEquals("0", unread(alice, "carol@example.com"));
        ArchivedMessage fresh = say("bob", "alice", "new since her first visit");
        fx.awaitArchived();
        assertEquals("1", unread(alice, "bob@example.com"));
        JSONObject details = json(fx.get("/contacts/bob@example.com", alice));
        assertEquals(1, details.getInt("unread"));
        assertTrue(Long.parseLong(details.getString("readUpTo")) < fresh.id(), "the floor, before the new line");
    }

    @Test
    void markersAndTheUsersOwnRepliesDecideWhatIsUnread() throws Exception {
        fx.get("/contacts", alice); // alice's first visit
        ArchivedMessage one = say("bob", "alice", "one");
        say("bob", "alice", "two");
        ArchivedMessage three = say("bob", "alice", "three");
        say("carol", "alice", "from carol");
        fx.awaitArchived();
        assertEquals("3", unread(alice, "bob@example.com"));
        assertEquals("1", unread(alice, "carol@example.com"));
        assertEquals("0", unread(alice, "dave@example.com"));

        JSONObject marked = read(alice, new JSONObject().put("with", "bob@example.com").put("upTo",
                Long.toString(one.id())));
        assertEquals(new JSONObject().put("with", "bob@example.com").put("upTo", Long.toString(one.id()))
                .put("unread", 2).put("unreadCapped", false).toString(), marked.toString());
        assertEquals(List.of("alice bob@example.com " + one.id()), fx.readEvents, "her other tabs are told");
        assertEquals("2", unread(alice, "bob@example.com"));
        assertEquals(Long.toString(one.id()), json(fx.get("/contacts/bob@example.com", alice)).getString("readUpTo"));

        JSONObject again = read(alice, new JSONObject().put("with", "bob@example.com").put("upTo",
                Long.toString(one.id() - 1)));
        assertEquals(Long.toString(one.id()), again.getString("upTo"), "a marker never moves back (tabs racing)");
        assertEquals(1, fx.readEvents.size(), "nothing changed, nothing to tell");

        say("alice", "bob", "replying from her phone means she read it");
        fx.awaitArchived();
        assertEquals("0", unread(alice, "bob@example.com"));
        ArchivedMessage four = say("bob", "alice", "four");
        fx.awaitArchived();
        assertEquals("1", unread(alice, "bob@example.com"));

        JSONObject everything = read(alice, new JSONObject().put("with", "Bob@Example.COM"));
        assertEquals("bob@example.com", everything.getString("with"));
        assertTrue(Long.parseLong(everything.getString("upTo")) >= four.id(), "no upTo: everything so far");
        assertEquals(0, everything.getInt("unread"));
        assertEquals("0", unread(alice, "bob@example.com"));
        assertEquals("1", unread(alice, "carol@example.com"), "one contact at a time");
        assertTrue(three.id() < four.id());
        JSONObject explicitNull = read(alice, new JSONObject().put("with", "carol@example.com")
                .put("upTo", JSONObject.NULL));
        assertEquals(0, explicitNull.getInt("unread"), "upTo null is everything so far too");
    }

    @Test
    void countsStopAt99() throws Exception {
        fx.get("/contacts", alice);
        for (int i = 1; i <= 99; i++) {
            say("bob", "alice", "line " + i);
        }
        fx.awaitArchived();
        assertEquals("99", unread(alice, "bob@example.com"));
        for (int i = 100; i <= 140; i++) {
            say("bob", "alice", "line " + i);
        }
        fx.awaitArchived();
        assertEquals("99+", unread(alice, "bob@example.com"));
        JSONObject details = json(fx.get("/contacts/bob@example.com", alice));
        assertEquals(99, details.getInt("unread"));
        assertTrue(details.getBoolean("unreadCapped"));
    }

    @Test
    void anAliasCountsTheThreadItsReaderMaySee() throws Exception {
        for (String token : List.of(alice, bob, carol, dave)) {
            fx.get("/contacts", token);
        }
        sayToAlias("carol", "sales", null, "carol asks the sales team");
        sayToAlias("bob", "sales", "carol", "bob answers carol");
        sayToAlias("bob", "sales", "dave", "bob answers dave");
        sayToAlias("bob", "board", null, "a board matter");
        fx.awaitArchived();
        assertEquals("3", unread(alice, "sales@example.com"), "a member: the whole thread");
        assertEquals("0", unread(bob, "sales@example.com"), "his own answers are the newest lines");
        assertEquals("1", unread(carol, "sales@example.com"), "a non-member: only the answer to her");
        assertEquals("1", unread(dave, "sales@example.com"));
        assertEquals("1", unread(carol, "board@example.com"));

        JSONObject marked = read(carol, new JSONObject().put("with", "sales@example.com"));
        assertEquals(0, marked.getInt("unread"));
        assertEquals("3", unread(alice, "sales@example.com"), "carol's marker is hers alone");
        assertEquals("1", unread(dave, "sales@example.com"));
        assertTrue(fx.readEvents.contains("carol sales@example.com " + marked.getString("upTo")));

        assertError(fx.postJson("/read", "{\"with\": \"board@example.com\"}", alice), 404, "contact-not-found");
        assertError(fx.get("/contacts/board@example.com", alice), 404, "contact-not-found");
    }

    @Test
    void readRefusesBadInputWithoutStoringAnything() throws Exception {
        String tooLate = Long.toString((fx.now.get() + 24 * 3600_000L) * 1000);
        record Case(String body, int status, String code) {
        }
        for (Case c : List.of(
                new Case("", 400, "malformed-request"),
                new Case("[]", 400, "malformed-request"),
                new Case("{}", 400, "malformed-request"),
                new Case("{\"with\": 5}", 400, "malformed-request"),
                new Case("{\"with\": \"not an address\"}", 400, "invalid-address"),
                new Case("{\"with\": \"bob@example.com/desk\"}", 400, "invalid-address"),
                new Case("{\"with\": \"bob@example.com\", \"upTo\": 1795000000000000}", 400, "invalid-parameter"),
                new Case("{\"with\": \"bob@example.com\", \"upTo\": \"abc\"}", 400, "invalid-parameter"),
                new Case("{\"with\": \"bob@example.com\", \"upTo\": \"0\"}", 400, "invalid-parameter"),
                new Case("{\"with\": \"bob@example.com\", \"upTo\": \"-5\"}", 400, "invalid-parameter"),
                new Case("{\"with\": \"bob@example.com\", \"upTo\": \"" + tooLate + "\"}", 400, "invalid-parameter"),
                new Case("{\"with\": \"nobody@example.com\"}", 404, "contact-not-found"),
                new Case("{\"with\": \"boss@example.com\"}", 404, "contact-not-found"),
                new Case("{\"with\": \"board@example.com\"}", 404, "contact-not-found"),
                new Case("{\"with\": \"alice@example.com\"}", 404, "contact-not-found"),
                new Case("{\"with\": \"bob@elsewhere.org\"}", 404, "contact-not-found"))) {
            assertError(fx.postJson("/read", c.body(), alice), c.status(), c.code());
        }
        assertEquals(List.of(), fx.readEvents);
        assertError(fx.send(fx.request("/read").header("Authorization", "Bearer " + alice)
                .header("Content-Type", "text/plain").POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                        "with=bob@example.com"))), 415, "unsupported-media-type");
        assertError(fx.postJson("/read", "{\"with\": \"bob@example.com\"}"), 401, "missing-credentials");
        assertError(fx.get("/read", alice), 405, "method-not-allowed");
    }

    @Test
    void nobodyReadsOrMovesAnotherUsersReadState() throws Exception {
        for (String token : List.of(alice, bob, carol)) {
            fx.get("/contacts", token);
        }
        ArchivedMessage bobToCarol = say("bob", "carol", "between bob and carol");
        say("bob", "carol", "still between them");
        say("bob", "alice", "for alice");
        fx.awaitArchived();
        assertEquals("2", unread(carol, "bob@example.com"));

        // naming another user in the body is refused outright (no member the endpoint does not know)
        assertError(fx.postJson("/read", new JSONObject().put("with", "carol@example.com")
                .put("upTo", Long.toString(bobToCarol.id())).put("user", "carol").toString(), alice), 400,
                "malformed-request");
        assertEquals(List.of(), fx.readEvents);
        // alice names an id of a conversation she is not in: it only ever moves her own marker for carol
        JSONObject foreign = read(alice, new JSONObject().put("with", "carol@example.com")
                .put("upTo", Long.toString(bobToCarol.id())));
        assertEquals(0, foreign.getInt("unread"), "nothing of bob and carol's conversation is counted for alice");
        assertEquals("2", unread(carol, "bob@example.com"), "carol's state is untouched");
        assertEquals("0", unread(bob, "carol@example.com"));
        assertEquals(List.of("alice carol@example.com " + bobToCarol.id()), fx.readEvents);

        // no parameter names another user: these are ignored and alice gets her own list
        String own = json(fx.get("/contacts", alice)).toString();
        for (String query : List.of("?user=carol", "?username=carol", "?as=carol@example.com", "?jid=carol")) {
            assertEquals(own, json(fx.get("/contacts" + query, alice)).toString(), query);
        }
        assertEquals("1", unread(alice, "bob@example.com"));
        assertFalse(own.contains("between"), "a list never carries message text");
        assertEquals(Set.of("alice"), Set.copyOf(fx.readEvents.stream().map(e -> e.split(" ")[0]).toList()));
    }
}
