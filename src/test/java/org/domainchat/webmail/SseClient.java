package org.domainchat.webmail;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Iterator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.json.JSONObject;

/** A real Server-Sent Events client over Java's HttpClient: parses frames as a browser's EventSource does. */
final class SseClient implements AutoCloseable {

    record Event(String id, String type, String data) {
        JSONObject json() {
            return new JSONObject(data);
        }
    }

    /** Marks the end of the stream in the queue. */
    private static final Event END = new Event(null, "<end>", null);

    final HttpResponse<Stream<String>> response;
    private final LinkedBlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final Thread reader;
    volatile int comments;

    private SseClient(HttpResponse<Stream<String>> response) {
        this.response = response;
        this.reader = new Thread(this::read, "test-sse-reader");
        reader.setDaemon(true);
        reader.start();
    }

    static SseClient open(HttpClient client, HttpRequest request) throws Exception {
        CompletableFuture<HttpResponse<Stream<String>>> f = client.sendAsync(request,
                HttpResponse.BodyHandlers.ofLines());
        return new SseClient(f.get(20, TimeUnit.SECONDS));
    }

    private void read() {
        String id = null;
        String type = "message";
        StringBuilder data = new StringBuilder();
        try {
            Iterator<String> lines = response.body().iterator();
            while (lines.hasNext()) {
                String line = lines.next();
                if (line.isEmpty()) {
                    if (data.length() > 0) {
                        events.add(new Event(id, type, data.toString()));
                    }
                    type = "message";
                    data.setLength(0);
                } else if (line.startsWith(":")) {
                    comments++;
                } else if (line.startsWith("id: ")) {
                    id = line.substring(4);
                } else if (line.startsWith("event: ")) {
                    type = line.substring(7);
                } else if (line.startsWith("data: ")) {
                    data.append(line.substring(6));
                }
            }
        } catch (RuntimeException e) {
            // the connection went away: that is the end of the stream
        } finally {
            events.add(END);
        }
    }

    /** The next event of {@code type}, skipping others; fails after 10 s or at the end of the stream. */
    Event next(String type) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            Event e = events.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (e == null) {
                throw new AssertionError("no " + type + " event within 10 s");
            }
            if (e == END) {
                events.add(END);
                throw new AssertionError("the stream ended before a " + type + " event");
            }
            if (e.type().equals(type)) {
                return e;
            }
        }
    }

    /** True when the server ends the stream within 10 s. */
    boolean ends() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            Event e = events.poll(100, TimeUnit.MILLISECONDS);
            if (e == END) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() {
        response.body().close();
        reader.interrupt();
    }
}
