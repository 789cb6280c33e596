package org.domainchat.pep;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;

import org.dom4j.DocumentHelper;
import org.dom4j.Element;
import org.dom4j.QName;
import org.domainchat.colleagues.Colleagues;
import org.domainchat.presence.Online;
import org.domainchat.presence.StanzaRouter;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;
import org.xmpp.packet.PacketExtension;

/**
 * Personal eventing notifications for colleagues, who are subscribed to each other's presence without any stored
 * subscription and so get nothing from Openfire's PEP service. A publish or retraction on a user's node goes to
 * every available resource of each online colleague whose capabilities ask for that node ({@code node+notify}),
 * shaped as Openfire shapes it for a subscriber: from the owner's bare JID, one {@code <event/>} with the items, and
 * the publisher as XEP-0033 reply-to address. A last item sent later (a colleague's client just announced its
 * interest) carries a XEP-0203 delay with its publication time.
 */
public final class PepNotifications {

    static final String EVENT = "http://jabber.org/protocol/pubsub#event";
    static final String ADDRESSES = "http://jabber.org/protocol/address";
    static final String DELAY = "urn:xmpp:delay";
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final Colleagues colleagues;
    private final Online online;
    private final Interest interest;
    private final StanzaRouter router;

    public PepNotifications(Colleagues colleagues, Online online, Interest interest, StanzaRouter router) {
        this.colleagues = colleagues;
        this.online = online;
        this.router = router;
        this.interest = interest;
    }

    /**
     * Sends {@code event} to the owner's online colleagues who asked for it.
     *
     * @param notifiedByOpenfire usernames Openfire notifies itself (they hold a pubsub subscription it honours)
     * @param mayRead            whether a colleague may read the node (always, for "presence" and "open" nodes)
     * @return how many stanzas were sent
     */
    public int publish(PepEvent event, Predicate<String> notifiedByOpenfire, Predicate<String> mayRead) {
        String owner = event.owner().getNode();
        if (!colleagues.hasColleagues(owner)) {
            return 0;
        }
        Message template = notification(event);
        int sent = 0;
        for (String username : online.usernames()) {
            if (!colleagues.areColleagues(owner, username) || notifiedByOpenfire.test(username)
                    || !mayRead.test(username)) {
                continue;
            }
            for (JID resource : online.resources(username)) {
                if (interest.notifies(resource, event.node())) {
                    send(template, resource);
                    sent++;
                }
            }
        }
        return sent;
    }

    /** Sends {@code event} (a last item, usually) to one resource, which the caller found to be interested. */
    public void deliver(PepEvent event, JID resource) {
        send(notification(event), resource);
    }

    /** The notification every recipient gets a copy of, without {@code to} and {@code id}. */
    public static Message notification(PepEvent event) {
        Message message = new Message();
        message.setFrom(event.owner());
        Element items = message.addChildElement("event", EVENT).addElement("items").addAttribute("node",
                event.node());
        for (PepItem item : event.items()) {
            Element child = items.addElement(event.retract() ? "retract" : "item");
            if (event.retract() || event.itemIdRequired()) {
                child.addAttribute("id", item.id());
            }
            if (!event.retract() && event.payloadDelivered() && item.payload() != null) {
                child.add(item.payload().createCopy());
            }
        }
        if (event.delayedFrom() != null) {
            message.getElement().addElement(QName.get("delay", DELAY))
                    .addAttribute("stamp", STAMP.format(event.delayedFrom().toInstant()));
        }
        if (event.publisher() != null && !event.retract()) {
            Element addresses = DocumentHelper.createElement(QName.get("addresses", ADDRESSES));
            addresses.addElement("address").addAttribute("type", "replyto")
                    .addAttribute("jid", event.publisher().toString());
            message.addExtension(new PacketExtension(addresses));
        }
        return message;
    }

    private void send(Message template, JID resource) {
        Message copy = template.createCopy(); // Openfire may queue a stanza for a client: one object per recipient
        copy.setTo(resource);
        copy.setID(Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36));
        router.route(resource, copy);
    }
}
