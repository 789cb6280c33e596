package org.domainchat.unread;

import static org.domainchat.testing.Chats.at;
import static org.domainchat.testing.Chats.chat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import org.domainchat.DomainChat;
import org.domainchat.Settings;
import org.domainchat.alias.Alias;
import org.domainchat.archive.ArchivedMessage;
import org.domainchat.archive.MessageCapture;
import org.domainchat.testing.OpenfireSchemaRunner;
import org.domainchat.testing.TestDatabase;
import org.domainchat.testing.TestEnvironment;
import org.domainchat.testing.Waits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.xmpp.packet.JID;

/**
 * Read markers, floors and unread counts on every database we test against, over messages the real archiver
 * stored; and the upgrade of a version-3 schema to version 4.
 */
class ReadMarkersTest {

    private static final Set<String> USERS = Set.of("alice", "bob", "carol", "dave");

    @TempDir
    Path data;

    private final AtomicLong now = new AtomicLong(1_760_000_000_000L);
    private final List<String> heard = new CopyOnWriteArrayList<>();
    private TestDatabase db;
    private DomainChat core;
    private ReadMarkers markers;
    private long lastArchived;

    private void start(TestDatabase.Kind kind) throws Exception {
        db = TestDatabase.create(kind);
        core = DomainChat.start(new TestEnvironment(db.connections(), data, Settings.Fixed.defaults(), now::get,
                USERS.toArray(String[]::new)));
        markers = new ReadMarkers(new ReadMarkerStore(db.connections()), now::get,
                (user, with, upTo) -> heard.add(user + " " + with + " " + upTo));
    }

    @AfterEach
    void stop() throws Exception {
        if (core != null) {
            core.close();
        }
        if (db != null) {
            db.close();
        }
    }

    private ArchivedMessage send(String from, String to, String body) throws Exception {
        now.addAndGet(1000);
        ArchivedMessage m = core.archiver().archive(chat(at(from) + "/desk", at(to), body),
                MessageCapture.Source.CLIENT).orElseThrow();
        lastArchived = m.id();
        return m;
    }

    /** A line written to an alias (to {@code alias/<resource>} when it answers someone), as alias routing archives it. */
    private ArchivedMessage sendToAlias(String writer, String alias, String resource, String body) throws Exception {
        now.addAndGet(1000);
        String to = at(alias) + (resource == null ? "" : "/" + resource);
        ArchivedMessage m = core.archiver().archiveViaAlias(chat(at(writer) + "/desk", to, body),
                new JID(at(writer) + "/desk")).orElseThrow();
        lastArchived = m.id();
        return m;
    }

    private void awaitStored() {
        long id = lastArchived;
        Waits.until(Duration.ofSeconds(20), "message " + id + " stored",
                () -> core.archive().status().lastStoredId() >= id);
    }

    private Unread unread(String user, ReadScope scope) throws Exception {
        try (ReadState state = markers.open(user)) {
            return state.unread(scope);
        }
    }

    private ReadState.Marked mark(String user, ReadScope scope, Long upTo) throws Exception {
        try (ReadState state = markers.open(user)) {
            return state.mark(scope, upTo);
        }
    }

    private static ReadScope person(String owner, String contact) {
        return ReadScope.withPerson(at(owner), at(contact));
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void unreadFollowsTheFloorTheMarkerAndTheOwnersReplies(TestDatabase.Kind kind) throws Exception {
        start(kind);
        send("bob", "alice", "years of old history");
        send("bob", "alice", "that nobody wants to see as unread");
        awaitStored();
        now.addAndGet(1000);
        assertEquals(Unread.NONE, unread("alice", person("alice", "bob")), "the floor: older lines are not unread");
        markers.open("bob").close();

        ArchivedMessage first = send("bob", "alice", "one");
        send("bob", "alice", "two");
        send("bob", "alice", "three");
        send("carol", "alice", "another contact's line");
        send("bob", "carol", "a line alice has nothing to do with");
        awaitStored();
        assertEquals(new Unread(3, false), unread("alice", person("alice", "bob")));
        assertEquals(new Unread(1, false), unread("alice", person("alice", "carol")));
        assertEquals(Unread.NONE, unread("carol", person("carol", "bob")),
                "carol's state is touched only now: her floor is later than bob's line");

        ReadState.Marked marked = mark("alice", person("alice", "bob"), first.id());
        assertEquals(new ReadState.Marked(first.id(), true), marked);
        assertEquals(new Unread(2, false), unread("alice", person("alice", "bob")));
        assertEquals(new ReadState.Marked(first.id(), false), mark("alice", person("alice", "bob"), first.id() - 1),
                "a marker never moves back");
        assertEquals(new Unread(2, false), unread("alice", person("alice", "bob")));

        send("alice", "bob", "a reply from alice's phone");
        awaitStored();
        assertEquals(Unread.NONE, unread("alice", person("alice", "bob")), "replying means having read");
        ArchivedMessage after = send("bob", "alice", "after the reply");
        awaitStored();
        assertEquals(new Unread(1, false), unread("alice", person("alice", "bob")));
        assertEquals(Unread.NONE, unread("bob", person("bob", "alice")), "bob's count is his own: he wrote last");

        ReadState.Marked everything = mark("alice", person("alice", "bob"), null);
        assertTrue(everything.upTo() >= after.id(), "no upTo: everything so far");
        assertEquals(Unread.NONE, unread("alice", person("alice", "bob")));
        assertEquals(List.of("alice bob@example.com " + first.id(), "alice bob@example.com " + everything.upTo()),
                heard, "the listener hears of every move, and only of moves");
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void countsStopAtTheCap(TestDatabase.Kind kind) throws Exception {
        start(kind);
        now.addAndGet(1000);
        assertEquals(Unread.NONE, unread("alice", person("alice", "bob")));
        for (int i = 1; i <= Unread.CAP; i++) {
            send("bob", "alice", "line " + i);
        }
        awaitStored();
        assertEquals(new Unread(Unread.CAP, false), unread("alice", person("alice", "bob")), "exactly 99");
        send("bob", "alice", "line 100");
        for (int i = 101; i <= 250; i++) {
            send("bob", "alice", "line " + i);
        }
        awaitStored();
        assertEquals(new Unread(Unread.CAP, true), unread("alice", person("alice", "bob")));
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void anAliasThreadCountsWhatItsReaderMaySee(TestDatabase.Kind kind) throws Exception {
        start(kind);
        core.aliases().save(new Alias("sales", "Sales", Set.of("alice", "bob"), null, true, Alias.Visibility.ALL,
                false), USERS::contains);
        now.addAndGet(1000);
        for (String user : USERS) {
            markers.open(user).close(); // everyone's floor is now
        }
        sendToAlias("carol", "sales", null, "carol asks the sales team");
        sendToAlias("dave", "sales", null, "dave asks too");
        sendToAlias("bob", "sales", "carol", "bob answers carol");
        sendToAlias("bob", "sales", "dave", "bob answers dave");
        awaitStored();

        ReadScope aliceSees = ReadScope.aliasThread(at("alice"), at("sales"), true);
        ReadScope carolSees = ReadScope.aliasThread(at("carol"), at("sales"), false);
        assertEquals(new Unread(4, false), unread("alice", aliceSees), "a member: the whole thread");
        assertEquals(new Unread(0, false), unread("bob", ReadScope.aliasThread(at("bob"), at("sales"), true)),
                "bob's own answers are the newest lines");
        assertEquals(new Unread(1, false), unread("carol", carolSees),
                "a non-member: only the answer to her, which is newer than her own question");
        sendToAlias("alice", "sales", "carol", "alice adds something for carol");
        sendToAlias("alice", "sales", "dave", "and for dave");
        awaitStored();
        assertEquals(new Unread(2, false), unread("carol", carolSees), "never the answers to dave");
        assertEquals(new Unread(2, false), unread("dave", ReadScope.aliasThread(at("dave"), at("sales"), false)));

        ReadState.Marked marked = mark("carol", carolSees, null);
        assertEquals(Unread.NONE, unread("carol", carolSees));
        assertEquals(new Unread(2, false), unread("bob", ReadScope.aliasThread(at("bob"), at("sales"), true)),
                "carol's marker is hers alone");
        assertTrue(heard.contains("carol sales@example.com " + marked.upTo()));
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void aStateAnswersOnlyForItsOwnUserAndOnlyForIdsTheArchiveGaveOut(TestDatabase.Kind kind) throws Exception {
        start(kind);
        ArchivedMessage m = send("bob", "alice", "hi");
        awaitStored();
        try (ReadState state = markers.open("alice")) {
            assertThrows(IllegalArgumentException.class, () -> state.unread(person("bob", "carol")));
            assertThrows(IllegalArgumentException.class, () -> state.mark(person("bob", "carol"), null));
            long tooLate = ReadMarkers.idAt(now.get() + ReadState.CLOCK_SLACK_MILLIS) + 1;
            assertThrows(ReadState.BeyondArchive.class, () -> state.mark(person("alice", "bob"), tooLate));
            assertEquals(m.id(), state.mark(person("alice", "bob"), m.id()).upTo());
        }
        assertTrue(heard.stream().noneMatch(h -> h.startsWith("bob")));
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void theStoreKeepsTheFirstFloorAndTheLatestMarkerUnderRaces(TestDatabase.Kind kind) throws Exception {
        db = TestDatabase.create(kind);
        ReadMarkerStore store = new ReadMarkerStore(db.connections());
        try (Connection c = store.connect()) {
            assertEquals(OptionalLong.empty(), store.floor(c, "alice"));
            assertEquals(100, store.floorOrCreate(c, "alice", 100));
            assertEquals(100, store.floorOrCreate(c, "alice", 200), "the first floor stays");
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> results = new ArrayList<>();
            for (int i = 1; i <= 40; i++) {
                long upTo = i * 10L;
                results.add(pool.submit(() -> {
                    try (Connection c = store.connect()) {
                        return store.advance(c, "bob", "alice", upTo);
                    }
                }));
                results.add(pool.submit(() -> {
                    try (Connection c = store.connect()) {
                        return store.floorOrCreate(c, "bob", upTo);
                    }
                }));
            }
            for (Future<?> f : results) {
                f.get(); // no duplicate key ever reaches the caller
            }
        } finally {
            pool.shutdownNow();
        }
        try (Connection c = store.connect()) {
            assertEquals(OptionalLong.of(400), store.marker(c, "bob", "alice"), "the latest wins");
            assertEquals(1, store.markers(c, "bob").size());
            assertTrue(store.floor(c, "bob").isPresent());
        }
        store.forget("bob");
        try (Connection c = store.connect()) {
            assertTrue(store.markers(c, "bob").isEmpty());
            assertFalse(store.floor(c, "bob").isPresent());
            assertEquals(OptionalLong.of(100), store.floor(c, "alice"), "only that user's state");
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void theUpgradeScriptTakesAVersionThreeArchiveToVersionFour(TestDatabase.Kind kind) throws Exception {
        db = TestDatabase.create(kind);
        try (Connection c = db.connections().getConnection(); Statement st = c.createStatement()) {
            // turn the fresh version-4 schema back into what version 3 was
            st.execute("DROP TABLE dcReadMarker");
            st.execute("DROP TABLE dcReadFloor");
            st.execute("UPDATE ofVersion SET version = 3 WHERE name = 'domainchat'");
            OpenfireSchemaRunner.run(c, "database/upgrade/4/domainchat_" + kind.name().toLowerCase() + ".sql");
            try (ResultSet rs = st.executeQuery("SELECT version FROM ofVersion WHERE name = 'domainchat'")) {
                rs.next();
                assertEquals(4, rs.getInt(1));
            }
        }
        ReadMarkerStore store = new ReadMarkerStore(db.connections());
        String longest = "u".repeat(64); // the longest username and alias name fit the key
        try (Connection c = store.connect()) {
            assertEquals(7, store.floorOrCreate(c, longest, 7));
            assertEquals(new ReadMarkerStore.Advanced(9, true), store.advance(c, longest, "a".repeat(64), 9));
            assertEquals(OptionalLong.of(9), store.marker(c, longest, "a".repeat(64)));
        }
    }
}
