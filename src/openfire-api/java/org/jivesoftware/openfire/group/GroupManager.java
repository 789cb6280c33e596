// Compile-time stand-in: declares only what domainchat uses, with the exact Openfire 5.1.1 signature
// (../shared/openfire-api/5.1.1/xmppserver.sigs). Never packaged; the real class is on the server.
package org.jivesoftware.openfire.group;

public class GroupManager {
    public static synchronized GroupManager getInstance() { throw new UnsupportedOperationException("compile-time stand-in for Openfire 5.1.1"); }

    public Group getGroup(String name) throws GroupNotFoundException { throw new UnsupportedOperationException("compile-time stand-in for Openfire 5.1.1"); }

    public java.util.Collection<Group> getGroups() { throw new UnsupportedOperationException("compile-time stand-in for Openfire 5.1.1"); }
}
