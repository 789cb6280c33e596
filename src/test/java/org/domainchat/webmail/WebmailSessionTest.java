package org.domainchat.webmail;

import static org.domainchat.webmail.WebmailFixture.assertError;
import static org.domainchat.webmail.WebmailFixture.basic;
import static org.domainchat.webmail.WebmailFixture.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import org.json.JSONObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Logging in with the user's own password, session tokens, their expiry, revocation and brute-force limits. */
class WebmailSessionTest {

    @TempDir
    Path data;

    private WebmailFixture fx;

    @BeforeEach
    void start() throws Exception {
        fx = new WebmailFixture(data);
    }

    @AfterEach
    void stop() throws Exception {
        fx.close();
    }

    @Test
    void aJsonLoginGivesAnOpaque256BitSessionTokenForThatUser() throws Exception {
        HttpResponse<String> r = fx.login("alice", "alice-pw");
        assertEquals(201, r.statusCode(), r.body());
        assertEquals("no-store", r.headers().firstValue("Cache-Control").orElse(""));
        JSONObject body = json(r);
        String token = body.getString("token");
        assertTrue(token.startsWith("dcs_"), token);
        assertEquals(32, Base64.getUrlDecoder().decode(token.substring(4)).length, "256 random bits");
        assertEquals("Bearer", body.getString("tokenType"));
        assertEquals("alice@example.com", body.getString("user"));
        assertEquals(1800, body.getLong("idleTimeoutSeconds"));
        assertEquals(fx.now.get() + Duration.ofHours(12).toMillis(), body.getLong("expiresAtMillis"));
        assertEquals(Instant.ofEpochMilli(body.getLong("expiresAtMillis")),
                Instant.parse(body.getString("expiresAt")));

        JSONObject me = json(fx.get("/session", token));
        assertEquals("alice@example.com", me.getString("user"));
        assertEquals("session", me.getString("via"));

        Set<String> tokens = new HashSet<>();
        for (int i = 0; i < 10; i++) {
            tokens.add(fx.session("alice"));
        }
        assertEquals(10, tokens.size(), "every login gets its own token");
    }

    @Test
    void basicCredentialsLogInAndNamesAreNormalisedAsOpenfireDoes() throws Exception {
        HttpResponse<String> r = fx.send(fx.request("/session").header("Authorization", basic("Bob@EXAMPLE.com",
                "bob-pw")).POST(HttpRequest.BodyPublishers.noBody()));
        assertEquals(201, r.statusCode(), r.body());
        assertEquals("bob@example.com", json(r).getString("user"));
        assertEquals(List.of("bob"), fx.accounts.checked, "the password check gets the stored account name");

        assertError(fx.login("bob@other.org", "bob-pw"), 401, "bad-credentials");
    }

    @Test
    void aWrongPasswordAndAnUnknownUserGetTheSameAnswer() throws Exception {
        HttpResponse<String> wrong = fx.login("alice", "guess");
        HttpResponse<String> unknown = fx.login("mallory", "guess");
        JSONObject a = assertError(wrong, 401, "bad-credentials");
        JSONObject b = assertError(unknown, 401, "bad-credentials");
        assertEquals(a.getString("message"), b.getString("message"));
        assertEquals(wrong.headers().firstValue("WWW-Authenticate"), unknown.headers().firstValue("WWW-Authenticate"));
        assertEquals("Bearer realm=\"domainchat\"", wrong.headers().firstValue("WWW-Authenticate").orElse(""),
                "a wrong password is not an invalid token");
        assertError(fx.login("alice", ""), 401, "bad-credentials");
        assertError(fx.login("not a name", "x"), 401, "bad-credentials");
    }

    @Test
    void failedLoginsAreLimitedPerAccountName() throws Exception {
        for (int i = 0; i < 5; i++) {
            assertError(fx.login("alice", "guess " + i), 401, "bad-credentials");
        }
        int checksBefore = fx.accounts.checked.size();
        HttpResponse<String> refused = fx.login("alice", "alice-pw");
        assertError(refused, 429, "too-many-attempts");
        assertEquals("180", refused.headers().firstValue("Retry-After").orElse(""),
                "5 failures per 15 minutes: the next attempt in 3 minutes");
        assertEquals(checksBefore, fx.accounts.checked.size(), "a refused attempt never reaches the password check");
        assertError(fx.login("ALICE@example.com", "alice-pw"), 429, "too-many-attempts");

        assertEquals(201, fx.login("bob", "bob-pw").statusCode(), "other accounts are not affected");

        fx.now.addAndGet(Duration.ofMinutes(3).toMillis());
        assertEquals(201, fx.login("alice", "alice-pw").statusCode());
    }

    /**
     * Five wrong passwords from one address must not keep the user out: the guesser's address waits, the user's own
     * login from another address works, and so does the user's login from the guesser's address's neighbour.
     */
    @Test
    void aGuesserElsewhereCannotLockTheUserOut() throws Exception {
        for (int i = 0; i < 5; i++) {
            assertError(fx.login("alice", "guess " + i), 401, "bad-credentials");
        }
        assertError(fx.login("alice", "alice-pw"), 429, "too-many-attempts");

        String login = new JSONObject().put("username", "alice").put("password", "alice-pw").toString();
        RawHttp.Response fromHome = RawHttp.exchange(fx.base, "127.0.0.2", "POST", "/session", null, login);
        assertEquals(201, fromHome.status(), fromHome.body());
        assertTrue(fromHome.json().getString("token").startsWith("dcs_"));

        // The guesser moves to another address: five more tries there, then that address waits too.
        for (int i = 0; i < 5; i++) {
            String guess = new JSONObject().put("username", "alice").put("password", "again " + i).toString();
            assertEquals(401, RawHttp.exchange(fx.base, "127.0.0.3", "POST", "/session", null, guess).status());
        }
        RawHttp.Response refused = RawHttp.exchange(fx.base, "127.0.0.3", "POST", "/session", null, login);
        assertEquals(429, refused.status(), refused.body());
        assertEquals("too-many-attempts", refused.code());
        // ... while the user's own address is untouched by it.
        assertEquals(201, RawHttp.exchange(fx.base, "127.0.0.2", "POST", "/session", null, login).status());
    }

    @Test
    void parallelGuessesCannotSlipPastTheCount() throws Exception {
        List<CompletableFuture<HttpResponse<String>>> guesses = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            guesses.add(fx.client.sendAsync(fx.request("/session").header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(new JSONObject().put("username", "alice")
                            .put("password", "guess " + i).toString())).build(), HttpResponse.BodyHandlers.ofString()));
        }
        int refused = 0;
        for (CompletableFuture<HttpResponse<String>> guess : guesses) {
            refused += guess.get().statusCode() == 429 ? 1 : 0;
        }
        assertEquals(35, refused);
        assertEquals(5, fx.accounts.checked.size(), "each attempt takes its token before the password is checked");
    }

    @Test
    void failedLoginsAreLimitedPerClientAddress() throws Exception {
        fx.settings.loginFailuresPerAddress = 3;
        assertError(fx.login("alice", "x"), 401, "bad-credentials");
        assertError(fx.login("bob", "x"), 401, "bad-credentials");
        assertError(fx.login("carol", "x"), 401, "bad-credentials");
        HttpResponse<String> refused = fx.login("dave", "dave-pw");
        assertError(refused, 429, "too-many-attempts");
        assertEquals("300", refused.headers().firstValue("Retry-After").orElse(""));
        HttpResponse<String> basic = fx.send(fx.request("/session").header("Authorization", basic("dave", "dave-pw"))
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertError(basic, 429, "too-many-attempts");
    }

    @Test
    void successfulLoginsDoNotCountAsFailures() throws Exception {
        for (int i = 0; i < 4; i++) {
            assertError(fx.login("alice", "guess"), 401, "bad-credentials");
        }
        for (int i = 0; i < 20; i++) {
            assertEquals(201, fx.login("alice", "alice-pw").statusCode());
        }
        assertError(fx.login("alice", "guess"), 401, "bad-credentials");
        assertError(fx.login("alice", "alice-pw"), 429, "too-many-attempts");
    }

    @Test
    void aSessionExpiresWhenIdleAndAfterItsMaximumAge() throws Exception {
        String token = fx.session("alice");
        fx.now.addAndGet(Duration.ofMinutes(29).toMillis());
        assertEquals(200, fx.get("/session", token).statusCode(), "used within the idle time");
        fx.now.addAndGet(Duration.ofMinutes(29).toMillis());
        assertEquals(200, fx.get("/session", token).statusCode(), "each use restarts the idle time");
        fx.now.addAndGet(Duration.ofMinutes(30).toMillis());
        HttpResponse<String> idle = fx.get("/session", token);
        assertError(idle, 401, "invalid-token");
        assertTrue(idle.headers().firstValue("WWW-Authenticate").orElse("").contains("error=\"invalid_token\""));

        fx.settings.sessionMaxAge = Duration.ofHours(1);
        String busy = fx.session("alice");
        for (int minute = 20; minute < 60; minute += 20) {
            fx.now.addAndGet(Duration.ofMinutes(20).toMillis());
            assertEquals(200, fx.get("/session", busy).statusCode(), "minute " + minute);
        }
        fx.now.addAndGet(Duration.ofMinutes(20).toMillis());
        assertError(fx.get("/session", busy), 401, "invalid-token");
    }

    @Test
    void deletingTheSessionRevokesItsTokenOnly() throws Exception {
        String first = fx.session("alice");
        String second = fx.session("alice");
        HttpResponse<String> deleted = fx.send(fx.request("/session").header("Authorization", "Bearer " + first)
                .DELETE());
        assertEquals(204, deleted.statusCode(), deleted.body());
        assertError(fx.get("/session", first), 401, "invalid-token");
        assertError(fx.get("/history/bob@example.com", first), 401, "invalid-token");
        assertError(fx.send(fx.request("/session").header("Authorization", "Bearer " + first).DELETE()), 401,
                "invalid-token");
        assertEquals(200, fx.get("/session", second).statusCode(), "the user's other session goes on");
    }

    @Test
    void aSessionEndsWhenItsAccountIsDeleted() throws Exception {
        String token = fx.session("carol");
        fx.accounts.passwords.remove("carol");
        assertError(fx.get("/session", token), 401, "unknown-user");
        fx.accounts.passwords.put("carol", "carol-pw");
        assertError(fx.get("/session", token), 401, "invalid-token");
    }

    @Test
    void badLoginRequestsAreExplained() throws Exception {
        assertError(fx.postJson("/session", "{\"username\": \"alice\""), 400, "malformed-request");
        assertError(fx.postJson("/session", "{'username': 'alice', 'password': 'alice-pw'}"), 400,
                "malformed-request");
        assertError(fx.postJson("/session", "{\"username\":\"alice\",\"password\":\"alice-pw\"} trailing"), 400,
                "malformed-request");
        assertError(fx.postJson("/session", "{\"username\":\"alice\",\"username\":\"bob\",\"password\":\"x\"}"),
                400, "malformed-request");
        assertError(fx.postJson("/session", "[\"alice\", \"alice-pw\"]"), 400, "malformed-request");
        assertError(fx.postJson("/session", "{\"username\": \"alice\"}"), 400, "malformed-request");
        assertError(fx.postJson("/session", "{\"username\": \"alice\", \"password\": 42}"), 400,
                "malformed-request");
        assertError(fx.send(fx.request("/session").header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=alice&password=alice-pw"))), 415,
                "unsupported-media-type");
        assertError(fx.send(fx.request("/session").header("Authorization", basic("alice", "alice-pw"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"bob\",\"password\":\"bob-pw\"}"))), 400,
                "malformed-request");
        assertError(fx.send(fx.request("/session").header("Authorization", "Basic not*base64")
                .POST(HttpRequest.BodyPublishers.noBody())), 400, "malformed-request");
        HttpResponse<String> none = fx.send(fx.request("/session").POST(HttpRequest.BodyPublishers.noBody()));
        assertError(none, 401, "missing-credentials");
        assertEquals("Bearer realm=\"domainchat\"", none.headers().firstValue("WWW-Authenticate").orElse(""));
        assertEquals(List.of(), fx.accounts.checked, "no bad request reached the password check");
    }

    @Test
    void anUnreachablePasswordBackendIsNotAWrongPassword() throws Exception {
        fx.accounts.backendDown = true;
        for (int i = 0; i < 8; i++) {
            HttpResponse<String> r = fx.login("alice", "alice-pw");
            assertError(r, 503, "login-unavailable");
            assertEquals("30", r.headers().firstValue("Retry-After").orElse(""));
            assertTrue(!r.body().contains("LDAP"), "the backend's failure stays in the log");
        }
        fx.accounts.backendDown = false;
        assertEquals(201, fx.login("alice", "alice-pw").statusCode(), "outages did not count as failures");
    }

    @Test
    void userEndpointsTakeOnlyBearerTokens() throws Exception {
        HttpResponse<String> r = fx.send(fx.request("/history/bob@example.com").header("Authorization",
                basic("alice", "alice-pw")).GET());
        assertError(r, 401, "bearer-required");
        assertError(fx.send(fx.request("/history/bob@example.com").header("Authorization", "Digest x=1").GET()), 401,
                "unsupported-credentials");
        assertError(fx.send(fx.request("/history/bob@example.com").header("Cookie", "token=" + fx.session("alice"))
                .GET()), 401, "missing-credentials");
        assertError(fx.get("/history/bob@example.com", "dcs_" + "A".repeat(43)), 401, "invalid-token");
        assertError(fx.get("/history/bob@example.com", "not-a-token"), 401, "invalid-token");
    }

    @Test
    void aSessionTokenCannotBeExchangedForAnother() throws Exception {
        String token = fx.session("alice");
        assertError(fx.send(fx.request("/session").header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.noBody())), 400, "not-exchangeable");
    }

    @Test
    void stoppingTheApiEndsEverySession() throws Exception {
        String token = fx.session("alice");
        fx.api.stop();
        assertError(fx.get("/session", token), 503, "api-stopped");
        assertError(fx.login("alice", "alice-pw"), 503, "api-stopped");
        fx.api.start();
        assertError(fx.get("/session", token), 401, "invalid-token");
        assertNotEquals(token, fx.session("alice"));
    }
}
