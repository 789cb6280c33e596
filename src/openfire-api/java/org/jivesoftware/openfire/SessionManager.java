// Compile-time stand-in: declares only what domainchat uses, with the exact Openfire 5.1.1 signature
// (../shared/openfire-api/5.1.1/xmppserver.sigs). Never packaged; the real class is on the server.
package org.jivesoftware.openfire;

public class SessionManager {
    public static SessionManager getInstance() { throw new UnsupportedOperationException("compile-time stand-in for Openfire 5.1.1"); }

    public org.jivesoftware.openfire.session.LocalClientSession createClientSession(Connection conn, java.util.Locale language) { throw new UnsupportedOperationException("compile-time stand-in for Openfire 5.1.1"); }

    public java.util.concurrent.CompletableFuture<BindResult> bindResource(org.jivesoftware.openfire.session.LocalClientSession session, org.jivesoftware.openfire.auth.AuthToken authToken, String resource) { throw new UnsupportedOperationException("compile-time stand-in for Openfire 5.1.1"); }

    public java.util.Collection<org.jivesoftware.openfire.session.ClientSession> getSessions(String username) { throw new UnsupportedOperationException("compile-time stand-in for Openfire 5.1.1"); }

    public org.jivesoftware.openfire.session.ClientSession getSession(org.xmpp.packet.JID from) { throw new UnsupportedOperationException("compile-time stand-in for Openfire 5.1.1"); }

    public enum BindResult {
        BOUND, CONFLICT
    }
}
