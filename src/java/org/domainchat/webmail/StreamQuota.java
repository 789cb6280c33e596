package org.domainchat.webmail;

import java.util.HashMap;
import java.util.Map;

/**
 * Event streams open per user, so one user cannot take the server's whole allowance (one user held 210 streams
 * before this existed). A slot is taken before the stream's headers go out, so a refusal is an ordinary 429, and
 * given back once when the stream is over, however it ended.
 */
final class StreamQuota {

    /** Guarded by this. */
    private final Map<String, Integer> open = new HashMap<>();

    /** Takes a slot of {@code username}, or refuses with 429 {@code too-many-streams} when all {@code max} are taken. */
    synchronized void take(String username, int max) {
        int now = open.getOrDefault(username, 0);
        if (now >= Math.max(1, max)) {
            throw ApiError.tooManyRequests("too-many-streams", "You have " + now + " event streams open, the most "
                    + "allowed; close one (another tab or window) first.", 5_000);
        }
        open.put(username, now + 1);
    }

    synchronized void giveBack(String username) {
        open.computeIfPresent(username, (u, n) -> n <= 1 ? null : n - 1);
    }

    synchronized int openStreams(String username) {
        return open.getOrDefault(username, 0);
    }
}
