// Compile-time stand-in: declares only what domainchat uses, with the exact Openfire 5.1.1 signature
// (../shared/openfire-api/5.1.1/xmppserver.sigs). Never packaged; the real class is on the server.
package org.jivesoftware.openfire.entitycaps;

public class EntityCapabilitiesManager extends org.jivesoftware.openfire.container.BasicModule {
    public EntityCapabilitiesManager() {
        super("Entity Capabilities Manager");
    }
    public EntityCapabilities getEntityCapabilities(org.xmpp.packet.JID jid) { throw new UnsupportedOperationException("compile-time stand-in for Openfire 5.1.1"); }
    public void addListener(EntityCapabilitiesListener listener) { throw new UnsupportedOperationException("compile-time stand-in for Openfire 5.1.1"); }
    public void removeListener(EntityCapabilitiesListener listener) { throw new UnsupportedOperationException("compile-time stand-in for Openfire 5.1.1"); }
}
