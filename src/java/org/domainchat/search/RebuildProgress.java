package org.domainchat.search;

/** Progress of filling an index from the database, shared between the indexer thread and the status page. */
public final class RebuildProgress {

    /**
     * @param total messages in the archive when the rebuild began, or -1 when unknown
     */
    public record Snapshot(boolean running, long done, long total, long startedAt, long finishedAt, String error) {
    }

    private boolean running;
    private long done;
    private long total;
    private long startedAt;
    private long finishedAt;
    private String error;

    synchronized void begin(long now, long totalMessages) {
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
        return new Snapshot(running, done, total, startedAt, finishedAt, error);
    }
}
