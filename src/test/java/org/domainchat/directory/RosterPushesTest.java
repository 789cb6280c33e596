package org.domainchat.directory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.domainchat.alias.AliasBook;
import org.domainchat.presence.Online;
import org.junit.jupiter.api.Test;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.Presence;

/** Colleagues who are created, renamed, hidden or deleted reach online rosters as pushes. */
class RosterPushesTest {

    private final DomainDirectory directory = new DomainDirectory(List.of(new DirectoryUser("alice", "Alice"),
            new DirectoryUser("bob", "Bob")), List.of());
    private final Map<String, List<JID>> sessions = Map.of(
            "alice", List.of(new JID("alice@example.com/laptop"), new JID("alice@example.com/phone")),
            "bob", List.of(new JID("bob@example.com/desk")));
    private final Online online = new Online() {
        @Override
        public Collection<String> usernames() {
            return sessions.keySet().stream().sorted().toList();
        }

        @Override
        public List<JID> resources(String username) {
            return sessions.getOrDefault(username, List.of());
        }

        @Override
        public Presence presenceOf(JID resource) {
            return null;
        }
    };
    private final Map<String, List<RosterEntry>> own = Map.of("alice",
            List.of(new RosterEntry("carol@example.com", "Caz", List.of("Friends"), "none", null, false)));
    private final RosterPushes pushes = new RosterPushes(new ContactRoster(directory::snapshot,
            () -> new AliasBook.View(Map.of(), "none"), "example.com", () -> "example.com", () -> "Aliases"),
            online, u -> own.getOrDefault(u, List.of()));

    @Test
    void aNewColleagueIsPushedToEveryOnlineResourceWithTheirOwnView() {
        List<DomainDirectory.Change> changes = new ArrayList<>();
        directory.addListener(changes::add);
        directory.accountSaved(new DirectoryUser("carol", "Carol Chen"));
        List<IQ> out = pushes.pushesFor(changes.get(0));
        assertEquals(3, out.size(), "alice's two resources and bob's one");
        IQ toAlice = out.get(0);
        assertEquals(IQ.Type.set, toAlice.getType());
        assertEquals("alice@example.com/laptop", toAlice.getTo().toString());
        assertEquals("Caz", toAlice.getChildElement().element("item").attributeValue("name"),
                "alice's own name for carol wins");
        assertEquals("both", toAlice.getChildElement().element("item").attributeValue("subscription"));
        IQ toBob = out.get(2);
        assertEquals("Carol Chen", toBob.getChildElement().element("item").attributeValue("name"));
        assertNotEquals(toAlice.getChildElement().attributeValue("ver"), toBob.getChildElement().attributeValue("ver"),
                "each user has their own version");
        assertEquals(DomainRoster.version(directory.snapshot(), List.of(), "example.com"),
                toBob.getChildElement().attributeValue("ver").substring(0,
                        DomainRoster.version(directory.snapshot(), List.of(), "example.com").length()));
    }

    @Test
    void aDeletedColleagueIsRemovedButNotFromTheirOwnSessions() {
        List<DomainDirectory.Change> changes = new ArrayList<>();
        directory.addListener(changes::add);
        directory.accountDeleted("bob");
        List<IQ> out = pushes.pushesFor(changes.get(0));
        assertEquals(2, out.size(), "alice's resources only");
        out.forEach(iq -> assertEquals("remove",
                iq.getChildElement().element("item").attributeValue("subscription")));
        assertEquals("bob@example.com", out.get(0).getChildElement().element("item").attributeValue("jid"));
    }
}
