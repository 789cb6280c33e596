// Compile-time stand-in: declares only what domainchat uses, with the exact Openfire 5.1.1 signature
// (../shared/openfire-api/5.1.1/xmppserver.sigs). Never packaged; the real class is on the server.
package org.jivesoftware.openfire.pubsub;

public class LeafNode extends Node {
    public LeafNode() { throw new UnsupportedOperationException("compile-time stand-in for Openfire 5.1.1"); }
    public boolean isItemRequired() { throw new UnsupportedOperationException("compile-time stand-in for Openfire 5.1.1"); }
    public PublishedItem getPublishedItem(String itemID) { throw new UnsupportedOperationException("compile-time stand-in for Openfire 5.1.1"); }
    public java.util.List<PublishedItem> getPublishedItems() { throw new UnsupportedOperationException("compile-time stand-in for Openfire 5.1.1"); }
    public synchronized java.util.List<PublishedItem> getPublishedItems(int recentItems) { throw new UnsupportedOperationException("compile-time stand-in for Openfire 5.1.1"); }
    public synchronized PublishedItem getLastPublishedItem() { throw new UnsupportedOperationException("compile-time stand-in for Openfire 5.1.1"); }
}
