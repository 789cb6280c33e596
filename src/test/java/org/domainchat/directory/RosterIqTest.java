package org.domainchat.directory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.dom4j.Element;
import org.domainchat.util.XmlChars;
import org.junit.jupiter.api.Test;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;

class RosterIqTest {

    private static IQ rosterGet() {
        IQ get = new IQ(IQ.Type.get, "r1");
        get.setFrom(new JID("alice@example.com/laptop"));
        get.setChildElement("query", RosterIq.NAMESPACE).addAttribute("ver", "old");
        return get;
    }

    @Test
    void theResultCarriesEveryItemAndTheVersion() {
        List<RosterEntry> entries = List.of(
                new RosterEntry("bob@example.com", "Bob <\"the builder\"> & Co", List.of("example.com"), "both", null,
                        true),
                new RosterEntry("x@other.org", null, List.of("A", "B"), "none", "subscribe", false));
        IQ result = RosterIq.result(rosterGet(), entries, "dc-1-2");
        assertEquals(IQ.Type.result, result.getType());
        assertEquals("r1", result.getID());
        assertEquals(new JID("alice@example.com/laptop"), result.getTo());
        Element query = result.getChildElement();
        assertEquals("dc-1-2", query.attributeValue("ver"));
        List<Element> items = query.elements("item");
        assertEquals(2, items.size());
        assertEquals("Bob <\"the builder\"> & Co", items.get(0).attributeValue("name"));
        assertTrue(result.toXML().contains("name=\"Bob &lt;&quot;the builder&quot;&gt; &amp; Co\""),
                result.toXML());
        assertEquals("both", items.get(0).attributeValue("subscription"));
        assertEquals("example.com", items.get(0).elementText("group"));
        assertNull(items.get(1).attributeValue("name"));
        assertEquals("subscribe", items.get(1).attributeValue("ask"));
        assertEquals(2, items.get(1).elements("group").size());
    }

    @Test
    void namesAndGroupsWithCharactersXmlForbidsAreWrittenWithoutThem() {
        // e.g. a user store or an Openfire group's name with a control character: it would close the client's stream
        List<RosterEntry> entries = List.of(new RosterEntry("bob@example.com", "Bob\u0000 B\u001Baker\uFFFE",
                List.of("Sales\uFFFF", "\uD800Team"), "both", null, true));
        IQ result = RosterIq.result(rosterGet(), entries, "dc-1-2");
        Element item = result.getChildElement().element("item");
        assertEquals("Bob Baker", item.attributeValue("name"));
        assertEquals(List.of("Sales", "Team"), item.elements("group").stream().map(Element::getText).toList());
        IQ push = RosterIq.push(new JID("alice@example.com/phone"), entries.get(0), "dc-9-0");
        for (IQ iq : List.of(result, push)) {
            assertEquals(-1, XmlChars.firstInvalid(iq.toXML()), iq.toXML());
        }
    }

    @Test
    void anUnchangedRosterIsAnEmptyResult() {
        IQ result = RosterIq.unchanged(rosterGet());
        assertEquals(IQ.Type.result, result.getType());
        assertNull(result.getChildElement(), "no items are transferred (XEP-0237)");
    }

    @Test
    void aPushIsASetToOneResourceWithTheNewVersion() {
        IQ push = RosterIq.push(new JID("alice@example.com/phone"),
                new RosterEntry("dave@example.com", "Dave", List.of("example.com"), "remove", null, true), "dc-9-0");
        assertEquals(IQ.Type.set, push.getType());
        assertEquals("dc-9-0", push.getChildElement().attributeValue("ver"));
        assertEquals("remove", push.getChildElement().element("item").attributeValue("subscription"));
    }
}
