package org.domainchat.webmail;

import static org.domainchat.webmail.WebmailFixture.assertError;
import static org.domainchat.webmail.WebmailFixture.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.domainchat.alias.Alias;
import org.domainchat.directory.DirectoryUser;
import org.domainchat.directory.DomainDirectory;
import org.domainchat.webmail.live.WebmailStatus;
import org.json.JSONArray;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xmpp.packet.Presence;

/**
 * The navigation and content panes over real HTTP: {@code GET /contacts} (order, paging, the q filter, 10,000 users,
 * statuses) and {@code GET /contacts/{jid}} for people and aliases, on a real directory and alias book.
 */
class WebmailContactsTest {

    @TempDir
    Path data;

    private WebmailFixture fx;
    private String alice;
    private String carol;
    private String dave;

    @BeforeEach
    void start() throws Exception {
        fx = new WebmailFixture(data);
        fx.alias("sales", "Sales Team", Alias.Visibility.ALL, true, "alice", "bob");
        fx.alias("board", "board of directors", Alias.Visibility.MEMBERS, true, "bob", "carol");
        fx.alias("archive", "Archive", Alias.Visibility.ALL, false, "alice");
        alice = fx.backendToken("alice");
        carol = fx.session("carol");
        dave = fx.session("dave");
    }

    @AfterEach
    void stop() throws Exception {
        fx.close();
    }

    private static String q(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private JSONObject list(String token, String query) throws Exception {
        HttpResponse<String> r = fx.get("/contacts" + query, token);
        assertEquals(200, r.statusCode(), r.body());
        return json(r);
    }

    private static List<String> jids(JSONObject page) {
        List<String> out = new ArrayList<>();
        JSONArray contacts = page.getJSONArray("contacts");
        for (int i = 0; i < contacts.length(); i++) {
            out.add(contacts.getJSONObject(i).getString("jid"));
        }
        return out;
    }

    private static JSONObject entry(JSONObject page, String jid) {
        JSONArray contacts = page.getJSONArray("contacts");
        for (int i = 0; i < contacts.length(); i++) {
            if (contacts.getJSONObject(i).getString("jid").equals(jid)) {
                return contacts.getJSONObject(i);
            }
        }
        throw new AssertionError(jid + " is not in " + page);
    }

    private JSONObject details(String token, String jid) throws Exception {
        HttpResponse<String> r = fx.get("/contacts/" + jid, token);
        assertEquals(200, r.statusCode(), r.body());
        return json(r);
    }

    private void useDirectory(List<DirectoryUser> users, String... hidden) {
        fx.directory.set(new DomainDirectory(users, Set.of(hidden)));
    }

    @Test
    void aliasesComeFirstThenColleaguesByNameIgnoringCaseNeverTheCallerHiddenOrInvisible() throws Exception {
        useDirectory(List.of(new DirectoryUser("alice", "Alice Archer"), new DirectoryUser("bob", "bob baker"),
                new DirectoryUser("carol", "Carol Chen"), new DirectoryUser("dave", null),
                new DirectoryUser("boss", "The Boss")), "boss");
        JSONObject page = list(alice, "");
        assertEquals(List.of("sales@example.com", "bob@example.com", "carol@example.com", "dave@example.com"),
                jids(page), "a disabled alias, a members-only alias, herself and the hidden admin are left out");
        assertEquals(4, page.getInt("total"));
        assertEquals(0, page.getInt("offset"));
        assertEquals(ContactEndpoints.DEFAULT_PAGE, page.getInt("limit"));
        assertEquals("available", page.getString("ownStatus"));
        assertEquals(Set.of("contacts", "total", "offset", "limit", "ownStatus"), page.keySet());

        JSONObject sales = page.getJSONArray("contacts").getJSONObject(0);
        assertEquals(Set.of("jid", "kind", "name", "status", "membersOnline", "unread", "unreadCapped"),
                sales.keySet());
        assertEquals("alias", sales.getString("kind"));
        assertEquals("Sales Team", sales.getString("name"));
        assertEquals(0, sales.getInt("unread"));
        assertFalse(sales.getBoolean("unreadCapped"));
        JSONObject daveEntry = entry(page, "dave@example.com");
        assertEquals(Set.of("jid", "kind", "name", "status", "unread", "unreadCapped"), daveEntry.keySet());
        assertEquals("user", daveEntry.getString("kind"));
        assertEquals("dave", daveEntry.getString("name"), "no full name: the username");

        assertEquals(List.of("board@example.com", "sales@example.com", "alice@example.com", "bob@example.com",
                "dave@example.com"), jids(list(carol, "")), "a member sees the members-only alias; "
                + "\"board of directors\" sorts before \"Sales Team\"");
    }

    @Test
    void pagesWithOffsetAndLimitAndRefusesBadOnes() throws Exception {
        assertEquals(List.of("sales@example.com", "bob@example.com"), jids(list(alice, "?limit=2")));
        JSONObject second = list(alice, "?limit=2&offset=2");
        assertEquals(List.of("carol@example.com", "dave@example.com"), jids(second));
        assertEquals(4, second.getInt("total"));
        assertEquals(2, second.getInt("offset"));
        assertEquals(2, second.getInt("limit"));
        JSONObject beyond = list(alice, "?offset=100");
        assertEquals(List.of(), jids(beyond));
        assertEquals(4, beyond.getInt("total"));
        assertEquals(4, jids(list(alice, "?limit=500&offset=")).size(), "500 is allowed; a blank offset is 0");

        for (String bad : List.of("?limit=0", "?limit=501", "?limit=ten", "?offset=-1", "?offset=x",
                "?offset=99999999999", "?limit=2&limit=3", "?q=a&q=b", "?q=" + "x".repeat(101))) {
            assertError(fx.get("/contacts" + bad, alice), 400, "invalid-parameter");
        }
    }

    @Test
    void qFindsPeopleByNameOrUsernameIgnoringCaseAndAccentsAndAliasesByEitherName() throws Exception {
        useDirectory(List.of(new DirectoryUser("alice", "Alice Archer"), new DirectoryUser("bob", "Bob Baker"),
                new DirectoryUser("jmueller", "José Müller"), new DirectoryUser("zoe", "Zoë Weiß"),
                new DirectoryUser("lars", "Lars Østergaard"), new DirectoryUser("anna", "Anna-Lena Çelik"),
                new DirectoryUser("boss", "The Boss")), "boss");
        record Case(String q, List<String> expected) {
        }
        for (Case c : List.of(
                new Case("jose", List.of("jmueller@example.com")),
                new Case("JOSÉ", List.of("jmueller@example.com")),
                new Case("muller", List.of("jmueller@example.com")),
                new Case("Müller", List.of("jmueller@example.com")),
                new Case("mueller", List.of("jmueller@example.com")),
                new Case("mul jose", List.of("jmueller@example.com")),
                new Case("weiss", List.of("zoe@example.com")),
                new Case("zoe", List.of("zoe@example.com")),
                new Case("ostergaard", List.of("lars@example.com")),
                new Case("celik", List.of("anna@example.com")),
                new Case("TEAM", List.of("sales@example.com")),
                new Case("sales", List.of("sales@example.com")),
                new Case("bob@example", List.of("bob@example.com")),
                new Case("ba", List.of("bob@example.com")),
                new Case("alice", List.of()),
                new Case("boss", List.of()),
                new Case("board", List.of()),
                new Case("archive", List.of()),
                new Case("nobody", List.of()))) {
            JSONObject page = list(alice, "?q=" + q(c.q()));
            assertEquals(c.expected(), jids(page), "q=" + c.q());
            assertEquals(c.expected().size(), page.getInt("total"), "q=" + c.q());
        }
        assertEquals(6, list(alice, "?q=" + q("   ")).getInt("total"), "a blank q is no filter");
        assertEquals(6, list(alice, "?q=" + q("@example.com")).getInt("total"), "every address, the alias's too");
        assertEquals(List.of("board@example.com"), jids(list(carol, "?q=board")), "a member finds it");
    }

    @Test
    void tenThousandColleaguesArePagedAndSearched() throws Exception {
        List<DirectoryUser> users = new ArrayList<>();
        users.add(new DirectoryUser("alice", "Alice Archer"));
        users.add(new DirectoryUser("bob", "Bob Baker"));
        String[] first = {"Jürgen", "jurgen", "Anna", "Élodie", "Zoë"};
        for (int i = 0; i < 10_000; i++) {
            users.add(new DirectoryUser(String.format("user%05d", i), first[i % first.length] + " Person " + i));
        }
        useDirectory(users);

        List<String> all = new ArrayList<>();
        int total = -1;
        for (int offset = 0; total < 0 || offset < total; offset += ContactEndpoints.MAX_PAGE) {
            JSONObject page = list(alice, "?limit=" + ContactEndpoints.MAX_PAGE + "&offset=" + offset);
            total = page.getInt("total");
            all.addAll(jids(page));
        }
        assertEquals(10_002, total, "10,000 colleagues, bob and the sales alias");
        assertEquals(total, all.size());
        assertEquals(total, new HashSet<>(all).size(), "no contact twice across pages");
        assertEquals("sales@example.com", all.get(0));
        List<String> expected = new ArrayList<>(users.subList(1, users.size()).stream()
                .sorted(java.util.Comparator.comparing((DirectoryUser u) -> u.displayName().toLowerCase())
                        .thenComparing(DirectoryUser::username))
                .map(u -> u.username() + "@example.com").toList());
        assertEquals(expected, all.subList(1, all.size()), "by name ignoring case, then username");

        JSONObject jurgen = list(alice, "?q=jurgen&limit=100");
        assertEquals(4_000, jurgen.getInt("total"), "Jürgen and jurgen alike");
        assertEquals(100, jids(jurgen).size());
        JSONObject few = list(alice, "?q=" + q("user0999"));
        assertEquals(10, few.getInt("total"));
        assertEquals("Élodie Person 9993", entry(few, "user09993@example.com").getString("name"),
                "the answer keeps the real name; folding is only for matching");
        assertEquals(List.of("user09993@example.com"), jids(list(alice, "?q=" + q("ELODIE person 9993"))));
    }

    @Test
    void aPersonsStatusIsTheBestOfTheirResources() throws Exception {
        fx.online.with("bob@example.com/desk", Presence.Show.dnd, "in a meeting")
                .with("bob@example.com/phone", Presence.Show.away, null)
                .with("carol@example.com/phone", Presence.Show.xa, null)
                .unavailable("dave@example.com/desk");
        JSONObject page = list(alice, "");
        assertEquals("busy", entry(page, "bob@example.com").getString("status"), "dnd beats away");
        assertEquals("away", entry(page, "carol@example.com").getString("status"), "xa is away");
        assertEquals("offline", entry(page, "dave@example.com").getString("status"), "no available resource");
        assertEquals("available", entry(page, "sales@example.com").getString("status"), "bob is online");
        assertEquals(1, entry(page, "sales@example.com").getInt("membersOnline"));

        fx.online.with("bob@example.com/laptop", Presence.Show.chat, null)
                .with("dave@example.com/desk", null, null);
        page = list(alice, "");
        assertEquals("available", entry(page, "bob@example.com").getString("status"), "one available resource");
        assertEquals("available", entry(page, "dave@example.com").getString("status"), "no show is available");

        fx.online.without("bob@example.com/desk").without("bob@example.com/phone").without("bob@example.com/laptop");
        page = list(alice, "");
        assertEquals("offline", entry(page, "bob@example.com").getString("status"));
        assertEquals("offline", entry(page, "sales@example.com").getString("status"), "no member online");
        assertEquals(0, entry(page, "sales@example.com").getInt("membersOnline"));
    }

    @Test
    void whileTheCallersOwnWebmailStatusIsOfflineEveryoneShowsOffline() throws Exception {
        fx.online.with("bob@example.com/desk", null, null).with("carol@example.com/phone", Presence.Show.dnd, null)
                .with("alice@example.com/phone", null, null);
        fx.live.setStatus("alice", WebmailStatus.OFFLINE, "", new org.domainchat.webmail.live.WebmailLive.Context(java.util.Locale.ENGLISH, "127.0.0.1"));
        JSONObject page = list(alice, "");
        assertEquals("offline", page.getString("ownStatus"));
        for (String jid : jids(page)) {
            assertEquals("offline", entry(page, jid).getString("status"), jid);
        }
        assertEquals(0, entry(page, "sales@example.com").getInt("membersOnline"));
        JSONObject bob = details(alice, "bob@example.com");
        assertEquals("offline", bob.getString("status"));
        assertEquals(0, bob.getJSONArray("resources").length(), "no resources shown either");
        JSONObject sales = details(alice, "sales@example.com");
        assertEquals("offline", sales.getJSONArray("members").getJSONObject(1).getString("status"));

        JSONObject forCarol = list(carol, "");
        assertEquals("available", entry(forCarol, "bob@example.com").getString("status"), "only alice's view");
        fx.live.setStatus("alice", WebmailStatus.BUSY, "", new org.domainchat.webmail.live.WebmailLive.Context(java.util.Locale.ENGLISH, "127.0.0.1"));
        assertEquals("available", entry(list(alice, ""), "bob@example.com").getString("status"),
                "busy still sees who is there");
        assertEquals("busy", list(alice, "").getString("ownStatus"));
    }

    @Test
    void aPersonsDetailsHaveEmailCardResourcesAndTheAliasesTheCallerMaySee() throws Exception {
        fx.online.with("bob@example.com/desk", Presence.Show.dnd, "in a meeting")
                .with("bob@example.com/webmail-3kq7", null, null);
        JSONObject bob = details(alice, "bob@example.com");
        assertEquals(Set.of("jid", "kind", "name", "status", "unread", "unreadCapped", "username", "email", "card",
                "resources", "aliases", "readUpTo", "ownStatus"), bob.keySet());
        assertEquals("bob@example.com", bob.getString("jid"));
        assertEquals("user", bob.getString("kind"));
        assertEquals("bob", bob.getString("username"));
        assertEquals("Bob Baker", bob.getString("name"));
        assertEquals("bob@example.com", bob.getString("email"), "on a mail domain the address is the email");
        assertTrue(bob.isNull("card"));
        assertEquals("available", bob.getString("status"));
        JSONArray resources = bob.getJSONArray("resources");
        assertEquals(2, resources.length());
        JSONObject webmail = resources.getJSONObject(0);
        assertEquals("webmail-3kq7", webmail.getString("resource"));
        assertEquals("Webmail", webmail.getString("client"));
        assertEquals("available", webmail.getString("status"));
        assertTrue(webmail.isNull("text"));
        JSONObject desk = resources.getJSONObject(1);
        assertEquals("desk", desk.getString("resource"));
        assertTrue(desk.isNull("client"), "other clients are not known without asking them");
        assertEquals("busy", desk.getString("status"));
        assertEquals("in a meeting", desk.getString("text"));
        assertEquals(List.of("sales@example.com"), jids(new JSONObject().put("contacts",
                bob.getJSONArray("aliases"))), "never the members-only alias alice is not in");
        assertEquals("Sales Team", bob.getJSONArray("aliases").getJSONObject(0).getString("name"));
        assertEquals(List.of("board@example.com", "sales@example.com"), jids(new JSONObject().put("contacts",
                details(carol, "bob@example.com").getJSONArray("aliases"))));

        fx.cards.put("bob", new ContactCards.Card("b.baker@mail.example.com", "Head of Sales",
                "Example AG, Sales", null));
        JSONObject carded = details(alice, "Bob%40Example.COM");
        assertEquals("bob@example.com", carded.getString("jid"), "the address is normalised");
        assertEquals("b.baker@mail.example.com", carded.getString("email"));
        JSONObject card = carded.getJSONObject("card");
        assertEquals("Head of Sales", card.getString("title"));
        assertEquals("Example AG, Sales", card.getString("organization"));
        assertTrue(card.isNull("phone"));
    }

    @Test
    void anAliasesDetailsListItsMembersWithTheirStatus() throws Exception {
        fx.alias("ops", "Operations", Alias.Visibility.ALL, true, "bob", "boss", "dave");
        fx.online.with("bob@example.com/desk", Presence.Show.away, null);
        JSONObject sales = details(alice, "sales@example.com");
        assertEquals(Set.of("jid", "kind", "name", "status", "membersOnline", "unread", "unreadCapped", "member",
                "members", "readUpTo", "ownStatus"), sales.keySet());
        assertEquals("alias", sales.getString("kind"));
        assertEquals("Sales Team", sales.getString("name"));
        assertTrue(sales.getBoolean("member"));
        assertEquals("available", sales.getString("status"));
        assertEquals(1, sales.getInt("membersOnline"));
        JSONArray members = sales.getJSONArray("members");
        assertEquals(2, members.length());
        assertEquals(new JSONObject().put("jid", "alice@example.com").put("name", "Alice Archer")
                .put("status", "offline").toString(), members.getJSONObject(0).toString());
        assertEquals(new JSONObject().put("jid", "bob@example.com").put("name", "Bob Baker").put("status", "away")
                .toString(), members.getJSONObject(1).toString());

        assertFalse(details(dave, "sales@example.com").getBoolean("member"), "visible to all, dave is no member");
        JSONArray ops = details(alice, "ops@example.com").getJSONArray("members");
        assertEquals(List.of("bob@example.com", "dave@example.com"), jids(new JSONObject().put("contacts", ops)),
                "the hidden admin is not shown as a member either");
    }

    @Test
    void whatTheCallerMayNotSeeIsAnsweredExactlyLikeWhatDoesNotExist() throws Exception {
        JSONObject unknown = assertError(fx.get("/contacts/nobody@example.com", alice), 404, "contact-not-found");
        for (String jid : List.of("board@example.com", "archive@example.com", "boss@example.com",
                "alice@example.com", "bob@elsewhere.org")) {
            JSONObject error = assertError(fx.get("/contacts/" + jid, alice), 404, "contact-not-found");
            assertEquals(unknown.getString("message").replace("nobody@example.com", jid), error.getString("message"),
                    jid);
        }
        assertEquals(200, fx.get("/contacts/board@example.com", carol).statusCode(), "a member sees it");
        assertError(fx.get("/contacts/not%20an%20address", alice), 400, "invalid-address");
        assertError(fx.get("/contacts/example.com", alice), 400, "invalid-address");
    }

    @Test
    void contactsThatCannotBeServedAreATemporaryFaultAndStrangersGetNothing() throws Exception {
        assertError(fx.send(fx.request("/contacts").GET()), 401, "missing-credentials");
        assertError(fx.get("/contacts/bob@example.com", "dcs_not-a-token"), 401, "invalid-token");
        fx.failApiQueries = true;
        HttpResponse<String> fault = fx.get("/contacts", alice);
        assertError(fault, 500, "internal-error");
        assertFalse(fault.body().contains("secret-host"), "the database's trouble stays in the log");
        fx.failApiQueries = false;
        fx.contactsDown = true;
        HttpResponse<String> r = fx.get("/contacts", alice);
        assertError(r, 503, "contacts-unavailable");
        assertTrue(r.headers().firstValue("Retry-After").isPresent());
        assertError(fx.get("/contacts/bob@example.com", alice), 503, "contacts-unavailable");
        assertError(fx.postJson("/read", "{\"with\": \"bob@example.com\"}", alice), 503, "contacts-unavailable");
    }
}
