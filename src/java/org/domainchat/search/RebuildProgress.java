package org.domainchat.search;

/** Progress of filling an index from the database, shared between the indexer thread and the status page. */
public final class RebuildProgress {

    /** Why the index is (or was last) filled from the database. */
    public enum Reason {
        /** The index was missing, corrupt or of an older schema when the plugin started. */
        STARTUP,
        /** An admin asked for a rebuild. */
        REQUESTED,
        /** The index could not be written and was started afresh. */
        RECOVERY;

        public String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * @param total  messages in the archive when the rebuild began, or -1 when unknown
     * @param reason why it ran; null before the first
     */
    public record Snapshot(boolean running, long done, long total, long startedAt, long finishedAt, String error,
                           Reason reason) {
    }

    private boolean running;
    private long done;
    private long total;
    private long startedAt;
    private long finishedAt;
    private String error;
    private Reason reason;

    synchronized void begin(Reason why, long now, long totalMessages) {
        reason = why;
        running = true;
        done = 0;
        total = totalMessages;
        startedAt = now;
        finishedAt = 0;
        error = null;
    }

    synchronized void advance(long count) {
        if (running) {
            done += count;
        }
    }

    synchronized void finish(long now, String failure) {
        if (running) {
            running = false;
            finishedAt = now;
            error = failure;
        }
    }

    synchronized Snapshot snapshot() {
        return new Snapshot(running, done, total, startedAt, finishedAt, error, reason);
    }
}
