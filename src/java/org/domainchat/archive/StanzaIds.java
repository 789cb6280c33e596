package org.domainchat.archive;

import java.util.Locale;

import org.dom4j.Element;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;

/** The XEP-0359 stanza-id form of archive ids: a plain decimal, stable for the life of the archive. */
public final class StanzaIds {

    public static final String NAMESPACE = "urn:xmpp:sid:0";

    private StanzaIds() {
    }

    public static String format(long archiveId) {
        return Long.toString(archiveId);
    }

    /** The archive id, or -1 when {@code text} is not one. */
    public static long parse(String text) {
        if (text == null || text.isEmpty() || text.length() > 19) {
            return -1;
        }
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return -1;
            }
        }
        return Long.parseLong(text);
    }

    /**
     * Removes every {@code stanza-id} that claims to come from the archive of {@code account} (a bare JID), however
     * its {@code by} is written: other case, a resource, spaces around it. Only the account's own server may say
     * which id a message has in that archive; a client that believed a forged one would skip or confuse history.
     */
    public static void removeClaimsOf(Message message, String account) {
        if (account == null) {
            return;
        }
        Element root = message.getElement();
        // by index, backwards: runs on the routing path for every message, which nearly never has one, so it must
        // not build a list of children each time
        for (int i = root.nodeCount() - 1; i >= 0; i--) {
            if (root.node(i) instanceof Element e && "stanza-id".equals(e.getName())
                    && NAMESPACE.equals(e.getNamespaceURI()) && account.equals(accountOf(e.attributeValue("by")))) {
                root.remove(e);
            }
        }
    }

    /** The bare JID a {@code by} names, normalised as XMPP compares addresses; a best effort for malformed ones. */
    private static String accountOf(String by) {
        if (by == null) {
            return null;
        }
        String text = by.strip();
        try {
            return new JID(text).toBareJID();
        } catch (IllegalArgumentException | IllegalStateException malformed) {
            int slash = text.indexOf('/');
            return (slash < 0 ? text : text.substring(0, slash)).toLowerCase(Locale.ROOT);
        }
    }
}
