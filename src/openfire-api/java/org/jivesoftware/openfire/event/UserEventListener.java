// Compile-time stand-in: declares only what domainchat uses, with the exact Openfire 5.1.1 signature
// (../shared/openfire-api/5.1.1/xmppserver.sigs). Never packaged; the real class is on the server.
package org.jivesoftware.openfire.event;

public interface UserEventListener {
    void userCreated(org.jivesoftware.openfire.user.User user, java.util.Map<String, Object> params);

    void userDeleting(org.jivesoftware.openfire.user.User user, java.util.Map<String, Object> params);

    void userModified(org.jivesoftware.openfire.user.User user, java.util.Map<String, Object> params);
}
