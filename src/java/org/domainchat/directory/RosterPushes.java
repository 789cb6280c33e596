package org.domainchat.directory;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

import org.domainchat.alias.AliasBook;
import org.domainchat.presence.Online;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;

/**
 * The roster pushes a directory or alias change causes: every available resource of every online user it
 * concerns gets the changed contact, merged with that user's own item for it, and that user's new roster version,
 * so clients see colleagues and aliases come, change and go without logging in again. A user who removed the
 * contact from their roster is not told.
 */
public final class RosterPushes {

    private final ContactRoster contacts;
    private final Online online;
    private final Function<String, List<RosterEntry>> ownItems;

    /** @param ownItems a user's stored roster items */
    public RosterPushes(ContactRoster contacts, Online online, Function<String, List<RosterEntry>> ownItems) {
        this.contacts = contacts;
        this.online = online;
        this.ownItems = ownItems;
    }

    public List<IQ> pushesFor(DomainDirectory.Change change) {
        DomainDirectory.Snapshot snapshot = contacts.directory();
        String changed = change.user().username();
        String jid = changed + "@" + contacts.domain();
        List<IQ> pushes = new ArrayList<>();
        for (String username : online.usernames()) {
            if (username.equals(changed) || !snapshot.contains(username)
                    || contacts.hiddenBy(username).contains(changed)) {
                continue; // not in this user's roster: nothing to tell them
            }
            List<RosterEntry> own = ownItems.apply(username);
            RosterEntry entry = change.removed() ? removal(jid, own) : contacts.colleagueEntry(change.user(), own);
            addPushes(pushes, username, entry, contacts.version(username, own));
        }
        return pushes;
    }

    /** For each online user, the aliases that appeared, changed or disappeared from their view. */
    public List<IQ> pushesFor(AliasBook.Change change) {
        Set<String> names = new TreeSet<>(change.after().byName().keySet());
        if (change.before() != null) {
            names.addAll(change.before().byName().keySet());
        }
        List<IQ> pushes = new ArrayList<>();
        for (String username : online.usernames()) {
            List<RosterEntry> own = null;
            for (String name : names) {
                Optional<AliasBook.Entry> before = change.before() == null ? Optional.empty()
                        : change.before().entry(name).filter(e -> e.isVisibleTo(username));
                Optional<AliasBook.Entry> after = change.after().entry(name).filter(e -> e.isVisibleTo(username));
                if (before.isEmpty() && after.isEmpty() || before.isPresent() && after.isPresent()
                        && before.get().alias().displayName().equals(after.get().alias().displayName())
                        || contacts.hiddenBy(username).contains(name)) {
                    continue; // nothing this user sees changed
                }
                if (own == null) {
                    own = ownItems.apply(username);
                }
                String jid = name + "@" + contacts.domain();
                RosterEntry entry = after.isPresent() ? contacts.aliasEntry(after.get(), own) : removal(jid, own);
                addPushes(pushes, username, entry, contacts.version(username, own));
            }
        }
        return pushes;
    }

    /** A contact that leaves domain chat stays if the user had stored it themselves, as they stored it. */
    private static RosterEntry removal(String jid, List<RosterEntry> own) {
        return own.stream().filter(e -> e.jid().equals(jid)).findFirst()
                .orElse(new RosterEntry(jid, null, List.of(), "remove", null, true));
    }

    private void addPushes(List<IQ> pushes, String username, RosterEntry entry, String version) {
        for (JID resource : online.resources(username)) {
            pushes.add(RosterIq.push(resource, entry, version));
        }
    }
}
