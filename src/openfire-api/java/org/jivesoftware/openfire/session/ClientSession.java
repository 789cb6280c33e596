// Compile-time stand-in: declares only what domainchat uses, with the exact Openfire 5.1.1 signature
// (../shared/openfire-api/5.1.1/xmppserver.sigs). Never packaged; the real class is on the server.
package org.jivesoftware.openfire.session;

public interface ClientSession extends Session {
    boolean isAnonymousUser();

    boolean isInitialized();

    org.xmpp.packet.Presence getPresence();

    boolean isMessageCarbonsEnabled();

    void setMessageCarbonsEnabled(boolean enabled);
}
