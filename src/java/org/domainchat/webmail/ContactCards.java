package org.domainchat.webmail;

import java.util.Optional;

/**
 * The vCard basics a contact's details show. A port so that Openfire's {@code VCardManager} can be wired in by the
 * adapter; until then {@link #NONE}. Implementations answer from memory or a cache: the details endpoint calls it
 * once per request.
 */
public interface ContactCards {

    /** Nothing is known beyond the directory: every contact's email is their address. */
    ContactCards NONE = username -> Optional.empty();

    /**
     * What a vCard says, each field null when it has none.
     *
     * @param email        the EMAIL the user gave, when it differs from their address
     * @param title        TITLE, e.g. "Head of Sales"
     * @param organization ORG's name and unit, as one line
     * @param phone        the first work TEL
     */
    record Card(String email, String title, String organization, String phone) {
    }

    /** The card of {@code username}, empty when the user has none. */
    Optional<Card> cardOf(String username);
}
