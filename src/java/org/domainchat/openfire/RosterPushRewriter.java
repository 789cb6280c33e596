package org.domainchat.openfire;

import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

import org.dom4j.Element;
import org.domainchat.directory.ContactRoster;
import org.domainchat.directory.RosterEntry;
import org.domainchat.directory.RosterIq;
import org.domainchat.util.XmlChars;
import org.jivesoftware.openfire.interceptor.PacketInterceptor;
import org.jivesoftware.openfire.session.Session;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.Packet;

/**
 * Openfire pushes a user's roster change (say, they renamed a colleague) with its own version and the stored
 * subscription. On the way out, this gives the push domain chat's version of the whole roster (so the client's
 * next reconnect compares the right thing) and keeps colleagues and aliases subscribed both ways, as the roster
 * said; a stored item of a colleague that is removed turns back into the plain colleague. A push of a contact the
 * user removed from their roster ({@code HiddenContacts}) becomes its removal, so the client keeps agreeing.
 */
final class RosterPushRewriter implements PacketInterceptor {

    private final ContactRoster contacts;
    private final Function<String, List<RosterEntry>> ownItems;
    private final BooleanSupplier active;

    RosterPushRewriter(ContactRoster contacts, Function<String, List<RosterEntry>> ownItems, BooleanSupplier active) {
        this.contacts = contacts;
        this.ownItems = ownItems;
        this.active = active;
    }

    @Override
    public void interceptPacket(Packet packet, Session session, boolean incoming, boolean processed) {
        if (incoming || processed || !(packet instanceof IQ iq) || iq.getType() != IQ.Type.set) {
            return;
        }
        Element query = iq.getChildElement();
        JID to = iq.getTo();
        if (query == null || !RosterIq.NAMESPACE.equals(query.getNamespaceURI()) || to == null
                || to.getNode() == null || !contacts.domain().equals(to.getDomain()) || !active.getAsBoolean()) {
            return;
        }
        String username = to.getNode();
        List<RosterEntry> own = ownItems.apply(username);
        for (Element item : query.elements("item")) {
            String jid = bare(item.attributeValue("jid"));
            RosterEntry managed = jid == null ? null : contacts.managedEntry(username, jid, own).orElse(null);
            if (managed == null) {
                continue;
            }
            for (Element old : item.elements("group")) {
                item.remove(old);
            }
            if (contacts.isHidden(username, jid)) {
                item.addAttribute("subscription", "remove");
                item.addAttribute("ask", null);
                item.addAttribute("name", null);
                continue;
            }
            item.addAttribute("subscription", "both");
            item.addAttribute("ask", null);
            item.addAttribute("name", XmlChars.clean(managed.name()));
            for (String group : managed.groups()) {
                item.addElement("group").setText(XmlChars.clean(group));
            }
        }
        if (query.attribute("ver") != null) {
            query.addAttribute("ver", contacts.version(username, own));
        }
    }

    private static String bare(String jid) {
        try {
            return jid == null ? null : new JID(jid).toBareJID();
        } catch (IllegalArgumentException malformed) {
            return null;
        }
    }
}
