package org.domainchat.openfire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.domainchat.alias.AliasBook;
import org.domainchat.directory.DirectoryUser;
import org.domainchat.directory.DomainDirectory;
import org.domainchat.presence.Online;
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
    private final Online nobodyOnline = new Online() {
        @Override
        public Collection<String> usernames() {
            return List.of();
        }

        @Override
        public List<JID> resources(String username) {
            return List.of();
        }

        @Override
        public Presence presenceOf(JID resource) {
            return null;
        }
    };
    private final SubscriptionGuard guard = new SubscriptionGuard(
            new SubscriptionAnswers(directory::snapshot, () -> new AliasBook.View(java.util.Map.of(), "none"), null,
                    nobodyOnline, "example.com"),
            (to, packet) -> {
                assertEquals(ALICE, to);
                routed.add(packet);
            }, active::get);

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
        assertEquals(1, routed.size());
        assertEquals(Presence.Type.subscribed, ((Presence) routed.get(0)).getType());

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
    void otherPresencesOtherDomainsAndInactivityPassUntouched() throws Exception {
        guard.interceptPacket(to("friend@other.org", Presence.Type.subscribe), alice(), true, false);
        guard.interceptPacket(to("bob@example.com", null), alice(), true, false);
        guard.interceptPacket(to("bob@example.com", Presence.Type.subscribe), alice(), true, true);
        active.set(false);
        guard.interceptPacket(to("bob@example.com", Presence.Type.subscribe), alice(), true, false);
        assertTrue(routed.isEmpty());
    }
}
