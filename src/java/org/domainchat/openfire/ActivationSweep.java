package org.domainchat.openfire;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import org.domainchat.directory.ContactRoster;
import org.domainchat.directory.DomainDirectory;
import org.domainchat.directory.RosterEntry;
import org.domainchat.directory.RosterIq;
import org.domainchat.presence.AliasPresence;
import org.domainchat.presence.PresenceFanout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.JID;

/**
 * Domain chat was switched on or off: online users get the colleagues and aliases (or lose them) and the current
 * presences at once, unless that would take more than {@link #BUDGET} stanzas; then they see it at their next login.
 * The user's own items stay when it goes off, and contacts a user removed from their roster stay out.
 */
final class ActivationSweep {

    private static final Logger LOG = LoggerFactory.getLogger(ActivationSweep.class);
    /** Above this many stanzas, switching domain chat on or off reaches online users at their next login instead. */
    static final int BUDGET = 250_000;

    private final ContactRoster contacts;
    private final OpenfireOnline online;
    private final Function<String, List<RosterEntry>> ownItems;
    private final PresenceFanout fanout;
    private final AliasPresence aliasPresence;

    ActivationSweep(ContactRoster contacts, OpenfireOnline online, Function<String, List<RosterEntry>> ownItems,
                    PresenceFanout fanout, AliasPresence aliasPresence) {
        this.contacts = contacts;
        this.online = online;
        this.ownItems = ownItems;
        this.fanout = fanout;
        this.aliasPresence = aliasPresence;
    }

    void run(boolean on) {
        List<String> users = new ArrayList<>(online.usernames());
        DomainDirectory.Snapshot snapshot = contacts.directory();
        long cost = (long) users.size() * (snapshot.users().size() + contacts.aliases().byName().size()) * 2;
        if (cost > BUDGET) {
            LOG.info("domainchat {}: {} online users see the change at their next login", on ? "on" : "off",
                    users.size());
            return;
        }
        for (String username : users) {
            if (!snapshot.contains(username)) {
                continue;
            }
            List<RosterEntry> own = ownItems.apply(username);
            Set<String> ownJids = new HashSet<>();
            own.forEach(e -> ownJids.add(e.jid()));
            String version = contacts.version(username, own);
            for (RosterEntry entry : contacts.build(username, own)) {
                if (!entry.managed() || (!on && ownJids.contains(entry.jid()))) {
                    continue;
                }
                RosterEntry sent = on ? entry
                        : new RosterEntry(entry.jid(), null, List.of(), "remove", null, true);
                for (JID resource : online.resources(username)) {
                    online.route(resource, RosterIq.push(resource, sent, on ? version : null));
                }
            }
            if (on) {
                for (JID resource : online.resources(username)) {
                    fanout.catchUp(resource);
                    aliasPresence.catchUp(resource);
                }
            }
        }
    }
}
