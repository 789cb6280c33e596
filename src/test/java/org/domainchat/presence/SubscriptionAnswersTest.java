package org.domainchat.presence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.domainchat.directory.DirectoryUser;
import org.domainchat.directory.DomainDirectory;
import org.domainchat.alias.AliasBook;
import org.junit.jupiter.api.Test;
import org.xmpp.packet.JID;
import org.xmpp.packet.Presence;

class SubscriptionAnswersTest {

    private static final JID ALICE = new JID("alice@example.com/laptop");
    private final DomainDirectory directory = new DomainDirectory(List.of(new DirectoryUser("alice", "Alice"),
            new DirectoryUser("bob", "Bob"), new DirectoryUser("carol", "Carol"), new DirectoryUser("admin", "A")),
            List.of("admin"));
    private final FakeOnline online = new FakeOnline().with("bob@example.com/phone", Presence.Show.away, "lunch");
    private final SubscriptionAnswers answers = new SubscriptionAnswers(directory::snapshot,
            () -> new AliasBook.View(java.util.Map.of(), "none"), null, online, "example.com");

    private static Presence to(String jid, Presence.Type type) {
        Presence p = new Presence(type);
        p.setTo(new JID(jid));
        return p;
    }

    @Test
    void aSubscribeToAColleagueIsAnsweredSubscribedWithTheirPresence() {
        Presence subscribe = to("bob@example.com", Presence.Type.subscribe);
        assertTrue(answers.concerns(subscribe, ALICE));
        List<Presence> out = answers.answer(subscribe, ALICE);
        assertEquals(2, out.size());
        assertEquals(Presence.Type.subscribed, out.get(0).getType());
        assertEquals("bob@example.com", out.get(0).getFrom().toString());
        assertEquals(ALICE, out.get(0).getTo());
        assertEquals(Presence.Show.away, out.get(1).getShow());
        assertEquals("bob@example.com/phone", out.get(1).getFrom().toString());
        assertEquals(ALICE, out.get(1).getTo());
    }

    @Test
    void aProbeGetsThePresenceOrUnavailable() {
        assertEquals(Presence.Show.away, answers.answer(to("bob@example.com", Presence.Type.probe), ALICE).get(0)
                .getShow());
        List<Presence> carol = answers.answer(to("carol@example.com", Presence.Type.probe), ALICE);
        assertEquals(1, carol.size());
        assertEquals(Presence.Type.unavailable, carol.get(0).getType());
    }

    @Test
    void unsubscribingIsConsumedWithoutAnswer() {
        for (Presence.Type type : List.of(Presence.Type.unsubscribe, Presence.Type.unsubscribed,
                Presence.Type.subscribed)) {
            Presence p = to("bob@example.com", type);
            assertTrue(answers.concerns(p, ALICE), type.name());
            assertTrue(answers.answer(p, ALICE).isEmpty(), type.name());
        }
    }

    @Test
    void onlySubscriptionStanzasBetweenVisibleColleaguesAreOurs() {
        assertFalse(answers.concerns(to("friend@other.org", Presence.Type.subscribe), ALICE), "another domain");
        assertFalse(answers.concerns(to("admin@example.com", Presence.Type.subscribe), ALICE), "hidden account");
        assertFalse(answers.concerns(to("alice@example.com", Presence.Type.subscribe), ALICE), "oneself");
        assertFalse(answers.concerns(to("bob@example.com", Presence.Type.subscribe),
                new JID("admin@example.com/x")), "from a hidden account");
        assertFalse(answers.concerns(to("bob@example.com", null), ALICE), "directed presence");
        assertFalse(answers.concerns(to("example.com", Presence.Type.subscribe), ALICE), "the server");
    }
}
