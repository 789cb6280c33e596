package org.domainchat.search;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import java.util.stream.Stream;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.store.AlreadyClosedException;
import org.domainchat.archive.ArchiveStore;
import org.domainchat.archive.ArchivedMessage;
import org.domainchat.archive.ChatLoad;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The full-text index of the archive, kept in step by one indexer thread. It is derived data: the database is the
 * truth, and whatever the index lacks (after a crash, an overflow of its queue, a corrupt or outdated folder) it
 * reads from the database in id order, a thousand rows at a time. New messages become searchable within about
 * 100 ms of their database commit while chat is calm, within a second under load. A requested rebuild is built beside the live index, which keeps answering, and
 * replaces it when it has caught up.
 *
 * <p>Layout: {@code <root>/current} names the live generation folder {@code <root>/g<n>}; other folders are
 * leftovers and are deleted on open.
 */
public final class MessageIndex implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MessageIndex.class);
    private static final int CHUNK = 1000;
    private static final int QUEUE = 50_000;
    private static final long REFRESH_MILLIS = 100;
    /** How long indexing waits at most, per batch, while the server is busy delivering chat. */
    private static final long YIELD_MILLIS = 500;
    /**
     * This many new messages after {@link #REFRESH_MILLIS} (200 a second) mean chat is busy: refresh after a second
     * then. At 100 (1,000 a second) a real Openfire at 1,000 msg/s refreshed every 100 ms about half the time, and
     * the merges of those small segments competed with delivery on two cores.
     */
    private static final int BUSY_BATCH = 20;
    private static final long BUSY_REFRESH_MILLIS = 1000;
    private static final long COMMIT_MILLIS = 60_000;

    private final Path root;
    private final Analyzer analyzer = new MessageAnalyzer();
    private final ArchiveStore store;
    private final LongSupplier clock;
    private final ArrayBlockingQueue<ArchivedMessage> queue = new ArrayBlockingQueue<>(QUEUE);
    private final AtomicBoolean overflowed = new AtomicBoolean();
    private final AtomicBoolean rebuildRequested = new AtomicBoolean();
    private final RebuildProgress progress = new RebuildProgress();

    private volatile IndexGeneration live;
    private IndexGeneration building;
    private boolean liveCatchingUp = true; // a start always checks the database for what the index lacks
    private volatile boolean stopping;
    private volatile String lastError;
    private volatile long newestIndexedSentAt;
    private volatile long lastLagMillis = -1;
    private long oldestUnrefreshedSentAt = Long.MAX_VALUE;
    /** Messages added since the last refresh (each refresh turns them into a new small segment). */
    private int unrefreshed;
    private int failures;
    private Thread thread;

    private final ChatLoad load;

    private MessageIndex(Path root, ArchiveStore store, LongSupplier clock, ChatLoad load) {
        this.root = root;
        this.store = store;
        this.clock = clock;
        this.load = load;
    }

    /**
     * Opens the live index, or starts a new one (filled from the database once {@link #start}ed) when it is
     * missing, corrupt or of an older schema.
     */
    public static MessageIndex open(Path root, ArchiveStore store, LongSupplier clock) throws IOException {
        return open(root, store, clock, ChatLoad.NONE);
    }

    /** As {@link #open(Path, ArchiveStore, LongSupplier)}; indexing and merges yield to {@code load} for a while. */
    public static MessageIndex open(Path root, ArchiveStore store, LongSupplier clock, ChatLoad load)
            throws IOException {
        MessageIndex index = new MessageIndex(root, store, clock, load);
        Files.createDirectories(root);
        String current = index.readCurrent();
        if (current != null) {
            try {
                index.live = IndexGeneration.open(root.resolve(current), index.analyzer, index.load);
            } catch (IOException e) {
                LOG.warn("The search index in {} cannot be used ({}); rebuilding it from the archive",
                        root.resolve(current), e.getMessage());
            }
        }
        if (index.live == null) {
            index.live = index.newGeneration();
            index.makeCurrent(index.live);
            index.progress.begin(RebuildProgress.Reason.STARTUP, index.clock.getAsLong(),
                    index.countOrUnknown());
        }
        index.deleteOtherGenerations(index.live.path);
        return index;
    }

    public void start() {
        thread = new Thread(this::run, "domainchat-indexer");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * New messages become searchable within 100 ms while chat is calm. Under load every refresh would flush a small
     * segment that merges then rewrite again and again (the largest share of the archive's CPU in a real Openfire
     * under load): with {@link #BUSY_BATCH} or more new messages a refresh waits until {@link #BUSY_REFRESH_MILLIS}.
     */
    private boolean refreshDue(long sinceLastRefreshNanos) {
        long millis = TimeUnit.NANOSECONDS.toMillis(sinceLastRefreshNanos);
        return millis >= BUSY_REFRESH_MILLIS || millis >= REFRESH_MILLIS && unrefreshed < BUSY_BATCH;
    }

    /** Called by the archive writer with each committed batch; never blocks. */
    public void accept(List<ArchivedMessage> stored) {
        for (ArchivedMessage m : stored) {
            // After one drop, drop the rest too until the indexer has caught up from the database: indexing a
            // later message first would move the watermark past the dropped one.
            if (overflowed.get() || !queue.offer(m)) {
                overflowed.set(true);
                return;
            }
        }
    }

    /**
     * Rebuilds the index from the database beside the live one.
     *
     * @return false (and nothing happens) while the index is already being filled
     */
    public boolean requestRebuild() {
        if (progress.snapshot().running()) {
            return false;
        }
        return rebuildRequested.compareAndSet(false, true);
    }

    /** A searcher over the live index; close the lease promptly. */
    Lease lease() throws IOException {
        for (int attempt = 0; ; attempt++) {
            IndexGeneration generation = live;
            try {
                return new Lease(generation, generation.searchers.acquire());
            } catch (AlreadyClosedException swapped) {
                if (attempt >= 3) {
                    throw new IOException("the search index is being replaced", swapped);
                }
            }
        }
    }

    Analyzer analyzer() {
        return analyzer;
    }

    public IndexStatus status() {
        IndexGeneration generation = live;
        return new IndexStatus(generation.numDocs(), generation.sizeBytes(), generation.searchableWatermark(),
                newestIndexedSentAt, lastLagMillis, progress.snapshot(), lastError);
    }

    /** Stops the indexer thread, commits the live index and closes it (releasing its folder lock). */
    @Override
    public void close() {
        stopping = true;
        if (thread != null) {
            try {
                thread.join(TimeUnit.SECONDS.toMillis(30));
                if (thread.isAlive()) {
                    thread.interrupt();
                    thread.join(5000);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        closeQuietly(building, false);
        building = null;
        closeQuietly(live, true);
        analyzer.close();
    }

    /** What a search holds while it runs. */
    static final class Lease implements AutoCloseable {
        private final IndexGeneration generation;
        final IndexSearcher searcher;

        private Lease(IndexGeneration generation, IndexSearcher searcher) {
            this.generation = generation;
            this.searcher = searcher;
        }

        @Override
        public void close() throws IOException {
            generation.searchers.release(searcher);
        }
    }

    // ---- the indexer thread ----

    private void run() {
        // Intervals run on the monotonic clock; the injected clock only dates messages.
        long lastRefresh = System.nanoTime() - TimeUnit.MILLISECONDS.toNanos(REFRESH_MILLIS);
        long lastCommit = System.nanoTime();
        List<ArchivedMessage> batch = new ArrayList<>(CHUNK);
        while (!(stopping && queue.isEmpty())) {
            try {
                if (overflowed.get()) {
                    drainInto(live, batch);
                    overflowed.set(false);
                    liveCatchingUp = true;
                }
                if (liveCatchingUp && !stopping) {
                    liveCatchingUp = catchUp(live);
                    if (!liveCatchingUp) {
                        progress.finish(clock.getAsLong(), null);
                    }
                } else if (building != null && !stopping) {
                    if (!catchUp(building)) {
                        swapInBuilding();
                    }
                } else if (rebuildRequested.getAndSet(false) && !stopping) {
                    building = newGeneration();
                    progress.begin(RebuildProgress.Reason.REQUESTED, clock.getAsLong(), countOrUnknown());
                }
                // While the live index catches up it must not take newer queued messages: they would move its
                // watermark past rows the catch-up has not read yet. They wait (or overflow into a catch-up).
                ArchivedMessage first = liveCatchingUp ? null
                        : queue.poll(building != null ? 0 : 50, TimeUnit.MILLISECONDS);
                if (first != null && queue.size() < QUEUE / 2) {
                    // chat first, while the queue has room: what waits here is in the database already
                    load.yieldFor(YIELD_MILLIS);
                }
                if (first != null) {
                    batch.add(first);
                    queue.drainTo(batch, 5 * CHUNK);
                    addAll(live, batch);
                    batch.clear();
                }
                long now = System.nanoTime();
                if (oldestUnrefreshedSentAt != Long.MAX_VALUE && refreshDue(now - lastRefresh)) {
                    live.refresh();
                    lastRefresh = System.nanoTime();
                    lastLagMillis = clock.getAsLong() - oldestUnrefreshedSentAt;
                    oldestUnrefreshedSentAt = Long.MAX_VALUE;
                    unrefreshed = 0;
                }
                if (live.hasUncommitted() && now - lastCommit >= TimeUnit.MILLISECONDS.toNanos(COMMIT_MILLIS)) {
                    live.commit();
                    lastCommit = now;
                }
                lastError = null;
                failures = 0;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (IOException | SQLException | RuntimeException e) {
                lastError = e.getMessage();
                if (failures++ % 60 == 0) { // once a minute while it keeps failing
                    LOG.warn("Search indexer failed ({} time(s) in a row); it will catch up from the archive",
                            failures, e);
                }
                batch.clear();
                recover(e);
                sleepQuietly(1000);
            }
        }
    }

    /** Reads one chunk the generation lacks from the database; true while there may be more. */
    private boolean catchUp(IndexGeneration generation) throws IOException, SQLException {
        List<ArchivedMessage> chunk = new ArrayList<>(CHUNK);
        int read = store.forEachAfter(generation.watermark(), CHUNK, chunk::add);
        addAll(generation, chunk);
        progress.advance(chunk.size());
        if (generation != live) {
            generation.refresh(); // keeps the building generation's NRT reader small; not searched yet
        }
        return read == CHUNK;
    }

    private void addAll(IndexGeneration generation, List<ArchivedMessage> messages) throws IOException {
        for (ArchivedMessage m : messages) {
            if (generation.add(m) && generation == live) {
                newestIndexedSentAt = m.sentAt();
                oldestUnrefreshedSentAt = Math.min(oldestUnrefreshedSentAt, m.sentAt());
                unrefreshed++;
            }
        }
    }

    private void drainInto(IndexGeneration generation, List<ArchivedMessage> batch) throws IOException {
        queue.drainTo(batch);
        addAll(generation, batch);
        batch.clear();
    }

    private void swapInBuilding() throws IOException {
        IndexGeneration fresh = building;
        fresh.commit();
        makeCurrent(fresh);
        IndexGeneration old = live;
        live = fresh;
        building = null;
        rebuildRequested.set(false); // requests made while this one ran are served by it
        live.refresh();
        closeQuietly(old, false);
        deleteFolder(old.path);
        progress.finish(clock.getAsLong(), null);
        LOG.info("Search index rebuilt: {} messages", live.watermark() > 0 ? live.numDocs() : 0);
    }

    /**
     * After a failure. A database error changes nothing: the catch-up simply runs again. A Lucene error closes the
     * live writer (releasing its lock) and reopens the folder from its last commit, or starts a new generation when
     * the folder cannot be opened; either way the database fills in what is missing.
     */
    private void recover(Exception cause) {
        if (cause instanceof SQLException) {
            return;
        }
        if (building != null) {
            closeQuietly(building, false);
            deleteFolder(building.path);
            building = null;
            progress.finish(clock.getAsLong(), cause.getMessage());
        }
        IndexGeneration broken = live;
        closeQuietly(broken, false);
        try {
            live = IndexGeneration.open(broken.path, analyzer, load);
        } catch (IOException reopenFailed) {
            try {
                live = newGeneration();
                makeCurrent(live);
                progress.begin(RebuildProgress.Reason.RECOVERY, clock.getAsLong(), countOrUnknown());
                deleteFolder(broken.path);
            } catch (IOException createFailed) {
                LOG.error("Cannot create a search index in {}", root, createFailed);
                return;
            }
        }
        liveCatchingUp = true;
    }

    // ---- folders ----

    private IndexGeneration newGeneration() throws IOException {
        long n = clock.getAsLong();
        Path path;
        do {
            path = root.resolve("g" + n++);
        } while (Files.exists(path));
        return IndexGeneration.create(path, analyzer, load);
    }

    private String readCurrent() throws IOException {
        Path pointer = root.resolve("current");
        if (!Files.exists(pointer)) {
            return null;
        }
        String name = Files.readString(pointer, StandardCharsets.UTF_8).strip();
        return name.matches("g\\d+") ? name : null;
    }

    private void makeCurrent(IndexGeneration generation) throws IOException {
        Path tmp = root.resolve("current.tmp");
        Files.writeString(tmp, generation.path.getFileName().toString(), StandardCharsets.UTF_8);
        try {
            Files.move(tmp, root.resolve("current"), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, root.resolve("current"), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private void deleteOtherGenerations(Path keep) throws IOException {
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root, "g*")) {
            for (Path dir : dirs) {
                if (!dir.equals(keep) && Files.isDirectory(dir)) {
                    deleteFolder(dir);
                }
            }
        }
    }

    private static void deleteFolder(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            LOG.warn("Could not delete old search index folder {}", folder, e);
        }
    }

    private long countOrUnknown() {
        try {
            return store.countMessages();
        } catch (SQLException e) {
            return -1;
        }
    }

    private static void closeQuietly(IndexGeneration generation, boolean commit) {
        if (generation == null) {
            return;
        }
        try {
            generation.close(commit);
        } catch (IOException | RuntimeException e) {
            LOG.warn("Could not close search index {}", generation.path, e);
        }
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
