package org.domainchat.archive;

import java.io.IOException;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The always-on message archive: {@link #append} makes a message durable in the journal and returns its archive id;
 * a writer thread moves it into the database and hands the stored batch to {@code onStored} (the search index).
 * Messages left in the journal by a crash are replayed into the database on {@link #open}.
 */
public final class Archive implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Archive.class);

    private final ArchiveJournal journal;
    private final ArchiveWriter writer;
    private final Semaphore capacity;
    private final AtomicLong accepted = new AtomicLong();

    private Archive(ArchiveJournal journal, ArchiveWriter writer, Semaphore capacity) {
        this.journal = journal;
        this.writer = writer;
        this.capacity = capacity;
    }

    /**
     * Opens the journal, starts its writer and the database writer (which first replays what an earlier run left).
     *
     * @param onStored receives each batch once it is committed to the database, in id order, on the writer thread
     */
    public static Archive open(ArchiveConfig config, ArchiveStore store, LongSupplier clock,
                               Consumer<List<ArchivedMessage>> onStored) throws IOException {
        IdGenerator ids = new IdGenerator(clock);
        try {
            ids.advancePast(store.maxMessageId());
        } catch (SQLException e) {
            // Ids are time-based, so they stay unique without it; the writer retries until the database is back.
            LOG.warn("The archive database is not reachable at start; messages wait in the journal", e);
        }
        ArchiveJournal journal = new ArchiveJournal(config.directory().resolve("journal"), config.fsync(),
                config.segmentBytes(), config.journalRetentionMillis(), clock, ids);
        Semaphore capacity = new Semaphore(config.queueCapacity());
        ArchiveWriter writer = new ArchiveWriter(store, new ConversationTracker(config.idleGapMillis()), journal,
                config.directory().resolve("dead-letter"), config.batchSize(), onStored, capacity::release);
        journal.start(writer::enqueue);
        writer.start();
        return new Archive(journal, writer, capacity);
    }

    /**
     * Archives a message (its id field is ignored) and returns it with its archive id. Blocks while the database
     * writer is {@code queueCapacity} messages behind, so a stalled database slows chat down instead of filling
     * memory.
     */
    public ArchivedMessage append(ArchivedMessage message) throws ArchiveUnavailableException {
        acquireCapacity();
        try {
            ArchivedMessage stored = journal.append(message);
            accepted.incrementAndGet();
            return stored;
        } catch (IOException e) {
            capacity.release();
            throw new ArchiveUnavailableException("The message could not be archived: " + e.getMessage(), e);
        }
    }

    public ArchiveStatus status() {
        return new ArchiveStatus(accepted.get(), writer.queued(), writer.lastStoredId(), journal.segmentCount(),
                writer.lastError(), writer.replaying());
    }

    /** Writes the journal's queue, stores what the database accepts within 30 s, and stops both threads. */
    @Override
    public void close() {
        journal.close();
        writer.stop(30_000);
        capacity.release(Integer.MAX_VALUE / 2); // wakes routing threads still waiting; the closed journal refuses them
    }

    private void acquireCapacity() throws ArchiveUnavailableException {
        try {
            if (!capacity.tryAcquire(1, TimeUnit.SECONDS)) {
                LOG.warn("The archive database is {} messages behind; routing waits for it", writer.queued());
                capacity.acquire();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ArchiveUnavailableException("Interrupted while waiting for the archive", e);
        }
    }
}
