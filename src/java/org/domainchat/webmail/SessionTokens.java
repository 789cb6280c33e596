package org.domainchat.webmail;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Opaque session tokens: 256 random bits, held server-side with an idle and an absolute expiry, at most
 * {@link #PER_USER} per user and {@link WebmailSettings#maxSessions()} in all. Expired tokens are swept lazily
 * while tokens are used, so there is no thread to stop.
 *
 * <p>The store keeps only each token's SHA-256. Looking a token up hashes what the caller sent first, so how long
 * the lookup takes depends on that digest, never on how much of a real token the caller guessed; and a heap dump
 * shows no usable token.
 */
final class SessionTokens {

    static final String PREFIX = "dcs_";
    /** Tokens one user may hold; logging in once more ends that user's oldest session. */
    static final int PER_USER = 20;
    private static final long SWEEP_EVERY_MILLIS = 60_000;

    /** @param generation the user's {@link AccountGenerations} count at login: the session is good only under it */
    record Session(String username, long createdAt, long lastUsedAt, long expiresAt, long generation) {
    }

    record Issued(String token, Session session) {
    }

    private final WebmailSettings settings;
    private final LongSupplier clock;
    private final SecureRandom random;
    /** Guarded by this, like everything below. Keyed by the token's digest. */
    private final Map<Key, Session> sessions = new HashMap<>();
    private final Map<String, ArrayDeque<Key>> byUser = new HashMap<>();
    private long nextSweep;

    SessionTokens(WebmailSettings settings, LongSupplier clock, SecureRandom random) {
        this.settings = settings;
        this.clock = clock;
        this.random = random;
    }

    /** A new session for {@code username} under {@code generation}; 503 when the store is full of live sessions. */
    Issued issue(String username, long generation) {
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        Key key = Key.of(token);
        long now = clock.getAsLong();
        synchronized (this) {
            sweep(now, false);
            ArrayDeque<Key> own = byUser.computeIfAbsent(username, u -> new ArrayDeque<>());
            while (own.size() >= PER_USER) {
                sessions.remove(own.removeFirst());
            }
            if (sessions.size() >= settings.maxSessions()) {
                sweep(now, true);
                if (sessions.size() >= settings.maxSessions()) {
                    if (own.isEmpty()) {
                        byUser.remove(username);
                    }
                    throw ApiError.unavailable("too-many-sessions",
                            "The server holds too many sessions right now; try again later.", 60);
                }
            }
            Session session = new Session(username, now, now, now + settings.sessionMaxAge().toMillis(), generation);
            sessions.put(key, session);
            own.addLast(key);
            return new Issued(token, session);
        }
    }

    /** The live session of {@code token}, marked as used now; empty when unknown, expired or revoked. */
    Optional<Session> use(String token) {
        if (!looksLikeToken(token)) {
            return Optional.empty();
        }
        Key key = Key.of(token);
        long now = clock.getAsLong();
        synchronized (this) {
            sweep(now, false);
            Session session = sessions.get(key);
            if (session == null) {
                return Optional.empty();
            }
            if (expired(session, now)) {
                remove(key, session);
                return Optional.empty();
            }
            Session used = new Session(session.username(), session.createdAt(), Math.max(now, session.lastUsedAt()),
                    session.expiresAt(), session.generation());
            sessions.put(key, used);
            return Optional.of(used);
        }
    }

    /**
     * Whether the session of {@code key} is still live (not ended, not expired); an open event stream counts as use,
     * so a user with the chat open is not logged out for being idle.
     */
    boolean holds(Key key, long now) {
        if (key == null) {
            return false;
        }
        synchronized (this) {
            Session session = sessions.get(key);
            if (session == null) {
                return false;
            }
            if (expired(session, now)) {
                remove(key, session);
                return false;
            }
            if (now > session.lastUsedAt()) {
                sessions.put(key, new Session(session.username(), session.createdAt(), now, session.expiresAt(),
                        session.generation()));
            }
            return true;
        }
    }

    /** The key a token is held under (its digest), for telling its streams apart; null for a malformed token. */
    static Key keyOf(String token) {
        return looksLikeToken(token) ? Key.of(token) : null;
    }

    /** Ends the session of {@code token}; false when there was none. */
    boolean revoke(String token) {
        if (!looksLikeToken(token)) {
            return false;
        }
        Key key = Key.of(token);
        synchronized (this) {
            Session session = sessions.get(key);
            if (session == null) {
                return false;
            }
            remove(key, session);
            return true;
        }
    }

    /** Ends every session of {@code username} (the account is gone). */
    synchronized void revokeUser(String username) {
        ArrayDeque<Key> own = byUser.remove(username);
        if (own != null) {
            own.forEach(sessions::remove);
        }
    }

    synchronized void clear() {
        sessions.clear();
        byUser.clear();
    }

    synchronized int size() {
        return sessions.size();
    }

    static boolean looksLikeToken(String token) {
        return token != null && token.startsWith(PREFIX) && token.length() == PREFIX.length() + 43;
    }

    private boolean expired(Session s, long now) {
        return now >= s.expiresAt() || now - s.lastUsedAt() >= settings.sessionIdle().toMillis();
    }

    private void remove(Key key, Session session) {
        sessions.remove(key);
        ArrayDeque<Key> own = byUser.get(session.username());
        if (own != null) {
            own.remove(key);
            if (own.isEmpty()) {
                byUser.remove(session.username());
            }
        }
    }

    private void sweep(long now, boolean force) {
        if (!force && now < nextSweep) {
            return;
        }
        nextSweep = now + SWEEP_EVERY_MILLIS;
        for (Iterator<Map.Entry<Key, Session>> it = sessions.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Key, Session> e = it.next();
            if (expired(e.getValue(), now)) {
                it.remove();
                ArrayDeque<Key> own = byUser.get(e.getValue().username());
                if (own != null) {
                    own.remove(e.getKey());
                    if (own.isEmpty()) {
                        byUser.remove(e.getValue().username());
                    }
                }
            }
        }
    }

    /** A token's SHA-256, compared in constant time: how a session is known without keeping its token. */
    static final class Key {
        private final byte[] bytes;
        private final int hash;

        private Key(byte[] bytes) {
            this.bytes = bytes;
            this.hash = java.util.Arrays.hashCode(bytes);
        }

        static Key of(String token) {
            try {
                return new Key(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
            }
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key d && MessageDigest.isEqual(bytes, d.bytes);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }
}
