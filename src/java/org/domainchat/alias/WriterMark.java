package org.domainchat.alias;

import java.util.List;

import org.dom4j.Element;
import org.domainchat.util.XmlChars;

/**
 * How a copy of a line written to an alias names its writer, for the live copy members receive and for the same
 * line read back from the archive (XEP-0313), so that both look alike: the writer's address as an XEP-0033
 * {@code ofrom}, their name as an XEP-0172 nick and, when the setting asks for it, a body starting with "Name: "
 * marked as an XEP-0428 fallback for the address extension (clients that read {@code ofrom} can cut it).
 */
public final class WriterMark {

    static final String NICK_NS = "http://jabber.org/protocol/nick";

    private WriterMark() {
    }

    /**
     * Marks {@code message} (a {@code <message/>} element in any stanza namespace) as written by {@code writerJid}.
     * Address, nick and fallback elements already in it are removed first: only the server says who wrote a line.
     *
     * @param name   the writer's name as contacts show it (cleaned here of characters XML 1.0 forbids)
     * @param prefix whether the body starts with the name
     */
    public static void apply(Element message, String writerJid, String name, boolean prefix) {
        for (Element e : List.copyOf(message.elements())) {
            String ns = e.getNamespaceURI();
            if (AliasMessages.ADDRESS_NS.equals(ns) || NICK_NS.equals(ns) || AliasMessages.FALLBACK_NS.equals(ns)) {
                message.remove(e);
            }
        }
        // the directory cleans names already; a name from anywhere else must not close the members' streams either
        String clean = XmlChars.clean(name);
        message.addElement("addresses", AliasMessages.ADDRESS_NS).addElement("address")
                .addAttribute("type", "ofrom")
                .addAttribute("jid", writerJid);
        message.addElement("nick", NICK_NS).setText(clean);
        Element body = body(message);
        if (prefix && body != null && !body.getText().isEmpty()) {
            String start = clean + ": ";
            body.setText(start + body.getText());
            // XEP-0428/0426: the prefix stands in for the ofrom address, counted in code points
            message.addElement("fallback", AliasMessages.FALLBACK_NS)
                    .addAttribute("for", AliasMessages.ADDRESS_NS).addElement("body")
                    .addAttribute("start", "0")
                    .addAttribute("end", Integer.toString(start.codePointCount(0, start.length())));
        }
    }

    /** The body without a language of its own (the one clients show), in the stanza's namespace. */
    private static Element body(Element message) {
        String ns = message.getNamespaceURI();
        for (Element e : message.elements("body")) {
            if (e.attribute("lang") == null && ns.equals(e.getNamespaceURI())) {
                return e;
            }
        }
        return null;
    }
}
