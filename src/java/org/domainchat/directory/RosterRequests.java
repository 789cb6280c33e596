package org.domainchat.directory;

import java.util.List;

import org.dom4j.Element;
import org.xmpp.packet.IQ;

/**
 * Answers roster gets for domain chat: the user's own items merged with the domain directory, versioned per
 * XEP-0237. Roster sets are {@link RosterEdits}'.
 */
public final class RosterRequests {

    private final ContactRoster contacts;

    public RosterRequests(ContactRoster contacts) {
        this.contacts = contacts;
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
        String version = contacts.version(username, own);
        Element query = get.getChildElement();
        if (query != null && version.equals(query.attributeValue("ver"))) {
            return RosterIq.unchanged(get);
        }
        return RosterIq.result(get, roster, version);
    }
}
