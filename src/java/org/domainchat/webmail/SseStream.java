package org.domainchat.webmail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import javax.servlet.AsyncContext;
import javax.servlet.AsyncEvent;
import javax.servlet.AsyncListener;
import javax.servlet.ServletOutputStream;
import javax.servlet.WriteListener;

import org.domainchat.webmail.live.ChatEvent;
import org.domainchat.webmail.live.EventListener;
import org.domainchat.webmail.live.WebmailLive;
import org.json.JSONObject;

/**
 * One Server-Sent Events response, written without ever blocking a thread. Events are queued by whoever publishes
 * them (the server's routing threads among them, which must never wait for a browser); a short task on the API's
 * writer pool, or the container when the socket can take more, writes what is queued for as long as
 * {@link ServletOutputStream#isReady()} says the socket takes it, and leaves when it does not. A browser that does not
 * read therefore holds no thread, only its queue, and that is bounded by frames ({@value #MAX_PENDING}) and by bytes
 * ({@link WebmailSettings#streamBacklogBytes()}): a stream that falls that far behind is dropped. Its client
 * reconnects and catches up with {@code Last-Event-ID}.
 *
 * <p>Before each event and heartbeat the stream asks {@link Guard} whether its credential still holds; when it no
 * longer does (logout, password change, lockout, deletion, expiry), a last {@code error} event says why and the stream
 * ends.
 */
final class SseStream implements EventListener, AsyncListener, WriteListener {

    static final int MAX_PENDING = 2_000;
    private static final byte[] HEARTBEAT = ": keep-alive\n\n".getBytes(StandardCharsets.UTF_8);

    /** Whether the credential the stream was opened with still holds; an empty answer means it does. */
    @FunctionalInterface
    interface Guard {
        /** Null while the credential holds; otherwise the error code the stream ends with. */
        ApiError check();

        Guard ALWAYS = () -> null;
    }

    private final AsyncContext async;
    private final Executor writers;
    private final long maxBytes;
    private final Guard guard;
    private final Runnable onFinished;
    private final ConcurrentLinkedQueue<byte[]> pending = new ConcurrentLinkedQueue<>();
    private final AtomicInteger pendingCount = new AtomicInteger();
    private final AtomicLong pendingBytes = new AtomicLong();
    /** Drain requests not yet served; the thread that takes it from 0 writes until it is 0 again. */
    private final AtomicInteger wip = new AtomicInteger();
    private final AtomicBoolean ended = new AtomicBoolean();
    private final AtomicBoolean finished = new AtomicBoolean();
    private final AtomicBoolean completed = new AtomicBoolean();
    /** Only touched by the thread that drains. */
    private boolean unflushed;
    /** The last isReady() said no, and the container has not called onWritePossible since. */
    private volatile boolean unready;
    private volatile ServletOutputStream out;
    private volatile WebmailLive.Subscription subscription;

    /**
     * @param maxBytes   queued bytes beyond which the stream is dropped
     * @param onFinished run once when the stream is over, however it ended
     */
    SseStream(AsyncContext async, Executor writers, long maxBytes, Guard guard, Runnable onFinished) {
        this.async = async;
        this.writers = writers;
        this.maxBytes = Math.max(1, maxBytes);
        this.guard = guard;
        this.onFinished = onFinished;
        async.addListener(this);
    }

    /** Switches the response to non-blocking writes; the container then says when it can take bytes. */
    void start() throws IOException {
        ServletOutputStream stream = async.getResponse().getOutputStream();
        stream.setWriteListener(this);
        out = stream;
    }

    void subscribed(WebmailLive.Subscription subscription) {
        this.subscription = subscription;
        if (ended.get()) {
            subscription.close();
        }
    }

    @Override
    public void onEvent(ChatEvent event) {
        if (stillValid()) {
            offer(event.frame().getBytes(StandardCharsets.UTF_8));
        }
    }

    @Override
    public void heartbeat() {
        if (stillValid()) {
            offer(HEARTBEAT);
        }
    }

    @Override
    public void end() {
        if (ended.compareAndSet(false, true)) {
            signal(false);
        }
    }

    /** Ends the stream with a last {@code error} event the client can read (when it still reads). */
    void endWith(String code, String message) {
        if (!ended.get()) {
            byte[] frame = new ChatEvent("0-0", "error", new JSONObject().put("code", code).put("message", message)
                    .toString()).frame().getBytes(StandardCharsets.UTF_8);
            pending.add(frame);
            pendingBytes.addAndGet(frame.length);
            pendingCount.incrementAndGet();
        }
        end();
    }

    /** The first bytes: a comment that gets the response through proxies that wait for data. */
    void greet() {
        offer(": domainchat events\nretry: 3000\n\n".getBytes(StandardCharsets.UTF_8));
    }

    private boolean stillValid() {
        if (ended.get()) {
            return false;
        }
        ApiError refused;
        try {
            refused = guard.check();
        } catch (RuntimeException e) {
            refused = ApiError.invalidToken("invalid-token", "The credential of this stream could not be checked.");
        }
        if (refused != null) {
            endWith(refused.code, refused.getMessage());
            return false;
        }
        return true;
    }

    private void offer(byte[] frame) {
        if (ended.get()) {
            return;
        }
        long bytes = pendingBytes.addAndGet(frame.length);
        if (pendingCount.incrementAndGet() > MAX_PENDING || bytes > maxBytes) {
            // Too far behind: drop it rather than hold its backlog. No last word: it would only queue behind.
            pending.clear();
            end();
            return;
        }
        pending.add(frame);
        signal(false);
    }

    /** Asks for a drain: run here ({@code inline}, on a container thread) or on the writer pool. */
    private void signal(boolean inline) {
        if (wip.getAndIncrement() != 0) {
            return; // the thread draining now will look again
        }
        if (inline) {
            drainLoop();
            return;
        }
        try {
            writers.execute(this::drainLoop);
        } catch (RejectedExecutionException e) {
            ended.set(true); // the API is stopping
            finish();
        }
    }

    private void drainLoop() {
        int missed = 1;
        while (true) {
            drainOnce();
            missed = wip.addAndGet(-missed);
            if (missed == 0) {
                return;
            }
        }
    }

    /** Writes while the socket takes bytes; never waits for it. */
    private void drainOnce() {
        if (finished.get()) {
            return;
        }
        ServletOutputStream o = out;
        try {
            if (o == null) {
                if (ended.get()) {
                    finish();
                }
                return; // not started yet; the container calls onWritePossible once it is
            }
            while (true) {
                if (!o.isReady()) {
                    // The write in flight has not gone out; the container calls onWritePossible when it has. An
                    // ended stream does not wait for that: a client that does not read may never take it.
                    unready = true;
                    if (ended.get()) {
                        finish();
                    }
                    return;
                }
                byte[] frame = pending.poll();
                if (frame == null) {
                    if (unflushed) {
                        unflushed = false;
                        o.flush();
                        continue;
                    }
                    if (ended.get()) {
                        finish();
                    }
                    return;
                }
                pendingCount.decrementAndGet();
                pendingBytes.addAndGet(-frame.length);
                o.write(frame);
                unflushed = true;
            }
        } catch (IOException | RuntimeException e) {
            // The browser went away (or the response is no longer usable): that is how streams end.
            ended.set(true);
            finish();
        }
    }

    /**
     * The stream is over for us at once: its queue is freed and its subscription and slot given back. The response
     * is completed now if no write is in flight, else when that write goes out or fails (the connector's idle
     * timeout ends a client that never reads); completing under a write in flight makes Jetty abort noisily.
     */
    private void finish() {
        ended.set(true);
        if (!finished.compareAndSet(false, true)) {
            return;
        }
        pending.clear();
        pendingBytes.set(0);
        pendingCount.set(0);
        closeSubscription();
        if (!unready) {
            complete();
        }
    }

    private void complete() {
        if (!completed.compareAndSet(false, true)) {
            return;
        }
        try {
            async.complete();
        } catch (RuntimeException e) {
            // already completed or timed out: nothing left to end
        }
    }

    @Override
    public void onWritePossible() {
        unready = false;
        if (finished.get()) {
            complete(); // ended while a write was in flight; it has gone out now
        } else {
            signal(true);
        }
    }

    @Override
    public void onError(Throwable t) {
        ended.set(true);
        finish();
        complete();
    }

    @Override
    public void onComplete(AsyncEvent event) {
        ended.set(true);
        finished.set(true);
        completed.set(true);
        closeSubscription();
    }

    @Override
    public void onTimeout(AsyncEvent event) {
        end();
    }

    @Override
    public void onError(AsyncEvent event) {
        ended.set(true);
        finish();
        complete();
    }

    @Override
    public void onStartAsync(AsyncEvent event) {
        // not restarted
    }

    private final AtomicBoolean closed = new AtomicBoolean();

    private void closeSubscription() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        WebmailLive.Subscription s = subscription;
        if (s != null) {
            s.close();
        }
        onFinished.run();
    }
}
