// Compile-time stand-in: declares only what domainchat uses, with the exact Openfire 5.1.1 signature
// (../shared/openfire-api/5.1.1/xmppserver.sigs). Never packaged; the real class is on the server.
package org.jivesoftware.openfire.pubsub;

public abstract class Node {
    public Node.UniqueIdentifier getUniqueIdentifier() { throw new UnsupportedOperationException("compile-time stand-in for Openfire 5.1.1"); }
    public java.util.Collection<NodeSubscription> getAllSubscriptions() { throw new UnsupportedOperationException("compile-time stand-in for Openfire 5.1.1"); }
    public NodeAffiliate getAffiliate(org.xmpp.packet.JID jid) { throw new UnsupportedOperationException("compile-time stand-in for Openfire 5.1.1"); }
    public boolean isCollectionNode() { throw new UnsupportedOperationException("compile-time stand-in for Openfire 5.1.1"); }
    public PubSubService getService() { throw new UnsupportedOperationException("compile-time stand-in for Openfire 5.1.1"); }
    public String getNodeID() { throw new UnsupportedOperationException("compile-time stand-in for Openfire 5.1.1"); }
    public boolean isPayloadDelivered() { throw new UnsupportedOperationException("compile-time stand-in for Openfire 5.1.1"); }
    public boolean isNotifiedOfRetract() { throw new UnsupportedOperationException("compile-time stand-in for Openfire 5.1.1"); }
    public org.jivesoftware.openfire.pubsub.models.AccessModel getAccessModel() { throw new UnsupportedOperationException("compile-time stand-in for Openfire 5.1.1"); }
    public java.util.Collection<CollectionNode> getParents() { throw new UnsupportedOperationException("compile-time stand-in for Openfire 5.1.1"); }

    public static final class UniqueIdentifier implements java.io.Serializable {
        public UniqueIdentifier(String serviceId, String nodeId) { throw new UnsupportedOperationException("compile-time stand-in for Openfire 5.1.1"); }
        public PubSubService.UniqueIdentifier getServiceIdentifier() { throw new UnsupportedOperationException("compile-time stand-in for Openfire 5.1.1"); }
        public String getNodeId() { throw new UnsupportedOperationException("compile-time stand-in for Openfire 5.1.1"); }
    }
}
