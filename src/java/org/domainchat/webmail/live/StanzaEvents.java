package org.domainchat.webmail.live;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

import org.dom4j.Element;
import org.domainchat.alias.AliasMessages;
import org.json.JSONObject;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;
import org.xmpp.packet.Packet;
import org.xmpp.packet.Presence;

/**
 * What a stanza delivered to a user's webmail resource means for the webmail: a message (in, or out when it is a
 * carbon of what the user sent elsewhere), a typing notification, an undelivered message, or a contact's presence.
 * Everything else (IQs, the user's own resources' presence, subscription noise) means nothing to it.
 */
final class StanzaEvents {

    static final String CARBONS = "urn:xmpp:carbons:2";
    static final String FORWARD = "urn:xmpp:forward:0";
    static final String CHAT_STATES = "http://jabber.org/protocol/chatstates";
    static final String DELAY = "urn:xmpp:delay";
    static final String STANZA_ID = "urn:xmpp:sid:0";
    static final String ADDRESSES = "http://jabber.org/protocol/address";
    static final List<String> STATES = List.of("composing", "paused", "active", "inactive", "gone");

    /** An event to publish. */
    record Event(String type, JSONObject data) {
    }

    private final JID owner;
    private final Predicate<String> isAlias;
    private final LongSupplier clock;

    StanzaEvents(String ownerBareJid, Predicate<String> isAlias, LongSupplier clock) {
        this.owner = new JID(ownerBareJid);
        this.isAlias = isAlias;
        this.clock = clock;
    }

    /** The message or typing event of a delivered message; empty when it means nothing to the webmail. */
    Optional<Event> message(Message delivered) {
        Element carbon = carbon(delivered);
        if (carbon != null) {
            // Only our own server, speaking for our own bare JID, may hand us carbons (XEP-0280, 11).
            if (delivered.getFrom() == null || !delivered.getFrom().equals(owner.asBareJID())) {
                return Optional.empty();
            }
            Element inner = carbon.element("forwarded") == null ? null
                    : carbon.element("forwarded").element("message");
            if (inner == null) {
                return Optional.empty();
            }
            boolean sent = carbon.getName().equals("sent");
            return plain(new Message(inner.createCopy(), true), sent, true);
        }
        return plain(delivered, false, false);
    }

    private Optional<Event> plain(Message m, boolean outgoing, boolean carbon) {
        JID from = m.getFrom();
        JID to = m.getTo();
        if (from == null || to == null) {
            return Optional.empty();
        }
        JID peer = outgoing ? to : from;
        String with = peer.toBareJID();
        boolean viaAlias = isAlias.test(with);
        if (m.getType() == Message.Type.error) {
            if (outgoing) {
                return Optional.empty();
            }
            JSONObject data = new JSONObject().put("with", with).put("clientId", orNull(m.getID()))
                    .put("message", errorText(m));
            return Optional.of(new Event("undelivered", data));
        }
        if (m.getType() == Message.Type.groupchat) {
            return Optional.empty();
        }
        String body = viaAlias && !outgoing ? withoutWriterPrefix(m) : m.getBody();
        // Through an alias the writer is the resource (alias/<writer>): who actually wrote, not the alias.
        String writer = viaAlias && !outgoing && from.getResource() != null
                ? new JID(from.getResource(), owner.getDomain(), null, true).toBareJID()
                : (outgoing ? owner.toBareJID() : with);
        if (body == null || body.isEmpty()) {
            String state = chatState(m);
            if (state == null || outgoing) {
                return Optional.empty(); // our own typing elsewhere is not news to us
            }
            return Optional.of(new Event("typing", new JSONObject().put("with", with).put("from", writer)
                    .put("state", state)));
        }
        long at = delayed(m).orElse(clock.getAsLong());
        JSONObject data = new JSONObject()
                .put("id", orNull(outgoing ? null : archiveId(m, owner.toBareJID())))
                .put("clientId", orNull(m.getID()))
                .put("with", with)
                .put("from", writer)
                .put("to", outgoing ? with : owner.toBareJID())
                .put("outgoing", outgoing)
                .put("body", body)
                .put("viaAlias", viaAlias)
                .put("carbon", carbon)
                .put("sentAt", Instant.ofEpochMilli(at).toString())
                .put("sentAtMillis", at);
        return Optional.of(new Event("message", data));
    }

    /**
     * The body without the "Name: " that alias copies start with for clients that ignore {@code ofrom}: webmail
     * shows the writer itself. The range is the XEP-0428 fallback the server marked, in code points (XEP-0426).
     */
    static String withoutWriterPrefix(Message m) {
        String body = m.getBody();
        Element fallback = m.getChildElement("fallback", AliasMessages.FALLBACK_NS);
        Element range = fallback == null || !AliasMessages.ADDRESS_NS.equals(fallback.attributeValue("for"))
                ? null : fallback.element("body");
        if (body == null || range == null) {
            return body;
        }
        try {
            int start = Integer.parseInt(range.attributeValue("start", ""));
            int end = Integer.parseInt(range.attributeValue("end", ""));
            int codePoints = body.codePointCount(0, body.length());
            if (start != 0 || end <= 0 || end > codePoints) {
                return body;
            }
            return body.substring(body.offsetByCodePoints(0, end));
        } catch (NumberFormatException e) {
            return body;
        }
    }

    /** The archive's id, stamped as an XEP-0359 stanza-id by the archive for the owner's copy. */
    private static String archiveId(Message m, String by) {
        for (Element e : m.getElement().elements("stanza-id")) {
            if (STANZA_ID.equals(e.getNamespaceURI()) && by.equals(e.attributeValue("by"))) {
                return e.attributeValue("id");
            }
        }
        return null;
    }

    private static Element carbon(Message m) {
        for (Element e : m.getElement().elements()) {
            if (CARBONS.equals(e.getNamespaceURI()) && (e.getName().equals("sent") || e.getName().equals("received"))) {
                return e;
            }
        }
        return null;
    }

    private static String chatState(Message m) {
        for (Element e : m.getElement().elements()) {
            if (CHAT_STATES.equals(e.getNamespaceURI()) && STATES.contains(e.getName())) {
                return e.getName();
            }
        }
        return null;
    }

    private static Optional<Long> delayed(Message m) {
        Element delay = m.getChildElement("delay", DELAY);
        if (delay == null || delay.attributeValue("stamp") == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(delay.attributeValue("stamp")).toEpochMilli());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static String errorText(Message m) {
        if (m.getError() != null && m.getError().getText() != null) {
            return m.getError().getText();
        }
        if (m.getBody() != null && !m.getBody().isBlank()) {
            return m.getBody();
        }
        return m.getError() == null ? "The message could not be delivered."
                : "The message could not be delivered (" + m.getError().getCondition().toXMPP() + ").";
    }

    /** The contact a presence is about, or empty for our own resources, subscriptions and other noise. */
    Optional<String> presenceContact(Presence p) {
        JID from = p.getFrom();
        if (from == null || p.getType() != null && p.getType() != Presence.Type.unavailable) {
            return Optional.empty();
        }
        String bare = from.toBareJID();
        return bare.equals(owner.toBareJID()) ? Optional.empty() : Optional.of(bare);
    }

    private static Object orNull(Object value) {
        return value == null ? JSONObject.NULL : value;
    }
}
