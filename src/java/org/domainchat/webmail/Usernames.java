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

    /**
     * The username {@code text} names exactly: {@link #local} only when stringprep changes nothing but ASCII letter
     * case. For identities a trusted system asserts (a backend token's {@code sub}): nodeprep maps some characters to
     * nothing and folds others (U+200B, soft hyphen, NFKC ligatures, {@code ß} to {@code ss}), so
     * {@code "alice\u200B"} would otherwise sign in as alice. {@code Alice} stays alice, as in every XMPP address.
     */
    static Optional<String> exactly(String text, String domain) {
        if (text == null) {
            return Optional.empty();
        }
        int at = text.lastIndexOf('@');
        String written = at < 0 ? text : text.substring(0, at);
        return local(text, domain).filter(node -> asciiLower(written).equals(node));
    }

    private static String asciiLower(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            out.append(c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c);
        }
        return out.toString();
    }
}
