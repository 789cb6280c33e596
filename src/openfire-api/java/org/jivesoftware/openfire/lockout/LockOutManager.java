// Compile-time stand-in: declares only what domainchat uses, with the exact Openfire 5.1.1 signature
// (../shared/openfire-api/5.1.1/xmppserver.sigs). Never packaged; the real class is on the server.
package org.jivesoftware.openfire.lockout;

public class LockOutManager {
    private LockOutManager() {
        // the real one is a singleton without a public constructor
    }

    public static LockOutManager getInstance() { throw new UnsupportedOperationException("compile-time stand-in for Openfire 5.1.1"); }

    public boolean isAccountDisabled(String username) { throw new UnsupportedOperationException("compile-time stand-in for Openfire 5.1.1"); }
}
