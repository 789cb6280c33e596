package org.domainchat.util;

import java.util.Optional;

import org.xmpp.packet.JID;

/** Parsing of addresses typed or sent by people. */
public final class Jids {

    private Jids() {
    }

    /** The normalised bare JID ({@code node@domain}, stringprep'ed) of {@code text}, or empty if it is not one. */
    public static Optional<String> bare(String text) {
        if (text == null || text.isBlank() || text.length() > 3071) {
            return Optional.empty();
        }
        try {
            JID jid = new JID(text.strip());
            if (jid.getNode() == null) {
                return Optional.empty();
            }
            return Optional.of(jid.toBareJID());
        } catch (IllegalArgumentException | IllegalStateException e) {
            return Optional.empty();
        }
    }
}
