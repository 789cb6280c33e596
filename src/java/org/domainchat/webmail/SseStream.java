package org.domainchat.webmail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import javax.servlet.AsyncContext;
import javax.servlet.AsyncEvent;
import javax.servlet.AsyncListener;
import javax.servlet.ServletOutputStream;

import org.domainchat.webmail.live.ChatEvent;
import org.domainchat.webmail.live.EventListener;
import org.domainchat.webmail.live.WebmailLive;

/**
 * One Server-Sent Events response. Events are queued by whoever publishes them (the server's routing threads among
 * them, which must never wait for a browser) and written by one writer task at a time from the API's writer pool. A
 * client that falls {@value #MAX_PENDING} frames behind is dropped; it resumes with {@code Last-Event-ID}.
 */
final class SseStream implements EventListener, AsyncListener {

    static final int MAX_PENDING = 2_000;
    private static final byte[] HEARTBEAT = ": keep-alive\n\n".getBytes(StandardCharsets.UTF_8);

    private final AsyncContext async;
    private final Executor writers;
    private final ConcurrentLinkedQueue<byte[]> pending = new ConcurrentLinkedQueue<>();
    private final AtomicInteger pendingCount = new AtomicInteger();
    private final AtomicBoolean writing = new AtomicBoolean();
    private final AtomicBoolean ended = new AtomicBoolean();
    private volatile WebmailLive.Subscription subscription;

    SseStream(AsyncContext async, Executor writers) {
        this.async = async;
        this.writers = writers;
        async.addListener(this);
    }

    void subscribed(WebmailLive.Subscription subscription) {
        this.subscription = subscription;
        if (ended.get()) {
            subscription.close();
        }
    }

    @Override
    public void onEvent(ChatEvent event) {
        offer(event.frame().getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void heartbeat() {
        offer(HEARTBEAT);
    }

    @Override
    public void end() {
        if (ended.compareAndSet(false, true)) {
            schedule();
        }
    }

    private void offer(byte[] frame) {
        if (ended.get()) {
            return;
        }
        if (pendingCount.incrementAndGet() > MAX_PENDING) {
            end();
            return;
        }
        pending.add(frame);
        schedule();
    }

    private void schedule() {
        if (writing.compareAndSet(false, true)) {
            try {
                writers.execute(this::drain);
            } catch (RejectedExecutionException e) {
                writing.set(false);
                finish(); // the API is stopping
            }
        }
    }

    /** Writes what is queued, then looks again: an event queued while we were finishing is not left behind. */
    private void drain() {
        try {
            while (true) {
                if (ended.get()) {
                    finish();
                    return;
                }
                byte[] frame = pending.poll();
                if (frame == null) {
                    writing.set(false);
                    if (pending.isEmpty() && !ended.get() || !writing.compareAndSet(false, true)) {
                        return;
                    }
                    continue;
                }
                pendingCount.decrementAndGet();
                ServletOutputStream out = async.getResponse().getOutputStream();
                out.write(frame);
                if (pending.isEmpty()) {
                    out.flush();
                }
            }
        } catch (IOException | RuntimeException e) {
            // The browser went away (or the response is no longer usable): that is how streams end.
            ended.set(true);
            writing.set(false);
            finish();
        }
    }

    private void finish() {
        ended.set(true);
        pending.clear();
        WebmailLive.Subscription s = subscription;
        if (s != null) {
            s.close();
        }
        try {
            async.complete();
        } catch (IllegalStateException e) {
            // already completed or timed out: nothing left to end
        }
    }

    /** The first bytes: a comment that gets the response through proxies that wait for data. */
    void greet() {
        offer(": domainchat events\nretry: 3000\n\n".getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void onComplete(AsyncEvent event) {
        closeSubscription();
    }

    @Override
    public void onTimeout(AsyncEvent event) {
        end();
    }

    @Override
    public void onError(AsyncEvent event) {
        end();
        closeSubscription();
    }

    @Override
    public void onStartAsync(AsyncEvent event) {
        // not restarted
    }

    private void closeSubscription() {
        ended.set(true);
        WebmailLive.Subscription s = subscription;
        if (s != null) {
            s.close();
        }
    }
}
