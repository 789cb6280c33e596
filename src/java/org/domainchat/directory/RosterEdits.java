package org.domainchat.directory;

import java.util.List;
import java.util.Optional;

import org.dom4j.Element;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.PacketError;
import org.xmpp.packet.Presence;

/**
 * What a client's roster edit or subscription stanza means for a contact domain chat manages (a colleague or an
 * alias the user sees), so that every edit a client makes succeeds and leaves a roster the server and the client
 * agree on:
 *
 * <ul>
 *   <li>removing the contact takes it out of this user's roster (and roster pushes) until they add it again;
 *       chat, presence, personal eventing and webmail stay as they are;</li>
 *   <li>adding a removed contact back (a roster set, or a subscription request) puts it back, with the name and
 *       groups the client gave;</li>
 *   <li>renaming and regrouping a shown contact are Openfire's business: it stores the user's own item, which
 *       wins;</li>
 *   <li>unsubscribing from, or cancelling the subscription of, a shown contact changes nothing (colleagues always
 *       see each other), and the client is told so by a push of the unchanged item.</li>
 * </ul>
 */
public final class RosterEdits {

    /** What to do. */
    public sealed interface Edit permits Remove, Restore, NotInRoster, Unchanged, NotOurs {
    }

    /** Hide {@code contact} (a local part) for the user, answer the set, push its removal to their resources. */
    public record Remove(String contact, String jid) implements Edit {
    }

    /**
     * Show {@code contact} again; then a roster set goes on to Openfire (which stores the client's name and groups
     * and pushes the item), and a subscription request is answered like any other.
     */
    public record Restore(String contact, String jid) implements Edit {
    }

    /** Removing a contact that is not in the roster (already removed): RFC 6121 §2.5.3's item-not-found. */
    public record NotInRoster(IQ error) implements Edit {
    }

    /** Push {@code entry} as it is to the user's resources: their edit cannot change it. */
    public record Unchanged(RosterEntry entry) implements Edit {
    }

    /** Not a managed contact, or not an edit: Openfire handles it. */
    public record NotOurs() implements Edit {
    }

    private static final NotOurs NOT_OURS = new NotOurs();

    private final ContactRoster contacts;

    public RosterEdits(ContactRoster contacts) {
        this.contacts = contacts;
    }

    /** A roster set from {@code username}'s client. Sets with other than exactly one item are Openfire's. */
    public Edit rosterSet(IQ set, String username) {
        Element query = set.getChildElement();
        if (set.getType() != IQ.Type.set || query == null || query.elements("item").size() != 1) {
            return NOT_OURS;
        }
        Element item = query.element("item");
        String jid = bare(item.attributeValue("jid"));
        if (jid == null || !contacts.isManaged(username, jid)) {
            return NOT_OURS;
        }
        String contact = jid.substring(0, jid.indexOf('@'));
        boolean removed = contacts.isHidden(username, jid);
        if ("remove".equals(item.attributeValue("subscription"))) {
            if (removed) {
                IQ error = IQ.createResultIQ(set);
                error.setChildElement(query.createCopy());
                error.setError(PacketError.Condition.item_not_found);
                return new NotInRoster(error);
            }
            return new Remove(contact, jid);
        }
        return removed ? new Restore(contact, jid) : NOT_OURS;
    }

    /**
     * A subscription stanza {@code username}'s client sends to a contact domain chat manages. Probes and approvals
     * ({@code subscribed}) change no roster: {@link NotOurs}.
     *
     * @param own the user's stored roster items (for the name and groups of an unchanged item)
     */
    public Edit subscription(Presence presence, String username, List<RosterEntry> own) {
        JID to = presence.getTo();
        if (to == null || to.getNode() == null) {
            return NOT_OURS;
        }
        String jid = to.toBareJID();
        if (!contacts.isManaged(username, jid)) {
            return NOT_OURS;
        }
        boolean removed = contacts.isHidden(username, jid);
        Presence.Type type = presence.getType();
        if (type == Presence.Type.subscribe) {
            return removed ? new Restore(to.getNode(), jid) : NOT_OURS;
        }
        if ((type == Presence.Type.unsubscribe || type == Presence.Type.unsubscribed) && !removed) {
            Optional<RosterEntry> entry = contacts.shownEntry(username, jid, own);
            return entry.<Edit>map(Unchanged::new).orElse(NOT_OURS);
        }
        return NOT_OURS;
    }

    /** The entry a restored contact has in the roster of a user with {@code own}, for its push. */
    public Optional<RosterEntry> entry(String username, String jid, List<RosterEntry> own) {
        return contacts.shownEntry(username, jid, own);
    }

    /** The push that takes {@code jid} out of one resource's roster. */
    public static IQ removalPush(JID resource, String jid, String version) {
        return RosterIq.push(resource, new RosterEntry(jid, null, List.of(), "remove", null, true), version);
    }

    public String version(String username, List<RosterEntry> own) {
        return contacts.version(username, own);
    }

    private static String bare(String jid) {
        if (jid == null) {
            return null;
        }
        try {
            return new JID(jid).toBareJID();
        } catch (IllegalArgumentException malformed) {
            return null;
        }
    }
}
