// Compile-time stand-in: declares only what domainchat uses, with the exact Openfire 5.1.1 signature
// (../shared/openfire-api/5.1.1/xmppserver.sigs). Never packaged; the real class is on the server.
package org.jivesoftware.openfire.handler;

public abstract class IQHandler extends org.jivesoftware.openfire.container.BasicModule
        implements org.jivesoftware.openfire.ChannelHandler<org.xmpp.packet.IQ> {

    public IQHandler(String moduleName) {
        super(moduleName);
    }

    public void process(org.xmpp.packet.IQ packet) throws org.jivesoftware.openfire.PacketException { throw new UnsupportedOperationException("compile-time stand-in for Openfire 5.1.1"); }

    public boolean performNoSuchUserCheck() { throw new UnsupportedOperationException("compile-time stand-in for Openfire 5.1.1"); }
    public abstract org.xmpp.packet.IQ handleIQ(org.xmpp.packet.IQ packet)
            throws org.jivesoftware.openfire.auth.UnauthorizedException;

    public abstract org.jivesoftware.openfire.IQHandlerInfo getInfo();
}
