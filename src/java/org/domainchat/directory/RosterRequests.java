package org.domainchat.directory;

import java.util.List;
import java.util.Optional;

import org.dom4j.Element;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.PacketError;

/**
 * Answers roster requests for domain chat: a get is the user's own items merged with the domain directory, versioned
 * per XEP-0237; a set that removes a domain contact is refused, everything else is Openfire's business.
 */
public final class RosterRequests {

    private final ContactRoster contacts;
    private final String domain;

    public RosterRequests(ContactRoster contacts) {
        this.contacts = contacts;
        this.domain = contacts.domain();
    }

    /**
     * The answer to a roster get from {@code username}, whose stored items are {@code own}.
     *
     * @param versioning whether roster versioning is on (then an unchanged roster is an empty result)
     */
    public IQ answerGet(IQ get, String username, List<RosterEntry> own, boolean versioning) {
        List<RosterEntry> roster = contacts.build(username, own);
        if (!versioning) {
            return RosterIq.result(get, roster, null);
        }
        String version = contacts.version(own);
        Element query = get.getChildElement();
        if (query != null && version.equals(query.attributeValue("ver"))) {
            return RosterIq.unchanged(get);
        }
        return RosterIq.result(get, roster, version);
    }

    /**
     * The error for a roster set that would remove a domain contact, or empty when the set is not one (then the
     * server handles it: renaming or regrouping a domain contact stores the user's own item, which wins).
     */
    public Optional<IQ> refusal(IQ set, String username) {
        Element query = set.getChildElement();
        if (query == null) {
            return Optional.empty();
        }
        for (Element item : query.elements("item")) {
            if (!"remove".equals(item.attributeValue("subscription"))) {
                continue;
            }
            String contact = bare(item.attributeValue("jid"));
            if (contact != null && contacts.isManaged(username, contact)) {
                IQ error = IQ.createResultIQ(set);
                error.setChildElement(query.createCopy());
                error.setError(new PacketError(PacketError.Condition.not_allowed, PacketError.Type.cancel,
                        item.attributeValue("jid") + " is a contact for everyone on " + domain
                                + " and cannot be removed. You can rename it or move it to another group."));
                return Optional.of(error);
            }
        }
        return Optional.empty();
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
