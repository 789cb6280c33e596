package org.domainchat.webmail;

import static org.domainchat.webmail.WebmailFixture.assertError;
import static org.domainchat.webmail.WebmailFixture.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;

import org.domainchat.webmail.live.FakeLinks;
import org.domainchat.webmail.live.StatusMemory;
import org.domainchat.webmail.live.WebmailStatus;
import org.domainchat.webmail.live.XmppLink;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xmpp.packet.Message;
import org.xmpp.packet.Presence;

/** The status menu, the chat window's sending and typing, and the event stream, over real Jetty and HTTP. */
class WebmailLiveApiTest {

    @TempDir
    Path data;
    private WebmailFixture f;
    private String alice;

    @BeforeEach
    void start() throws Exception {
        f = new WebmailFixture(data);
        alice = f.session("alice");
    }

    @AfterEach
    void stop() throws Exception {
        f.close();
    }

    private HttpResponse<String> putStatus(String token, String json) throws Exception {
        return f.send(f.request("/status").header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    private HttpResponse<String> post(String token, String path, String json) throws Exception {
        return f.send(f.request(path).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    private SseClient events(String token, String lastEventId) throws Exception {
        HttpRequest.Builder b = f.request("/events").header("Authorization", "Bearer " + token)
                .header("Accept", "text/event-stream");
        if (lastEventId != null) {
            b.header("Last-Event-ID", lastEventId);
        }
        return SseClient.open(f.client, b.timeout(java.time.Duration.ofMinutes(5)).GET().build());
    }

    @Test
    void statusIsReadAndSetAndOfflineRemovesTheResource() throws Exception {
        HttpResponse<String> r = f.get("/status", alice);
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("available", json(r).getString("status"));
        assertFalse(json(r).getBoolean("connected"), "nothing is opened by looking");

        r = putStatus(alice, "{\"status\": \"busy\", \"text\": \"call\"}");
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("busy", json(r).getString("status"));
        assertTrue(json(r).getBoolean("connected"));
        assertEquals(f.links.open("alice").address, json(r).getString("resource"));
        assertEquals(new StatusMemory.Chosen(WebmailStatus.BUSY, "call"), f.memory.remembered.get("alice"));

        r = putStatus(alice, "{\"status\": \"Offline\"}");
        assertEquals(200, r.statusCode(), r.body());
        assertFalse(json(r).getBoolean("connected"));
        assertEquals(0, f.links.openCount());
    }

    @Test
    void badStatusRequestsAreTheCallersMistake() throws Exception {
        assertError(putStatus(alice, "{\"status\": \"invisible\"}"), 400, "invalid-parameter");
        assertError(putStatus(alice, "{\"status\": \"away\", \"text\": 5}"), 400, "malformed-request");
        assertError(putStatus(alice, "{\"text\": \"x\"}"), 400, "malformed-request");
        assertError(putStatus(alice, "not json"), 400, "malformed-request");
        assertError(f.send(f.request("/status").PUT(HttpRequest.BodyPublishers.ofString("{}"))
                .header("Content-Type", "application/json")), 401, "missing-credentials");
        assertEquals(0, f.links.opened.size());
    }

    @Test
    void messagesGoOutAsTheWebmailResource() throws Exception {
        HttpResponse<String> r = post(alice, "/messages", "{\"to\": \"Bob@Example.com\", \"body\": \"hi bob\"}");
        assertEquals(202, r.statusCode(), r.body());
        String clientId = json(r).getString("clientId");
        Message sent = f.links.open("alice").sent.get(0);
        assertEquals("bob@example.com", sent.getTo().toString());
        assertEquals("hi bob", sent.getBody());
        assertEquals(clientId, sent.getID());
        assertEquals(f.links.open("alice").address, sent.getFrom().toString());
    }

    @Test
    void badMessagesAreRefusedAndNothingIsSent() throws Exception {
        assertError(post(alice, "/messages", "{\"to\": \"bob@example.com\", \"body\": \"  \"}"), 400, "empty-body");
        assertError(post(alice, "/messages", "{\"to\": \"not a jid@@\", \"body\": \"x\"}"), 400, "invalid-address");
        assertError(post(alice, "/messages", "{\"to\": \"bob@example.com\"}"), 400, "malformed-request");
        assertError(post(alice, "/messages", "{\"to\": \"bob@example.com\", \"body\": \"" + "x".repeat(5000)
                + "\"}"), 413, "body-too-large");
        assertEquals(0, f.links.opened.stream().mapToInt(l -> l.sent.size()).sum());
    }

    @Test
    void refusalsAndOfflineAreExplained() throws Exception {
        f.links.onSend = m -> new XmppLink.SendOutcome.Rejected("Nobody of sales is online.");
        JSONObject error = assertError(post(alice, "/messages", "{\"to\": \"sales@example.com\", \"body\": \"x\"}"),
                409, "message-refused");
        assertEquals("Nobody of sales is online.", error.getString("message"));
        putStatus(alice, "{\"status\": \"offline\"}");
        assertError(post(alice, "/messages", "{\"to\": \"bob@example.com\", \"body\": \"x\"}"), 409,
                "webmail-offline");
        assertError(post(alice, "/typing", "{\"to\": \"bob@example.com\", \"state\": \"composing\"}"), 409,
                "webmail-offline");
    }

    @Test
    void sendingFasterThanTheRateIsRefused() throws Exception {
        f.settings.sendRatePerMinute = 2;
        assertEquals(202, post(alice, "/messages", "{\"to\": \"bob@example.com\", \"body\": \"1\"}").statusCode());
        assertEquals(202, post(alice, "/messages", "{\"to\": \"bob@example.com\", \"body\": \"2\"}").statusCode());
        HttpResponse<String> r = post(alice, "/messages", "{\"to\": \"bob@example.com\", \"body\": \"3\"}");
        assertError(r, 429, "rate-limited");
        assertTrue(r.headers().firstValue("Retry-After").isPresent());
        assertEquals(2, f.links.open("alice").sent.size());
    }

    @Test
    void typingSendsAChatStateAndNothingElse() throws Exception {
        assertEquals(204, post(alice, "/typing", "{\"to\": \"bob@example.com\", \"state\": \"composing\"}")
                .statusCode());
        Message sent = f.links.open("alice").sent.get(0);
        assertNull(sent.getBody());
        assertNotNull(sent.getChildElement("composing", "http://jabber.org/protocol/chatstates"));
        assertError(post(alice, "/typing", "{\"to\": \"bob@example.com\", \"state\": \"shouting\"}"), 400,
                "invalid-parameter");
    }

    @Test
    void theEventStreamCarriesMessagesPresenceAndStatusAndResumes() throws Exception {
        String lastId;
        try (SseClient stream = events(alice, null)) {
            assertEquals(200, stream.response.statusCode());
            assertEquals("text/event-stream;charset=utf-8", stream.response.headers().firstValue("Content-Type")
                    .orElse("").replace(" ", "").toLowerCase());
            assertTrue(stream.next("status").json().getBoolean("connected"));
            FakeLinks.Link link = f.links.open("alice");

            Message in = new Message();
            in.setType(Message.Type.chat);
            in.setFrom("bob@example.com/desk");
            in.setTo(link.address);
            in.setBody("<b>hi</b> & \u00fc");
            link.deliver(in);
            SseClient.Event message = stream.next("message");
            assertEquals("<b>hi</b> & \u00fc", message.json().getString("body"));
            assertEquals("bob@example.com", message.json().getString("with"));

            f.online.with("bob@example.com/desk", Presence.Show.dnd, null);
            Presence busy = new Presence();
            busy.setFrom("bob@example.com/desk");
            busy.setShow(Presence.Show.dnd);
            link.deliver(busy);
            assertEquals("busy", stream.next("presence").json().getString("status"));

            putStatus(alice, "{\"status\": \"away\"}");
            SseClient.Event away = stream.next("status");
            assertEquals("away", away.json().getString("status"));
            lastId = away.id();
        }
        FakeLinks.Link link = f.links.open("alice");
        Message missed = new Message();
        missed.setType(Message.Type.chat);
        missed.setFrom("carol@example.com/desk");
        missed.setTo(link.address);
        missed.setBody("while you were away");
        link.deliver(missed);
        try (SseClient resumed = events(alice, lastId)) {
            assertEquals("while you were away", resumed.next("message").json().getString("body"));
        }
    }

    @Test
    void eventSourceOpensTheStreamWithASingleUseTicket() throws Exception {
        HttpResponse<String> r = post(alice, "/events/ticket", "");
        assertEquals(200, r.statusCode(), r.body());
        String ticket = json(r).getString("ticket");
        HttpRequest byTicket = f.request("/events?ticket=" + ticket).timeout(java.time.Duration.ofMinutes(5))
                .GET().build();
        try (SseClient stream = SseClient.open(f.client, byTicket)) {
            assertEquals(200, stream.response.statusCode());
            assertTrue(stream.next("status").json().getBoolean("connected"));
        }
        assertError(f.send(f.request("/events?ticket=" + ticket).GET()), 401, "invalid-ticket");
        assertError(f.send(f.request("/events?ticket=est_forged").GET()), 401, "invalid-ticket");
        assertError(f.send(f.request("/events").GET()), 401, "missing-credentials");
    }

    @Test
    void nothingStreamsWhileChatIsNotActivated() throws Exception {
        f.activated = false;
        assertError(f.send(f.request("/events").header("Authorization", "Bearer " + alice).GET()), 403,
                "chat-not-activated");
        assertError(putStatus(alice, "{\"status\": \"away\"}"), 403, "chat-not-activated");
        assertEquals(List.of(), f.links.opened);
    }

    @Test
    void stoppingTheApiEndsOpenStreamsAndTakesTheResourceOffline() throws Exception {
        try (SseClient stream = events(alice, null)) {
            stream.next("status");
            f.api.stop();
            assertTrue(stream.ends(), "the stream ends when the plugin stops");
            assertEquals(0, f.links.openCount());
            assertEquals("shutdown", f.links.opened.get(0).closedFor());
        }
    }
}
