package org.domainchat.directory;

import java.util.List;

import org.dom4j.Element;
import org.domainchat.util.XmlChars;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;

/** Writes roster entries as the {@code jabber:iq:roster} result a client receives (RFC 6121, XEP-0237). */
public final class RosterIq {

    public static final String NAMESPACE = "jabber:iq:roster";

    private RosterIq() {
    }

    /**
     * The full roster as the result of {@code request}.
     *
     * @param version the roster version to announce, or null when the client did not ask for versioning
     */
    public static IQ result(IQ request, List<RosterEntry> entries, String version) {
        IQ result = IQ.createResultIQ(request);
        Element query = result.setChildElement("query", NAMESPACE);
        if (version != null) {
            query.addAttribute("ver", version);
        }
        for (RosterEntry e : entries) {
            addItem(query, e);
        }
        return result;
    }

    /**
     * The answer when the client's version is current (XEP-0237 §3.3.1): an empty result, no items; changes reach
     * it as pushes.
     */
    public static IQ unchanged(IQ request) {
        return IQ.createResultIQ(request);
    }

    /** A roster push of one changed (or, with subscription "remove", removed) item to one resource. */
    public static IQ push(JID to, RosterEntry entry, String version) {
        IQ push = new IQ(IQ.Type.set);
        push.setTo(to);
        Element query = push.setChildElement("query", NAMESPACE);
        if (version != null) {
            query.addAttribute("ver", version);
        }
        addItem(query, entry);
        return push;
    }

    private static void addItem(Element query, RosterEntry e) {
        Element item = query.addElement("item").addAttribute("jid", e.jid());
        // Names and groups come from the user store, Openfire's groups and the users' own rosters: whatever got in
        // there, a character XML forbids must not reach the client, whose stream it would close.
        if (e.name() != null) {
            item.addAttribute("name", XmlChars.clean(e.name()));
        }
        item.addAttribute("subscription", e.subscription());
        if (e.ask() != null) {
            item.addAttribute("ask", e.ask());
        }
        for (String group : e.groups()) {
            item.addElement("group").setText(XmlChars.clean(group));
        }
    }
}
