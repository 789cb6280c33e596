package org.domainchat;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

/**
 * One running copy of the core per data folder. Two copies of the plugin can be alive in one server for a moment
 * (a reload, an upgrade from a version Openfire loaded twice), and two archives on one journal would corrupt it and
 * archive every message twice. The lock is a file lock, so another process on the same folder is kept out too, and
 * a killed process leaves no lock behind.
 */
final class DataDirectoryLock implements AutoCloseable {

    private static final String FILE = "running.lock";
    private static final long POLL_MILLIS = 100;

    private final FileChannel channel;
    private final FileLock lock;

    private DataDirectoryLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the folder, waiting up to {@code wait} for a copy that is stopping.
     *
     * @throws IOException when another copy still holds it after that, or the folder cannot be used
     */
    static DataDirectoryLock acquire(Path directory, Duration wait) throws IOException {
        Files.createDirectories(directory);
        FileChannel channel = FileChannel.open(directory.resolve(FILE), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        long deadline = System.nanoTime() + wait.toNanos();
        try {
            while (true) {
                FileLock lock;
                try {
                    lock = channel.tryLock();
                } catch (OverlappingFileLockException heldInThisJvm) {
                    lock = null;
                }
                if (lock != null) {
                    return new DataDirectoryLock(channel, lock);
                }
                if (System.nanoTime() >= deadline) {
                    throw new IOException("Another copy of domainchat is still running on " + directory
                            + " (an earlier version that was not unloaded?). This copy does not start; restart "
                            + "Openfire to run one copy.");
                }
                Thread.sleep(POLL_MILLIS);
            }
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            channel.close();
            throw new IOException("Interrupted while waiting for " + directory, e);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }
}
