// Compile-time stand-in: declares only what domainchat uses, with the exact Openfire 5.1.1 signature
// (../shared/openfire-api/5.1.1/xmppserver.sigs). Never packaged; the real class is on the server.
package org.jivesoftware.openfire.nio;

public class OfflinePacketDeliverer implements org.jivesoftware.openfire.PacketDeliverer {
    public OfflinePacketDeliverer() { throw new UnsupportedOperationException("compile-time stand-in for Openfire 5.1.1"); }

    @Override
    public void deliver(org.xmpp.packet.Packet stanza) throws org.jivesoftware.openfire.auth.UnauthorizedException, org.jivesoftware.openfire.PacketException { throw new UnsupportedOperationException("compile-time stand-in for Openfire 5.1.1"); }
}
