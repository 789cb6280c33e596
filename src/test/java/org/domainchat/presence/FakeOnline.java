package org.domainchat.presence;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.xmpp.packet.JID;
import org.xmpp.packet.Presence;

/** Openfire's session table at the edge: resources with their current presence. */
public final class FakeOnline implements Online {

    private final Map<JID, Presence> sessions = new LinkedHashMap<>();

    public synchronized FakeOnline with(String fullJid, Presence.Show show, String status) {
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

    public synchronized FakeOnline without(String fullJid) {
        sessions.remove(new JID(fullJid));
        return this;
    }

    @Override
    public synchronized Collection<String> usernames() {
        return sessions.keySet().stream().map(JID::getNode).distinct().toList();
    }

    @Override
    public synchronized List<JID> resources(String username) {
        List<JID> out = new ArrayList<>();
        for (JID jid : sessions.keySet()) {
            if (jid.getNode().equals(username)) {
                out.add(jid);
            }
        }
        return out;
    }

    @Override
    public synchronized Presence presenceOf(JID resource) {
        return sessions.get(resource);
    }
}
