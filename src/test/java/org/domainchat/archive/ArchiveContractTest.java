package org.domainchat.archive;

import static org.domainchat.testing.Chats.at;
import static org.domainchat.testing.Chats.chat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import org.domainchat.DomainChat;
import org.domainchat.Settings;
import org.domainchat.history.HistoryService;
import org.domainchat.testing.TestDatabase;
import org.domainchat.testing.TestEnvironment;
import org.domainchat.testing.Waits;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.xmpp.packet.Message;

/** The same archive behaviour on every database we test against: HSQLDB, PostgreSQL and MariaDB. */
class ArchiveContractTest {

    private static final long DAY = 24 * 3600_000L;
    private static final String ORPHANS = "SELECT COUNT(*) FROM dcMessage m WHERE NOT EXISTS "
            + "(SELECT 1 FROM dcConversation c WHERE c.conversationId = m.conversationId)";

    @TempDir
    Path data;

    private final AtomicLong now = new AtomicLong(1_760_000_000_000L);

    private DomainChat start(TestDatabase db) throws Exception {
        return DomainChat.start(new TestEnvironment(db.connections(), data, Settings.Fixed.defaults(), now::get,
                "alice", "bob", "carol", "dave"));
    }

    private static ArchivedMessage send(DomainChat core, String from, String to, String body) throws Exception {
        return core.archiver().archive(chat(at(from) + "/r", at(to), body), MessageCapture.Source.CLIENT)
                .orElseThrow();
    }

    private static void awaitStored(DomainChat core, long id) {
        Waits.until(Duration.ofSeconds(20), "message " + id + " stored",
                () -> core.archive().status().lastStoredId() >= id);
    }

    private static long count(TestDatabase db, String sql) throws Exception {
        try (Connection c = db.connections().getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void concurrentSendersAreArchivedExactlyOnceEach(TestDatabase.Kind kind) throws Exception {
        try (TestDatabase db = TestDatabase.create(kind)) {
            DomainChat core = start(db);
            String[] users = {"alice", "bob", "carol", "dave"};
            ConcurrentLinkedQueue<ArchivedMessage> sent = new ConcurrentLinkedQueue<>();
            ExecutorService pool = Executors.newFixedThreadPool(8);
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < 150; i++) {
                        String from = users[(thread + i) % 4];
                        String to = users[(thread + i + 1 + i % 3) % 4];
                        sent.add(send(core, from, to, "t" + thread + " n" + i));
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
            pool.shutdown();
            long maxId = sent.stream().mapToLong(ArchivedMessage::id).max().orElseThrow();
            awaitStored(core, maxId);
            core.close();

            assertEquals(1200, sent.size());
            assertEquals(1200, sent.stream().map(ArchivedMessage::id).distinct().count());
            assertEquals(1200, count(db, "SELECT COUNT(*) FROM dcMessage"));
            assertEquals(1200, count(db, "SELECT COUNT(DISTINCT clientId) FROM dcMessage"));
            assertEquals(0, count(db, ORPHANS), "every message belongs to a stored conversation");
            // all in one minute of a frozen clock: one conversation per pair that talked
            assertEquals(6, count(db, "SELECT COUNT(*) FROM dcConversation"));
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void anIdleGapStartsANewConversation(TestDatabase.Kind kind) throws Exception {
        try (TestDatabase db = TestDatabase.create(kind)) {
            DomainChat core = start(db);
            send(core, "alice", "bob", "Morning Bob, coffee?");
            now.addAndGet(10 * 60_000);
            send(core, "bob", "alice", "Sure, in five");
            now.addAndGet(31 * 60_000); // longer than the 30-minute default gap
            ArchivedMessage last = send(core, "alice", "bob", "Thanks for the coffee");
            awaitStored(core, last.id());

            HistoryService.ConversationPage page = core.history().conversations(at("bob"), at("alice"), null, 10);
            assertEquals(2, page.conversations().size());
            Conversation newest = page.conversations().get(0);
            Conversation first = page.conversations().get(1);
            assertEquals(1, newest.messageCount());
            assertEquals("Thanks for the coffee", newest.firstLine());
            assertEquals(2, first.messageCount());
            assertEquals("Morning Bob, coffee?", first.firstLine());
            assertEquals(10 * 60_000, first.endedAt() - first.startedAt());
            assertNull(page.before());

            HistoryService.Transcript transcript = core.history().transcript(at("alice"), first.id(), null, 50)
                    .orElseThrow();
            assertEquals(List.of("Morning Bob, coffee?", "Sure, in five"),
                    transcript.messages().stream().map(ArchivedMessage::body).toList());
            assertTrue(core.history().transcript(at("carol"), first.id(), null, 50).isEmpty(),
                    "someone who was not in the conversation cannot open it");
            assertTrue(core.history().transcript(at("alice"), 424242L, null, 50).isEmpty());
            core.close();
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void replayingAJournalTheDatabaseAlreadyHoldsChangesNothing(TestDatabase.Kind kind) throws Exception {
        try (TestDatabase db = TestDatabase.create(kind)) {
            DomainChat core = start(db);
            ArchivedMessage last = null;
            for (int i = 0; i < 30; i++) {
                last = send(core, "alice", i % 2 == 0 ? "bob" : "carol", "message " + i);
            }
            awaitStored(core, last.id());
            core.close(); // the journal keeps its segment for the retention period

            DomainChat again = start(db); // replays the retained segment: every message is already stored
            ArchivedMessage after = send(again, "alice", "bob", "after the restart");
            awaitStored(again, after.id());
            again.close();
            assertTrue(after.id() > last.id());
            assertEquals(31, count(db, "SELECT COUNT(*) FROM dcMessage"));
            assertEquals(2, count(db, "SELECT COUNT(*) FROM dcConversation"));
            assertEquals(0, count(db, ORPHANS));
            DomainChat reader = start(db);
            assertEquals(16, reader.history().conversations(at("alice"), at("bob"), null, 10).conversations().get(0)
                    .messageCount(), "the replayed messages were not counted twice");
            assertEquals(15, reader.history().conversations(at("carol"), at("alice"), null, 10).conversations()
                    .get(0).messageCount());
            reader.close();
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void textOfEveryKindAndSizeSurvivesTheRoundTrip(TestDatabase.Kind kind) throws Exception {
        try (TestDatabase db = TestDatabase.create(kind)) {
            DomainChat core = start(db);
            String unicode = "Grüße aus Köln 😀 — 日本語 — \"quotes\" & <tags>";
            String big = "x".repeat(64 * 1024 - 3) + "äö"; // 64 KiB + 1 byte in UTF-8: cut by one character
            send(core, "alice", "bob", unicode);
            Message longResource = chat(at("alice") + "/" + "r".repeat(900), at("bob"), "long resource");
            core.archiver().archive(longResource, MessageCapture.Source.CLIENT).orElseThrow();
            ArchivedMessage cut = send(core, "alice", "bob", big);
            awaitStored(core, cut.id());

            List<ArchivedMessage> history = core.history().history(at("alice"), at("bob"), null).messages();
            assertEquals(3, history.size());
            assertEquals(unicode, history.get(0).body());
            assertEquals("r".repeat(900), history.get(1).fromResource());
            assertTrue(history.get(2).bodyTruncated());
            assertEquals(big.substring(0, big.length() - 1), history.get(2).body());
            core.close();
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void historyOpensWith75LinesOrThirtyDaysAndScrollsBack(TestDatabase.Kind kind) throws Exception {
        try (TestDatabase db = TestDatabase.create(kind)) {
            DomainChat core = start(db);
            ArchivedMessage last = null;
            for (int i = 0; i < 100; i++) { // 100 old lines, 60 days ago
                now.set(1_760_000_000_000L - 60 * DAY + i * 1000L);
                last = send(core, i % 2 == 0 ? "alice" : "bob", i % 2 == 0 ? "bob" : "alice", "old " + i);
            }
            for (int i = 0; i < 120; i++) { // 120 lines in the last 30 days
                now.set(1_760_000_000_000L - 10 * DAY + i * 1000L);
                last = send(core, "alice", "bob", "recent " + i);
            }
            send(core, "alice", "carol", "not part of this chat");
            now.set(1_760_000_000_000L);
            awaitStored(core, last.id());

            HistoryService.HistoryPage first = core.history().history(at("bob"), at("alice"), null);
            assertEquals(120, first.messages().size(), "all of the last 30 days, as that is more than 75");
            assertEquals("recent 0", first.messages().get(0).body());
            assertEquals("recent 119", first.messages().get(119).body());
            HistoryService.HistoryPage older = core.history().history(at("bob"), at("alice"), first.before());
            assertEquals(75, older.messages().size());
            assertEquals("old 25", older.messages().get(0).body());
            assertEquals("old 99", older.messages().get(74).body());
            HistoryService.HistoryPage oldest = core.history().history(at("bob"), at("alice"), older.before());
            assertEquals(25, oldest.messages().size());
            assertNull(oldest.before());
            Set<Long> seen = new HashSet<>();
            for (HistoryService.HistoryPage p : List.of(first, older, oldest)) {
                p.messages().forEach(m -> assertTrue(seen.add(m.id()), "no line shown twice"));
                p.messages().forEach(m -> assertFalse(m.body().contains("not part")));
            }

            now.set(1_760_000_000_000L + 40 * DAY); // a month of silence: the window falls back to 75 lines
            HistoryService.HistoryPage later = core.history().history(at("alice"), at("bob"), null);
            assertEquals(75, later.messages().size());
            assertEquals("recent 119", later.messages().get(74).body());
            core.close();
        }
    }
}
