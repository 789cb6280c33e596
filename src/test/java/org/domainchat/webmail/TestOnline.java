package org.domainchat.webmail;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.domainchat.presence.Online;
import org.xmpp.packet.JID;
import org.xmpp.packet.Presence;

/**
 * Openfire's session table at the edge, safe to change from the test thread while Jetty's threads read it: each
 * resource with its current presence.
 */
final class TestOnline implements Online {

    private final Map<JID, Presence> sessions = new ConcurrentHashMap<>();

    /** A resource comes online or changes its presence; {@code show} null is plain available. */
    TestOnline with(String fullJid, Presence.Show show, String status) {
        Presence p = new Presence();
        JID jid = new JID(fullJid);
        p.setFrom(jid);
        if (show != null) {
            p.setShow(show);
        }
        if (status != null) {
            p.setStatus(status);
        }
        sessions.put(jid, p);
        return this;
    }

    /** A session that has not sent its initial presence yet, or has gone unavailable without closing. */
    TestOnline unavailable(String fullJid) {
        Presence p = new Presence(Presence.Type.unavailable);
        p.setFrom(new JID(fullJid));
        sessions.put(new JID(fullJid), p);
        return this;
    }

    TestOnline without(String fullJid) {
        sessions.remove(new JID(fullJid));
        return this;
    }

    @Override
    public Collection<String> usernames() {
        return sessions.keySet().stream().map(JID::getNode).distinct().toList();
    }

    @Override
    public List<JID> resources(String username) {
        List<JID> out = new ArrayList<>();
        for (JID jid : sessions.keySet()) {
            if (jid.getNode().equals(username)) {
                out.add(jid);
            }
        }
        return out;
    }

    @Override
    public Presence presenceOf(JID resource) {
        return sessions.get(resource);
    }
}
