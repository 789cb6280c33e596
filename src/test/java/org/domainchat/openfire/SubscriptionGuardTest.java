package org.domainchat.openfire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import org.domainchat.alias.AliasBook;
import org.domainchat.directory.DirectoryUser;
import org.domainchat.directory.DomainDirectory;
import org.dom4j.Element;
import org.domainchat.directory.ContactRoster;
import org.domainchat.directory.HiddenContacts;
import org.domainchat.directory.RosterEdits;
import org.domainchat.presence.FakeOnline;
import org.domainchat.presence.StanzaRouter;
import org.domainchat.testing.MemoryHiddenStore;
import org.xmpp.packet.IQ;
import org.domainchat.presence.SubscriptionAnswers;
import org.jivesoftware.openfire.interceptor.PacketRejectedException;
import org.jivesoftware.openfire.session.ClientSession;
import org.junit.jupiter.api.Test;
import org.xmpp.packet.JID;
import org.xmpp.packet.Packet;
import org.xmpp.packet.PacketError;
import org.xmpp.packet.Presence;

/** Subscription stanzas to domain contacts, through both interceptor passes, with the session table faked. */
class SubscriptionGuardTest {

    private static final JID ALICE = new JID("alice@example.com/laptop");
    private final DomainDirectory directory = new DomainDirectory(List.of(new DirectoryUser("alice", "Alice"),
            new DirectoryUser("bob", "Bob")), List.of());
    private final List<Packet> routed = new ArrayList<>();
    private final AtomicBoolean active = new AtomicBoolean(true);
    private final FakeOnline online = new FakeOnline().with("alice@example.com/laptop", null, null)
            .with("bob@example.com/desk", Presence.Show.dnd, "busy");
    private final MemoryHiddenStore store = new MemoryHiddenStore();
    private final HiddenContacts hidden = HiddenContacts.empty(store);
    private final ContactRoster contacts = new ContactRoster(directory::snapshot,
            () -> new AliasBook.View(java.util.Map.of(), "none"), "example.com", () -> "example.com",
            () -> "Aliases", hidden::of);
    private final RosterEdits edits = new RosterEdits(contacts);
    private final StanzaRouter router = (to, packet) -> {
        assertEquals(ALICE, to);
        routed.add(packet);
    };
    private final SubscriptionGuard guard = new SubscriptionGuard(
            new SubscriptionAnswers(directory::snapshot, () -> new AliasBook.View(java.util.Map.of(), "none"), null,
                    online, "example.com"),
            router, active::get, edits, new RosterEditor(edits, hidden, u -> List.of(), online, router,
                    Runnable::run, (resource, contact) -> { }), u -> List.of());

    private static ClientSession alice() {
        ClientSession s = mock(ClientSession.class);
        when(s.getAddress()).thenReturn(ALICE);
        return s;
    }

    private static Presence to(String jid, Presence.Type type) {
        Presence p = new Presence(type);
        p.setTo(new JID(jid));
        return p;
    }

    @Test
    void aSubscribeIsAnsweredAndItsErrorReplySwallowed() throws Exception {
        PacketRejectedException handled = assertThrows(PacketRejectedException.class,
                () -> guard.interceptPacket(to("bob@example.com", Presence.Type.subscribe), alice(), true, false));
        assertEquals(2, routed.size(), "subscribed, and bob's presence");
        assertEquals(Presence.Type.subscribed, ((Presence) routed.get(0)).getType());
        assertEquals(new JID("bob@example.com/desk"), routed.get(1).getFrom());

        // Openfire answers the rejection with an error presence carrying our marker: dropped on its way out
        Presence error = new Presence(Presence.Type.error);
        error.setError(handled.getRejectionError());
        assertEquals(guard.token(), error.getError().getText());
        assertThrows(PacketRejectedException.class, () -> guard.interceptPacket(error, alice(), false, false));

        Presence someoneElses = new Presence(Presence.Type.error);
        someoneElses.setError(new PacketError(PacketError.Condition.not_allowed));
        guard.interceptPacket(someoneElses, alice(), false, false); // other errors pass
    }

    @Test
    void subscribingToARemovedColleaguePutsItBackThenAnswersAsAlways() throws Exception {
        hidden.hide("alice", "bob");
        assertThrows(PacketRejectedException.class,
                () -> guard.interceptPacket(to("bob@example.com", Presence.Type.subscribe), alice(), true, false));
        assertEquals(Set.of(), store.rows("alice"), "stored as shown again");
        IQ push = (IQ) routed.get(0);
        Element item = push.getChildElement().element("item");
        assertEquals("bob@example.com", item.attributeValue("jid"));
        assertEquals("both", item.attributeValue("subscription"), "RFC 6121 3.1.2: the roster has the contact");
        assertEquals(Presence.Type.subscribed, ((Presence) routed.get(1)).getType());
        Presence bobs = (Presence) routed.get(2);
        assertEquals(new JID("bob@example.com/desk"), bobs.getFrom());
        assertEquals(Presence.Show.dnd, bobs.getShow());
    }

    @Test
    void unsubscribingFromAColleagueChangesNothingAndTheClientIsToldSo() throws Exception {
        for (Presence.Type type : List.of(Presence.Type.unsubscribe, Presence.Type.unsubscribed)) {
            routed.clear();
            assertThrows(PacketRejectedException.class,
                    () -> guard.interceptPacket(to("bob@example.com", type), alice(), true, false),
                    "consumed: Openfire would store an item for it");
            assertEquals(1, routed.size(), type + ": only the push");
            Element item = ((IQ) routed.get(0)).getChildElement().element("item");
            assertEquals("both", item.attributeValue("subscription"));
            assertEquals("Bob", item.attributeValue("name"));
        }
        assertEquals(Set.of(), store.rows("alice"));
    }

    @Test
    void otherPresencesOtherDomainsAndInactivityPassUntouched() throws Exception {
        guard.interceptPacket(to("friend@other.org", Presence.Type.subscribe), alice(), true, false);
        guard.interceptPacket(to("bob@example.com", null), alice(), true, false);
        guard.interceptPacket(to("bob@example.com", Presence.Type.subscribe), alice(), true, true);
        active.set(false);
        guard.interceptPacket(to("bob@example.com", Presence.Type.subscribe), alice(), true, false);
        assertTrue(routed.isEmpty());
    }
}
