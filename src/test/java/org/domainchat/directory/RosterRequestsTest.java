package org.domainchat.directory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.dom4j.DocumentHelper;
import org.junit.jupiter.api.Test;
import org.xmpp.packet.IQ;

/** Roster requests at stanza level: real Tinder IQs parsed from the XML a client sends. */
class RosterRequestsTest {

    private final DomainDirectory directory = new DomainDirectory(List.of(new DirectoryUser("alice", "Alice"),
            new DirectoryUser("bob", "Bob Brown"), new DirectoryUser("admin", "Admin")), List.of("admin"));
    private final RosterRequests requests = new RosterRequests(new ContactRoster(directory::snapshot,
            () -> new org.domainchat.alias.AliasBook.View(java.util.Map.of(), "none"), "example.com", () -> "Example",
            () -> "Aliases"));
    private final List<RosterEntry> own = List.of(
            new RosterEntry("friend@other.org", "Friend", List.of("Friends"), "both", null, false));

    private static IQ parse(String xml) throws Exception {
        return new IQ(DocumentHelper.parseText(xml).getRootElement());
    }

    private static IQ get(String ver) throws Exception {
        return parse("<iq type='get' id='r1' from='alice@example.com/laptop'><query xmlns='jabber:iq:roster'"
                + (ver == null ? "" : " ver='" + ver + "'") + "/></iq>");
    }

    @Test
    void aGetReturnsOwnItemsAndDomainContactsWithAVersion() throws Exception {
        IQ result = requests.answerGet(get(""), "alice", own, true);
        assertEquals(IQ.Type.result, result.getType());
        assertEquals("r1", result.getID());
        String ver = result.getChildElement().attributeValue("ver");
        assertNotNull(ver);
        List<String> jids = result.getChildElement().elements("item").stream()
                .map(e -> e.attributeValue("jid")).sorted().toList();
        assertEquals(List.of("bob@example.com", "friend@other.org"), jids);

        IQ again = requests.answerGet(get(ver), "alice", own, true);
        assertNull(again.getChildElement(), "same version: no items are sent");

        directory.accountSaved(new DirectoryUser("carol", "Carol"));
        IQ changed = requests.answerGet(get(ver), "alice", own, true);
        assertEquals(3, changed.getChildElement().elements("item").size(), "a new colleague: the full roster");
    }

    @Test
    void withoutVersioningThereIsNoVer() throws Exception {
        IQ result = requests.answerGet(get(null), "alice", own, false);
        assertNull(result.getChildElement().attributeValue("ver"));
        assertEquals(2, result.getChildElement().elements("item").size());
    }
}
