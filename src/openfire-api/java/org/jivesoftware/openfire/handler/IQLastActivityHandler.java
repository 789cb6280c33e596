// Compile-time stand-in: declares only what domainchat uses, with the exact Openfire 5.1.1 signature
// (../shared/openfire-api/5.1.1/xmppserver.sigs). Never packaged; the real class is on the server.
package org.jivesoftware.openfire.handler;

public class IQLastActivityHandler extends IQHandler {
    public IQLastActivityHandler() {
        super("XMPP Last Activity Handler");
    }
    public org.xmpp.packet.IQ handleIQ(org.xmpp.packet.IQ packet) throws org.jivesoftware.openfire.auth.UnauthorizedException { throw new UnsupportedOperationException("compile-time stand-in for Openfire 5.1.1"); }
    public org.jivesoftware.openfire.IQHandlerInfo getInfo() { throw new UnsupportedOperationException("compile-time stand-in for Openfire 5.1.1"); }
}
