package org.domainchat.presence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.domainchat.alias.Alias;
import org.domainchat.alias.AliasBook;
import org.domainchat.directory.DirectoryUser;
import org.domainchat.directory.DomainDirectory;
import org.junit.jupiter.api.Test;
import org.xmpp.packet.JID;
import org.xmpp.packet.Packet;
import org.xmpp.packet.Presence;

/** "N members online": sent when the count changes, to online viewers only; answered to subscriptions. */
class AliasPresenceTest {

    private record Routed(JID to, Packet packet) {
    }

    private final List<Routed> routed = new ArrayList<>();
    private final FakeOnline online = new FakeOnline()
            .with("alice@example.com/laptop", null, null)
            .with("carol@example.com/phone", Presence.Show.dnd, null);
    private final AliasBook.Entry sales = new AliasBook.Entry(new Alias("sales", "Sales", Set.of("alice", "bob"),
            null, true, Alias.Visibility.ALL, false), Set.of("alice", "bob"));
    private final AliasBook.Entry board = new AliasBook.Entry(new Alias("board", "Board", Set.of("bob"),
            null, true, Alias.Visibility.MEMBERS, false), Set.of("bob"));
    private final AliasBook.View view = new AliasBook.View(Map.of("sales", sales, "board", board), "v1");
    private final AliasPresence presence = new AliasPresence(() -> view, online,
            (to, p) -> routed.add(new Routed(to, p)), "example.com", () -> Locale.ENGLISH);

    @Test
    void countsOnlineMembersAndAnnouncesOnlyChanges() {
        Presence p = presence.presenceOf(sales, new JID("carol@example.com/phone"));
        assertNull(p.getType());
        assertEquals("1 member online", p.getStatus());
        assertEquals("sales@example.com", p.getFrom().toString());

        assertEquals(2, presence.memberChanged("alice"), "first count goes to alice's and carol's resources");
        assertEquals(0, presence.memberChanged("alice"), "unchanged count, nothing sent");

        routed.clear();
        online.with("bob@example.com/desk", null, null);
        assertEquals(3 + 1, presence.memberChanged("bob"),
                "sales now has 2 online (to alice, carol, bob); board has 1 (to bob, its only viewer)");
        Presence toCarol = (Presence) routed.stream().filter(r -> r.to().getNode().equals("carol")).findFirst()
                .orElseThrow().packet();
        assertEquals("2 members online", toCarol.getStatus());
        Presence toAlice = (Presence) routed.stream().filter(r -> r.to().getNode().equals("alice")).findFirst()
                .orElseThrow().packet();
        assertEquals("1 member online", toAlice.getStatus(), "alice is told of the others: bob");
        Presence boardToBob = (Presence) routed.stream().filter(r -> r.to().getNode().equals("bob")
                && r.packet().getFrom().getNode().equals("board")).findFirst().orElseThrow().packet();
        assertEquals(Presence.Type.unavailable, boardToBob.getType(), "bob alone in board reaches nobody");

        routed.clear();
        online.without("alice@example.com/laptop").without("bob@example.com/desk");
        presence.memberChanged("alice");
        presence.memberChanged("bob");
        assertEquals(1, routed.size(), "only carol is online to hear that sales went offline");
        assertEquals(Presence.Type.unavailable, ((Presence) routed.get(0).packet()).getType());
    }

    @Test
    void aMemberAloneOnlineIsNotCountedForThemselves() {
        Presence toAlice = presence.presenceOf(sales, new JID("alice@example.com/laptop"));
        assertEquals(Presence.Type.unavailable, toAlice.getType(),
                "alice is the only member online: a message from her would reach nobody");
        assertEquals("1 member online", presence.presenceOf(sales, new JID("carol@example.com/phone")).getStatus());
        assertEquals(0, presence.catchUp(new JID("alice@example.com/laptop")), "nothing to announce to alice");
    }

    @Test
    void aNewResourceHearsOfEveryVisibleAliasWithMembersOnline() {
        assertEquals(1, presence.catchUp(new JID("carol@example.com/phone")),
                "sales (alice online); board is members-only and has nobody online");
        assertEquals("carol@example.com/phone", routed.get(0).to().toString());
    }

    @Test
    void germanStatusText() {
        AliasPresence german = new AliasPresence(() -> view, online, (to, p) -> { }, "example.com",
                () -> Locale.GERMAN);
        assertEquals("1 Mitglied online", german.statusText(1));
        assertEquals("3 Mitglieder online", german.statusText(3));
    }

    @Test
    void subscriptionsAndProbesToAnAliasAreAnsweredByIt() {
        DomainDirectory directory = new DomainDirectory(List.of(new DirectoryUser("alice", "A"),
                new DirectoryUser("carol", "C")), List.of());
        SubscriptionAnswers answers = new SubscriptionAnswers(directory::snapshot, () -> view, presence, online,
                "example.com");
        JID carol = new JID("carol@example.com/phone");
        Presence subscribe = new Presence(Presence.Type.subscribe);
        subscribe.setTo(new JID("sales@example.com"));
        assertEquals(true, answers.concerns(subscribe, carol));
        List<Presence> out = answers.answer(subscribe, carol);
        assertEquals(Presence.Type.subscribed, out.get(0).getType());
        assertEquals("1 member online", out.get(1).getStatus());

        Presence probeBoard = new Presence(Presence.Type.probe);
        probeBoard.setTo(new JID("board@example.com"));
        assertEquals(false, answers.concerns(probeBoard, carol), "a members-only alias is not carol's contact");
    }
}
