package org.domainchat.webmail;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A counter per user that moves on whenever everything the user holds must stop working at once: a password change,
 * a lockout, the account's deletion. Every credential remembers the count it was issued or checked under, and is
 * good only while the count is still the same, which closes the race of a login that was under way while the
 * credentials were revoked.
 */
final class AccountGenerations {

    private final Map<String, Long> counts = new ConcurrentHashMap<>();
    private final Map<String, Long> revokedAt = new ConcurrentHashMap<>();

    long of(String username) {
        return counts.getOrDefault(username, 0L);
    }

    /** When the user's credentials were last revoked (epoch ms), or 0. */
    long revokedAt(String username) {
        return revokedAt.getOrDefault(username, 0L);
    }

    void advance(String username, long now) {
        revokedAt.merge(username, now, Math::max);
        counts.merge(username, 1L, Long::sum);
    }
}
