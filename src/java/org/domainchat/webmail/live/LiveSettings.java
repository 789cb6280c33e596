package org.domainchat.webmail.live;

import java.time.Duration;

/**
 * Settings of live webmail chat, read whenever needed so changes apply at once. Openfire's adapter backs them with
 * {@code domainchat.webmail.*} system properties (names given per setting).
 */
public interface LiveSettings {

    /**
     * How long a user's webmail resource stays online with no event stream open and no API call
     * ({@code domainchat.webmail.streamGrace}): long enough for a page reload, short enough that a closed browser
     * soon stops taking chats.
     */
    Duration streamGrace();

    /** Events kept per user for streams that resume with {@code Last-Event-ID} ({@code domainchat.webmail.eventBuffer}). */
    int eventBuffer();

    /** Event streams open at most, all users together ({@code domainchat.webmail.maxStreams}). */
    int maxStreams();

    /** Fixed values, for tests and tools. */
    record Fixed(Duration streamGrace, int eventBuffer, int maxStreams) implements LiveSettings {

        public static Fixed defaults() {
            return new Fixed(Duration.ofMinutes(2), 500, 20_000);
        }
    }
}
