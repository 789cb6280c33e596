package org.domainchat.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import org.domainchat.testing.Waits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArchiveJournalTest {

    @TempDir
    Path dir;

    private final AtomicLong now = new AtomicLong(1_700_000_000_000L);

    private ArchiveJournal journal(long retention) throws IOException {
        return new ArchiveJournal(dir, true, 1 << 20, retention, now::get, new IdGenerator(now::get));
    }

    static ArchivedMessage message(String body) {
        return new ArchivedMessage(0, 0, 1_700_000_000_000L, "alice@example.com", "laptop", "bob@example.com", null,
                body, false, null, "chat", "c-" + body, "<message><body>" + body + "</body></message>");
    }

    private static List<ArchivedMessage> replayAll(ArchiveJournal journal) throws IOException {
        List<ArchivedMessage> out = new ArrayList<>();
        journal.replay(7, out::addAll);
        return out;
    }

    @Test
    void appendedMessagesAreReplayedAfterARestartWithTheirIdsAndFields() throws Exception {
        List<ArchivedMessage> written = Collections.synchronizedList(new ArrayList<>());
        ArchiveJournal first = journal(0);
        List<ArchivedMessage> durable = Collections.synchronizedList(new ArrayList<>());
        first.start(durable::addAll);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            int n = i;
            futures.add(pool.submit(() -> written.add(first.append(message("m" + n + " äöü 😀")))));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
        first.close();
        assertEquals(400, durable.size());
        for (int i = 1; i < durable.size(); i++) {
            assertTrue(durable.get(i).id() > durable.get(i - 1).id(), "durable batches arrive in id order");
        }

        ArchiveJournal second = journal(0);
        List<ArchivedMessage> replayed = replayAll(second);
        assertEquals(400, replayed.size());
        written.sort((a, b) -> Long.compare(a.id(), b.id()));
        for (int i = 0; i < 400; i++) {
            ArchivedMessage w = written.get(i);
            ArchivedMessage r = replayed.get(i);
            assertEquals(w.id(), r.id());
            assertEquals(w.body(), r.body());
            assertEquals(w.stanza(), r.stanza());
            assertEquals(w.clientId(), r.clientId());
            assertEquals(w.fromResource(), r.fromResource());
            assertEquals(w.toResource(), r.toResource());
        }
        second.close();
    }

    @Test
    void idsContinueAboveWhatTheJournalHoldsEvenIfTheClockWentBack() throws Exception {
        ArchiveJournal first = journal(0);
        first.start(b -> { });
        long last = first.append(message("before")).id();
        first.close();
        now.addAndGet(-3_600_000); // the clock was set back an hour
        ArchiveJournal second = journal(0);
        second.start(b -> { });
        assertTrue(second.append(message("after")).id() > last);
        second.close();
    }

    @Test
    void aTornLastRecordEndsReplayWithoutLosingTheRecordsBeforeIt() throws Exception {
        ArchiveJournal first = journal(0);
        first.start(b -> { });
        for (int i = 0; i < 10; i++) {
            first.append(message("m" + i));
        }
        first.close();
        Path segment = onlySegment();
        long end = dataEnd(segment);
        try (RandomAccessFile f = new RandomAccessFile(segment.toFile(), "rw")) {
            f.seek(end - 5); // the process died in the middle of writing the last record
            f.write(new byte[5]);
        }
        List<ArchivedMessage> replayed = replayAll(journal(0));
        assertEquals(9, replayed.size());
        assertEquals("m8", replayed.get(8).body());
    }

    @Test
    void aCorruptRecordEndsThatSegmentsReplay() throws Exception {
        ArchiveJournal first = journal(0);
        first.start(b -> { });
        for (int i = 0; i < 10; i++) {
            first.append(message("message number " + i));
        }
        first.close();
        Path segment = onlySegment();
        byte[] bytes = Files.readAllBytes(segment);
        bytes[(int) dataEnd(segment) - 20] ^= 0x5A; // flip bits inside the last record
        Files.write(segment, bytes);
        assertEquals(9, replayAll(journal(0)).size());
    }

    @Test
    void segmentsAreDeletedOnlyAfterTheDatabaseHasThemAndTheRetentionPassed() throws Exception {
        ArchiveJournal journal = journal(60_000);
        journal.start(b -> { });
        long last = 0;
        for (int i = 0; i < 5; i++) {
            last = journal.append(message("m" + i)).id();
        }
        assertEquals(1, segments().size());
        journal.committedUpTo(last);
        Thread.sleep(1500); // the writer checks about once a second
        assertEquals(1, segments().size(), "kept during the retention period");
        now.addAndGet(61_000);
        Waits.until(Duration.ofSeconds(5), "segment deleted", () -> segments().isEmpty());
        journal.append(message("later"));
        assertEquals(1, segments().size(), "a new segment starts with the next message");
        journal.close();
    }

    @Test
    void withFsyncASteadyTrickleSharesForcesInsteadOfForcingEachMessage() throws Exception {
        ArchiveJournal journal = journal(0);
        List<ArchivedMessage> durable = Collections.synchronizedList(new ArrayList<>());
        journal.start(durable::addAll);
        java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(300);
        ArchiveJournal.Completion counting = new ArchiveJournal.Completion() {
            @Override
            public void durable(ArchivedMessage stored) {
                done.countDown();
            }

            @Override
            public void failed(IOException e) {
                throw new AssertionError("not written", e);
            }
        };
        long started = System.nanoTime();
        for (int i = 0; i < 300; i++) { // a message every 0.3 ms or more: shorter than a force on most disks
            journal.appendAsync(message("t" + i), counting);
            java.util.concurrent.locks.LockSupport.parkNanos(300_000);
        }
        assertTrue(done.await(30, java.util.concurrent.TimeUnit.SECONDS), "every message became durable");
        long elapsed = System.nanoTime() - started;
        long writes = journal.writeTimes().count();
        journal.close();
        assertEquals(300, durable.size());
        // every write of a small batch starts at least the spacing after the one before it
        long most = 1 + elapsed / ArchiveJournal.FSYNC_SPACING_NANOS;
        assertTrue(writes <= most, writes + " forces for 300 messages in " + elapsed / 1_000_000 + " ms; at most "
                + most + " expected");
        assertEquals(300, replayAll(journal(0)).size());
    }

    @Test
    void withoutFsyncMessagesAreJournaledAndTheSyncThreadStopsOnClose() throws Exception {
        ArchiveJournal journal = new ArchiveJournal(dir, false, 1 << 20, 0, now::get, new IdGenerator(now::get));
        journal.start(b -> { });
        assertTrue(threadNames().contains("domainchat-journal-sync"));
        for (int i = 0; i < 50; i++) {
            journal.append(message("m" + i));
        }
        journal.close();
        assertFalse(threadNames().contains("domainchat-journal-sync"));
        assertFalse(threadNames().contains("domainchat-journal"));
        assertEquals(50, replayAll(journal(0)).size());
    }

    @Test
    void withoutFsyncTheBackgroundForcesAreSpacedAndTheLastWriteIsStillForced() throws Exception {
        ArchiveJournal journal = new ArchiveJournal(dir, false, 1 << 20, 0, now::get, new IdGenerator(now::get));
        journal.start(b -> { });
        long started = System.nanoTime();
        for (int i = 0; i < 300; i++) { // a message every 0.3 ms or more: each is written alone without fsync
            journal.append(message("t" + i));
            java.util.concurrent.locks.LockSupport.parkNanos(300_000);
        }
        long elapsed = System.nanoTime() - started;
        long forces = journal.backgroundForces();
        long writes = journal.writeTimes().count();
        // one force may already have started per spacing, plus the one that was waiting when the loop ended
        long most = 2 + elapsed / ArchiveJournal.SYNC_SPACING_NANOS;
        assertTrue(forces >= 1 && forces <= most, forces + " background forces for " + writes + " writes in "
                + elapsed / 1_000_000 + " ms; at most " + most + " expected");
        Thread.sleep(50); // ten spacings: whatever was pending is forced by now
        long settled = journal.backgroundForces();
        journal.append(message("lone"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        while (journal.backgroundForces() == settled && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        assertEquals(settled + 1, journal.backgroundForces(), "a lone write is forced right behind, within the spacing");
        journal.close();
        assertEquals(301, replayAll(journal(0)).size());
    }

    private static List<String> threadNames() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName).toList();
    }

    @Test
    void aClosedJournalRefusesMessages() throws Exception {
        ArchiveJournal journal = journal(0);
        journal.start(b -> { });
        journal.close();
        assertThrows(IOException.class, () -> journal.append(message("late")));
    }

    @Test
    void preparedSegmentsAreUsedAfterRotationAndReplayCompletely() throws Exception {
        ArchiveJournal journal = new ArchiveJournal(dir, true, 64 * 1024, 0, now::get, new IdGenerator(now::get));
        journal.start(b -> { });
        Thread.sleep(300); // time to prepare a spare segment
        String body = "x".repeat(1000);
        for (int i = 0; i < 200; i++) { // about 200 KB: several rotations
            journal.append(message(body + i));
            if (i % 10 == 9) {
                // a segment holds about 60 messages: give the spare thread time to prepare the next one before
                // each rotation, also on a busy machine (it once was not ready for the last one in CI)
                Thread.sleep(200);
            }
        }
        journal.close();
        List<Path> all = segments();
        assertTrue(all.size() >= 3, "rotated into " + all.size() + " segments");
        assertTrue(all.stream().anyMatch(p -> p.toFile().length() == 64 * 1024 && dataEndQuietly(p) < 64 * 1024),
                "a prepared segment, zero-filled past its data, was used");
        List<ArchivedMessage> replayed = replayAll(journal(0));
        assertEquals(200, replayed.size());
        assertEquals(body + 199, replayed.get(199).body());
        assertTrue(Files.notExists(dir.resolve("journal-spare.tmp")), "the spare is removed on close");
    }

    /** Where the records of a segment end: before the zero fill of a prepared segment, or at its end. */
    private static long dataEnd(Path segment) throws IOException {
        byte[] bytes = Files.readAllBytes(segment);
        java.nio.ByteBuffer buf = java.nio.ByteBuffer.wrap(bytes);
        buf.position(4);
        while (buf.remaining() >= 8) {
            int length = buf.getInt(buf.position());
            if (length == 0) {
                break;
            }
            buf.position(buf.position() + 8 + length);
        }
        return buf.position();
    }

    private static long dataEndQuietly(Path segment) {
        try {
            return dataEnd(segment);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private Path onlySegment() {
        List<Path> all = segments();
        assertEquals(1, all.size());
        return all.get(0);
    }

    private List<Path> segments() {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().matches("journal-\\d+\\.log")).sorted().toList();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
