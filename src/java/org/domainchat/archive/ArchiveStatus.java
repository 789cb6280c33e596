package org.domainchat.archive;

/**
 * @param queued          journaled messages waiting for the database
 * @param lastStoredId    the newest archive id in the database (0 before the first)
 * @param lastError       the database's last error while it is failing, else null
 * @param replaying       true while messages an earlier run left in the journal are moved into the database
 * @param journalWriteP50Millis the journal's batch write (with its fsync when on) since start, median; NaN before
 *                              the first: what the disk makes every message wait before it may be delivered
 * @param journalWriteP99Millis the same, 99th percentile
 * @param journalWriteLongestMillis the same, the longest (NaN before the first)
 * @param journalSlowWrites     how many of them took longer than {@link JournalWriteTimes#SLOW_MILLIS}
 * @param journalFsync          whether those writes include the fsync ({@code domainchat.archive.journal.fsync})
 */
public record ArchiveStatus(long accepted, int queued, long lastStoredId, int journalSegments, String lastError,
                            boolean replaying, double journalWriteP50Millis, double journalWriteP99Millis,
                            double journalWriteLongestMillis, long journalSlowWrites, boolean journalFsync) {
}
