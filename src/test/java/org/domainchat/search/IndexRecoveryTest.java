package org.domainchat.search;

import static org.domainchat.testing.Chats.at;
import static org.domainchat.testing.Chats.chat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.FSDirectory;
import org.domainchat.DomainChat;
import org.domainchat.archive.ArchivedMessage;
import org.domainchat.archive.MessageCapture;
import org.domainchat.testing.TestDatabase;
import org.domainchat.testing.TestEnvironment;
import org.domainchat.testing.Waits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The index is derived data: whatever happens to its folder, it comes back from the database. */
class IndexRecoveryTest {

    @TempDir
    Path data;

    private TestDatabase db;
    private long lastId;

    @BeforeEach
    void fill() throws Exception {
        db = TestDatabase.create(TestDatabase.Kind.HSQLDB);
        DomainChat core = start();
        for (int i = 0; i < 2500; i++) { // more than one catch-up chunk
            lastId = core.archiver().archive(chat(at(i % 2 == 0 ? "alice" : "bob"), at(i % 2 == 0 ? "bob" : "alice"),
                    "line " + i + (i == 1234 ? " needle" : "")), MessageCapture.Source.CLIENT).map(ArchivedMessage::id)
                    .orElseThrow();
        }
        awaitIndexed(core, 2500);
        core.close();
    }

    @AfterEach
    void drop() throws Exception {
        db.close();
    }

    private DomainChat start() throws IOException {
        return DomainChat.start(new TestEnvironment(db.connections(), data, "alice", "bob"));
    }

    private void awaitIndexed(DomainChat core, long documents) {
        Waits.until(Duration.ofSeconds(30), "index holds " + documents + " documents", () -> {
            IndexStatus s = core.index().status();
            return s.watermark() >= lastId && s.documents() == documents;
        });
    }

    private Path liveGeneration() throws IOException {
        return data.resolve("index").resolve(Files.readString(data.resolve("index").resolve("current")).strip());
    }

    private static void assertFindsNeedle(DomainChat core) {
        SearchOutcome.Page page = assertInstanceOf(SearchOutcome.Page.class,
                core.search().searchOwn(at("alice"), SearchRequest.of("needle")));
        assertEquals(1, page.hits().size());
        assertEquals("line 1234 needle", page.hits().get(0).body());
    }

    @Test
    void aMissingIndexIsRebuiltFromTheDatabase() throws Exception {
        deleteTree(data.resolve("index"));
        DomainChat core = start();
        awaitIndexed(core, 2500);
        assertFindsNeedle(core);
        assertFalse(core.index().status().rebuild().running());
        assertTrue(core.index().status().rebuild().done() >= 2500);
        assertEquals(RebuildProgress.Reason.STARTUP, core.index().status().rebuild().reason());
        core.close();
    }

    @Test
    void aCorruptIndexIsRebuiltFromTheDatabase() throws Exception {
        Path live = liveGeneration();
        try (Stream<Path> files = Files.list(live)) {
            for (Path f : files.filter(p -> p.getFileName().toString().startsWith("segments_")).toList()) {
                Files.write(f, new byte[]{1, 2, 3, 4, 5, 6, 7, 8}); // the commit point is garbage
            }
        }
        DomainChat core = start();
        awaitIndexed(core, 2500);
        assertFindsNeedle(core);
        assertNotEquals(live, liveGeneration(), "a fresh generation replaced the corrupt one");
        assertFalse(Files.exists(live), "the corrupt folder is removed");
        core.close();
    }

    @Test
    void anIndexOfAnOlderSchemaIsRebuilt() throws Exception {
        Path live = liveGeneration();
        try (FSDirectory dir = FSDirectory.open(live);
             IndexWriter w = new IndexWriter(dir, new IndexWriterConfig()
                     .setOpenMode(IndexWriterConfig.OpenMode.APPEND))) {
            w.setLiveCommitData(Map.of("schema", "0", "watermark", Long.toString(lastId)).entrySet());
            w.commit();
        }
        DomainChat core = start();
        awaitIndexed(core, 2500);
        assertNotEquals(live, liveGeneration());
        assertFindsNeedle(core);
        core.close();
    }

    @Test
    void anIndexThatLostItsNewestDocumentsCatchesUp() throws Exception {
        DomainChat core = start();
        ArchivedMessage late = core.archiver().archive(chat(at("bob"), at("alice"), "late haystack"),
                MessageCapture.Source.CLIENT).orElseThrow();
        lastId = late.id();
        awaitIndexed(core, 2501);
        core.close();
        // simulate a crash that lost the last index commit: put the watermark back
        try (FSDirectory dir = FSDirectory.open(liveGeneration());
             IndexWriter w = new IndexWriter(dir, new IndexWriterConfig()
                     .setOpenMode(IndexWriterConfig.OpenMode.APPEND))) {
            w.deleteDocuments(org.apache.lucene.document.LongPoint.newExactQuery("id", late.id()));
            w.setLiveCommitData(Map.of("schema", IndexFields.SCHEMA, "watermark", Long.toString(late.id() - 1))
                    .entrySet());
            w.commit();
        }
        DomainChat again = start();
        awaitIndexed(again, 2501);
        assertEquals(1, ((SearchOutcome.Page) again.search().searchOwn(at("alice"), SearchRequest.of("haystack")))
                .hits().size());
        again.close();
    }

    @Test
    void aRequestedRebuildReplacesTheIndexWhileSearchKeepsWorking() throws Exception {
        DomainChat core = start();
        awaitIndexed(core, 2500);
        Path before = liveGeneration();
        assertTrue(core.index().requestRebuild());
        assertFalse(core.index().requestRebuild(), "a second request while one runs is refused");
        long started = System.nanoTime();
        boolean sawProgress = false;
        while (!before.equals(liveGeneration()) || !sawProgress) {
            assertFindsNeedle(core); // the old generation answers meanwhile
            if (core.index().status().rebuild().running() || !before.equals(liveGeneration())) {
                sawProgress = true;
            }
            if (!before.equals(liveGeneration())) {
                break;
            }
            assertTrue(System.nanoTime() - started < 30_000_000_000L, "rebuild finished in time");
            Thread.sleep(5);
        }
        Waits.until(Duration.ofSeconds(10), "rebuild reported finished",
                () -> !core.index().status().rebuild().running());
        awaitIndexed(core, 2500);
        assertFindsNeedle(core);
        RebuildProgress.Snapshot done = core.index().status().rebuild();
        assertFalse(done.running());
        assertEquals(2500, done.total());
        assertEquals(2500, done.done());
        assertTrue(done.finishedAt() >= done.startedAt());
        assertFalse(Files.exists(before), "the old generation is deleted");
        core.close();
    }

    @Test
    void anIndexFolderLostWhileRunningIsReplacedAndRefilled() throws Exception {
        DomainChat core = start();
        awaitIndexed(core, 2500);
        Path live = liveGeneration();
        deleteTree(live); // the disk under the running writer goes away: Lucene's next write fails
        ArchivedMessage after = core.archiver().archive(chat(at("bob"), at("alice"), "written after the loss"),
                MessageCapture.Source.CLIENT).orElseThrow();
        lastId = after.id();
        awaitIndexed(core, 2501);
        assertNotEquals(live, liveGeneration(), "a new generation replaced the lost one");
        assertEquals(RebuildProgress.Reason.RECOVERY, core.index().status().rebuild().reason());
        assertFindsNeedle(core);
        assertEquals(1, ((SearchOutcome.Page) core.search().searchOwn(at("alice"), SearchRequest.of("loss")))
                .hits().size());
        core.close();
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
