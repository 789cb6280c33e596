package org.domainchat.archive;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The journal's next segment, prepared on a thread of its own: written full of zeros and forced to disk, so that the
 * journal's fdatasync after a rotation overwrites blocks that exist (no file system metadata to commit with every
 * batch). The journal thread, which every message waits for before delivery, never writes or forces those megabytes
 * itself: a 16 MiB force there held all chat for tens of milliseconds at every rotation.
 *
 * <p>{@link #prepare} and {@link #takeInto} are called by the journal thread only.
 */
final class SpareSegment implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SpareSegment.class);
    private static final int ZERO_CHUNK = 256 * 1024;

    private final Path file;
    private final long bytes;
    private final int magic;
    private final ExecutorService preparer;
    private volatile boolean ready;
    private volatile boolean preparing;
    private volatile boolean closed;

    SpareSegment(Path file, long bytes, int magic) {
        this.file = file;
        this.bytes = bytes;
        this.magic = magic;
        this.preparer = Executors.newSingleThreadExecutor(task -> {
            Thread t = new Thread(task, "domainchat-journal-spare");
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts preparing a spare unless one is ready or on its way. */
    void prepare() {
        if (ready || preparing || closed) {
            return;
        }
        preparing = true;
        try {
            preparer.execute(this::fill);
        } catch (RejectedExecutionException closing) {
            preparing = false;
        }
    }

    /** Moves the ready spare to {@code target} and returns true; false when none is ready (the caller creates one). */
    boolean takeInto(Path target) throws IOException {
        if (!ready) {
            return false;
        }
        ready = false;
        Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
        return true;
    }

    private void fill() {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            // direct: a heap buffer is copied into a temporary direct one by every write, 16 MiB per segment
            ByteBuffer zeros = ByteBuffer.allocateDirect(ZERO_CHUNK);
            long filled = 0;
            while (filled < bytes) {
                if (closed) {
                    return;
                }
                zeros.clear().limit((int) Math.min(ZERO_CHUNK, bytes - filled));
                while (zeros.hasRemaining()) {
                    filled += channel.write(zeros, filled);
                }
            }
            channel.write(ByteBuffer.allocate(4).putInt(magic).flip(), 0);
            channel.force(true);
            ready = !closed;
        } catch (IOException e) {
            if (closed) {
                return; // stopping interrupted the write: nothing is wrong
            }
            // Not fatal: the next segment is then created on demand and grows as it is written.
            LOG.warn("Could not prepare a journal segment in {}; the next one grows as it is written", file.getParent(),
                    e);
        } finally {
            preparing = false;
        }
    }

    /** Stops the preparing thread and removes the spare. */
    @Override
    public void close() {
        closed = true;
        preparer.shutdownNow();
        try {
            if (!preparer.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warn("The journal's spare segment thread did not stop within 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        ready = false;
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.debug("Could not delete the spare journal segment {}", file, e);
        }
    }
}
