package org.domainchat.openfire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import org.domainchat.alias.AliasBook;
import org.domainchat.presence.AliasPresence;
import org.domainchat.directory.DirectoryUser;
import org.domainchat.directory.DomainDirectory;
import org.domainchat.presence.Online;
import org.domainchat.presence.PresenceFanout;
import org.jivesoftware.openfire.session.ClientSession;
import org.junit.jupiter.api.Test;
import org.xmpp.packet.JID;
import org.xmpp.packet.Packet;
import org.xmpp.packet.Presence;

/** Presence between domain contacts through Openfire's interceptor passes; the session table is faked. */
class PresenceInterceptorTest {

    private static final JID ALICE = new JID("alice@example.com/laptop");
    private static final JID BOB = new JID("bob@example.com/phone");
    private static final JID CAROL = new JID("carol@example.com/web");

    private final DomainDirectory directory = new DomainDirectory(List.of(new DirectoryUser("alice", "Alice"),
            new DirectoryUser("bob", "Bob"), new DirectoryUser("carol", "Carol")), List.of());
    private final Map<JID, Presence> sessions = Map.of(BOB, available(Presence.Show.away), CAROL, available(null));
    private final List<Packet> sent = new ArrayList<>();
    private final AtomicBoolean active = new AtomicBoolean(true);
    private final Online online = new Online() {
        @Override
        public Collection<String> usernames() {
            return sessions.keySet().stream().map(JID::getNode).toList();
        }

        @Override
        public List<JID> resources(String username) {
            return sessions.keySet().stream().filter(j -> j.getNode().equals(username)).toList();
        }

        @Override
        public Presence presenceOf(JID resource) {
            return sessions.get(resource);
        }
    };
    private final PresenceInterceptor interceptor = new PresenceInterceptor(
            new PresenceFanout(directory::snapshot, online, (to, p) -> sent.add(p)),
            new AliasPresence(() -> new AliasBook.View(java.util.Map.of(), "none"), online, (to, p) -> sent.add(p),
                    "example.com", () -> java.util.Locale.ENGLISH),
            username -> username.equals("alice") ? Set.of("carol") : Set.of(), "example.com", active::get);

    private static Presence available(Presence.Show show) {
        Presence p = new Presence();
        if (show != null) {
            p.setShow(show);
        }
        return p;
    }

    private static ClientSession session(JID address, boolean initialized) {
        ClientSession s = mock(ClientSession.class);
        when(s.getAddress()).thenReturn(address);
        when(s.isInitialized()).thenReturn(initialized);
        return s;
    }

    private void route(Presence p, ClientSession s) {
        interceptor.interceptPacket(p, s, true, false);
        interceptor.interceptPacket(p, s, true, true);
    }

    private List<String> sentTo() {
        return sent.stream().map(p -> p.getFrom() + ">" + p.getTo()).toList();
    }

    @Test
    void aFirstPresenceGoesToContactsAndBringsBackTheirs() {
        route(available(null), session(ALICE, false));
        // carol already has it from Openfire (stored from/both item); bob gets it from us; alice learns both
        assertEquals(List.of("alice@example.com/laptop>bob@example.com/phone",
                "bob@example.com/phone>alice@example.com/laptop", "carol@example.com/web>alice@example.com/laptop"),
                sentTo().stream().sorted().toList());
        sent.clear();
        route(available(Presence.Show.dnd), session(ALICE, true)); // a later change: no catch-up
        assertEquals(List.of("alice@example.com/laptop>bob@example.com/phone"), sentTo());
        assertEquals(Presence.Show.dnd, ((Presence) sent.get(0)).getShow());
    }

    @Test
    void aliasCountsChangeWhenAMemberComesOrGoesNotWhenTheyGoAway() {
        Map<JID, Presence> live = new java.util.concurrent.ConcurrentHashMap<>(sessions);
        Online changing = new Online() {
            @Override
            public Collection<String> usernames() {
                return live.keySet().stream().map(JID::getNode).distinct().toList();
            }

            @Override
            public List<JID> resources(String username) {
                return live.keySet().stream().filter(j -> j.getNode().equals(username)).toList();
            }

            @Override
            public Presence presenceOf(JID resource) {
                return live.get(resource);
            }
        };
        org.domainchat.alias.Alias sales = new org.domainchat.alias.Alias("sales", "Sales", Set.of("alice"), null,
                true, org.domainchat.alias.Alias.Visibility.ALL, false);
        AliasBook.View view = new AliasBook.View(Map.of("sales", new AliasBook.Entry(sales, Set.of("alice"))), "v");
        List<Presence> aliasPresences = new ArrayList<>();
        PresenceInterceptor withAlias = new PresenceInterceptor(
                new PresenceFanout(directory::snapshot, changing, (to, p) -> { }),
                new AliasPresence(() -> view, changing, (to, p) -> aliasPresences.add((Presence) p), "example.com",
                        () -> java.util.Locale.ENGLISH),
                username -> Set.of(), "example.com", active::get);
        ClientSession alice = session(ALICE, false);

        live.put(ALICE, available(null));
        withAlias.interceptPacket(available(null), alice, true, false);
        withAlias.interceptPacket(available(null), alice, true, true);
        // bob and carol hear the new count; alice, its only member, has nobody to reach: no catch-up, and the
        // announcement tells her the alias is unavailable to her
        assertEquals(List.of("alice@example.com/laptop", "bob@example.com/phone", "carol@example.com/web"),
                aliasPresences.stream().map(p -> p.getTo().toString()).sorted().toList());
        for (Presence p : aliasPresences) {
            if (p.getTo().getNode().equals("alice")) {
                assertEquals(Presence.Type.unavailable, p.getType());
            } else {
                assertEquals("1 member online", p.getStatus());
            }
        }

        aliasPresences.clear();
        live.put(ALICE, available(Presence.Show.away));
        withAlias.interceptPacket(available(Presence.Show.away), alice, true, true);
        assertEquals(List.of(), aliasPresences, "away changes no count");

        Presence gone = new Presence(Presence.Type.unavailable);
        live.remove(ALICE);
        withAlias.interceptPacket(gone, alice, true, true);
        assertEquals(2, aliasPresences.size(), "alice went: bob and carol hear that sales is offline");
        assertEquals(Presence.Type.unavailable, aliasPresences.get(0).getType());
    }

    @Test
    void theUnavailablePresenceOpenfireSendsForAClosedSessionIsForwardedToo() {
        Presence gone = new Presence(Presence.Type.unavailable);
        gone.setFrom(ALICE);
        gone.setTo(new JID("example.com"));
        route(gone, null);
        assertEquals(List.of("alice@example.com/laptop>bob@example.com/phone"), sentTo());
    }

    @Test
    void directedPresencesSubscriptionsInactivityAndAnonymousUsersAreLeftAlone() {
        Presence directed = available(null);
        directed.setTo(BOB);
        route(directed, session(ALICE, false));
        Presence subscribe = new Presence(Presence.Type.subscribe);
        route(subscribe, session(ALICE, true));
        ClientSession anonymous = session(new JID("x7f3@example.com/a"), false);
        when(anonymous.isAnonymousUser()).thenReturn(true);
        route(available(null), anonymous);
        active.set(false);
        route(available(null), session(ALICE, false));
        interceptor.interceptPacket(available(null), session(ALICE, true), false, true); // outgoing: not ours
        assertTrue(sent.isEmpty(), sentTo().toString());
    }
}
