package org.domainchat.webmail;

import static org.domainchat.webmail.WebmailFixture.assertError;
import static org.domainchat.webmail.WebmailFixture.basic;
import static org.domainchat.webmail.WebmailFixture.json;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

import org.json.JSONObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The admin access level, which the admin endpoints to come will use: an Openfire admin's own password (Basic) or
 * a backend token that has scope admin and names an admin. No admin endpoint exists yet, so the test adds one.
 */
class WebmailAdminAccessTest {

    @TempDir
    Path data;

    private WebmailFixture fx;

    @BeforeEach
    void start() throws Exception {
        fx = new WebmailFixture(data, router -> router.get("/admin/whoami", Router.Access.ADMIN,
                request -> Reply.ok(new JSONObject().put("admin", request.caller().jid())
                        .put("via", request.caller().via().label))), UnaryOperator.identity());
    }

    @AfterEach
    void stop() throws Exception {
        fx.close();
    }

    private HttpResponse<String> whoami(String authorization) throws Exception {
        return fx.send(fx.request("/admin/whoami").header("Authorization", authorization).GET());
    }

    @Test
    void anAdminsOwnPasswordOpensAdminEndpoints() throws Exception {
        JSONObject me = json(whoami(basic("boss", "boss-pw")));
        assertEquals("boss@example.com", me.getString("admin"));
        assertEquals("password", me.getString("via"));
    }

    @Test
    void aUsersPasswordIsNotEnough() throws Exception {
        assertError(whoami(basic("alice", "alice-pw")), 403, "forbidden");
        assertError(whoami(basic("boss", "wrong")), 401, "bad-credentials");
    }

    @Test
    void adminPasswordGuessesAreThrottledLikeLogins() throws Exception {
        for (int i = 0; i < 5; i++) {
            assertError(whoami(basic("boss", "guess " + i)), 401, "bad-credentials");
        }
        assertError(whoami(basic("boss", "boss-pw")), 429, "too-many-attempts");
        assertError(fx.login("boss", "boss-pw"), 429, "too-many-attempts");
    }

    @Test
    void aBackendTokenNeedsTheAdminScopeAndAnAdminSubject() throws Exception {
        JSONObject me = json(whoami("Bearer " + fx.backendToken("boss", c -> c.claim("scope", "chat admin"))));
        assertEquals("boss@example.com", me.getString("admin"));
        assertEquals("backend-token", me.getString("via"));
        assertError(whoami("Bearer " + fx.backendToken("boss")), 403, "forbidden");
        assertError(whoami("Bearer " + fx.backendToken("boss", c -> c.claim("scope", "administrator"))), 403,
                "forbidden");
        assertError(whoami("Bearer " + fx.backendToken("alice", c -> c.claim("scope", "admin"))), 403,
                "forbidden");
        assertError(whoami("Bearer " + WebmailFixture.sign("another-secret-that-is-long-enough-0123456789",
                fx.claims("boss", c -> c.claim("scope", "admin")))), 401, "invalid-token");
    }

    @Test
    void sessionTokensNeverReachAdminEndpointsEvenAnAdmins() throws Exception {
        assertError(whoami("Bearer " + fx.session("boss")), 403, "forbidden");
        assertError(fx.send(fx.request("/admin/whoami").GET()), 401, "missing-credentials");
    }

    @Test
    void theAdminScopeStillActsAsItsUserOnUserEndpoints() throws Exception {
        String token = fx.backendToken("boss", c -> c.claim("scope", "admin"));
        assertEquals("boss@example.com", json(fx.get("/session", token)).getString("user"));
    }
}
