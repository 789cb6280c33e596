package org.domainchat.pep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import org.dom4j.DocumentHelper;
import org.dom4j.Element;
import org.domainchat.alias.AliasBook;
import org.domainchat.colleagues.Colleagues;
import org.domainchat.directory.DirectoryUser;
import org.domainchat.directory.DomainDirectory;
import org.domainchat.presence.FakeOnline;
import org.junit.jupiter.api.Test;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;
import org.xmpp.packet.Packet;

/**
 * Personal eventing notifications to colleagues at stanza level: who gets one (online colleagues whose capabilities
 * ask for the node), who does not (resources without the interest, the owner, hidden accounts, those Openfire
 * notifies itself, those the node's access model keeps out, everyone while domain chat is off), and its shape.
 */
class PepNotificationsTest {

    static final String MOOD = "http://jabber.org/protocol/mood";
    private final DomainDirectory directory = new DomainDirectory(List.of(new DirectoryUser("alice", "Alice"),
            new DirectoryUser("bob", "Bob"), new DirectoryUser("carol", "Carol"), new DirectoryUser("dave", "Dave"),
            new DirectoryUser("admin", "Admin")), List.of("admin"));
    private final AtomicBoolean active = new AtomicBoolean(true);
    private final Colleagues colleagues = new Colleagues(directory::snapshot, () -> new AliasBook.View(Map.of(), "-"),
            "example.com", active::get);
    private final FakeOnline online = new FakeOnline().with("alice@example.com/desk", null, null)
            .with("bob@example.com/phone", null, null).with("bob@example.com/old-client", null, null)
            .with("carol@example.com/laptop", null, null).with("dave@example.com/tablet", null, null)
            .with("admin@example.com/console", null, null);
    /** Which resources' capabilities list mood+notify: not bob's old client, not dave's. */
    private final Set<JID> interested = Set.of(new JID("alice@example.com/desk"), new JID("bob@example.com/phone"),
            new JID("carol@example.com/laptop"), new JID("admin@example.com/console"));
    private final List<Packet> routed = new ArrayList<>();
    private final PepNotifications notifications = new PepNotifications(colleagues, online,
            (resource, node) -> node.equals(MOOD) && interested.contains(resource), (to, packet) -> {
                assertEquals(to, packet.getTo(), "routed to the address it carries");
                routed.add(packet);
            });

    static Element mood(String value) throws Exception {
        return DocumentHelper.parseText("<mood xmlns='" + MOOD + "'><" + value + "/><text>from the test</text>"
                + "</mood>").getRootElement();
    }

    private PepEvent published() throws Exception {
        return new PepEvent(new JID("alice@example.com"), MOOD, List.of(new PepItem("m1", mood("happy"))),
                new JID("alice@example.com/desk"), false, true, true, null);
    }

    private List<String> recipients() {
        return routed.stream().map(p -> p.getTo().toString()).sorted().toList();
    }

    @Test
    void interestedResourcesOfOnlineColleaguesGetOneCopyEach() throws Exception {
        assertEquals(2, notifications.publish(published(), u -> false, u -> true));
        assertEquals(List.of("bob@example.com/phone", "carol@example.com/laptop"), recipients(),
                "not bob's client without the interest, not dave's, not the hidden admin, not alice herself");
        assertNotSame(routed.get(0), routed.get(1), "each recipient its own stanza");
        assertNotEquals(routed.get(0).getID(), routed.get(1).getID());

        Message m = (Message) routed.stream().filter(p -> p.getTo().getNode().equals("bob")).findFirst()
                .orElseThrow();
        assertEquals(new JID("alice@example.com"), m.getFrom(), "from the owner's bare JID, as Openfire sends it");
        assertEquals(Message.Type.normal, m.getType());
        Element items = m.getChildElement("event", PepNotifications.EVENT).element("items");
        assertEquals(MOOD, items.attributeValue("node"));
        Element item = items.element("item");
        assertEquals("m1", item.attributeValue("id"));
        assertNotNull(item.element("mood").element("happy"));
        Element address = m.getChildElement("addresses", PepNotifications.ADDRESSES).element("address");
        assertEquals("replyto", address.attributeValue("type"));
        assertEquals("alice@example.com/desk", address.attributeValue("jid"));
        assertNull(m.getChildElement("delay", PepNotifications.DELAY), "a live notification has no delay");
    }

    @Test
    void thoseOpenfireNotifiesAndThoseTheNodeKeepsOutAreSkipped() throws Exception {
        assertEquals(0, notifications.publish(published(), u -> u.equals("carol"), u -> !u.equals("bob")));
        assertEquals(List.of(), recipients());
        assertEquals(1, notifications.publish(published(), u -> u.equals("carol"), u -> true));
        assertEquals(List.of("bob@example.com/phone"), recipients());
    }

    @Test
    void nothingWhileDomainChatIsOffOrFromAHiddenAccount() throws Exception {
        active.set(false);
        assertEquals(0, notifications.publish(published(), u -> false, u -> true));
        active.set(true);
        PepEvent fromAdmin = new PepEvent(new JID("admin@example.com"), MOOD, List.of(new PepItem("a",
                mood("sad"))), new JID("admin@example.com/console"), false, true, true, null);
        assertEquals(0, notifications.publish(fromAdmin, u -> false, u -> true));
        assertEquals(List.of(), recipients());
    }

    @Test
    void aRetractionAndALastItemAreShapedAsOpenfireShapesThem() throws Exception {
        PepEvent retract = new PepEvent(new JID("alice@example.com"), MOOD, List.of(new PepItem("m1", null)),
                null, true, true, true, null);
        notifications.publish(retract, u -> false, u -> true);
        Message m = (Message) routed.get(0);
        Element items = m.getChildElement("event", PepNotifications.EVENT).element("items");
        assertEquals("m1", items.element("retract").attributeValue("id"));
        assertNull(items.element("item"));
        assertNull(m.getChildElement("addresses", PepNotifications.ADDRESSES));

        routed.clear();
        PepEvent last = new PepEvent(new JID("alice@example.com/desk"), MOOD, List.of(new PepItem("m0",
                mood("calm"))), new JID("alice@example.com/desk"), false, true, true, new Date(1_767_225_600_000L));
        notifications.deliver(last, new JID("dave@example.com/tablet"));
        Message delayed = (Message) routed.get(0);
        assertEquals(new JID("alice@example.com"), delayed.getFrom(), "the owner is always the bare JID");
        assertEquals("2026-01-01T00:00:00.000Z", delayed.getChildElement("delay", PepNotifications.DELAY)
                .attributeValue("stamp"));

        routed.clear();
        PepEvent withoutPayloads = new PepEvent(new JID("alice@example.com"), MOOD, List.of(new PepItem("m2",
                mood("calm"))), null, false, false, false, null);
        notifications.publish(withoutPayloads, u -> false, u -> true);
        Element bare = ((Message) routed.get(0)).getChildElement("event", PepNotifications.EVENT).element("items")
                .element("item");
        assertNull(bare.attributeValue("id"), "a node whose items have no ids");
        assertEquals(List.of(), bare.elements(), "a node that sends no payloads");
    }
}
