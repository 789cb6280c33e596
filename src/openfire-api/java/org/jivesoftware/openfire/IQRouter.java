// Compile-time stand-in: declares only what domainchat uses, with the exact Openfire 5.1.1 signature
// (../shared/openfire-api/5.1.1/xmppserver.sigs). Never packaged; the real class is on the server.
package org.jivesoftware.openfire;

public class IQRouter {
    public void addHandler(org.jivesoftware.openfire.handler.IQHandler handler) { throw new UnsupportedOperationException("compile-time stand-in for Openfire 5.1.1"); }

    public boolean supports(String namespace) { throw new UnsupportedOperationException("compile-time stand-in for Openfire 5.1.1"); }

    public void removeHandler(org.jivesoftware.openfire.handler.IQHandler handler) { throw new UnsupportedOperationException("compile-time stand-in for Openfire 5.1.1"); }
}
