// Compile-time stand-in: declares only what domainchat uses, with the exact Openfire 5.1.1 signature
// (../shared/openfire-api/5.1.1/xmppserver.sigs). Never packaged; the real class is on the server.
package org.jivesoftware.openfire.session;

public class LocalClientSession extends LocalSession implements ClientSession {
    public LocalClientSession(String serverName, org.jivesoftware.openfire.Connection connection, org.jivesoftware.openfire.StreamID streamID, java.util.Locale language) {
        super(serverName, connection, streamID, language);
    }

    public org.jivesoftware.openfire.auth.AuthToken getAuthToken() { throw new UnsupportedOperationException("compile-time stand-in for Openfire 5.1.1"); }

    @Override
    public boolean isAnonymousUser() { throw new UnsupportedOperationException("compile-time stand-in for Openfire 5.1.1"); }

    @Override
    public boolean isInitialized() { throw new UnsupportedOperationException("compile-time stand-in for Openfire 5.1.1"); }

    @Override
    public org.xmpp.packet.Presence getPresence() { throw new UnsupportedOperationException("compile-time stand-in for Openfire 5.1.1"); }

    @Override
    public boolean isMessageCarbonsEnabled() { throw new UnsupportedOperationException("compile-time stand-in for Openfire 5.1.1"); }

    @Override
    public void setMessageCarbonsEnabled(boolean enabled) { throw new UnsupportedOperationException("compile-time stand-in for Openfire 5.1.1"); }
}
