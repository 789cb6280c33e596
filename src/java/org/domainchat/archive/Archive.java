package org.domainchat.archive;

import java.io.IOException;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The always-on message archive: {@link #append} makes a message durable in the journal and returns its archive id
 * ({@link #appendAsync} returns the id at once and says later when it is durable);
 * a writer thread moves it into the database and hands the stored batch to {@code onStored} (the search index).
 * Messages left in the journal by a crash are replayed into the database on {@link #open}.
 */
public final class Archive implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Archive.class);

    private final ArchiveJournal journal;
    private final ArchiveWriter writer;
    private final AtomicLong accepted = new AtomicLong();

    private Archive(ArchiveJournal journal, ArchiveWriter writer) {
        this.journal = journal;
        this.writer = writer;
    }

    /**
     * Opens the journal, starts its writer and the database writer (which first replays what an earlier run left).
     *
     * @param onStored receives each batch once it is committed to the database, in id order, on the writer thread
     */
    public static Archive open(ArchiveConfig config, ArchiveStore store, LongSupplier clock,
                               Consumer<List<ArchivedMessage>> onStored) throws IOException {
        return open(config, store, clock, onStored, ChatLoad.NONE);
    }

    /** As {@link #open(ArchiveConfig, ArchiveStore, LongSupplier, Consumer)}; the database writer yields to {@code load}. */
    public static Archive open(ArchiveConfig config, ArchiveStore store, LongSupplier clock,
                               Consumer<List<ArchivedMessage>> onStored, ChatLoad load) throws IOException {
        IdGenerator ids = new IdGenerator(clock);
        try {
            ids.advancePast(store.maxMessageId());
        } catch (SQLException e) {
            // Ids are time-based, so they stay unique without it; the writer retries until the database is back.
            LOG.warn("The archive database is not reachable at start; messages wait in the journal", e);
        }
        ArchiveJournal journal = new ArchiveJournal(config.directory().resolve("journal"), config.fsync(),
                config.segmentBytes(), config.journalRetentionMillis(), clock, ids);
        ArchiveWriter writer = new ArchiveWriter(store, new ConversationTracker(config.idleGapMillis()), journal,
                config.directory().resolve("dead-letter"), config.batchSize(), onStored, config.queueCapacity(),
                load);
        journal.start(writer::enqueue);
        writer.start();
        return new Archive(journal, writer);
    }

    /**
     * Archives a message (its id field is ignored) and returns it with its archive id once it is durable in the
     * journal. A database that lags does not hold it up: the journal keeps what the database has not stored yet.
     */
    public ArchivedMessage append(ArchivedMessage message) throws ArchiveUnavailableException {
        try {
            ArchivedMessage stored = journal.append(message);
            accepted.incrementAndGet();
            return stored;
        } catch (IOException e) {
            throw new ArchiveUnavailableException("The message could not be archived: " + e.getMessage(), e);
        }
    }

    /** What becomes of a message appended with {@link #appendAsync}; told on the journal's thread, in id order. */
    public interface Completion {
        /** The message is durable: it may be delivered now. Must only hand over (never wait or do I/O). */
        void durable(ArchivedMessage stored);

        /** The message could not be made durable: it must not be delivered. Must only hand over. */
        void failed(ArchiveUnavailableException e);
    }

    /**
     * Archives a message without waiting (for Openfire's handler threads, which must never wait for the disk or
     * another thread): the id is assigned at once, and {@code completion} hears when the message is durable.
     *
     * @return the message with its archive id
     * @throws ArchiveUnavailableException at once when the journal is closed
     */
    public ArchivedMessage appendAsync(ArchivedMessage message, Completion completion)
            throws ArchiveUnavailableException {
        try {
            ArchivedMessage stored = journal.appendAsync(message, new ArchiveJournal.Completion() {
                @Override
                public void durable(ArchivedMessage written) {
                    completion.durable(written);
                }

                @Override
                public void failed(IOException e) {
                    completion.failed(new ArchiveUnavailableException(
                            "The message could not be archived: " + e.getMessage(), e));
                }
            });
            accepted.incrementAndGet();
            return stored;
        } catch (IOException e) {
            throw new ArchiveUnavailableException("The message could not be archived: " + e.getMessage(), e);
        }
    }

    /**
     * The highest archive id handed out so far; with {@link ArchiveStatus#lastStoredId()} it tells whether the
     * database holds every message accepted until now (ids reach the database in order).
     */
    public long lastAssignedId() {
        return journal.lastAssignedId();
    }

    /** The highest archive id the database holds (a volatile read: cheap enough to poll). */
    public long lastStoredId() {
        return writer.lastStoredId();
    }

    /** The journal's batch write times (write plus fsync when on), since the archive opened. */
    public JournalWriteTimes journalWriteTimes() {
        return journal.writeTimes();
    }

    public ArchiveStatus status() {
        JournalWriteTimes times = journal.writeTimes();
        return new ArchiveStatus(accepted.get(), writer.queued(), writer.lastStoredId(), journal.segmentCount(),
                writer.lastError(), writer.replaying(), times.percentileMillis(0.50), times.percentileMillis(0.99),
                times.longestMillis(), times.slowWrites(), journal.fsync());
    }

    /** Writes the journal's queue, stores what the database accepts within 30 s, and stops both threads. */
    @Override
    public void close() {
        journal.close();
        writer.stop(30_000);
    }
}
