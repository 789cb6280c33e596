// Compile-time stand-in: declares only what domainchat uses, with the exact Openfire 5.1.1 signature
// (../shared/openfire-api/5.1.1/xmppserver.sigs). Never packaged; the real class is on the server.
package org.jivesoftware.openfire.http;

public final class HttpBindManager {
    public static synchronized HttpBindManager getInstance() { throw new UnsupportedOperationException("compile-time stand-in for Openfire 5.1.1"); }

    public void addJettyHandler(org.eclipse.jetty.ee8.nested.ContextHandler handler) { throw new UnsupportedOperationException("compile-time stand-in for Openfire 5.1.1"); }

    public void removeJettyHandler(org.eclipse.jetty.ee8.nested.ContextHandler handler) { throw new UnsupportedOperationException("compile-time stand-in for Openfire 5.1.1"); }

    // Not used; declared because the real class overloads both methods, so a call that is ambiguous against the
    // real jar (a test's any(), say) is ambiguous here too.
    public void addJettyHandler(org.eclipse.jetty.server.Handler handler) { throw new UnsupportedOperationException("compile-time stand-in for Openfire 5.1.1"); }

    public void removeJettyHandler(org.eclipse.jetty.server.Handler handler) { throw new UnsupportedOperationException("compile-time stand-in for Openfire 5.1.1"); }
}
