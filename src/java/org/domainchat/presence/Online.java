package org.domainchat.presence;

import java.util.Collection;
import java.util.List;

import org.xmpp.packet.JID;
import org.xmpp.packet.Presence;

/** Who is online right now; Openfire's routing table in production, a plain map in tests. */
public interface Online {

    /** Usernames with at least one available resource. */
    Collection<String> usernames();

    /** The available full JIDs of a user; empty when the user is offline. */
    List<JID> resources(String username);

    /** The current presence of an available resource, or null when it has none. */
    Presence presenceOf(JID resource);

    /** True when the user has at least one resource whose presence is available right now. */
    default boolean isAvailable(String username) {
        for (JID resource : resources(username)) {
            Presence p = presenceOf(resource);
            if (p != null && p.isAvailable()) {
                return true;
            }
        }
        return false;
    }
}
