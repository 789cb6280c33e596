// Compile-time stand-in: declares only what domainchat uses, with the exact Openfire 5.1.1 signature
// (../shared/openfire-api/5.1.1/xmppserver.sigs). Never packaged; the real class is on the server.
package org.jivesoftware.openfire.user;

public final class UserManager {
    public User getUser(String username) throws UserNotFoundException { throw new UnsupportedOperationException("compile-time stand-in for Openfire 5.1.1"); }

    public java.util.Collection<User> getUsers() { throw new UnsupportedOperationException("compile-time stand-in for Openfire 5.1.1"); }

    public boolean isRegisteredUser(org.xmpp.packet.JID user, boolean checkRemoteDomains) { throw new UnsupportedOperationException("compile-time stand-in for Openfire 5.1.1"); }
}
