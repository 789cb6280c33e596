// Compile-time stand-in: declares only what domainchat uses, with the exact Openfire 5.1.1 signature
// (../shared/openfire-api/5.1.1/xmppserver.sigs). Never packaged; the real class is on the server.
package org.jivesoftware.openfire.pubsub;

public interface PubSubService {
    org.xmpp.packet.JID getAddress();
    CollectionNode getRootCollectionNode();
    default Node getNode(String nodeID) { throw new UnsupportedOperationException("compile-time stand-in for Openfire 5.1.1"); }

    final class UniqueIdentifier implements java.io.Serializable {
        public UniqueIdentifier(String serviceId) { throw new UnsupportedOperationException("compile-time stand-in for Openfire 5.1.1"); }
        public String getServiceId() { throw new UnsupportedOperationException("compile-time stand-in for Openfire 5.1.1"); }
    }
}
