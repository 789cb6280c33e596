package org.domainchat.openfire;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

import org.domainchat.presence.AliasPresence;
import org.domainchat.presence.PresenceFanout;
import org.jivesoftware.openfire.interceptor.PacketInterceptor;
import org.jivesoftware.openfire.session.ClientSession;
import org.jivesoftware.openfire.session.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.JID;
import org.xmpp.packet.Packet;
import org.xmpp.packet.Presence;

/**
 * Live presence between domain contacts. Openfire broadcasts a presence only to stored roster items with
 * subscription from/both; after it has (the {@code processed} pass), this sends the presence to every other online
 * domain contact, and a resource's first available presence is answered with the current presence of each online
 * contact and of each alias it sees; the aliases a user belongs to update their "members online". Broadcast presences are those without {@code to}, or to the server itself (the unavailable presence
 * Openfire sends when a session closes, sometimes without a session).
 *
 * <p>Not registered yet: see {@link DirectoryRosterHandler}.
 */
final class PresenceInterceptor implements PacketInterceptor {

    private static final Logger LOG = LoggerFactory.getLogger(PresenceInterceptor.class);

    private final PresenceFanout fanout;
    private final AliasPresence aliases;
    private final Function<String, Set<String>> reachedByOpenfire;
    private final String domain;
    private final BooleanSupplier active;
    private final Set<JID> firstPresence = ConcurrentHashMap.newKeySet();
    /** Resources last seen available: alias counts change only when one comes or goes, not on away or dnd. */
    private final Set<JID> available = ConcurrentHashMap.newKeySet();

    /**
     * @param reachedByOpenfire for a username, the usernames Openfire itself sends their presence to (stored
     *                          items with subscription from or both)
     */
    PresenceInterceptor(PresenceFanout fanout, AliasPresence aliases, Function<String, Set<String>> reachedByOpenfire,
                        String domain, BooleanSupplier active) {
        this.fanout = fanout;
        this.aliases = aliases;
        this.reachedByOpenfire = reachedByOpenfire;
        this.domain = domain;
        this.active = active;
    }

    @Override
    public void interceptPacket(Packet packet, Session session, boolean incoming, boolean processed) {
        if (!incoming || !(packet instanceof Presence presence) || !isBroadcast(presence) || !active.getAsBoolean()) {
            return;
        }
        JID from = session != null && session.getAddress() != null ? session.getAddress() : presence.getFrom();
        if (from == null || from.getNode() == null || from.getResource() == null
                || !domain.equals(from.getDomain())) {
            return;
        }
        if (session instanceof ClientSession client && client.isAnonymousUser()) {
            return;
        }
        if (!processed) {
            if (presence.getType() == null && session instanceof ClientSession client && !client.isInitialized()) {
                firstPresence.add(from); // Openfire marks the session initialised while routing it
            }
            return;
        }
        try {
            Set<String> skip = reachedByOpenfire.apply(from.getNode());
            fanout.broadcast(presence, from, skip::contains);
            if (presence.getType() == null && firstPresence.remove(from)) {
                fanout.catchUp(from);
                aliases.catchUp(from);
            } else if (presence.getType() == Presence.Type.unavailable) {
                firstPresence.remove(from);
            }
            boolean cameOrWent = presence.getType() == null ? available.add(from) : available.remove(from);
            if (cameOrWent) {
                aliases.memberChanged(from.getNode()); // "3 members online" follows its members
            }
        } catch (RuntimeException e) {
            LOG.warn("Could not send the presence of {} to domain contacts", from, e); // never throw after routing
        }
    }

    private boolean isBroadcast(Presence presence) {
        Presence.Type type = presence.getType();
        if (type != null && type != Presence.Type.unavailable) {
            return false; // subscriptions, probes and errors are not broadcasts
        }
        JID to = presence.getTo();
        return to == null || (to.getNode() == null && to.getResource() == null && domain.equals(to.getDomain()));
    }
}
