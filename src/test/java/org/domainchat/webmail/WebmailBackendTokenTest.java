package org.domainchat.webmail;

import static org.domainchat.webmail.WebmailFixture.SECRET;
import static org.domainchat.webmail.WebmailFixture.assertError;
import static org.domainchat.webmail.WebmailFixture.json;
import static org.domainchat.webmail.WebmailFixture.sign;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.time.Duration;
import java.util.Base64;
import java.util.Date;
import java.util.List;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tokens the trusted webmail backend signs for a user, used as Bearer directly or exchanged for a session. */
class WebmailBackendTokenTest {

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

    private void assertRefused(String token, String code) throws Exception {
        HttpResponse<String> r = fx.get("/session", token);
        assertError(r, 401, code);
        assertTrue(r.headers().firstValue("WWW-Authenticate").orElse("").contains("error=\"invalid_token\""));
        assertError(fx.get("/history/bob@example.com", token), 401, code);
    }

    @Test
    void aBackendTokenActsAsItsUserOnEveryCall() throws Exception {
        String token = fx.backendToken("alice");
        JSONObject me = json(fx.get("/session", token));
        assertEquals("alice@example.com", me.getString("user"));
        assertEquals("backend-token", me.getString("via"));
        assertEquals((fx.now.get() + 5 * 60_000) / 1000 * 1000, me.getLong("expiresAtMillis"), "JWT times are seconds");
        assertEquals(200, fx.get("/history/bob@example.com", token).statusCode());
        assertEquals("bob@example.com", json(fx.get("/session", fx.backendToken("Bob@example.com"))).getString("user"));
        String typed = sign(SECRET, fx.claims("carol", c -> {
        }), JOSEObjectType.JWT);
        assertEquals(200, fx.get("/session", typed).statusCode(), "typ JWT is fine");
        assertRefused(sign(SECRET, fx.claims("carol", c -> {
        }), new JOSEObjectType("secevent+jwt")), "invalid-token");
    }

    @Test
    void aBackendTokenIsExchangedForASessionThatOutlivesIt() throws Exception {
        HttpResponse<String> r = fx.send(fx.request("/session").header("Authorization", "Bearer "
                + fx.backendToken("alice")).POST(HttpRequest.BodyPublishers.noBody()));
        assertEquals(201, r.statusCode(), r.body());
        JSONObject session = json(r);
        assertEquals("alice@example.com", session.getString("user"));
        fx.now.addAndGet(Duration.ofMinutes(20).toMillis());
        JSONObject me = json(fx.get("/session", session.getString("token")));
        assertEquals("session", me.getString("via"));
        assertEquals(204, fx.send(fx.request("/session").header("Authorization", "Bearer "
                + session.getString("token")).DELETE()).statusCode());
    }

    @Test
    void aTokenSignedWithAnotherKeyIsRefused() throws Exception {
        assertRefused(sign("another-secret-that-is-long-enough-0123456789", fx.claims("alice", c -> {
        })), "invalid-token");
        String good = fx.backendToken("alice");
        String[] parts = good.split("\\.");
        String otherPayload = Base64.getUrlEncoder().withoutPadding().encodeToString(fx.claims("boss", c -> {
        }).toString().getBytes(StandardCharsets.UTF_8));
        assertRefused(parts[0] + "." + otherPayload + "." + parts[2], "invalid-token");
        assertRefused(parts[0] + "." + parts[1] + ".", "invalid-token");
        char first = parts[2].charAt(0);
        assertRefused(parts[0] + "." + parts[1] + "." + (first == 'A' ? 'B' : 'A') + parts[2].substring(1),
                "invalid-token");
    }

    @Test
    void anExpiredTokenIsRefusedAfterTheClockSkew() throws Exception {
        String token = fx.backendToken("alice");
        fx.now.addAndGet(Duration.ofMinutes(5).plusSeconds(29).toMillis());
        assertEquals(200, fx.get("/session", token).statusCode(), "30 s of skew between the clocks");
        fx.now.addAndGet(Duration.ofSeconds(1).toMillis());
        assertRefused(token, "token-expired");
        assertError(fx.send(fx.request("/session").header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.noBody())), 401, "token-expired");
        String forgedAndExpired = sign("another-secret-that-is-long-enough-0123456789", fx.claims("alice",
                c -> c.expirationTime(new Date(fx.now.get() - 600_000))));
        assertRefused(forgedAndExpired, "invalid-token"); // the signature is checked before any claim
    }

    @Test
    void aTokenForAnotherAudienceIsRefused() throws Exception {
        assertRefused(fx.backendToken("alice", c -> c.audience("other-service")), "invalid-token");
        assertRefused(fx.backendToken("alice", c -> c.audience((String) null)), "invalid-token");
        assertEquals(200, fx.get("/session", fx.backendToken("alice", c -> c.audience(List.of("x", "domainchat"))))
                .statusCode());
        fx.settings.audience = "chat.example.com";
        assertRefused(fx.backendToken("alice"), "invalid-token");
        assertEquals(200, fx.get("/session", fx.backendToken("alice", c -> c.audience("chat.example.com")))
                .statusCode());
    }

    @Test
    void unsignedTokensAreRefused() throws Exception {
        JWTClaimsSet claims = fx.claims("alice", c -> {
        });
        assertRefused(new PlainJWT(claims).serialize(), "invalid-token");
        String payload = fx.backendToken("alice").split("\\.")[1];
        for (String header : List.of("{\"alg\":\"none\"}", "{\"alg\":\"None\",\"typ\":\"JWT\"}", "{\"alg\":\"\"}",
                "{\"typ\":\"JWT\"}")) {
            String h = Base64.getUrlEncoder().withoutPadding().encodeToString(header.getBytes(StandardCharsets.UTF_8));
            assertRefused(h + "." + payload + ".", "invalid-token");
            assertRefused(h + "." + payload + "." + fx.backendToken("alice").split("\\.")[2], "invalid-token");
        }
    }

    @Test
    void onlyHs256IsAccepted() throws Exception {
        JWTClaimsSet claims = fx.claims("alice", c -> {
        });
        for (JWSAlgorithm alg : List.of(JWSAlgorithm.HS384, JWSAlgorithm.HS512)) {
            SignedJWT jwt = new SignedJWT(new JWSHeader(alg), claims);
            jwt.sign(new MACSigner((SECRET + SECRET).getBytes(StandardCharsets.UTF_8)));
            SignedJWT sameKey = new SignedJWT(new JWSHeader(alg), claims);
            sameKey.sign(new MACSigner(SECRET.repeat(2).getBytes(StandardCharsets.UTF_8)));
            assertRefused(jwt.serialize(), "invalid-token");
            assertRefused(sameKey.serialize(), "invalid-token");
        }
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        SignedJWT signed = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims);
        signed.sign(new RSASSASigner((RSAPrivateKey) rsa.generateKeyPair().getPrivate()));
        assertRefused(signed.serialize(), "invalid-token");
    }

    @Test
    void aTokenValidForTooLongIsRefused() throws Exception {
        String longLived = fx.backendToken("alice", c -> c.expirationTime(new Date(fx.now.get() + 11 * 60_000)));
        assertRefused(longLived, "invalid-token");
        String backdated = fx.backendToken("alice", c -> c.issueTime(new Date(fx.now.get() - 6 * 60_000)));
        assertRefused(backdated, "invalid-token"); // exp - iat is 11 minutes, even though only 5 are left
        fx.settings.tokenMaxLifetime = Duration.ofMinutes(15);
        assertEquals(200, fx.get("/session", longLived).statusCode(), "the limit is a setting");
    }

    @Test
    void expiryAndIssueTimeAreRequiredAndTimesAreChecked() throws Exception {
        assertRefused(fx.backendToken("alice", c -> c.expirationTime(null)), "invalid-token");
        assertRefused(fx.backendToken("alice", c -> c.issueTime(null)), "invalid-token");
        assertRefused(fx.backendToken("alice", c -> c.issueTime(new Date(fx.now.get() + 60_000))
                .expirationTime(new Date(fx.now.get() + 120_000))), "invalid-token");
        assertRefused(fx.backendToken("alice", c -> c.notBeforeTime(new Date(fx.now.get() + 60_000))),
                "invalid-token");
        assertEquals(200, fx.get("/session", fx.backendToken("alice",
                c -> c.notBeforeTime(new Date(fx.now.get() + 10_000)))).statusCode(), "within the clock skew");
        assertRefused(fx.backendToken("alice", c -> c.claim("exp", "tomorrow")), "invalid-token");
        assertRefused(fx.backendToken("alice", c -> c.claim("scope", List.of("admin"))), "invalid-token");
    }

    @Test
    void theSubjectMustBeAnAccountOfThisDomain() throws Exception {
        assertRefused(fx.backendToken("mallory"), "unknown-user");
        assertRefused(fx.backendToken("alice@other.org"), "unknown-user");
        assertRefused(fx.backendToken("alice/desk"), "unknown-user");
        assertRefused(fx.backendToken(null), "invalid-token");
        assertRefused(fx.backendToken(" "), "invalid-token");
        fx.accounts.passwords.remove("alice");
        assertRefused(fx.backendToken("alice"), "unknown-user");
    }

    @Test
    void aSubjectThatStringprepWouldTurnIntoSomeoneElseIsRefused() throws Exception {
        // nodeprep maps these to nothing or folds them: each would otherwise sign in as bob
        for (String sub : List.of("bob\u200B", "\u200Bbob", "b\u00ADob", "bo\u200Db", "bob\uFE0F", "\uFF42ob",
                "bob\u200B@example.com", " bob", "bob ", "bob\t")) {
            assertRefused(fx.backendToken(sub), "unknown-user");
        }
        fx.accounts.passwords.put("strasse", "x");
        assertRefused(fx.backendToken("stra\u00DFe"), "unknown-user"); // nodeprep folds it to strasse
        // the exact name, ASCII case aside (XMPP addresses ignore it) and this domain written out, is fine
        for (String sub : List.of("bob", "Bob", "BOB@example.com", "bob@Example.COM")) {
            assertEquals("bob@example.com", json(fx.get("/session", fx.backendToken(sub))).getString("user"), sub);
        }
    }

    @Test
    void withoutAUsableSharedSecretNoBackendTokenIsAccepted() throws Exception {
        String token = fx.backendToken("alice");
        fx.settings.secret = "";
        assertRefused(token, "invalid-token");

        fx.settings.secret = SECRET;
        HttpResponse<String> byHand = fx.get("/session", WebmailFixture.hs256ByHand(SECRET, fx.claims("alice", c -> {
        })));
        assertEquals(200, byHand.statusCode(), byHand.body() + ": the hand-made HS256 token is right when the secret is long enough");
        String shortSecret = "only-31-bytes-long-secret-12345";
        fx.settings.secret = shortSecret;
        assertRefused(WebmailFixture.hs256ByHand(shortSecret, fx.claims("alice", c -> {
        })), "invalid-token");

        fx.settings.secret = SECRET;
        assertEquals(200, fx.get("/session", token).statusCode(), "the secret is read live");
    }

    @Test
    void withoutATokenTheAnswerIsAChallenge() throws Exception {
        HttpResponse<String> r = fx.send(fx.request("/history/bob@example.com").GET());
        assertError(r, 401, "missing-credentials");
        assertEquals("Bearer realm=\"domainchat\"", r.headers().firstValue("WWW-Authenticate").orElse(""));
        assertError(fx.send(fx.request("/history/bob@example.com").header("Authorization", "Bearer").GET()), 401,
                "invalid-token");
        assertError(fx.send(fx.request("/history/bob@example.com").header("Authorization", "Bearer a b").GET()), 401,
                "invalid-token");
        assertError(fx.get("/history/bob@example.com", "x".repeat(5000) + ".a.b"), 401, "invalid-token");
    }

    @Test
    void backendTokensCannotBeEnded() throws Exception {
        assertError(fx.send(fx.request("/session").header("Authorization", "Bearer " + fx.backendToken("alice"))
                .DELETE()), 400, "not-a-session");
    }
}
