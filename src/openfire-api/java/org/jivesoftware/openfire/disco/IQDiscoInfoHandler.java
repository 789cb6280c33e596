// Compile-time stand-in: declares only what domainchat uses, with the exact Openfire 5.1.1 signature
// (../shared/openfire-api/5.1.1/xmppserver.sigs). Never packaged; the real class is on the server.
package org.jivesoftware.openfire.disco;

public class IQDiscoInfoHandler extends org.jivesoftware.openfire.handler.IQHandler {
    public IQDiscoInfoHandler() {
        super("stand-in");
    }

    public org.jivesoftware.openfire.IQHandlerInfo getInfo() { throw new UnsupportedOperationException("compile-time stand-in for Openfire 5.1.1"); }

    public org.xmpp.packet.IQ handleIQ(org.xmpp.packet.IQ packet) { throw new UnsupportedOperationException("compile-time stand-in for Openfire 5.1.1"); }

    public void addUserFeaturesProvider(org.jivesoftware.openfire.disco.UserFeaturesProvider provider) { throw new UnsupportedOperationException("compile-time stand-in for Openfire 5.1.1"); }

    public void removeUserFeaturesProvider(org.jivesoftware.openfire.disco.UserFeaturesProvider provider) { throw new UnsupportedOperationException("compile-time stand-in for Openfire 5.1.1"); }
}
