package org.domainchat.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.domainchat.db.ConnectionSource;
import org.domainchat.testing.TestDatabase;
import org.domainchat.testing.Waits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A database that is down or slower than chat never holds chat up and never fills memory: beyond the queue's
 * capacity, messages wait only in the journal's files and the writer reads them back when it can. Real HSQLDB and a
 * real journal with fsync; the database is "down" by refusing connections, as an unreachable server does.
 */
class ArchiveOverflowTest {

    @TempDir
    Path data;

    private static ArchivedMessage message(int n) {
        return new ArchivedMessage(0, 0, 1_760_000_000_000L + n, "alice@example.com", "laptop", "bob@example.com",
                null, "line " + n, false, null, "chat", "c" + n, "<message><body>line " + n + "</body></message>");
    }

    @Test
    void messagesBeyondTheCapacityWaitInTheJournalAndReachTheDatabaseOnceEachInOrder() throws Exception {
        try (TestDatabase db = TestDatabase.create(TestDatabase.Kind.HSQLDB)) {
            AtomicBoolean down = new AtomicBoolean(true);
            ConnectionSource flaky = () -> {
                if (down.get()) {
                    throw new SQLTransientConnectionException("the database is down");
                }
                return db.connections().getConnection();
            };
            ArchiveConfig config = new ArchiveConfig(data, true, 256 * 1024, 0, 1000, 200, () -> 1_800_000);
            List<ArchivedMessage> stored = java.util.Collections.synchronizedList(new ArrayList<>());
            Archive archive = Archive.open(config, new ArchiveStore(flaky), () -> 1_760_000_000_000L, stored::addAll);
            int n = 5000;
            int wave = 500;
            AtomicInteger failed = new AtomicInteger();
            try {
                // In waves, as chat arrives: a segment is retired after a batch that fills it, so a single batch of
                // all 5,000 (possible when the writer thread starts late on a busy machine) would stay in one file.
                appendInWaves(archive, n, wave, e -> failed.incrementAndGet());
                assertEquals(0, failed.get());
                Waits.until(Duration.ofSeconds(20), "all of them handed to the database writer",
                        () -> archive.status().queued() == n); // the journal hands a batch over after its completions
                assertTrue(archive.status().journalSegments() > 1, "several segments on disk hold them");

                down.set(false);
                Waits.until(Duration.ofSeconds(60), "the database caught up", () -> archive.status().queued() == 0);
            } finally {
                archive.close();
            }
            assertEquals(n, stored.size(), "each handed to the index once");
            try (Connection c = db.connections().getConnection(); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT body FROM dcMessage ORDER BY messageId")) {
                int i = 0;
                while (rs.next()) {
                    assertEquals("line " + i, rs.getString(1), "in order, none twice, none missing");
                    i++;
                }
                assertEquals(n, i);
            }
        }
    }

    @Test
    void aDatabaseSlowerThanChatLetsHistoryLagButNeverRefusesAMessage() throws Exception {
        try (TestDatabase db = TestDatabase.create(TestDatabase.Kind.HSQLDB)) {
            ConnectionSource slow = () -> {
                try {
                    Thread.sleep(20); // every batch waits, as a busy database server would make it
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new SQLException("interrupted");
                }
                return db.connections().getConnection();
            };
            ArchiveConfig config = new ArchiveConfig(data, false, 256 * 1024, 0, 1000, 50, () -> 1_800_000);
            Archive archive = Archive.open(config, new ArchiveStore(slow), () -> 1_760_000_000_000L, batch -> { });
            int n = 20_000;
            CountDownLatch durable = new CountDownLatch(n);
            try {
                for (int i = 0; i < n; i++) {
                    archive.appendAsync(message(i), countingDown(durable, e -> {
                        throw new AssertionError(e);
                    }));
                }
                assertTrue(durable.await(60, TimeUnit.SECONDS));
                Waits.until(Duration.ofSeconds(120), "the database caught up", () -> archive.status().queued() == 0);
            } finally {
                archive.close();
            }
            try (Connection c = db.connections().getConnection(); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT COUNT(*), COUNT(DISTINCT clientId) FROM dcMessage")) {
                rs.next();
                assertEquals(n, rs.getInt(1));
                assertEquals(n, rs.getInt(2));
            }
        }
    }

    @Test
    void whileChatIsBusyStoringWaitsEvenWhenMemoryIsFullAndTheJournalHoldsTheRest() throws Exception {
        try (TestDatabase db = TestDatabase.create(TestDatabase.Kind.HSQLDB)) {
            AtomicBoolean busy = new AtomicBoolean(true);
            int batchSize = 100;
            ArchiveConfig config = new ArchiveConfig(data, false, 256 * 1024, 0, 1000, batchSize, () -> 1_800_000);
            List<ArchivedMessage> stored = java.util.Collections.synchronizedList(new ArrayList<>());
            Archive archive = Archive.open(config, new ArchiveStore(db.connections()), () -> 1_760_000_000_000L,
                    stored::addAll, busy::get);
            int n = 5000;
            try {
                long started = System.nanoTime();
                appendInWaves(archive, n, 500, e -> {
                    throw new AssertionError(e);
                });
                Waits.until(Duration.ofSeconds(20), "all of them handed to the database writer",
                        () -> archive.status().queued() + stored.size() == n);
                Thread.sleep(1200);
                // storing yields at most 500 ms per batch: however slow this machine, no more batches than that
                int storedWhileBusy = stored.size();
                long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
                assertTrue(storedWhileBusy <= batchSize * (elapsedMillis / 500 + 1),
                        storedWhileBusy + " stored in " + elapsedMillis + " ms while chat was busy");
                assertTrue(archive.status().queued() > 1000, "more wait than memory holds: the journal has them");

                busy.set(false);
                Waits.until(Duration.ofSeconds(60), "the database caught up", () -> archive.status().queued() == 0);
            } finally {
                archive.close();
            }
            assertEquals(n, stored.size(), "each stored and handed on once");
            for (int i = 0; i < n; i++) {
                assertEquals("line " + i, stored.get(i).body(), "in order, none twice, none missing");
            }
        }
    }

    /** Appends messages 0..n-1 in waves of {@code wave}, each wave durable before the next, as chat arrives. */
    private static void appendInWaves(Archive archive, int n, int wave,
                                      java.util.function.Consumer<ArchiveUnavailableException> failed)
            throws Exception {
        for (int start = 0; start < n; start += wave) {
            CountDownLatch durable = new CountDownLatch(wave);
            for (int i = start; i < start + wave; i++) {
                archive.appendAsync(message(i), countingDown(durable, failed));
            }
            assertTrue(durable.await(60, TimeUnit.SECONDS), "every message of the wave durable");
        }
    }

    /** Counts {@code durable} down for each durable message; a failure goes to {@code failed}. */
    private static Archive.Completion countingDown(CountDownLatch durable,
                                                   java.util.function.Consumer<ArchiveUnavailableException> failed) {
        return new Archive.Completion() {
            @Override
            public void durable(ArchivedMessage m) {
                durable.countDown();
            }

            @Override
            public void failed(ArchiveUnavailableException e) {
                failed.accept(e);
            }
        };
    }
}
