package org.domainchat.pep;

import java.util.Date;
import java.util.List;

import org.xmpp.packet.JID;

/**
 * What happened on one node of a user's personal eventing service, as a notification tells it.
 *
 * @param owner            the bare JID of the service's owner (the notification comes from it)
 * @param node             the node id, e.g. {@code http://jabber.org/protocol/mood}
 * @param items            the items published or retracted
 * @param publisher        the full JID that published, named as the XEP-0033 reply-to address; null for none
 * @param retract          true: the items were retracted
 * @param payloadDelivered the node sends payloads with its notifications
 * @param itemIdRequired   the node's items have ids (it persists items or delivers payloads)
 * @param delayedFrom      when the item was published, for a last item sent later (XEP-0203); null for a live one
 */
public record PepEvent(JID owner, String node, List<PepItem> items, JID publisher, boolean retract,
                       boolean payloadDelivered, boolean itemIdRequired, Date delayedFrom) {

    public PepEvent {
        owner = owner.asBareJID();
        items = List.copyOf(items);
    }
}
