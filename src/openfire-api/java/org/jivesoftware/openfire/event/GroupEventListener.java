// Compile-time stand-in: declares only what domainchat uses, with the exact Openfire 5.1.1 signature
// (../shared/openfire-api/5.1.1/xmppserver.sigs). Never packaged; the real class is on the server.
package org.jivesoftware.openfire.event;

public interface GroupEventListener {
    void groupCreated(org.jivesoftware.openfire.group.Group group, java.util.Map<String, ?> params);

    void groupDeleting(org.jivesoftware.openfire.group.Group group, java.util.Map<String, ?> params);

    void groupModified(org.jivesoftware.openfire.group.Group group, java.util.Map<String, ?> params);

    void memberAdded(org.jivesoftware.openfire.group.Group group, java.util.Map<String, ?> params);

    void memberRemoved(org.jivesoftware.openfire.group.Group group, java.util.Map<String, ?> params);

    void adminAdded(org.jivesoftware.openfire.group.Group group, java.util.Map<String, ?> params);

    void adminRemoved(org.jivesoftware.openfire.group.Group group, java.util.Map<String, ?> params);
}
