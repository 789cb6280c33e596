package org.domainchat.presence;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.Supplier;

import org.domainchat.directory.DomainDirectory;
import org.xmpp.packet.JID;
import org.xmpp.packet.Presence;

/**
 * Live presence between domain contacts, which are not in the stored rosters Openfire broadcasts to. A user's
 * presence change goes to the available resources of every online, visible domain user (offline accounts cost
 * nothing); a resource that comes online gets the current presence of every online contact. Each recipient gets its
 * own copy, because Openfire may queue a stanza object for a client instead of writing it at once.
 */
public final class PresenceFanout {

    private final Supplier<DomainDirectory.Snapshot> directory;
    private final Online online;
    private final StanzaRouter router;

    public PresenceFanout(Supplier<DomainDirectory.Snapshot> directory, Online online, StanzaRouter router) {
        this.directory = directory;
        this.online = online;
        this.router = router;
    }

    /**
     * Sends {@code presence} (available or unavailable) of {@code from} to its online domain contacts.
     *
     * @param skip contacts Openfire already sent it to (the sender's stored FROM/BOTH roster items)
     * @return how many stanzas were sent
     */
    public int broadcast(Presence presence, JID from, Predicate<String> skip) {
        DomainDirectory.Snapshot snapshot = directory.get();
        String sender = from.getNode();
        if (sender == null || !snapshot.contains(sender)) {
            return 0; // hidden accounts and unknown senders are nobody's contact
        }
        int sent = 0;
        for (JID resource : onlineContactResources(snapshot, sender, skip)) {
            Presence copy = presence.createCopy();
            copy.setFrom(from);
            copy.setTo(resource);
            router.route(resource, copy);
            sent++;
        }
        return sent;
    }

    /**
     * Sends a resource that has just come online the current presence of each online domain contact.
     *
     * @return how many stanzas were sent
     */
    public int catchUp(JID newResource) {
        DomainDirectory.Snapshot snapshot = directory.get();
        String self = newResource.getNode();
        if (self == null || !snapshot.contains(self)) {
            return 0;
        }
        int sent = 0;
        for (JID resource : onlineContactResources(snapshot, self, username -> false)) {
            Presence current = online.presenceOf(resource);
            if (current == null || current.getType() != null) {
                continue; // not available (yet)
            }
            Presence copy = current.createCopy();
            copy.setFrom(resource);
            copy.setTo(newResource);
            router.route(newResource, copy);
            sent++;
        }
        return sent;
    }

    /** The available resources of every online, visible domain user other than {@code self} and the skipped. */
    private List<JID> onlineContactResources(DomainDirectory.Snapshot snapshot, String self, Predicate<String> skip) {
        List<JID> resources = new ArrayList<>();
        for (String username : online.usernames()) {
            if (!username.equals(self) && snapshot.contains(username) && !skip.test(username)) {
                resources.addAll(online.resources(username));
            }
        }
        return resources;
    }
}
