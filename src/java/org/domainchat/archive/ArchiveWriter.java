package org.domainchat.archive;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves journaled messages into the database in batches, on its own thread, in id order. While the database is
 * unreachable it keeps retrying (the journal holds the messages meanwhile). A message the database refuses for good
 * is written to {@code dead-letter/} in the data folder rather than dropped.
 *
 * <p>Messages wait in memory up to a capacity. Beyond it (the database is down, or slower than chat for a while)
 * they are not kept in memory at all: they are durable in the journal, and the writer reads them back from the
 * journal's files once the queue is empty, then returns to the queue when it has caught up. So a slow database
 * never fills memory and never holds chat up; it only lets history and search fall behind for a while.
 */
final class ArchiveWriter {

    private static final Logger LOG = LoggerFactory.getLogger(ArchiveWriter.class);
    private static final int REPLAY_BATCH = 500;
    private static final int ATTEMPTS_BEFORE_SPLIT = 3;
    /** How long storing waits at most, per batch, while the server is busy delivering chat. */
    private static final long YIELD_MILLIS = 500;
    /**
     * Beyond this many messages waiting for the database (about a minute of a saturated small server's chat, some
     * 300 MB of journal) storing no longer yields to chat: history must not fall behind without bound.
     */
    static final int YIELD_BELOW = 500_000;
    /**
     * A trickle of messages (fewer than {@link #LINGER_BELOW} waiting) is gathered for up to this long before it is
     * stored: one commit for many instead of one per message. At 1,000 msg/s the writer otherwise committed a
     * batch of one a thousand times a second and cost a real Openfire more CPU than routing the messages did.
     * History and search lag by this much more, nothing else waits for it.
     */
    private static final long LINGER_MILLIS = 25;
    private static final int LINGER_BELOW = 64;

    private final ArchiveStore store;
    private final ConversationTracker tracker;
    private final ArchiveJournal journal;
    private final Path deadLetters;
    private final int batchSize;
    private final Consumer<List<ArchivedMessage>> onStored;
    private final int capacity;
    private final ChatLoad load;
    private final BlockingQueue<ArchivedMessage> queue = new LinkedBlockingQueue<>();
    /** Guards the switch between the queue and reading back from the journal. */
    private final Object intake = new Object();
    private boolean overflowing;
    /** While overflowing: the newest id the journal has written. */
    private long overflowUpTo;
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong storedCount = new AtomicLong();
    private volatile boolean stopping;
    private volatile String lastError;
    private volatile long lastStoredId;
    private volatile boolean replaying = true;
    private Thread thread;

    /** @param capacity messages kept in memory at most; more wait in the journal's files only */
    ArchiveWriter(ArchiveStore store, ConversationTracker tracker, ArchiveJournal journal, Path deadLetters,
                  int batchSize, Consumer<List<ArchivedMessage>> onStored, int capacity, ChatLoad load) {
        this.store = store;
        this.tracker = tracker;
        this.journal = journal;
        this.deadLetters = deadLetters;
        this.batchSize = batchSize;
        this.onStored = onStored;
        this.capacity = capacity;
        this.load = load;
    }

    void start() {
        thread = new Thread(this::run, "domainchat-archive-writer");
        thread.setDaemon(true);
        thread.start();
    }

    /** Called by the journal's writer thread with each durable batch; never blocks. */
    void enqueue(List<ArchivedMessage> batch) {
        received.addAndGet(batch.size());
        synchronized (intake) {
            if (!overflowing && queue.size() + batch.size() <= capacity) {
                queue.addAll(batch);
                return;
            }
            if (!overflowing) {
                overflowing = true;
                LOG.warn("The archive database is {} messages behind; newer messages wait in the journal's files "
                        + "until it catches up (chat goes on; history and search lag)", queue.size());
            }
            overflowUpTo = batch.get(batch.size() - 1).id();
        }
    }

    /** Messages durable in the journal and not yet in the database. */
    int queued() {
        return (int) Math.min(Integer.MAX_VALUE, received.get() - storedCount.get());
    }

    String lastError() {
        return lastError;
    }

    long lastStoredId() {
        return lastStoredId;
    }

    /** True until what an earlier run left in the journal is in the database. */
    boolean replaying() {
        return replaying;
    }

    /** Stores what is queued (giving up after {@code drainMillis}; the journal keeps the rest) and stops. */
    void stop(long drainMillis) {
        stopping = true;
        if (thread == null) {
            return;
        }
        try {
            thread.join(drainMillis);
            if (thread.isAlive()) {
                LOG.warn("Archive writer did not drain within {} ms; {} message(s) stay in the journal for the next "
                        + "start", drainMillis, queue.size());
                thread.interrupt();
                thread.join(5000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        try {
            journal.replay(REPLAY_BATCH, batch -> storeWithRetry(batch, true, false));
        } catch (IOException e) {
            LOG.error("Could not read the archive journal left by the last run; it stays for the next start", e);
        } catch (StoppedException e) {
            return;
        }
        replaying = false;
        List<ArchivedMessage> batch = new ArrayList<>(batchSize);
        try {
            while (true) {
                ArchivedMessage first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first != null) {
                    yieldToChat();
                    batch.add(first);
                    queue.drainTo(batch, batchSize - 1);
                    if (batch.size() < LINGER_BELOW) {
                        gather(batch);
                    }
                    storeWithRetry(batch, false, true);
                    batch.clear();
                } else if (!catchUpFromJournal() && stopping) {
                    return;
                }
            }
        } catch (InterruptedException | StoppedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Adds what arrives within {@link #LINGER_MILLIS} (not when stopping: the plugin waits for the drain). It sleeps
     * through the linger and takes what came at the end: waiting on the queue instead woke this thread for every
     * message of a trickle, a thousand times a second at 1,000 msg/s, on the cores that deliver chat.
     */
    private void gather(List<ArchivedMessage> batch) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(LINGER_MILLIS);
        long left;
        while (!stopping && queue.size() < batchSize - batch.size() && (left = until - System.nanoTime()) > 0) {
            Thread.sleep(Math.max(1, Math.min(5, TimeUnit.NANOSECONDS.toMillis(left))));
        }
        queue.drainTo(batch, batchSize - batch.size());
    }

    /**
     * With the queue empty and messages waiting only in the journal, stores them from the journal's files, then
     * goes back to the queue once nothing newer was written meanwhile.
     *
     * @return whether there was anything to catch up with
     */
    private boolean catchUpFromJournal() {
        long upTo;
        synchronized (intake) {
            if (!overflowing) {
                return false;
            }
            upTo = overflowUpTo;
        }
        try {
            journal.read(lastStoredId, upTo, batchSize, batch -> {
                yieldToChat();
                storeWithRetry(batch, false, true);
            });
        } catch (IOException e) {
            LOG.error("Could not read the archive journal back; retrying", e);
            sleepQuietly(1000);
            return true;
        }
        synchronized (intake) {
            if (overflowUpTo == upTo) {
                overflowing = false;
                LOG.info("The archive database has caught up with the journal");
            }
        }
        return true;
    }

    /**
     * Chat first: every message waiting here is durable in the journal, so while the server is busy delivering,
     * storing waits (at most {@link #YIELD_MILLIS} per batch, so it still moves). What does not fit in memory waits
     * in the journal's files meanwhile, which costs no heap, so a full queue is no reason to compete with delivery
     * (a first version stopped yielding once the queue was three quarters full: a burst of more than 75,000 messages
     * then had the database writer storing while the burst was still going out). Only a backlog beyond
     * {@link #YIELD_BELOW} stores at full speed whatever the load.
     */
    private void yieldToChat() {
        if (!stopping && queued() < YIELD_BELOW) {
            load.yieldFor(YIELD_MILLIS);
        }
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            throw new StoppedException();
        }
    }

    /** Retries until stored; throws {@link StoppedException} when the plugin stops first. */
    private void storeWithRetry(List<ArchivedMessage> batch, boolean mayExist, boolean live) {
        long backoff = 100;
        int attempts = 0;
        while (true) {
            try {
                List<ArchivedMessage> stored = store.insert(batch, tracker, mayExist);
                committed(batch, stored, live);
                lastError = null;
                return;
            } catch (SQLException | RuntimeException e) {
                attempts++;
                lastError = e.getMessage();
                if (!isTransient(e) && attempts >= ATTEMPTS_BEFORE_SPLIT) {
                    storeOneByOne(batch, mayExist, live);
                    return;
                }
                if (attempts == 1 || attempts % 50 == 0) {
                    LOG.warn("Could not store {} archived message(s) (attempt {}); retrying", batch.size(), attempts, e);
                }
            }
            if (stopping && Thread.currentThread().isInterrupted()) {
                throw new StoppedException();
            }
            try {
                Thread.sleep(backoff);
            } catch (InterruptedException e) {
                throw new StoppedException();
            }
            backoff = Math.min(backoff * 2, 5000);
        }
    }

    /** Isolates a message the database refuses for good, so one bad row cannot stop the archive. */
    private void storeOneByOne(List<ArchivedMessage> batch, boolean mayExist, boolean live) {
        for (ArchivedMessage m : batch) {
            List<ArchivedMessage> one = List.of(m);
            try {
                committed(one, store.insert(one, tracker, mayExist), live);
            } catch (SQLException | RuntimeException e) {
                if (isTransient(e)) {
                    storeWithRetry(one, mayExist, live);
                } else {
                    deadLetter(m, e);
                    committed(one, List.of(), live);
                }
            }
        }
    }

    private void committed(List<ArchivedMessage> batch, List<ArchivedMessage> stored, boolean live) {
        long last = batch.get(batch.size() - 1).id();
        lastStoredId = last;
        journal.committedUpTo(last);
        if (live) {
            storedCount.addAndGet(batch.size());
        }
        if (!stored.isEmpty()) {
            onStored.accept(stored);
        }
    }

    private void deadLetter(ArchivedMessage m, Exception cause) {
        LOG.error("The database refused archived message {} for good; it is kept in {}", m.id(), deadLetters, cause);
        try {
            Files.createDirectories(deadLetters);
            String text = "<!-- archive id " + m.id() + ", from " + m.from() + " to " + m.to() + ", at " + m.sentAt()
                    + ": " + String.valueOf(cause.getMessage()).replace("--", "- -") + " -->\n"
                    + (m.stanza() != null ? m.stanza() : m.body()) + "\n";
            Files.writeString(deadLetters.resolve("message-" + m.id() + ".xml"), text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            LOG.error("Could not write dead letter for archived message {}: {}", m.id(), m, e);
        }
    }

    /**
     * Only a data error (SQLState class 22 or 23: a value or constraint the database rejects) is this message's
     * fault and worth isolating. Everything else, an unreachable server, a missing table, a broken pool, is retried
     * until someone fixes it, because giving up would lose messages.
     */
    private static boolean isTransient(Exception e) {
        if (e instanceof SQLDataException || e instanceof SQLIntegrityConstraintViolationException) {
            return false;
        }
        if (e instanceof SQLException sql && sql.getSQLState() != null) {
            String state = sql.getSQLState();
            return !(state.startsWith("22") || state.startsWith("23"));
        }
        return true;
    }

    private static final class StoppedException extends RuntimeException {
        StoppedException() {
            super(null, null, false, false);
        }
    }
}
