// Compile-time stand-in: declares only what domainchat uses, with the exact Openfire 5.1.1 signature
// (../shared/openfire-api/5.1.1/xmppserver.sigs). Never packaged; the real class is on the server.
package org.jivesoftware.openfire.pubsub.models;

public abstract class AccessModel implements java.io.Serializable {
    public abstract String getName();
    public abstract boolean canAccessItems(org.jivesoftware.openfire.pubsub.Node node, org.xmpp.packet.JID owner,
                                           org.xmpp.packet.JID subscriber);
}
