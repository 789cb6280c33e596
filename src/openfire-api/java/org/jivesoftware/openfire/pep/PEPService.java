// Compile-time stand-in: declares only what domainchat uses, with the exact Openfire 5.1.1 signature
// (../shared/openfire-api/5.1.1/xmppserver.sigs). Never packaged; the real class is on the server.
package org.jivesoftware.openfire.pep;

public class PEPService implements org.jivesoftware.openfire.pubsub.PubSubService {
    public PEPService(org.jivesoftware.openfire.XMPPServer server, org.xmpp.packet.JID bareJID) { throw new UnsupportedOperationException("compile-time stand-in for Openfire 5.1.1"); }
    public org.xmpp.packet.JID getAddress() { throw new UnsupportedOperationException("compile-time stand-in for Openfire 5.1.1"); }
    public org.jivesoftware.openfire.pubsub.CollectionNode getRootCollectionNode() { throw new UnsupportedOperationException("compile-time stand-in for Openfire 5.1.1"); }
}
