// Compile-time stand-in: declares only what domainchat uses, with the exact Openfire 5.1.1 signature
// (../shared/openfire-api/5.1.1/xmppserver.sigs). Never packaged; the real class is on the server.
package org.jivesoftware.openfire.pubsub;

public class PublishedItem implements java.io.Serializable {
    public String getNodeID() { throw new UnsupportedOperationException("compile-time stand-in for Openfire 5.1.1"); }
    public LeafNode getNode() { throw new UnsupportedOperationException("compile-time stand-in for Openfire 5.1.1"); }
    public String getID() { throw new UnsupportedOperationException("compile-time stand-in for Openfire 5.1.1"); }
    public org.xmpp.packet.JID getPublisher() { throw new UnsupportedOperationException("compile-time stand-in for Openfire 5.1.1"); }
    public java.util.Date getCreationDate() { throw new UnsupportedOperationException("compile-time stand-in for Openfire 5.1.1"); }
    public org.dom4j.Element getPayload() { throw new UnsupportedOperationException("compile-time stand-in for Openfire 5.1.1"); }
}
