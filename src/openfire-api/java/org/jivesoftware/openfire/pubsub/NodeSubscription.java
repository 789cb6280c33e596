// Compile-time stand-in: declares only what domainchat uses, with the exact Openfire 5.1.1 signature
// (../shared/openfire-api/5.1.1/xmppserver.sigs). Never packaged; the real class is on the server.
package org.jivesoftware.openfire.pubsub;

public class NodeSubscription {
    public org.xmpp.packet.JID getJID() { throw new UnsupportedOperationException("compile-time stand-in for Openfire 5.1.1"); }
    public org.xmpp.packet.JID getOwner() { throw new UnsupportedOperationException("compile-time stand-in for Openfire 5.1.1"); }
    public boolean isActive() { throw new UnsupportedOperationException("compile-time stand-in for Openfire 5.1.1"); }
}
