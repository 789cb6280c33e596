package org.domainchat.webmail;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The open event streams of each user and the credential each was opened with: so one user cannot take the
 * server's whole allowance (one user held 210 streams before this existed), and so the streams of a session that
 * ends, or of a user whose credentials are revoked, end at once. A slot is taken before the stream's headers go
 * out, so a refusal is an ordinary 429, and given back once when the stream is over, however it ended.
 */
final class UserStreams {

    /** Guarded by this, like {@link #open}. Slots taken per user, streams that are not attached yet included. */
    private final Map<String, Integer> slots = new HashMap<>();
    private final Map<SseStream, Caller> open = new IdentityHashMap<>();

    /** Takes a slot of {@code username}, or refuses with 429 {@code too-many-streams} when all {@code max} are taken. */
    synchronized void take(String username, int max) {
        int now = slots.getOrDefault(username, 0);
        if (now >= Math.max(1, max)) {
            throw ApiError.tooManyRequests("too-many-streams", "You have " + now + " event streams open, the most "
                    + "allowed; close one (another tab or window) first.", 5_000);
        }
        slots.put(username, now + 1);
    }

    /** Records the stream that uses a slot taken for {@code caller}. */
    synchronized void attach(SseStream stream, Caller caller) {
        open.put(stream, caller);
    }

    /** Gives the slot of a stream back (the stream is null when it never opened). */
    synchronized void giveBack(String username, SseStream stream) {
        if (stream != null) {
            open.remove(stream);
        }
        slots.computeIfPresent(username, (u, n) -> n <= 1 ? null : n - 1);
    }

    /** Ends every stream of {@code username} with a last {@code error} event. */
    void endAll(String username, ApiError why) {
        end(streamsOf(c -> c.username().equals(username)), why);
    }

    /** Ends every stream opened with the session of {@code key}. */
    void endSession(SessionTokens.Key key, ApiError why) {
        end(streamsOf(c -> key.equals(c.session())), why);
    }

    private synchronized List<SseStream> streamsOf(java.util.function.Predicate<Caller> which) {
        List<SseStream> found = new ArrayList<>();
        open.forEach((stream, caller) -> {
            if (which.test(caller)) {
                found.add(stream);
            }
        });
        return found;
    }

    private static void end(List<SseStream> streams, ApiError why) {
        // Outside the lock: ending gives the slot back.
        for (SseStream s : streams) {
            s.endWith(why.code, why.getMessage());
        }
    }
}
