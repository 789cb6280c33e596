package org.domainchat.directory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.dom4j.DocumentHelper;
import org.junit.jupiter.api.Test;
import org.xmpp.packet.IQ;
import org.xmpp.packet.PacketError;

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

    @Test
    void removingADomainContactIsRefusedWithAReason() throws Exception {
        IQ remove = parse("<iq type='set' id='s1' from='alice@example.com/laptop'><query xmlns='jabber:iq:roster'>"
                + "<item jid='bob@example.com' subscription='remove'/></query></iq>");
        IQ error = requests.refusal(remove, "alice").orElseThrow();
        assertEquals(IQ.Type.error, error.getType());
        assertEquals("s1", error.getID());
        assertEquals(PacketError.Condition.not_allowed, error.getError().getCondition());
        assertTrue(error.getError().getText().contains("cannot be removed"), error.getError().getText());
        assertEquals("bob@example.com", error.getChildElement().element("item").attributeValue("jid"));
    }

    @Test
    void everythingElseIsLeftToTheServer() throws Exception {
        for (String item : List.of("<item jid='friend@other.org' subscription='remove'/>",
                "<item jid='admin@example.com' subscription='remove'/>",          // hidden: an ordinary contact
                "<item jid='bob@example.com' name='Bobby'><group>Team</group></item>", // rename: own item wins
                "<item jid='not a jid@@' subscription='remove'/>")) {
            IQ set = parse("<iq type='set' id='s2' from='alice@example.com/x'><query xmlns='jabber:iq:roster'>"
                    + item + "</query></iq>");
            assertTrue(requests.refusal(set, "alice").isEmpty(), item);
        }
        assertTrue(requests.refusal(parse("<iq type='set' id='s3'/>"), "alice").isEmpty());
    }
}
