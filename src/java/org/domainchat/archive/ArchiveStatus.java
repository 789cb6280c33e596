package org.domainchat.archive;

/**
 * @param queued          journaled messages waiting for the database
 * @param lastStoredId    the newest archive id in the database (0 before the first)
 * @param lastError       the database's last error while it is failing, else null
 * @param replaying       true while messages an earlier run left in the journal are moved into the database
 */
public record ArchiveStatus(long accepted, int queued, long lastStoredId, int journalSegments, String lastError,
                            boolean replaying) {
}
