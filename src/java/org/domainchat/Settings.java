package org.domainchat;

/**
 * The plugin's settings. Openfire's adapter reads them from {@code domainchat.*} system properties; the
 * suppliers are read whenever the value is needed, so changes apply without a restart where noted.
 */
public interface Settings {

    /** Idle time after which a new conversation starts ({@code domainchat.archive.idleGap}). Live. */
    long conversationIdleMillis();

    /** Longer bodies are archived cut to this many UTF-8 bytes ({@code domainchat.archive.maxBodyBytes}). Live. */
    int maxBodyBytes();

    /** Force journal writes to disk ({@code domainchat.archive.journal.fsync}). Read at start. */
    boolean journalFsync();

    /**
     * Messages waiting for the database that are kept in memory; more wait in the journal's files
     * ({@code domainchat.archive.queueCapacity}).
     */
    int queueCapacity();

    /** Fixed values, for tests and tools. */
    record Fixed(long conversationIdleMillis, int maxBodyBytes, boolean journalFsync, int queueCapacity)
            implements Settings {

        public static Fixed defaults() {
            return new Fixed(30 * 60_000L, 64 * 1024, true, 100_000);
        }
    }
}
