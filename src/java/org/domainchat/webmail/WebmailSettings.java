package org.domainchat.webmail;

import java.time.Duration;
import java.util.List;

/**
 * The webmail API's settings, read whenever they are needed so that changes apply at once. Openfire's adapter will
 * back them with {@code domainchat.webmail.*} system properties (names given per setting).
 */
public interface WebmailSettings {

    /**
     * The secret shared with the trusted webmail backend for HS256 tokens ({@code domainchat.webmail.secret}).
     * Empty turns backend tokens off; a secret shorter than {@link #MIN_SECRET_BYTES} UTF-8 bytes is refused.
     */
    String secret();

    /** The {@code aud} backend tokens must name ({@code domainchat.webmail.audience}, default {@code domainchat}). */
    String audience();

    /** Backend tokens valid for longer than this ({@code exp - iat}) are refused ({@code domainchat.webmail.tokenMaxLifetime}). */
    Duration tokenMaxLifetime();

    /** Browser origins allowed to call the API, e.g. {@code https://mail.example.com} ({@code domainchat.webmail.allowedOrigins}). */
    List<String> allowedOrigins();

    /** Messages a user may send per minute, with a burst of as many ({@code domainchat.webmail.sendRate}). */
    int sendRatePerMinute();

    /** Larger request bodies are refused with 413 ({@code domainchat.webmail.maxBodyBytes}). */
    int maxBodyBytes();

    /** A session token unused for this long expires ({@code domainchat.webmail.sessionIdle}). */
    Duration sessionIdle();

    /** A session token expires this long after login, used or not ({@code domainchat.webmail.sessionMaxAge}). */
    Duration sessionMaxAge();

    /** Session tokens held at most, all users together ({@code domainchat.webmail.maxSessions}). */
    int maxSessions();

    /**
     * Failed logins per account name from one client address per {@link #LOGIN_WINDOW}
     * ({@code domainchat.webmail.loginFailuresPerUser}); never per name alone, so nobody can lock a user out.
     */
    int loginFailuresPerUser();

    /** Failed logins per client address per {@link #LOGIN_WINDOW} ({@code domainchat.webmail.loginFailuresPerAddress}). */
    int loginFailuresPerAddress();

    /**
     * Event streams one user may have open at once ({@code domainchat.webmail.maxStreamsPerUser}); beyond it
     * {@code GET /events} answers 429 {@code too-many-streams}.
     */
    default int maxStreamsPerUser() {
        return DEFAULT_STREAMS_PER_USER;
    }

    /**
     * Unused event stream tickets one user may hold ({@code domainchat.webmail.maxTicketsPerUser}); beyond it
     * {@code POST /events/ticket} answers 429 {@code too-many-tickets}.
     */
    default int maxTicketsPerUser() {
        return DEFAULT_TICKETS_PER_USER;
    }

    /**
     * Bytes an event stream may have queued for a client that reads too slowly before it is dropped
     * ({@code domainchat.webmail.streamBacklogBytes}); the client reconnects and catches up.
     */
    default int streamBacklogBytes() {
        return DEFAULT_STREAM_BACKLOG_BYTES;
    }

    /** HS256 needs a key of at least 256 bits (RFC 7518, 3.2). */
    int MIN_SECRET_BYTES = 32;
    int DEFAULT_STREAMS_PER_USER = 8;
    int DEFAULT_TICKETS_PER_USER = 16;
    int DEFAULT_STREAM_BACKLOG_BYTES = 1024 * 1024;
    /** The period over which failed logins are counted (a token bucket refilling its capacity over it). */
    Duration LOGIN_WINDOW = Duration.ofMinutes(15);

    /** Fixed values: the defaults, for tests and tools. */
    record Fixed(String secret, String audience, Duration tokenMaxLifetime, List<String> allowedOrigins,
                 int sendRatePerMinute, int maxBodyBytes, Duration sessionIdle, Duration sessionMaxAge,
                 int maxSessions, int loginFailuresPerUser, int loginFailuresPerAddress) implements WebmailSettings {

        public Fixed {
            allowedOrigins = List.copyOf(allowedOrigins);
        }

        /** No backend secret and no allowed origin: only password logins from non-browser clients work. */
        public static Fixed defaults() {
            return new Fixed("", "domainchat", Duration.ofMinutes(10), List.of(), 60, 128 * 1024,
                    Duration.ofMinutes(30), Duration.ofHours(12), 100_000, 5, 30);
        }
    }
}
