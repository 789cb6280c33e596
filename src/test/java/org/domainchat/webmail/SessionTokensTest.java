package org.domainchat.webmail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class SessionTokensTest {

    private final AtomicLong now = new AtomicLong(1_000_000);
    private final WebmailFixture.TestSettings settings = new WebmailFixture.TestSettings();
    private final SessionTokens tokens = new SessionTokens(settings, now::get, new SecureRandom());

    @Test
    void tokensAreUniqueAndOnlyTheExactTokenOpensItsSession() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            assertTrue(seen.add(tokens.issue("u" + i, 0).token()));
        }
        String token = tokens.issue("alice", 0).token();
        assertEquals("alice", tokens.use(token).orElseThrow().username());
        char last = token.charAt(token.length() - 1);
        String neighbour = token.substring(0, token.length() - 1) + (last == 'A' ? 'B' : 'A');
        assertTrue(tokens.use(neighbour).isEmpty());
        assertTrue(tokens.use(token.substring(0, 20)).isEmpty());
        assertTrue(tokens.use(token + "A").isEmpty());
        assertTrue(tokens.use(token.toLowerCase()).isEmpty() || token.equals(token.toLowerCase()));
        assertTrue(tokens.use(null).isEmpty());
    }

    @Test
    void aUserHoldsAtMostTwentySessionsAndTheOldestGoesFirst() {
        List<String> issued = new ArrayList<>();
        for (int i = 0; i < SessionTokens.PER_USER + 5; i++) {
            issued.add(tokens.issue("alice", 0).token());
        }
        for (int i = 0; i < 5; i++) {
            assertTrue(tokens.use(issued.get(i)).isEmpty(), "session " + i + " was ended");
        }
        for (int i = 5; i < issued.size(); i++) {
            assertTrue(tokens.use(issued.get(i)).isPresent(), "session " + i);
        }
        assertEquals(SessionTokens.PER_USER, tokens.size());
    }

    @Test
    void theStoreIsBoundedAndMakesRoomByDroppingExpiredSessionsOnly() {
        settings.maxSessions = 50;
        for (int i = 0; i < 50; i++) {
            tokens.issue("user" + i, 0);
        }
        ApiError full = assertThrows(ApiError.class, () -> tokens.issue("late", 0));
        assertEquals(503, full.status);
        assertEquals("too-many-sessions", full.code);
        assertEquals(50, tokens.size());

        now.addAndGet(Duration.ofMinutes(30).toMillis());
        String fresh = tokens.issue("late", 0).token();
        assertEquals(1, tokens.size(), "the idle sessions were swept to make room");
        assertTrue(tokens.use(fresh).isPresent());
    }

    @Test
    void expiredSessionsAreSweptWithoutAThread() {
        String kept = tokens.issue("alice", 0).token();
        for (int i = 0; i < 100; i++) {
            tokens.issue("idle" + i, 0);
        }
        for (int minute = 10; minute <= 40; minute += 10) {
            now.addAndGet(Duration.ofMinutes(10).toMillis());
            assertTrue(tokens.use(kept).isPresent());
        }
        assertEquals(1, tokens.size(), "unused sessions went on a later use");
    }

    @Test
    void revokingEndsOneSessionOrAllOfAUsers() {
        String a = tokens.issue("alice", 0).token();
        String b = tokens.issue("alice", 0).token();
        String c = tokens.issue("bob", 0).token();
        assertTrue(tokens.revoke(a));
        assertFalse(tokens.revoke(a));
        assertTrue(tokens.use(a).isEmpty());
        tokens.revokeUser("alice");
        assertTrue(tokens.use(b).isEmpty());
        assertTrue(tokens.use(c).isPresent());
        tokens.clear();
        assertEquals(0, tokens.size());
    }
}
