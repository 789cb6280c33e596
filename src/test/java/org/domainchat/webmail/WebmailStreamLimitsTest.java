package org.domainchat.webmail;

import static org.domainchat.webmail.WebmailFixture.assertError;
import static org.domainchat.webmail.WebmailFixture.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.domainchat.testing.Waits;
import org.domainchat.webmail.live.FakeLinks;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xmpp.packet.Message;

/**
 * Event streams of one user cannot hold up anyone else's: writes never wait for a browser, a stream that falls behind
 * is dropped, and streams and tickets are capped per user. Real Jetty, real sockets that never read.
 */
class WebmailStreamLimitsTest {

    @TempDir
    Path data;
    private WebmailFixture f;
    private final List<RawHttp> stalled = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        f = new WebmailFixture(data);
    }

    @AfterEach
    void stop() throws Exception {
        for (RawHttp s : stalled) {
            s.close();
        }
        f.close();
    }

    private SseClient events(String token) throws Exception {
        return SseClient.open(f.client, f.request("/events").header("Authorization", "Bearer " + token)
                .timeout(Duration.ofMinutes(5)).GET().build());
    }

    /** An event stream whose client sends its request and then never reads a byte. */
    private RawHttp stalledStream(String token) throws Exception {
        RawHttp http = RawHttp.connect(f.base, "127.0.0.1");
        http.socket.setReceiveBufferSize(4096);
        http.sendHead("GET", "/events", "Bearer " + token, -1);
        stalled.add(http);
        return http;
    }

    private static Message chat(String from, String to, String body) {
        Message m = new Message();
        m.setType(Message.Type.chat);
        m.setFrom(from);
        m.setTo(to);
        m.setBody(body);
        return m;
    }

    @Test
    void alicesEventArrivesWhileEightStalledStreamsOfAnotherUserAreFlooded() throws Exception {
        String alice = f.session("alice");
        String mallory = f.session("dave");
        try (SseClient stream = events(alice)) {
            stream.next("status");
            for (int i = 0; i < 8; i++) {
                stalledStream(mallory);
            }
            Waits.until(Duration.ofSeconds(20), "8 streams of dave and 1 of alice open",
                    () -> f.live.streamCount() == 9);
            FakeLinks.Link daves = f.links.open("dave");
            String big = "x".repeat(50 * 1024);
            for (int i = 0; i < 300; i++) {
                daves.deliver(chat("bob@example.com/desk", daves.address, i + " " + big));
            }
            FakeLinks.Link alices = f.links.open("alice");
            alices.deliver(chat("bob@example.com/desk", alices.address, "are you there?"));
            assertEquals("are you there?", stream.next("message").json().getString("body"),
                    "alice's event is written while dave's streams do not read");

            // Dave's streams fell further behind than a stream may: they were dropped, their slots given back.
            Waits.until(Duration.ofSeconds(30), "dave's stalled streams dropped", () -> f.live.streamCount() == 1);
            alices.deliver(chat("carol@example.com/desk", alices.address, "still here"));
            assertEquals("still here", stream.next("message").json().getString("body"));
        }
        // Dave's own client reconnects and is served as before.
        try (SseClient again = events(mallory)) {
            assertEquals(200, again.response.statusCode());
            FakeLinks.Link daves = f.links.open("dave");
            daves.deliver(chat("bob@example.com/desk", daves.address, "small one"));
            assertEquals("small one", again.next("message").json().getString("body"));
        }
    }

    @Test
    void aUserHasAtMostTheAllowedStreams() throws Exception {
        f.settings.maxStreamsPerUser = 2;
        String alice = f.session("alice");
        RawHttp first = RawHttp.connect(f.base, "127.0.0.1");
        first.sendHead("GET", "/events", "Bearer " + alice, -1);
        SseClient second = events(alice);
        Waits.until(Duration.ofSeconds(10), "both streams open", () -> f.live.streamCount() == 2);
        HttpResponse<String> third = f.send(f.request("/events").header("Authorization", "Bearer " + alice).GET());
        assertError(third, 429, "too-many-streams");
        assertTrue(third.headers().firstValue("Retry-After").isPresent());

        try (SseClient bobs = events(f.session("bob"))) {
            assertEquals(200, bobs.response.statusCode(), "other users are not affected");
            bobs.next("status");
        }

        first.close();
        // The server learns that a browser went away when it next writes to it (bob's closed stream too).
        Waits.until(Duration.ofSeconds(30), "alice's closed stream given back", () -> {
            for (String user : List.of("alice", "bob")) {
                f.live.publish(user, "read", new JSONObject().put("with", "carol@example.com").put("upTo", "1"));
            }
            return f.live.streamCount() == 1;
        });
        try (SseClient again = events(alice)) {
            assertEquals(200, again.response.statusCode());
            FakeLinks.Link alices = f.links.open("alice");
            alices.deliver(chat("bob@example.com/desk", alices.address, "hello again"));
            assertEquals("hello again", again.next("message").json().getString("body"));
        }
        second.close();
    }

    @Test
    void aUserHoldsAtMostTheAllowedTickets() throws Exception {
        f.settings.maxTicketsPerUser = 3;
        String alice = f.session("alice");
        List<String> tickets = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> r = f.postJson("/events/ticket", "", alice);
            assertEquals(200, r.statusCode(), r.body());
            tickets.add(json(r).getString("ticket"));
        }
        HttpResponse<String> refused = f.postJson("/events/ticket", "", alice);
        assertError(refused, 429, "too-many-tickets");
        assertTrue(refused.headers().firstValue("Retry-After").isPresent());
        assertEquals(200, f.postJson("/events/ticket", "", f.session("bob")).statusCode(), "bob has his own");

        // A ticket used is a ticket given back; so is one expired.
        try (SseClient stream = SseClient.open(f.client, f.request("/events?ticket=" + tickets.get(0))
                .timeout(Duration.ofMinutes(5)).GET().build())) {
            stream.next("status");
        }
        assertEquals(200, f.postJson("/events/ticket", "", alice).statusCode());
        assertError(f.postJson("/events/ticket", "", alice), 429, "too-many-tickets");
        f.now.addAndGet(StreamTickets.LIFETIME_MS);
        for (int i = 0; i < 3; i++) {
            assertEquals(200, f.postJson("/events/ticket", "", alice).statusCode());
        }
    }
}
