// Compile-time stand-in: declares only what domainchat uses, with the exact Openfire 5.1.1 signature
// (../shared/openfire-api/5.1.1/xmppserver.sigs). Never packaged; the real class is on the server.
package org.jivesoftware.openfire.session;

public interface Session extends org.jivesoftware.openfire.RoutableChannelHandler {
    org.xmpp.packet.JID getAddress();

    org.jivesoftware.openfire.StreamID getStreamID();

    default boolean isClosed() { throw new UnsupportedOperationException("compile-time stand-in for Openfire 5.1.1"); }
}
