package org.domainchat.webmail.live;

import java.util.Optional;

/**
 * Remembers each user's chosen webmail status across page reloads, logins and restarts. Openfire's adapter keeps it
 * in the user's properties; tests in a map.
 */
public interface StatusMemory {

    /** A remembered choice. */
    record Chosen(WebmailStatus status, String text) {
        public Chosen {
            text = text == null ? "" : text;
        }
    }

    /** The remembered choice, empty when the user never chose one. */
    Optional<Chosen> recall(String username);

    /** Remembers a choice; failures are the implementation's to log, the live status still changes. */
    void remember(String username, Chosen chosen);
}
