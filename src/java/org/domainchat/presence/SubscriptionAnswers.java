package org.domainchat.presence;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import org.domainchat.alias.AliasBook;
import org.domainchat.directory.DomainDirectory;
import org.xmpp.packet.JID;
import org.xmpp.packet.Presence;

/**
 * Domain contacts are subscribed both ways without anyone asking, so the subscription stanzas a client sends them
 * (clients do, e.g. after a reinstall) are answered here instead of by the server, which would otherwise store
 * roster items or answer "unsubscribed". A subscribe gets "subscribed" plus the contact's presence; a probe gets the
 * contact's presence; unsubscribing changes nothing (the contact stays, as the roster handler explains). Chat
 * aliases answer the same way, with their "members online" presence.
 */
public final class SubscriptionAnswers {

    private final Supplier<DomainDirectory.Snapshot> directory;
    private final Supplier<AliasBook.View> aliases;
    private final AliasPresence aliasPresence;
    private final Online online;
    private final String domain;

    public SubscriptionAnswers(Supplier<DomainDirectory.Snapshot> directory, Supplier<AliasBook.View> aliases,
                               AliasPresence aliasPresence, Online online, String domain) {
        this.directory = directory;
        this.aliases = aliases;
        this.aliasPresence = aliasPresence;
        this.online = online;
        this.domain = domain;
    }

    /** True when {@code presence} from {@code sender} is a subscription stanza or probe to a domain contact. */
    public boolean concerns(Presence presence, JID sender) {
        Presence.Type type = presence.getType();
        if (type != Presence.Type.subscribe && type != Presence.Type.subscribed && type != Presence.Type.unsubscribe
                && type != Presence.Type.unsubscribed && type != Presence.Type.probe) {
            return false;
        }
        JID to = presence.getTo();
        if (to != null && sender != null && to.getNode() != null && domain.equals(to.getDomain())
                && domain.equals(sender.getDomain()) && sender.getNode() != null) {
            Optional<AliasBook.Entry> alias = aliases.get().entry(to.getNode());
            if (alias.isPresent()) {
                return alias.get().isVisibleTo(sender.getNode());
            }
        }
        DomainDirectory.Snapshot snapshot = directory.get();
        return to != null && sender != null && to.getNode() != null && domain.equals(to.getDomain())
                && domain.equals(sender.getDomain()) && sender.getNode() != null
                && !to.getNode().equals(sender.getNode())
                && snapshot.contains(to.getNode()) && snapshot.contains(sender.getNode());
    }

    /** What {@code sender} (a full JID) is sent back; each stanza is addressed to {@code sender}. */
    public List<Presence> answer(Presence presence, JID sender) {
        List<Presence> out = new ArrayList<>();
        JID contact = presence.getTo().asBareJID();
        Optional<AliasBook.Entry> alias = aliases.get().entry(contact.getNode());
        if (alias.isPresent()) {
            // an alias is a contact of everyone who sees it; it answers for itself
            if (presence.getType() == Presence.Type.subscribe) {
                Presence subscribed = new Presence(Presence.Type.subscribed);
                subscribed.setFrom(contact);
                subscribed.setTo(sender);
                out.add(subscribed);
            }
            if (presence.getType() == Presence.Type.subscribe || presence.getType() == Presence.Type.probe) {
                out.add(aliasPresence.presenceOf(alias.get(), sender));
            }
            return out;
        }
        if (presence.getType() == Presence.Type.subscribe) {
            Presence subscribed = new Presence(Presence.Type.subscribed);
            subscribed.setFrom(contact);
            subscribed.setTo(sender); // to the asking resource: Openfire routes presences to full JIDs only
            out.add(subscribed);
        }
        if (presence.getType() == Presence.Type.subscribe || presence.getType() == Presence.Type.probe) {
            List<JID> resources = online.resources(contact.getNode());
            for (JID resource : resources) {
                Presence current = online.presenceOf(resource);
                if (current != null && current.getType() == null) {
                    Presence copy = current.createCopy();
                    copy.setFrom(resource);
                    copy.setTo(sender);
                    out.add(copy);
                }
            }
            if (resources.isEmpty() && presence.getType() == Presence.Type.probe) {
                Presence offline = new Presence(Presence.Type.unavailable);
                offline.setFrom(contact);
                offline.setTo(sender);
                out.add(offline);
            }
        }
        return out;
    }
}
