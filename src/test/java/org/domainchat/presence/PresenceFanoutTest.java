package org.domainchat.presence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.domainchat.directory.DirectoryUser;
import org.domainchat.directory.DomainDirectory;
import org.junit.jupiter.api.Test;
import org.xmpp.packet.JID;
import org.xmpp.packet.Packet;
import org.xmpp.packet.Presence;

/** Presence between domain contacts, at stanza level: real Tinder presences, Openfire's routing faked at the edge. */
class PresenceFanoutTest {

    private final DomainDirectory directory = new DomainDirectory(List.of(new DirectoryUser("alice", "Alice"),
            new DirectoryUser("bob", "Bob"), new DirectoryUser("carol", "Carol"), new DirectoryUser("dave", "Dave"),
            new DirectoryUser("admin", "Admin")), List.of("admin"));
    private final FakeOnline online = new FakeOnline()
            .with("alice@example.com/laptop", null, null)
            .with("bob@example.com/phone", Presence.Show.away, "at lunch")
            .with("bob@example.com/desk", Presence.Show.dnd, "in a meeting")
            .with("carol@example.com/web", null, "hi")
            .with("admin@example.com/console", null, null);
    private final List<Packet> sent = new ArrayList<>();
    private final PresenceFanout fanout = new PresenceFanout(directory::snapshot, online, (to, p) -> {
        assertEquals(to, p.getTo(), "routed to the address it carries");
        sent.add(p);
    });

    private static Presence available(Presence.Show show, String status) {
        Presence p = new Presence();
        if (show != null) {
            p.setShow(show);
        }
        p.setStatus(status);
        return p;
    }

    @Test
    void aPresenceChangeReachesEveryOnlineResourceOfEveryVisibleContactAndNobodyElse() {
        Presence busy = available(Presence.Show.dnd, "Busy");
        int n = fanout.broadcast(busy, new JID("alice@example.com/laptop"), u -> false);
        assertEquals(3, n);
        assertEquals(Set.of("bob@example.com/phone", "bob@example.com/desk", "carol@example.com/web"),
                Set.copyOf(sent.stream().map(p -> p.getTo().toString()).toList()));
        for (Packet p : sent) {
            assertEquals("alice@example.com/laptop", p.getFrom().toString());
            assertEquals(Presence.Show.dnd, ((Presence) p).getShow());
            assertEquals("Busy", ((Presence) p).getStatus());
            assertNotSame(busy, p, "each recipient gets its own copy");
        }
        assertEquals(3, sent.stream().distinct().count());
    }

    @Test
    void unavailableTravelsTheSameWayAndStoredContactsAreLeftToOpenfire() {
        Presence gone = new Presence(Presence.Type.unavailable);
        fanout.broadcast(gone, new JID("alice@example.com/laptop"), "bob"::equals);
        assertEquals(List.of("carol@example.com/web"), sent.stream().map(p -> p.getTo().toString()).toList());
        assertEquals(Presence.Type.unavailable, ((Presence) sent.get(0)).getType());
    }

    @Test
    void hiddenAccountsNeitherSendNorReceive() {
        assertEquals(0, fanout.broadcast(available(null, null), new JID("admin@example.com/console"), u -> false));
        fanout.broadcast(available(null, null), new JID("carol@example.com/web"), u -> false);
        assertEquals(List.of(), sent.stream().filter(p -> p.getTo().getNode().equals("admin")).toList());
        assertEquals(0, fanout.broadcast(available(null, null), new JID("example.com"), u -> false));
    }

    @Test
    void aNewResourceIsToldWhoIsOnlineAndHow() {
        int n = fanout.catchUp(new JID("dave@example.com/gajim"));
        assertEquals(4, n, "bob twice, carol, alice; not the hidden admin");
        Presence bobDesk = (Presence) sent.stream().filter(p -> p.getFrom().toString().equals("bob@example.com/desk"))
                .findFirst().orElseThrow();
        assertEquals(Presence.Show.dnd, bobDesk.getShow());
        assertEquals("in a meeting", bobDesk.getStatus());
        sent.forEach(p -> assertEquals("dave@example.com/gajim", p.getTo().toString()));
        assertEquals(0, fanout.catchUp(new JID("admin@example.com/other")), "hidden: nobody's contact, no catch-up");
    }
}
