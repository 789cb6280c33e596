// Compile-time stand-in: declares only what domainchat uses, with the exact Openfire 5.1.1 signature
// (../shared/openfire-api/5.1.1/xmppserver.sigs). Never packaged; the real class is on the server.
package org.jivesoftware.openfire.pep;

public class IQPEPHandler extends org.jivesoftware.openfire.handler.IQHandler {
    public static final org.jivesoftware.util.SystemProperty<Boolean> ENABLED = null;

    public IQPEPHandler() {
        super("Personal Eventing Handler");
    }
    public PEPServiceManager getServiceManager() { throw new UnsupportedOperationException("compile-time stand-in for Openfire 5.1.1"); }
    public org.jivesoftware.openfire.IQHandlerInfo getInfo() { throw new UnsupportedOperationException("compile-time stand-in for Openfire 5.1.1"); }
    public org.xmpp.packet.IQ handleIQ(org.xmpp.packet.IQ packet) { throw new UnsupportedOperationException("compile-time stand-in for Openfire 5.1.1"); }
}
