package org.domainchat.openfire;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.domainchat.presence.Online;
import org.domainchat.presence.StanzaRouter;
import org.jivesoftware.openfire.RoutingTable;
import org.jivesoftware.openfire.session.ClientSession;
import org.xmpp.packet.JID;
import org.xmpp.packet.Packet;
import org.xmpp.packet.Presence;

/** {@link Online} and {@link StanzaRouter} over Openfire's routing table (cluster-wide). */
final class OpenfireOnline implements Online, StanzaRouter {

    private final RoutingTable routes;
    private final String domain;

    OpenfireOnline(RoutingTable routes, String domain) {
        this.routes = routes;
        this.domain = domain;
    }

    @Override
    public Collection<String> usernames() {
        Set<String> online = new LinkedHashSet<>();
        for (ClientSession session : routes.getClientsRoutes(false)) {
            if (session == null || session.isAnonymousUser()) {
                continue;
            }
            Presence presence = session.getPresence();
            JID address = session.getAddress();
            if (presence != null && presence.isAvailable() && address != null && address.getNode() != null) {
                online.add(address.getNode());
            }
        }
        return online;
    }

    @Override
    public List<JID> resources(String username) {
        return routes.getRoutes(new JID(username, domain, null, true), null);
    }

    @Override
    public Presence presenceOf(JID resource) {
        ClientSession session = routes.getClientRoute(resource);
        return session == null ? null : session.getPresence();
    }

    /** Never to a bare JID: Openfire refuses to route presences and IQs to one. */
    @Override
    public void route(JID resource, Packet packet) {
        routes.routePacket(resource, packet);
    }
}
