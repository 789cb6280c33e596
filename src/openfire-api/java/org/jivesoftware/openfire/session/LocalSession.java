// Compile-time stand-in: declares only what domainchat uses, with the exact Openfire 5.1.1 signature
// (../shared/openfire-api/5.1.1/xmppserver.sigs). Never packaged; the real class is on the server.
package org.jivesoftware.openfire.session;

public abstract class LocalSession implements Session {
    public LocalSession(String serverName, org.jivesoftware.openfire.Connection connection, org.jivesoftware.openfire.StreamID streamID, java.util.Locale language) { throw new UnsupportedOperationException("compile-time stand-in for Openfire 5.1.1"); }

    @Override
    public org.xmpp.packet.JID getAddress() { throw new UnsupportedOperationException("compile-time stand-in for Openfire 5.1.1"); }

    public org.jivesoftware.openfire.Connection getConnection() { throw new UnsupportedOperationException("compile-time stand-in for Openfire 5.1.1"); }

    @Override
    public org.jivesoftware.openfire.StreamID getStreamID() { throw new UnsupportedOperationException("compile-time stand-in for Openfire 5.1.1"); }

    public void incrementServerPacketCount() { throw new UnsupportedOperationException("compile-time stand-in for Openfire 5.1.1"); }

    public Object setSessionData(String key, Object value) { throw new UnsupportedOperationException("compile-time stand-in for Openfire 5.1.1"); }

    public Object getSessionData(String key) { throw new UnsupportedOperationException("compile-time stand-in for Openfire 5.1.1"); }

    @Override
    public void process(org.xmpp.packet.Packet packet) { throw new UnsupportedOperationException("compile-time stand-in for Openfire 5.1.1"); }

    public void close() { throw new UnsupportedOperationException("compile-time stand-in for Openfire 5.1.1"); }

    @Override
    public boolean isClosed() { throw new UnsupportedOperationException("compile-time stand-in for Openfire 5.1.1"); }
}
