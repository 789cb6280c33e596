package org.domainchat.archive;

import java.nio.file.Path;
import java.util.function.LongSupplier;

/**
 * @param directory          the plugin's data folder; the journal lives in {@code journal/} below it
 * @param fsync              force each journal batch to disk (survives power loss), or only write it (survives a
 *                           killed process)
 * @param queueCapacity      messages accepted but not yet in the database before routing threads wait
 * @param idleGapMillis      a pause longer than this starts a new conversation; read on every message
 */
public record ArchiveConfig(Path directory, boolean fsync, long segmentBytes, long journalRetentionMillis,
                            int queueCapacity, int batchSize, LongSupplier idleGapMillis) {

    public static ArchiveConfig defaults(Path directory, LongSupplier idleGapMillis) {
        return new ArchiveConfig(directory, true, 16L << 20, 60_000, 100_000, 1000, idleGapMillis);
    }

    public ArchiveConfig withFsync(boolean on) {
        return new ArchiveConfig(directory, on, segmentBytes, journalRetentionMillis, queueCapacity, batchSize,
                idleGapMillis);
    }

    public ArchiveConfig withQueueCapacity(int capacity) {
        return new ArchiveConfig(directory, fsync, segmentBytes, journalRetentionMillis, capacity, batchSize,
                idleGapMillis);
    }

    public ArchiveConfig withJournalRetention(long millis) {
        return new ArchiveConfig(directory, fsync, segmentBytes, millis, queueCapacity, batchSize, idleGapMillis);
    }
}
