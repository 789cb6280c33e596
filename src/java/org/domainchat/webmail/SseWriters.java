package org.domainchat.webmail;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads that write event streams, so that writing never happens on the thread that published the event (often
 * the server's packet routing). Their tasks never wait for a browser: a stream writes only what the socket takes at
 * once and leaves the rest to the container's write callback (see {@link SseStream}). Started and stopped with the
 * API.
 */
final class SseWriters {

    private volatile ExecutorService pool;

    synchronized void start() {
        if (pool != null) {
            return;
        }
        int threads = Math.max(2, Math.min(16, Runtime.getRuntime().availableProcessors() * 2));
        AtomicInteger n = new AtomicInteger();
        pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "domainchat-webmail-events-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    void execute(Runnable task) {
        ExecutorService p = pool;
        if (p == null) {
            throw new RejectedExecutionException("event stream writers are stopped");
        }
        p.execute(task);
    }

    synchronized void stop() {
        ExecutorService p = pool;
        pool = null;
        if (p == null) {
            return;
        }
        p.shutdown();
        try {
            if (!p.awaitTermination(5, TimeUnit.SECONDS)) {
                p.shutdownNow();
                p.awaitTermination(2, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            p.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
