package org.domainchat.openfire;

import static org.domainchat.openfire.FakePepServices.MOOD;
import static org.domainchat.openfire.FakePepServices.item;
import static org.domainchat.openfire.FakePepServices.mood;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import org.dom4j.Element;
import org.domainchat.alias.AliasBook;
import org.domainchat.colleagues.Colleagues;
import org.domainchat.directory.DirectoryUser;
import org.domainchat.directory.DomainDirectory;
import org.domainchat.pep.PepNotifications;
import org.domainchat.pep.PepOwners;
import org.domainchat.presence.FakeOnline;
import org.jivesoftware.openfire.pubsub.LeafNode;
import org.jivesoftware.openfire.pubsub.PublishedItem;
import org.junit.jupiter.api.Test;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;
import org.xmpp.packet.Packet;

/**
 * Openfire's pubsub and capabilities events turned into notifications for colleagues, at stanza level: a publish
 * after Openfire notified its subscribers, a retraction, and a client that announces its interest in a node.
 */
class ColleaguePepEventsTest {

    static final String AVATAR = "urn:xmpp:avatar:metadata";
    private final DomainDirectory directory = new DomainDirectory(List.of(new DirectoryUser("alice", "Alice"),
            new DirectoryUser("bob", "Bob"), new DirectoryUser("carol", "Carol"), new DirectoryUser("dave", "D")),
            List.of());
    private final Colleagues colleagues = new Colleagues(directory::snapshot, () -> new AliasBook.View(Map.of(), "-"),
            "example.com", () -> true);
    private final FakePepServices pep = new FakePepServices();
    private final FakeOnline online = new FakeOnline().with("alice@example.com/desk", null, null)
            .with("bob@example.com/phone", null, null).with("carol@example.com/laptop", null, null)
            .with("dave@example.com/tablet", null, null);
    /** dave's client asks for nothing. */
    private final Map<JID, Set<String>> interests = Map.of(new JID("bob@example.com/phone"), Set.of(MOOD, AVATAR),
            new JID("carol@example.com/laptop"), Set.of(MOOD, AVATAR));
    private final List<Packet> routed = new ArrayList<>();
    private final PepOwners owners = new PepOwners();
    private final AtomicBoolean lastItemsOnLogin = new AtomicBoolean(true);
    private final ColleaguePepEvents events = new ColleaguePepEvents(colleagues,
            new OpenfirePep(pep.manager, "example.com"), new PepNotifications(colleagues, online,
            (resource, node) -> interests.getOrDefault(resource, Set.of()).contains(node), (to, p) -> routed.add(p)),
            owners, Runnable::run, () -> true, () -> lastItemsOnLogin.get());

    private List<String> recipients() {
        return routed.stream().map(p -> p.getTo().toString()).sorted().toList();
    }

    @Test
    void aPublishReachesInterestedColleaguesOpenfireDidNotNotify() {
        // carol holds a stored subscription: Openfire notified her itself
        LeafNode leaf = pep.leaf("alice@example.com", MOOD, "presence", Set.of("carol@example.com"), Set.of(),
                List.of(item("m2", mood("happy"))));
        PublishedItem published = leaf.getLastPublishedItem();
        events.itemsPublished(leaf.getUniqueIdentifier(), List.of(published));
        assertEquals(List.of("bob@example.com/phone"), recipients());
        Message m = (Message) routed.get(0);
        Element item = m.getChildElement("event", "http://jabber.org/protocol/pubsub#event").element("items")
                .element("item");
        assertEquals("m2", item.attributeValue("id"));
        assertNotNull(item.element("mood").element("happy"));
        assertEquals(List.of("alice"), owners.ownersOf(MOOD), "alice is now known to have a mood node");

        routed.clear();
        events.itemsDeleted(leaf.getUniqueIdentifier(), List.of(published));
        assertEquals(List.of("bob@example.com/phone"), recipients());
        assertEquals("m2", ((Message) routed.get(0)).getChildElement("event",
                "http://jabber.org/protocol/pubsub#event").element("items").element("retract").attributeValue("id"));
    }

    @Test
    void nodesColleaguesMayNotReadAndOtherServicesAreLeftAlone() {
        LeafNode whitelisted = pep.leaf("alice@example.com", AVATAR, "whitelist", Set.of(), Set.of(),
                List.of(item("h1", FakePepServices.payload("<metadata xmlns='" + AVATAR + "'/>"))));
        events.itemsPublished(whitelisted.getUniqueIdentifier(), List.of(whitelisted.getLastPublishedItem()));
        assertEquals(List.of(), recipients(), "Openfire's whitelist check keeps colleagues out");

        LeafNode component = pep.leaf("pubsub.example.com", MOOD, "open", Set.of(), Set.of(),
                List.of(item("c1", mood("happy"))));
        events.itemsPublished(FakePepServices.nodeId("pubsub", MOOD), List.of(component.getLastPublishedItem()));
        events.itemsPublished(FakePepServices.nodeId("eve@other.org", MOOD),
                List.of(component.getLastPublishedItem()));
        assertEquals(List.of(), recipients());
    }

    @Test
    void aClientThatAnnouncesInterestGetsEachColleaguesLastItem() {
        pep.leaf("alice@example.com", AVATAR, "presence", Set.of(), Set.of(), List.of(item("hash-new",
                FakePepServices.payload("<metadata xmlns='" + AVATAR + "'><info id='hash-new'/></metadata>")),
                item("hash-old", FakePepServices.payload("<metadata xmlns='" + AVATAR + "'/>"))));
        pep.leaf("carol@example.com", AVATAR, "presence", Set.of("dave@example.com"), Set.of(), List.of());
        pep.leaf("dave@example.com", AVATAR, "presence", Set.of("bob@example.com"), Set.of(),
                List.of(item("d", FakePepServices.payload("<metadata xmlns='" + AVATAR + "'/>"))));
        owners.addAll(List.of(Map.entry("alice", AVATAR), Map.entry("carol", AVATAR), Map.entry("dave", AVATAR),
                Map.entry("erin", AVATAR)));
        events.entityCapabilitiesChanged(new JID("bob@example.com/phone"), null,
                Set.of(AVATAR + "+notify", "urn:xmpp:ping"), Set.of(), Set.of(), Set.of());
        assertEquals(List.of("bob@example.com/phone"), recipients(),
                "alice's last item only: carol has none, Openfire sends dave's (bob subscribed), erin is gone");
        Message last = (Message) routed.get(0);
        assertEquals(new JID("alice@example.com"), last.getFrom());
        assertEquals("hash-new", last.getChildElement("event", "http://jabber.org/protocol/pubsub#event")
                .element("items").element("item").attributeValue("id"));
        assertEquals("2026-01-01T00:00:00.000Z", last.getChildElement("delay", "urn:xmpp:delay")
                .attributeValue("stamp"), "when it was published");

        routed.clear();
        lastItemsOnLogin.set(false);
        events.entityCapabilitiesChanged(new JID("carol@example.com/laptop"), null, Set.of(AVATAR + "+notify"),
                Set.of(), Set.of(), Set.of());
        assertEquals(List.of(), recipients(), "domainchat.pep.lastItemsOnLogin off");
        lastItemsOnLogin.set(true);
        events.entityCapabilitiesChanged(new JID("bob@example.com/phone"), null, Set.of("urn:xmpp:ping"), Set.of(),
                Set.of(), Set.of());
        events.entityCapabilitiesChanged(new JID("eve@other.org/x"), null, Set.of(AVATAR + "+notify"), Set.of(),
                Set.of(), Set.of());
        assertEquals(List.of(), recipients(), "no new interest; not a colleague");
        assertNull(interests.get(new JID("dave@example.com/tablet")));
    }
}
