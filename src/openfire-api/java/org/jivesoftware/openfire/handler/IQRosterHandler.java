// Compile-time stand-in: declares only what domainchat uses, with the exact Openfire 5.1.1 signature
// (../shared/openfire-api/5.1.1/xmppserver.sigs). Never packaged; the real class is on the server.
package org.jivesoftware.openfire.handler;

public class IQRosterHandler extends IQHandler {
    public IQRosterHandler() {
        super("XMPP Roster Handler");
    }

    @Override
    public org.xmpp.packet.IQ handleIQ(org.xmpp.packet.IQ packet) throws org.jivesoftware.openfire.auth.UnauthorizedException, org.jivesoftware.openfire.PacketException { throw new UnsupportedOperationException("compile-time stand-in for Openfire 5.1.1"); }

    @Override
    public org.jivesoftware.openfire.IQHandlerInfo getInfo() { throw new UnsupportedOperationException("compile-time stand-in for Openfire 5.1.1"); }
}
