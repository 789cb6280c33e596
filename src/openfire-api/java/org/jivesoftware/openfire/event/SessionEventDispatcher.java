// Compile-time stand-in: declares only what domainchat uses, with the exact Openfire 5.1.1 signature
// (../shared/openfire-api/5.1.1/xmppserver.sigs). Never packaged; the real class is on the server.
package org.jivesoftware.openfire.event;

public class SessionEventDispatcher {
    private SessionEventDispatcher() {
        // the real one has no public constructor
    }

    public static void dispatchEvent(org.jivesoftware.openfire.session.Session session, EventType eventType) { throw new UnsupportedOperationException("compile-time stand-in for Openfire 5.1.1"); }

    public enum EventType {
        session_created, session_destroyed, anonymous_session_created, anonymous_session_destroyed, resource_bound
    }
}
