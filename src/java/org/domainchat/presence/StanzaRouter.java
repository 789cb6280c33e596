package org.domainchat.presence;

import org.xmpp.packet.JID;
import org.xmpp.packet.Packet;

/** Sends a stanza to one full JID; Openfire's {@code RoutingTable.routePacket} in production. */
@FunctionalInterface
public interface StanzaRouter {
    void route(JID resource, Packet packet);
}
