package org.domainchat.archive;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Iterator;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.zip.CRC32;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Append-only, group-committed journal in front of the database. A routing thread's {@link #append} returns once
 * its message is written to the journal file (and, with fsync on, forced to disk); one writer thread writes every
 * message queued meanwhile with a single write and a single fsync, so durability costs one fsync per batch, not per
 * message. Records are {@code [length][crc32][id][payload]}; a torn record at the end of a segment (the process was
 * killed mid-write) fails its length or CRC check and ends that segment's replay, and nothing after it in that
 * segment was acknowledged.
 *
 * <p>A segment is deleted once the database holds all its messages and a retention period has passed: the embedded
 * HSQLDB acknowledges commits up to a second before its log reaches the disk, and replay is idempotent.
 */
final class ArchiveJournal implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ArchiveJournal.class);
    private static final int MAGIC = 0x44434A31; // "DCJ1"
    private static final int MAX_RECORD_BYTES = 64 << 20;
    private static final String PREFIX = "journal-";
    private static final String SUFFIX = ".log";
    private static final String SPARE = "journal-spare.tmp";
    private static final int PENDING = 0;
    private static final int DURABLE = 1;
    private static final int FAILED = 2;

    private final Path directory;
    private final boolean fsync;
    /** With fsync off, after a batch smaller than this, messages that came meanwhile gather {@link #GATHER_NANOS}. */
    private static final int GATHER_BELOW = 32;
    private static final long GATHER_NANOS = TimeUnit.MICROSECONDS.toNanos(100);
    /**
     * With fsync on, while messages keep coming in small batches, forces are at least this far apart: a message that
     * comes right after a force waits for the next one instead of having a force of its own. Each force costs the
     * kernel some 100 us of CPU on the machines measured (and a virtual disk's notification), so at 1,000 msg/s one
     * force per message was an eighth of the CPU archiving takes; a lone message is still written at once.
     */
    static final long FSYNC_SPACING_NANOS = TimeUnit.MILLISECONDS.toNanos(2);
    private final long maxSegmentBytes;
    private final long retentionMillis;
    private final JournalWriteTimes writeTimes = new JournalWriteTimes();
    private final LongSupplier clock;
    private final IdGenerator ids;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition hasWork = lock.newCondition();
    private final Condition written = lock.newCondition();
    private ArrayList<Entry> pending = new ArrayList<>();
    private boolean closing;

    private final List<Path> leftover;
    private final List<Segment> segments = new ArrayList<>(); // closed segments, guarded by itself
    private Segment active;
    private volatile FileChannel channel;
    private volatile long committedId;
    private Consumer<List<ArchivedMessage>> onWritten;
    private Thread writer;

    // A zero-filled segment prepared ahead, a chunk at a time, by the writer thread. Forcing a file whose size does
    // not change skips the metadata update: on the machines measured that halves the cost of each fsync.
    private final SpareSegment spare;

    // With fsync off, routing waits only for the write into the operating system (enough to survive a killed
    // process); this thread forces the file right behind it, so a power loss costs the last few milliseconds
    // instead of whatever the OS had not written back yet.
    private Thread syncer;
    private final Object syncSignal = new Object();
    private boolean syncPending;
    private volatile boolean syncStopping;
    private final AtomicLong backgroundForces = new AtomicLong();
    /**
     * With fsync off, the background forces are at least this far apart. Without fsync the writer writes nearly
     * every message alone, and forcing right behind each write made a real Openfire 5.1.1 at 1,000 msg/s send the
     * disk 950 flushes a second, twice as many as with fsync on, at some 100 us of kernel CPU each. A power loss
     * still costs at most this spacing plus one force.
     */
    static final long SYNC_SPACING_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

    /** What becomes of a message appended without waiting; told on the writer thread, so it must only hand over. */
    interface Completion {
        void durable(ArchivedMessage message);

        void failed(IOException e);
    }

    private static final class Entry {
        final ArchivedMessage message;
        final byte[] payload;
        final Completion completion; // null: a caller waits on the lock's condition instead
        volatile int state = PENDING;
        volatile IOException failure;

        Entry(ArchivedMessage message, byte[] payload, Completion completion) {
            this.message = message;
            this.payload = payload;
            this.completion = completion;
        }
    }

    private static final class Segment {
        final Path path;
        volatile long lastId = Long.MAX_VALUE; // unknown until written or replayed
        long size;
        long lastWriteAt;

        Segment(Path path) {
            this.path = path;
        }
    }

    /**
     * Opens the journal directory. Segments left by an earlier run are kept for {@link #replay}; the id generator is
     * moved past every id they hold.
     */
    ArchiveJournal(Path directory, boolean fsync, long maxSegmentBytes, long retentionMillis, LongSupplier clock,
                   IdGenerator ids) throws IOException {
        this.directory = Files.createDirectories(directory);
        this.fsync = fsync;
        this.maxSegmentBytes = maxSegmentBytes;
        this.retentionMillis = retentionMillis;
        this.clock = clock;
        this.ids = ids;
        Files.deleteIfExists(directory.resolve(SPARE));
        this.spare = new SpareSegment(directory.resolve(SPARE), maxSegmentBytes, MAGIC);
        this.leftover = listSegments(directory);
        if (!leftover.isEmpty()) {
            long[] last = {0};
            readSegment(leftover.get(leftover.size() - 1), m -> last[0] = Math.max(last[0], m.id()));
            ids.advancePast(last[0]);
        }
    }

    /** Starts the writer thread; {@code onWritten} receives each durable batch, in id order, on that thread. */
    void start(Consumer<List<ArchivedMessage>> onWritten) {
        this.onWritten = onWritten;
        spare.prepare();
        writer = new Thread(this::runWriter, "domainchat-journal");
        writer.setDaemon(true);
        writer.start();
        if (!fsync) {
            syncer = new Thread(this::runSyncer, "domainchat-journal-sync");
            syncer.setDaemon(true);
            syncer.start();
        }
    }

    private void runSyncer() {
        long lastForce = System.nanoTime() - SYNC_SPACING_NANOS;
        while (true) {
            synchronized (syncSignal) {
                try {
                    while (!syncPending && !syncStopping) {
                        syncSignal.wait();
                    }
                    // what is written meanwhile shares this force; stopping forces at once (close forces anyway)
                    long left;
                    while (!syncStopping && (left = lastForce + SYNC_SPACING_NANOS - System.nanoTime()) > 0) {
                        TimeUnit.NANOSECONDS.timedWait(syncSignal, left);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                if (!syncPending) {
                    return;
                }
                syncPending = false;
            }
            lastForce = System.nanoTime();
            FileChannel open = channel;
            if (open != null) {
                try {
                    backgroundForces.incrementAndGet();
                    open.force(false);
                } catch (java.nio.channels.ClosedChannelException rotated) {
                    // the writer forced it itself before closing it
                } catch (IOException e) {
                    LOG.warn("Background sync of the archive journal failed", e);
                }
            }
        }
    }

    private void requestSync() {
        synchronized (syncSignal) {
            // Already pending: the sync thread knows and is waiting out the spacing; waking it for every write
            // would only make it go back to sleep.
            if (!syncPending) {
                syncPending = true;
                syncSignal.notify();
            }
        }
    }

    /**
     * Streams the messages that segments of an earlier run hold, oldest first, in batches; the consumer must have
     * stored a batch (idempotently) before it returns. Those segments are deleted by the usual rule afterwards.
     */
    void replay(int batchSize, Consumer<List<ArchivedMessage>> store) throws IOException {
        for (Path path : leftover) {
            Segment segment = new Segment(path);
            List<ArchivedMessage> batch = new ArrayList<>(batchSize);
            long[] last = {0};
            readSegment(path, m -> {
                batch.add(m);
                last[0] = m.id();
                if (batch.size() >= batchSize) {
                    store.accept(List.copyOf(batch));
                    batch.clear();
                }
            });
            if (!batch.isEmpty()) {
                store.accept(List.copyOf(batch));
            }
            segment.lastId = last[0];
            segment.lastWriteAt = clock.getAsLong();
            synchronized (segments) {
                segments.add(segment);
            }
        }
        leftover.clear();
    }

    /**
     * Assigns the next archive id to {@code message}, queues it and waits until it is written (and forced to disk
     * when fsync is on).
     *
     * @throws IOException when the journal cannot be written or is closed; the message is then not archived
     */
    ArchivedMessage append(ArchivedMessage message) throws IOException {
        byte[] payload = RecordCodec.encodeWithoutId(message);
        Entry entry;
        lock.lock();
        try {
            entry = queue(message, payload, null);
            while (entry.state == PENDING) {
                written.awaitUninterruptibly();
            }
        } finally {
            lock.unlock();
        }
        if (entry.state == FAILED) {
            throw entry.failure;
        }
        return entry.message;
    }

    /**
     * Assigns the next archive id to {@code message} and queues it without waiting: {@code completion} hears when it
     * is written (and forced to disk when fsync is on) or failed, on the writer thread, in id order.
     *
     * @return the message with its archive id
     * @throws IOException when the journal is closed; the message is then not archived and completion never hears
     */
    ArchivedMessage appendAsync(ArchivedMessage message, Completion completion) throws IOException {
        byte[] payload = RecordCodec.encodeWithoutId(message);
        lock.lock();
        try {
            return queue(message, payload, completion).message;
        } finally {
            lock.unlock();
        }
    }

    /** The highest archive id handed out (queued, durable or not yet), or the highest known at start. */
    long lastAssignedId() {
        return ids.last();
    }

    /** Called with the lock held. */
    private Entry queue(ArchivedMessage message, byte[] payload, Completion completion) throws IOException {
        if (closing) {
            throw new IOException("the archive journal is closed");
        }
        // The id is taken under the same lock that queues the entry, so the journal, the database and the index
        // all see ids in increasing order.
        Entry entry = new Entry(message.withId(ids.next()), payload, completion);
        pending.add(entry);
        if (pending.size() == 1) {
            hasWork.signal(); // the writer needs waking only for the first entry of a batch
        } else if (pending.size() == GATHER_BELOW && fsync) {
            LockSupport.unpark(writer); // it may be sitting out the fsync spacing: a full batch need not wait
        }
        return entry;
    }

    /**
     * Reads back the messages with ids after {@code afterId} up to {@code upToId} from the segment files, oldest
     * first, in batches; the consumer must have stored a batch before it returns. Every id up to {@code upToId} must
     * have been written already; segments are not deleted while they hold messages the database lacks, so none is
     * missed (one deleted meanwhile held only stored messages).
     */
    void read(long afterId, long upToId, int batchSize, Consumer<List<ArchivedMessage>> store) throws IOException {
        List<Path> files = listSegments(directory);
        List<ArchivedMessage> batch = new ArrayList<>(batchSize);
        for (int i = 0; i < files.size(); i++) {
            // a segment's name is its first id: skip those whose successor starts at or before afterId + 1
            if (i + 1 < files.size() && firstIdOf(files.get(i + 1)) <= afterId + 1) {
                continue;
            }
            if (firstIdOf(files.get(i)) > upToId) {
                break;
            }
            try {
                readSegment(files.get(i), m -> {
                    if (m.id() > afterId && m.id() <= upToId) {
                        batch.add(m);
                        if (batch.size() >= batchSize) {
                            store.accept(List.copyOf(batch));
                            batch.clear();
                        }
                    }
                });
            } catch (java.nio.file.NoSuchFileException deleted) {
                // all its messages were stored meanwhile
            }
        }
        if (!batch.isEmpty()) {
            store.accept(List.copyOf(batch));
        }
    }

    private static long firstIdOf(Path segment) {
        String name = segment.getFileName().toString();
        return Long.parseLong(name.substring(PREFIX.length(), name.length() - SUFFIX.length()));
    }

    /** The database now holds every message up to {@code id}. */
    void committedUpTo(long id) {
        committedId = id;
    }

    /** Whether each batch is forced to disk before its messages may be delivered. */
    boolean fsync() {
        return fsync;
    }

    /** Forces made by the background thread (fsync off), for tests. */
    long backgroundForces() {
        return backgroundForces.get();
    }

    /** How long batch writes (with their fsync, when on) have taken since the journal opened. */
    JournalWriteTimes writeTimes() {
        return writeTimes;
    }

    /** Number of segment files on disk, for the status page. */
    int segmentCount() {
        synchronized (segments) {
            return segments.size() + (active != null ? 1 : 0) + leftover.size();
        }
    }

    /** Writes what is queued, stops the writer thread and closes the file. */
    @Override
    public void close() {
        lock.lock();
        try {
            closing = true;
            hasWork.signalAll();
        } finally {
            lock.unlock();
        }
        if (writer != null) {
            try {
                writer.join(TimeUnit.SECONDS.toMillis(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        closeActive();
        spare.close();
        if (syncer != null) {
            synchronized (syncSignal) {
                syncStopping = true;
                syncSignal.notify();
            }
            try {
                syncer.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            Files.deleteIfExists(directory.resolve(SPARE));
        } catch (IOException e) {
            LOG.debug("Could not delete the spare journal segment", e);
        }
    }

    private void runWriter() {
        boolean lastBatchSmall = false;
        long lastWriteStarted = System.nanoTime() - FSYNC_SPACING_NANOS;
        while (true) {
            List<Entry> batch;
            lock.lock();
            try {
                if (fsync && lastBatchSmall && !closing) {
                    // Parked here, not on hasWork: a handler thread queueing meanwhile wakes nobody, and what comes
                    // until the spacing has passed shares the next force. A full batch's worth goes at once.
                    long left;
                    while (!closing && pending.size() < GATHER_BELOW
                            && (left = lastWriteStarted + FSYNC_SPACING_NANOS - System.nanoTime()) > 0) {
                        parkUnlocked(left);
                    }
                }
                if (!fsync && lastBatchSmall && !pending.isEmpty() && pending.size() < GATHER_BELOW && !closing) {
                    // Without fsync a write takes microseconds, so under load nearly every message was a batch of
                    // its own, with a wake-up of this thread and of a delivery lane each: when messages came while
                    // a small batch was written, gather a moment longer (with fsync the fsync itself gathers). A
                    // trickle is never held: nothing has come by the time its write is done.
                    parkUnlocked(GATHER_NANOS);
                }
                if (pending.isEmpty() && !closing) {
                    hasWork.await(1000, TimeUnit.MILLISECONDS);
                }
                if (pending.isEmpty()) {
                    if (closing) {
                        return;
                    }
                    batch = List.of();
                } else {
                    batch = pending;
                    pending = new ArrayList<>();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                lock.unlock();
            }
            if (!batch.isEmpty()) {
                lastWriteStarted = System.nanoTime();
                write(batch);
                lastBatchSmall = batch.size() < GATHER_BELOW;
            }
            deleteCommittedSegments();
        }
    }

    /** Waits with the lock released, so that handler threads queue meanwhile; called with the lock held. */
    private void parkUnlocked(long nanos) {
        lock.unlock();
        try {
            LockSupport.parkNanos(nanos);
        } finally {
            lock.lock();
        }
    }

    private void write(List<Entry> batch) {
        int size = 0;
        for (Entry e : batch) {
            size += 16 + e.payload.length;
        }
        ByteBuffer buffer = ByteBuffer.allocate(size);
        CRC32 crc = new CRC32();
        ByteBuffer idBytes = ByteBuffer.allocate(8);
        for (Entry e : batch) {
            idBytes.clear();
            idBytes.putLong(e.message.id()).flip();
            crc.reset();
            crc.update(idBytes);
            crc.update(e.payload);
            buffer.putInt(8 + e.payload.length).putInt((int) crc.getValue()).putLong(e.message.id()).put(e.payload);
        }
        buffer.flip();
        IOException failure = null;
        try {
            if (active == null) {
                openSegment(batch.get(0).message.id());
            }
            long started = System.nanoTime();
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            if (fsync) {
                channel.force(false);
            } else {
                requestSync();
            }
            writeTimes.record(System.nanoTime() - started);
            active.size += size;
            active.lastId = batch.get(batch.size() - 1).message.id();
            active.lastWriteAt = clock.getAsLong();
        } catch (IOException e) {
            failure = e;
            LOG.error("Could not write the archive journal in {}; {} message(s) rejected", directory, batch.size(), e);
            closeActive(); // a torn tail stays in the old segment; the next batch starts a fresh one
        }
        boolean waiters = false;
        lock.lock();
        try {
            for (Entry e : batch) {
                e.failure = failure;
                e.state = failure == null ? DURABLE : FAILED;
                waiters |= e.completion == null;
            }
            if (waiters) {
                written.signalAll();
            }
        } finally {
            lock.unlock();
        }
        for (Entry e : batch) {
            if (e.completion != null) {
                try {
                    if (failure == null) {
                        e.completion.durable(e.message);
                    } else {
                        e.completion.failed(failure);
                    }
                } catch (RuntimeException callback) {
                    LOG.error("domainchat: a journal completion failed", callback);
                }
            }
        }
        if (failure == null) {
            List<ArchivedMessage> messages = new ArrayList<>(batch.size());
            for (Entry e : batch) {
                messages.add(e.message);
            }
            onWritten.accept(messages);
            if (active.size >= maxSegmentBytes) {
                retireActive();
            }
        }
    }

    private void openSegment(long firstId) throws IOException {
        Path path = directory.resolve(String.format("%s%020d%s", PREFIX, firstId, SUFFIX));
        if (spare.takeInto(path)) {
            channel = FileChannel.open(path, StandardOpenOption.WRITE);
            channel.position(4);
        } else {
            channel = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            channel.write(ByteBuffer.allocate(4).putInt(MAGIC).flip());
        }
        spare.prepare(); // for the next rotation (after a failure too: the disk may have room again)
        syncDirectory();
        active = new Segment(path);
        active.size = 4;
    }

    /** Makes a new segment's name durable too, not only its content (a power loss could lose the entry). */
    private void syncDirectory() {
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            LOG.debug("Cannot sync directory {} on this platform", directory, e);
        }
    }

    private void retireActive() {
        Segment done = active;
        closeActive();
        if (done != null) {
            synchronized (segments) {
                segments.add(done);
            }
        }
    }

    private void closeActive() {
        FileChannel open = channel;
        Segment closing = active;
        channel = null;
        active = null;
        if (open != null) {
            try {
                if (!fsync) {
                    open.force(false); // a retired segment is complete on disk in either mode
                }
                open.close();
            } catch (IOException e) {
                LOG.warn("Could not close archive journal segment {}", closing.path, e);
            }
        }
    }

    /** Runs on the writer thread, between batches. */
    private void deleteCommittedSegments() {
        long now = clock.getAsLong();
        long committed = committedId;
        if (active != null && active.lastId <= committed && now - active.lastWriteAt >= retentionMillis) {
            retireActive();
        }
        List<Segment> done = new ArrayList<>();
        synchronized (segments) {
            for (Iterator<Segment> it = segments.iterator(); it.hasNext(); ) {
                Segment s = it.next();
                if (s.lastId <= committed && now - s.lastWriteAt >= retentionMillis) {
                    done.add(s);
                    it.remove();
                }
            }
        }
        for (Segment s : done) {
            try {
                Files.deleteIfExists(s.path);
            } catch (IOException e) {
                LOG.warn("Could not delete archived journal segment {}", s.path, e);
            }
        }
    }

    private static List<Path> listSegments(Path directory) throws IOException {
        List<Path> found = new ArrayList<>();
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(directory, PREFIX + "*" + SUFFIX)) {
            dir.forEach(found::add);
        }
        found.sort(null); // zero-padded first ids: name order is id order
        return found;
    }

    private static void readSegment(Path path, Consumer<ArchivedMessage> sink) throws IOException {
        try (InputStream file = Files.newInputStream(path);
             DataInputStream in = new DataInputStream(new BufferedInputStream(file, 1 << 16))) {
            if (in.readInt() != MAGIC) {
                LOG.warn("Ignoring {}: not an archive journal segment", path);
                return;
            }
            CRC32 crc = new CRC32();
            while (true) {
                int length;
                int expected;
                byte[] record;
                try {
                    length = in.readInt();
                    expected = in.readInt();
                    if (length == 0 && expected == 0) {
                        return; // the zero-filled rest of a prepared segment
                    }
                    if (length < 8 || length > MAX_RECORD_BYTES) {
                        LOG.warn("Archive journal {} ends in a torn record (length {})", path, length);
                        return;
                    }
                    record = in.readNBytes(length);
                } catch (EOFException end) {
                    return;
                }
                if (record.length < length) {
                    LOG.warn("Archive journal {} ends in a torn record", path);
                    return;
                }
                crc.reset();
                crc.update(record);
                if ((int) crc.getValue() != expected) {
                    LOG.warn("Archive journal {} ends in a record with a bad checksum", path);
                    return;
                }
                ByteBuffer buffer = ByteBuffer.wrap(record);
                long id = buffer.getLong();
                try {
                    sink.accept(RecordCodec.decode(id, buffer));
                } catch (IllegalArgumentException | java.nio.BufferUnderflowException bad) {
                    LOG.warn("Skipping unreadable record {} in archive journal {}", id, path, bad);
                }
            }
        } catch (EOFException empty) {
            LOG.warn("Ignoring empty archive journal segment {}", path);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
