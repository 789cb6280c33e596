package org.domainchat.webmail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.servlet.AsyncContext;
import javax.servlet.AsyncEvent;
import javax.servlet.AsyncListener;
import javax.servlet.ReadListener;
import javax.servlet.ServletInputStream;

/**
 * Reads a request body without holding a thread while the client takes its time (the servlet's non-blocking input:
 * {@link ReadListener}), within {@link WebmailSettings#bodyTimeout()}; and counts the bodies being read per client
 * address, so one address cannot keep Openfire's HTTP workers, which also serve BOSH and WebSocket, or its memory,
 * busy with trickled bodies. Before this, 250 connections sending a byte now and then held every worker and made
 * everyone else's requests wait for seconds.
 */
final class BodyReader implements ReadListener, AsyncListener {

    /** What is done with a body once it is all there, or with the refusal when it is not. */
    interface Outcome {
        void read(byte[] body, AsyncContext async);

        void refused(ApiError why, AsyncContext async);
    }

    /** Bodies being read per client address. */
    static final class InFlight {
        /** Guarded by this. */
        private final Map<String, Integer> byAddress = new HashMap<>();

        /** Takes a place for {@code address}, or refuses with 429 {@code too-many-uploads}. */
        synchronized void take(String address, int max) {
            int now = byAddress.getOrDefault(address, 0);
            if (now >= Math.max(1, max)) {
                throw ApiError.tooManyRequests("too-many-uploads", "Too many requests from your address are still "
                        + "sending their bodies; wait for them to finish.", 1_000);
            }
            byAddress.put(address, now + 1);
        }

        /** Bodies of {@code address} being read now (for tests, which must know the server took them). */
        synchronized int of(String address) {
            return byAddress.getOrDefault(address, 0);
        }

        synchronized void giveBack(String address) {
            byAddress.computeIfPresent(address, (a, n) -> n <= 1 ? null : n - 1);
        }
    }

    private final AsyncContext async;
    private final ServletInputStream in;
    private final int maxBytes;
    private final InFlight inFlight;
    private final String address;
    private final Outcome outcome;
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private final byte[] buffer = new byte[8192];
    private final AtomicBoolean over = new AtomicBoolean();

    private BodyReader(AsyncContext async, ServletInputStream in, int maxBytes, InFlight inFlight, String address,
                       Outcome outcome) {
        this.async = async;
        this.in = in;
        this.maxBytes = maxBytes;
        this.inFlight = inFlight;
        this.address = address;
        this.outcome = outcome;
    }

    /**
     * Starts reading the body of the request behind {@code async} (a place for {@code address} is already taken and
     * is given back when reading is over, however it ends).
     */
    static void start(AsyncContext async, long timeoutMillis, int maxBytes, InFlight inFlight, String address,
                      Outcome outcome) throws IOException {
        async.setTimeout(Math.max(1, timeoutMillis));
        ServletInputStream in = async.getRequest().getInputStream();
        BodyReader reader = new BodyReader(async, in, maxBytes, inFlight, address, outcome);
        async.addListener(reader);
        in.setReadListener(reader);
    }

    @Override
    public void onDataAvailable() throws IOException {
        while (!over.get() && in.isReady() && !in.isFinished()) {
            int n = in.read(buffer);
            if (n < 0) {
                return; // onAllDataRead follows
            }
            body.write(buffer, 0, n);
            if (body.size() > maxBytes) {
                refuse(ApiError.bodyTooLarge(maxBytes));
                return;
            }
        }
    }

    @Override
    public void onAllDataRead() {
        if (over.compareAndSet(false, true)) {
            inFlight.giveBack(address);
            outcome.read(body.toByteArray(), async);
        }
    }

    @Override
    public void onError(Throwable t) {
        // The client went away mid-body: nobody to answer.
        if (over.compareAndSet(false, true)) {
            inFlight.giveBack(address);
            try {
                async.complete();
            } catch (RuntimeException e) {
                // already completed
            }
        }
    }

    @Override
    public void onTimeout(AsyncEvent event) {
        refuse(ApiError.requestTimeout("body-timeout", "The request body did not arrive in time; send it at once."));
    }

    private void refuse(ApiError why) {
        if (over.compareAndSet(false, true)) {
            inFlight.giveBack(address);
            outcome.refused(why, async);
        }
    }

    @Override
    public void onComplete(AsyncEvent event) {
        if (over.compareAndSet(false, true)) {
            inFlight.giveBack(address);
        }
    }

    @Override
    public void onError(AsyncEvent event) {
        onError(event.getThrowable());
    }

    @Override
    public void onStartAsync(AsyncEvent event) {
        // not restarted
    }
}
