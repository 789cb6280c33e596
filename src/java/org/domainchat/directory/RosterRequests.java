package org.domainchat.directory;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import org.dom4j.Element;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.PacketError;

/**
 * Answers roster requests for domain chat: a get is the user's own items merged with the domain directory, versioned
 * per XEP-0237; a set that removes a domain contact is refused, everything else is Openfire's business.
 */
public final class RosterRequests {

    private final Supplier<DomainDirectory.Snapshot> directory;
    private final String domain;
    private final Supplier<String> domainGroup;

    /** @param domainGroup the group domain contacts appear in (the domain unless configured) */
    public RosterRequests(Supplier<DomainDirectory.Snapshot> directory, String domain, Supplier<String> domainGroup) {
        this.directory = directory;
        this.domain = domain;
        this.domainGroup = domainGroup;
    }

    /**
     * The answer to a roster get from {@code username}, whose stored items are {@code own}.
     *
     * @param versioning whether roster versioning is on (then an unchanged roster is an empty result)
     */
    public IQ answerGet(IQ get, String username, List<RosterEntry> own, boolean versioning) {
        DomainDirectory.Snapshot snapshot = directory.get();
        String group = domainGroup.get();
        List<RosterEntry> roster = DomainRoster.build(username, domain, group, snapshot, own);
        if (!versioning) {
            return RosterIq.result(get, roster, null);
        }
        String version = DomainRoster.version(snapshot, own, group);
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
        DomainDirectory.Snapshot snapshot = directory.get();
        for (Element item : query.elements("item")) {
            if (!"remove".equals(item.attributeValue("subscription"))) {
                continue;
            }
            String contact = domainContact(item.attributeValue("jid"), snapshot);
            if (contact != null && !contact.equals(username)) {
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

    /** The username when {@code jid} is a visible user of the domain, else null. */
    private String domainContact(String jid, DomainDirectory.Snapshot snapshot) {
        if (jid == null) {
            return null;
        }
        try {
            JID parsed = new JID(jid);
            return domain.equals(parsed.getDomain()) && parsed.getNode() != null
                    && snapshot.contains(parsed.getNode()) ? parsed.getNode() : null;
        } catch (IllegalArgumentException malformed) {
            return null;
        }
    }
}
