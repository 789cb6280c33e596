package org.domainchat.webmail;

import java.util.Locale;
import java.util.Optional;

import org.xmpp.packet.JID;

/** Account names as people and backends write them, reduced to the JID node Openfire stores. */
final class Usernames {

    private Usernames() {
    }

    /**
     * The normalised username (stringprep'ed JID node) for {@code text}, which may be {@code alice} or
     * {@code Alice@example.com}; empty when it is not a valid name or names another domain.
     */
    static Optional<String> local(String text, String domain) {
        if (text == null) {
            return Optional.empty();
        }
        String name = text.strip();
        int at = name.lastIndexOf('@');
        if (at >= 0) {
            if (!name.substring(at + 1).toLowerCase(Locale.ROOT).equals(domain.toLowerCase(Locale.ROOT))) {
                return Optional.empty();
            }
            name = name.substring(0, at);
        }
        if (name.isEmpty() || name.length() > 1023) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(new JID(name, domain, null).getNode());
        } catch (IllegalArgumentException | IllegalStateException e) {
            return Optional.empty();
        }
    }
}
