// Compile-time stand-in: declares only what domainchat uses, with the exact Openfire 5.1.1 signature
// (../shared/openfire-api/5.1.1/xmppserver.sigs). Never packaged; the real class is on the server.
package org.jivesoftware.openfire;

public interface RoutingTable {
    void routePacket(org.xmpp.packet.JID jid, org.xmpp.packet.Packet packet) throws PacketException;

    org.jivesoftware.openfire.session.ClientSession getClientRoute(org.xmpp.packet.JID jid);

    java.util.Collection<org.jivesoftware.openfire.session.ClientSession> getClientsRoutes(boolean onlyLocal);

    java.util.List<org.xmpp.packet.JID> getRoutes(org.xmpp.packet.JID route, org.xmpp.packet.JID requester);
}
