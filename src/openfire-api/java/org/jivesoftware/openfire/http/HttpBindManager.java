// Compile-time stand-in: declares only what domainchat uses, with the exact Openfire 5.1.1 signature
// (../shared/openfire-api/5.1.1/xmppserver.sigs). Never packaged; the real class is on the server.
package org.jivesoftware.openfire.http;

public final class HttpBindManager {
    public static synchronized HttpBindManager getInstance() { throw new UnsupportedOperationException("compile-time stand-in for Openfire 5.1.1"); }

    public void addJettyHandler(org.eclipse.jetty.ee8.nested.ContextHandler handler) { throw new UnsupportedOperationException("compile-time stand-in for Openfire 5.1.1"); }

    public void removeJettyHandler(org.eclipse.jetty.ee8.nested.ContextHandler handler) { throw new UnsupportedOperationException("compile-time stand-in for Openfire 5.1.1"); }
}
