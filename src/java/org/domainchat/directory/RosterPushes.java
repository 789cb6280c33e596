package org.domainchat.directory;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

import org.domainchat.presence.Online;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;

/**
 * The roster pushes a directory change causes: every available resource of every online user (but the one who
 * changed) gets the changed contact, merged with that user's own item for it, and that user's new roster version,
 * so clients see colleagues come, change and go without logging in again.
 */
public final class RosterPushes {

    private final Supplier<DomainDirectory.Snapshot> directory;
    private final Online online;
    private final String domain;
    private final Supplier<String> domainGroup;
    private final Function<String, List<RosterEntry>> ownItems;

    /** @param ownItems a user's stored roster items */
    public RosterPushes(Supplier<DomainDirectory.Snapshot> directory, Online online, String domain,
                        Supplier<String> domainGroup, Function<String, List<RosterEntry>> ownItems) {
        this.directory = directory;
        this.online = online;
        this.domain = domain;
        this.domainGroup = domainGroup;
        this.ownItems = ownItems;
    }

    public List<IQ> pushesFor(DomainDirectory.Change change) {
        DomainDirectory.Snapshot snapshot = directory.get();
        String group = domainGroup.get();
        String changed = change.user().username();
        List<IQ> pushes = new ArrayList<>();
        for (String username : online.usernames()) {
            if (username.equals(changed) || !snapshot.contains(username)) {
                continue;
            }
            List<RosterEntry> own = ownItems.apply(username);
            RosterEntry entry = change.removed()
                    ? new RosterEntry(changed + "@" + domain, null, List.of(), "remove", null, true)
                    : DomainRoster.entryFor(change.user(), domain, group, own);
            String version = DomainRoster.version(snapshot, own, group);
            for (JID resource : online.resources(username)) {
                pushes.add(RosterIq.push(resource, entry, version));
            }
        }
        return pushes;
    }
}
