package org.domainchat.search;

import static org.domainchat.testing.Chats.at;
import static org.domainchat.testing.Chats.chat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import org.domainchat.DomainChat;
import org.domainchat.Settings;
import org.domainchat.archive.ArchivedMessage;
import org.domainchat.archive.MessageCapture;
import org.domainchat.testing.TestDatabase;
import org.domainchat.testing.TestEnvironment;
import org.domainchat.testing.Waits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArchiveSearchTest {

    @TempDir
    Path data;

    private final AtomicLong now = new AtomicLong(1_760_000_000_000L);
    private TestDatabase db;
    private DomainChat core;
    private ArchivedMessage last;

    @BeforeEach
    void start() throws Exception {
        db = TestDatabase.create(TestDatabase.Kind.HSQLDB);
        core = DomainChat.start(new TestEnvironment(db.connections(), data, Settings.Fixed.defaults(), now::get,
                "alice", "bob", "carol"));
    }

    @AfterEach
    void stop() throws Exception {
        core.close();
        db.close();
    }

    private ArchivedMessage send(String from, String to, String body) throws Exception {
        last = core.archiver().archive(chat(at(from), at(to), body), MessageCapture.Source.CLIENT).orElseThrow();
        return last;
    }

    private void awaitSearchable() {
        long id = last.id();
        Waits.until(Duration.ofSeconds(5), "index reaches " + id, () -> core.index().status().watermark() >= id);
    }

    private SearchOutcome.Page own(String user, SearchRequest request) {
        return assertInstanceOf(SearchOutcome.Page.class, core.search().searchOwn(at(user), request));
    }

    private static List<String> bodies(SearchOutcome.Page page) {
        return page.hits().stream().map(SearchHit::body).toList();
    }

    @Test
    void aMessageIsSearchableWithinASecond() throws Exception {
        send("alice", "bob", "the quarterly numbers are ready");
        long archived = System.nanoTime();
        Waits.until(Duration.ofSeconds(1), "searchable within 1 s",
                () -> !own("bob", SearchRequest.of("quarterly")).hits().isEmpty());
        assertTrue(System.nanoTime() - archived < 1_000_000_000L);
    }

    @Test
    void usersFindOnlyConversationsTheyTookPartIn() throws Exception {
        send("alice", "bob", "secret merger plans");
        send("carol", "alice", "lunch plans?");
        awaitSearchable();
        assertEquals(List.of("secret merger plans"), bodies(own("bob", SearchRequest.of("plans"))));
        assertEquals(List.of("lunch plans?"), bodies(own("carol", SearchRequest.of("plans"))));
        assertEquals(2, own("alice", SearchRequest.of("plans")).hits().size());
        assertTrue(own("carol", SearchRequest.of("merger")).hits().isEmpty());
        // the admin variant sees everything
        SearchOutcome.Page all = assertInstanceOf(SearchOutcome.Page.class,
                core.search().searchAll(SearchRequest.of("plans")));
        assertEquals(2, all.hits().size());
    }

    @Test
    void filtersByContactAndDateRange() throws Exception {
        send("alice", "bob", "report v1");
        now.addAndGet(3_600_000);
        send("alice", "carol", "report v2");
        now.addAndGet(3_600_000);
        send("bob", "alice", "report v3");
        awaitSearchable();
        assertEquals(List.of("report v3", "report v1"),
                bodies(own("alice", SearchRequest.of("report").withContact(at("bob")))));
        long start = 1_760_000_000_000L;
        assertEquals(List.of("report v2"), bodies(own("alice", SearchRequest.of("report")
                .withRange(start + 1, start + 2 * 3_600_000))));
        assertEquals(List.of("report v3", "report v2", "report v1"),
                bodies(own("alice", SearchRequest.of("report"))), "newest first");
        assertEquals(3, own("alice", SearchRequest.of("")).hits().size(), "blank text lists everything filtered");
    }

    @Test
    void phrasesWordsAndAccentsMatchAsPeopleExpect() throws Exception {
        send("alice", "bob", "Viele Grüße aus München");
        send("alice", "bob", "the blue car is fast");
        send("alice", "bob", "the car is blue");
        awaitSearchable();
        assertEquals(List.of("Viele Grüße aus München"), bodies(own("bob", SearchRequest.of("grusse muenchen OR "
                + "munchen"))));
        assertEquals(List.of("Viele Grüße aus München"), bodies(own("bob", SearchRequest.of("GRÜSSE"))));
        assertEquals(List.of("the blue car is fast"), bodies(own("bob", SearchRequest.of("\"blue car\""))));
        assertEquals(2, own("bob", SearchRequest.of("blue car")).hits().size(), "all words, any order");
        assertEquals(List.of("the car is blue"), bodies(own("bob", SearchRequest.of("blue -fast"))));
        assertEquals(1, own("bob", SearchRequest.of("Münch*")).hits().size());
    }

    @Test
    void snippetsMarkTheMatchingWords() throws Exception {
        send("alice", "bob", "Please send the invoice before Friday, thanks");
        awaitSearchable();
        SearchHit hit = own("bob", SearchRequest.of("invoice")).hits().get(0);
        List<SearchHit.Fragment> matches = hit.snippet().stream().filter(SearchHit.Fragment::match).toList();
        assertEquals(1, matches.size());
        assertEquals("invoice", matches.get(0).text());
        assertEquals("Please send the invoice before Friday, thanks",
                String.join("", hit.snippet().stream().map(SearchHit.Fragment::text).toList()));
        assertEquals(at("alice"), hit.from());
        assertEquals(at("bob"), hit.to());
        assertEquals(last.conversationId() == 0 ? hit.conversationId() : last.conversationId(), hit.conversationId());
        assertTrue(hit.conversationId() > 0);
    }

    @Test
    void malformedQueriesAreClearErrorsNotExceptions() throws Exception {
        send("alice", "bob", "anything");
        awaitSearchable();
        for (String bad : List.of("\"unbalanced", "(open", "*leading", "AND", "a:b:c", "body:[x TO")) {
            SearchOutcome outcome = core.search().searchOwn(at("bob"), SearchRequest.of(bad));
            SearchOutcome.Invalid invalid = assertInstanceOf(SearchOutcome.Invalid.class, outcome, bad);
            assertFalse(invalid.message().isBlank());
        }
        SearchOutcome.Invalid field = assertInstanceOf(SearchOutcome.Invalid.class,
                core.search().searchOwn(at("carol"), SearchRequest.of("party:bob@example.com")));
        assertTrue(field.message().contains("party"));
        assertEquals(SearchOutcome.Problem.FIELD_NOT_SEARCHABLE, field.problem());
        assertEquals("field-not-searchable", field.problem().code());
        assertEquals("party", field.detail());
        assertEquals(SearchOutcome.Problem.QUERY_SYNTAX, ((SearchOutcome.Invalid) core.search().searchOwn(at("bob"),
                SearchRequest.of("\"unbalanced"))).problem());
        assertEquals(SearchOutcome.Problem.PAGE_SIZE, ((SearchOutcome.Invalid) core.search().searchOwn(at("bob"),
                SearchRequest.of("x").withPageSize(101))).problem());
        assertEquals(SearchOutcome.Problem.CURSOR, ((SearchOutcome.Invalid) core.search().searchOwn(at("bob"),
                SearchRequest.of("x").withCursor("zzz"))).problem());
        assertEquals(SearchOutcome.Problem.ADDRESS, ((SearchOutcome.Invalid) core.search().searchOwn(at("bob"),
                SearchRequest.of("x").withContact("@@"))).problem());
        assertInstanceOf(SearchOutcome.Invalid.class,
                core.search().searchOwn(at("bob"), SearchRequest.of("x".repeat(1001))));
        assertInstanceOf(SearchOutcome.Invalid.class,
                core.search().searchOwn(at("bob"), SearchRequest.of("x").withPageSize(0)));
        assertInstanceOf(SearchOutcome.Invalid.class,
                core.search().searchOwn(at("bob"), SearchRequest.of("x").withRange(10L, 5L)));
        assertInstanceOf(SearchOutcome.Invalid.class,
                core.search().searchOwn(at("bob"), SearchRequest.of("x").withCursor("n-1")));
        assertInstanceOf(SearchOutcome.Invalid.class,
                core.search().searchOwn(at("bob"), SearchRequest.of("x").withCursor("garbage")));
        assertInstanceOf(SearchOutcome.Invalid.class,
                core.search().searchOwn(at("bob"), SearchRequest.of("x").withContact("not a jid@@")));
        assertInstanceOf(SearchOutcome.Invalid.class, core.search().searchOwn("@@", SearchRequest.of("x")));
    }

    @Test
    void pagesNewestFirstWithACursorWithoutGapsOrRepeats() throws Exception {
        for (int i = 0; i < 47; i++) {
            send("alice", "bob", "status update " + i);
        }
        awaitSearchable();
        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            SearchOutcome.Page page = own("bob", SearchRequest.of("status").withPageSize(10).withCursor(cursor));
            seen.addAll(bodies(page));
            cursor = page.nextCursor();
            assertEquals(47, page.totalHits());
        } while (cursor != null);
        assertEquals(47, seen.size());
        assertEquals(47, new HashSet<>(seen).size());
        assertEquals("status update 46", seen.get(0));
        assertEquals("status update 0", seen.get(46));
    }

    @Test
    void pagesByRelevance() throws Exception {
        send("alice", "bob", "budget");
        send("alice", "bob", "budget budget budget plan");
        for (int i = 0; i < 12; i++) {
            send("alice", "bob", "a long message that mentions the budget once among many other words " + i);
        }
        awaitSearchable();
        SearchRequest request = SearchRequest.of("budget").withOrder(SearchRequest.Order.RELEVANCE).withPageSize(5);
        Set<Long> ids = new HashSet<>();
        SearchOutcome.Page first = own("bob", request);
        assertTrue(first.hits().get(0).body().startsWith("budget"));
        String cursor = first.nextCursor();
        first.hits().forEach(h -> ids.add(h.id()));
        while (cursor != null) {
            SearchOutcome.Page next = own("bob", request.withCursor(cursor));
            next.hits().forEach(h -> assertTrue(ids.add(h.id())));
            cursor = next.nextCursor();
        }
        assertEquals(14, ids.size());
        assertInstanceOf(SearchOutcome.Invalid.class, core.search().searchOwn(at("bob"), request.withCursor("n5")),
                "a newest-first cursor does not fit a relevance search");
    }

    @Test
    void emptyResultsHaveNoCursor() throws Exception {
        send("alice", "bob", "hello");
        awaitSearchable();
        SearchOutcome.Page page = own("bob", SearchRequest.of("nothingmatches"));
        assertTrue(page.hits().isEmpty());
        assertNull(page.nextCursor());
        assertEquals(0, page.totalHits());
    }
}
