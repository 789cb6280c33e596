package org.domainchat.webmail;

import static org.domainchat.webmail.WebmailFixture.ORIGIN;
import static org.domainchat.webmail.WebmailFixture.assertError;
import static org.domainchat.webmail.WebmailFixture.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import org.domainchat.history.HistoryService;
import org.domainchat.search.SearchOutcome;
import org.domainchat.search.SearchRequest;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every endpoint shares: the error format, routing errors, body limits, activation, CORS, the send rate
 * limit, and how a broken search index is reported. A sending route is added by the test (the send endpoints come
 * later) to exercise the send limit.
 */
class WebmailProtocolTest {

    @TempDir
    Path data;

    private WebmailFixture fx;
    private volatile boolean indexBroken;

    @BeforeEach
    void start() throws Exception {
        fx = new WebmailFixture(data,
                router -> router.post("/contacts/{jid}/messages", Router.Access.USER, Router.Limit.SEND,
                        request -> Reply.created(new JSONObject().put("to", request.pathJid("jid"))
                                .put("text", request.json().getString("body")))),
                real -> new BrokenIndex(real));
    }

    @AfterEach
    void stop() throws Exception {
        fx.close();
    }

    /** The real archive, except that search fails as a damaged index would while {@link #indexBroken}. */
    private final class BrokenIndex implements ChatArchive {
        private final ChatArchive real;

        BrokenIndex(ChatArchive real) {
            this.real = real;
        }

        @Override
        public HistoryService.HistoryPage history(String owner, String contact, Long before) throws SQLException {
            return real.history(owner, contact, before);
        }

        @Override
        public HistoryService.ConversationPage conversations(String owner, String contact, Long before, int limit)
                throws SQLException {
            return real.conversations(owner, contact, before, limit);
        }

        @Override
        public HistoryService.AttachmentPage attachments(String owner, String contact, Long before, int limit)
                throws SQLException {
            return real.attachments(owner, contact, before, limit);
        }

        @Override
        public Optional<HistoryService.Transcript> transcript(String owner, long id, Long after, int limit)
                throws SQLException {
            return real.transcript(owner, id, after, limit);
        }

        @Override
        public SearchOutcome search(String owner, SearchRequest request) {
            return indexBroken ? new SearchOutcome.Unavailable("The search index cannot be read right now: "
                    + "/var/lib/openfire/domainchat/index/g7/_0.cfs (No space left on device)")
                    : real.search(owner, request);
        }
    }

    private HttpResponse<String> send(String token, String to, String body) throws Exception {
        return fx.send(fx.request("/contacts/" + to + "/messages").header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(new JSONObject().put("body", body).toString())));
    }

    private HttpResponse<String> preflight(String origin, String method) throws Exception {
        return fx.send(fx.request("/history/bob@example.com").header("Origin", origin)
                .header("Access-Control-Request-Method", method)
                .header("Access-Control-Request-Headers", "authorization, content-type, last-event-id")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
    }

    @Test
    void unknownPathsAndMethodsAreAnsweredInTheErrorFormat() throws Exception {
        String token = fx.session("alice");
        JSONObject missing = assertError(fx.get("/nothing/here", token), 404, "not-found");
        assertTrue(missing.getString("message").contains("/nothing/here"), missing.toString());
        assertError(fx.get("/", token), 404, "not-found");
        assertError(fx.get("/history", token), 404, "not-found");
        assertError(fx.send(fx.request("/nothing").POST(HttpRequest.BodyPublishers.noBody())), 404, "not-found");
        HttpResponse<String> delete = fx.send(fx.request("/history/bob@example.com")
                .header("Authorization", "Bearer " + token).DELETE());
        assertError(delete, 405, "method-not-allowed");
        assertEquals("GET", delete.headers().firstValue("Allow").orElse(""));
        HttpResponse<String> put = fx.send(fx.request("/session").PUT(HttpRequest.BodyPublishers.noBody()));
        assertError(put, 405, "method-not-allowed");
        assertEquals("DELETE, GET, POST", put.headers().firstValue("Allow").orElse(""));
        assertEquals("nosniff", put.headers().firstValue("X-Content-Type-Options").orElse(""));
    }

    @Test
    void oversizedBodiesAreRefusedWhetherDeclaredOrStreamed() throws Exception {
        String token = fx.session("alice");
        String big = new JSONObject().put("body", "x".repeat(5000)).toString();
        HttpResponse<String> declared = fx.send(fx.request("/contacts/bob@example.com/messages")
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(big)));
        JSONObject error = assertError(declared, 413, "body-too-large");
        assertTrue(error.getString("message").contains("4096"), error.toString());
        HttpResponse<String> streamed = fx.send(fx.request("/contacts/bob@example.com/messages")
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(
                        () -> new ByteArrayInputStream(big.getBytes(StandardCharsets.UTF_8)))));
        assertError(streamed, 413, "body-too-large");
        assertError(fx.postJson("/session", big), 413, "body-too-large");

        String fits = new JSONObject().put("body", "y".repeat(4096 - 11)).toString();
        assertEquals(4096, fits.getBytes(StandardCharsets.UTF_8).length);
        assertEquals(201, send(token, "bob@example.com", "y".repeat(4096 - 11)).statusCode(), "the limit itself fits");
        fx.settings.maxBodyBytes = 10_000;
        assertEquals(201, fx.send(fx.request("/contacts/bob@example.com/messages")
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(big))).statusCode(), "the limit is a live setting");
    }

    @Test
    void whileChatIsNotActivatedEveryEndpointSaysSo() throws Exception {
        String token = fx.session("alice");
        String backend = fx.backendToken("alice");
        int passwordChecks = fx.accounts.checked.size();
        fx.activated = false;
        List<HttpRequest.Builder> requests = List.of(
                fx.request("/session").header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"alice\",\"password\":\"alice-pw\"}")),
                fx.request("/session").header("Authorization", "Bearer " + backend)
                        .POST(HttpRequest.BodyPublishers.noBody()),
                fx.request("/session").header("Authorization", "Bearer " + token).GET(),
                fx.request("/session").header("Authorization", "Bearer " + token).DELETE(),
                fx.request("/history/bob@example.com").header("Authorization", "Bearer " + token).GET(),
                fx.request("/contacts/bob@example.com/conversations").header("Authorization", "Bearer " + backend)
                        .GET(),
                fx.request("/conversations/12345").header("Authorization", "Bearer " + token).GET(),
                fx.request("/search?q=x").header("Authorization", "Bearer " + token).GET(),
                fx.request("/contacts/bob@example.com/messages").header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"body\":\"hi\"}")),
                fx.request("/history/bob@example.com").GET(),
                fx.request("/no/such/endpoint").GET());
        for (HttpRequest.Builder request : requests) {
            JSONObject error = assertError(fx.send(request), 403, "chat-not-activated");
            assertEquals("Chat is not activated for this domain.", error.getString("message"));
        }
        assertEquals(passwordChecks, fx.accounts.checked.size(), "no password was checked while off");
        HttpResponse<String> preflight = preflight(ORIGIN, "GET");
        assertEquals(204, preflight.statusCode(), "a preflight is not an endpoint: the page gets to read the 403");
        HttpResponse<String> fromPage = fx.send(fx.request("/history/bob@example.com").header("Origin", ORIGIN)
                .header("Authorization", "Bearer " + token).GET());
        assertError(fromPage, 403, "chat-not-activated");
        assertEquals(ORIGIN, fromPage.headers().firstValue("Access-Control-Allow-Origin").orElse(""));

        fx.activated = true;
        assertEquals(200, fx.get("/history/bob@example.com", token).statusCode(), "sessions survive the switch");
    }

    @Test
    void aPreflightFromAnAllowedOriginIsAnswered() throws Exception {
        HttpResponse<String> r = preflight(ORIGIN, "POST");
        assertEquals(204, r.statusCode(), r.body());
        assertEquals(ORIGIN, r.headers().firstValue("Access-Control-Allow-Origin").orElse(""));
        String allowedHeaders = r.headers().firstValue("Access-Control-Allow-Headers").orElse("");
        for (String header : List.of("Authorization", "Content-Type", "Last-Event-ID")) {
            assertTrue(allowedHeaders.contains(header), allowedHeaders);
        }
        assertTrue(r.headers().firstValue("Access-Control-Allow-Methods").orElse("").contains("POST"));
        assertEquals("600", r.headers().firstValue("Access-Control-Max-Age").orElse(""));
        assertTrue(r.headers().firstValue("Vary").orElse("").contains("Origin"));
        assertFalse(r.headers().firstValue("Access-Control-Allow-Credentials").isPresent(), "no cookies, ever");
        assertEquals(204, preflight("HTTPS://Mail.Example.COM", "GET").statusCode(), "scheme and host ignore case");
    }

    @Test
    void otherOriginsAreRefusedAndGetNoCorsHeaders() throws Exception {
        for (String origin : List.of("https://evil.example.org", "http://mail.example.com",
                "https://mail.example.com:8443", "https://mail.example.com.evil.org", "null")) {
            HttpResponse<String> pre = preflight(origin, "GET");
            assertError(pre, 403, "origin-not-allowed");
            assertFalse(pre.headers().firstValue("Access-Control-Allow-Origin").isPresent(), origin);
            HttpResponse<String> login = fx.send(fx.request("/session").header("Origin", origin)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"alice\",\"password\":\"x\"}")));
            assertError(login, 403, "origin-not-allowed");
            assertFalse(login.headers().firstValue("Access-Control-Allow-Origin").isPresent(), origin);
        }
        assertEquals(List.of(), fx.accounts.checked, "a refused origin triggers nothing");

        fx.settings.allowedOrigins = List.of("*", "null");
        assertError(preflight("https://evil.example.org", "GET"), 403, "origin-not-allowed");
        assertError(preflight("null", "GET"), 403, "origin-not-allowed");
        fx.settings.allowedOrigins = List.of(ORIGIN, "https://webmail.example.net/");
        assertEquals(204, preflight("https://webmail.example.net", "GET").statusCode(), "origins are a live setting");
    }

    /** The plugin's own chat page calls the API from the API's own origin: browsers name it on POSTs too. */
    @Test
    void theApisOwnOriginIsNotCrossOrigin() throws Exception {
        fx.settings.allowedOrigins = List.of();
        String own = "http://127.0.0.1:" + fx.base.getPort();
        HttpResponse<String> login = fx.send(fx.request("/session").header("Origin", own)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"alice\",\"password\":\"alice-pw\"}")));
        assertEquals(201, login.statusCode(), login.body());
        assertFalse(login.headers().firstValue("Access-Control-Allow-Origin").isPresent(), "same origin: no CORS");
        for (String other : List.of("http://127.0.0.1:" + (fx.base.getPort() + 1), "https://127.0.0.1:"
                + fx.base.getPort(), "http://localhost:" + fx.base.getPort(), "http://127.0.0.1")) {
            assertError(fx.send(fx.request("/session").header("Origin", other).header("Content-Type",
                    "application/json").POST(HttpRequest.BodyPublishers.ofString(
                            "{\"username\":\"alice\",\"password\":\"alice-pw\"}"))), 403, "origin-not-allowed");
        }
    }

    @Test
    void responsesToAnAllowedOriginCarryCorsHeadersAndOthersDoNot() throws Exception {
        String token = fx.session("alice");
        HttpResponse<String> ok = fx.send(fx.request("/history/bob@example.com").header("Origin", ORIGIN)
                .header("Authorization", "Bearer " + token).GET());
        assertEquals(200, ok.statusCode());
        assertEquals(ORIGIN, ok.headers().firstValue("Access-Control-Allow-Origin").orElse(""));
        assertTrue(ok.headers().firstValue("Access-Control-Expose-Headers").orElse("").contains("Retry-After"));
        assertTrue(ok.headers().firstValue("Vary").orElse("").contains("Origin"));
        HttpResponse<String> denied = fx.send(fx.request("/history/bob@example.com").header("Origin", ORIGIN).GET());
        assertError(denied, 401, "missing-credentials");
        assertEquals(ORIGIN, denied.headers().firstValue("Access-Control-Allow-Origin").orElse(""));
        HttpResponse<String> noOrigin = fx.get("/history/bob@example.com", token);
        assertFalse(noOrigin.headers().firstValue("Access-Control-Allow-Origin").isPresent());
    }

    @Test
    void sendingIsRateLimitedPerUser() throws Exception {
        fx.settings.sendRatePerMinute = 3;
        String alice = fx.session("alice");
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> r = send(alice, "bob@example.com", "line " + i);
            assertEquals(201, r.statusCode(), r.body());
            assertEquals("line " + i, json(r).getString("text"));
        }
        HttpResponse<String> limited = send(alice, "bob@example.com", "one too many");
        assertError(limited, 429, "rate-limited");
        assertEquals("20", limited.headers().firstValue("Retry-After").orElse(""), "3 a minute: one every 20 s");
        assertError(send(fx.backendToken("alice"), "bob@example.com", "another way in"), 429, "rate-limited");
        assertEquals(201, send(fx.session("bob"), "alice@example.com", "bob is not limited by alice").statusCode());
        assertError(fx.send(fx.request("/contacts/bob@example.com/messages").header("Content-Type",
                "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"body\":\"x\"}"))), 401,
                "missing-credentials");
        assertEquals(200, fx.get("/history/bob@example.com", alice).statusCode(), "reading is not sending");

        fx.now.addAndGet(20_000);
        assertEquals(201, send(alice, "bob@example.com", "after the wait").statusCode());
        assertError(send(alice, "bob@example.com", "and again too soon"), 429, "rate-limited");
    }

    @Test
    void pathParametersOfNewRoutesAreCheckedBeforeTheirHandler() throws Exception {
        String alice = fx.session("alice");
        assertError(send(alice, "not-an-address", "x"), 400, "invalid-address");
        assertEquals("bob@example.com", json(send(alice, "BOB%40example.com", "x")).getString("to"));
    }

    @Test
    void aBrokenSearchIndexIsReportedAsTemporaryWithoutItsDetails() throws Exception {
        String alice = fx.session("alice");
        indexBroken = true;
        HttpResponse<String> r = fx.get("/search?q=report", alice);
        assertError(r, 503, "search-unavailable");
        assertEquals("10", r.headers().firstValue("Retry-After").orElse(""));
        assertFalse(r.body().contains("/var/lib") || r.body().contains("space"), r.body());
        indexBroken = false;
        assertEquals(200, fx.get("/search?q=report", alice).statusCode());
    }
}
