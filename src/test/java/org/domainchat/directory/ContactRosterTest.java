package org.domainchat.directory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.domainchat.alias.Alias;
import org.domainchat.alias.AliasBook;
import org.domainchat.presence.Online;
import org.junit.jupiter.api.Test;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.Presence;

/** Aliases in rosters: who sees which, own items win, versions change, removals refused, pushes on change. */
class ContactRosterTest {

    private final DomainDirectory directory = new DomainDirectory(List.of(new DirectoryUser("alice", "Alice"),
            new DirectoryUser("bob", "Bob"), new DirectoryUser("carol", "Carol")), List.of());
    private static final AliasBook.Entry SALES = new AliasBook.Entry(new Alias("sales", "Sales Team",
            Set.of("alice"), null, true, Alias.Visibility.ALL, false), Set.of("alice"));
    private static final AliasBook.Entry BOARD = new AliasBook.Entry(new Alias("board", "Board", Set.of("bob"),
            null, true, Alias.Visibility.MEMBERS, false), Set.of("bob"));
    private static final AliasBook.Entry OFF = new AliasBook.Entry(new Alias("old", "Old", Set.of("bob"),
            null, false, Alias.Visibility.ALL, false), Set.of("bob"));
    private final AtomicReference<AliasBook.View> aliases = new AtomicReference<>(
            new AliasBook.View(Map.of("sales", SALES, "board", BOARD, "old", OFF), "v1"));
    private final ContactRoster contacts = new ContactRoster(directory::snapshot, aliases::get, "example.com",
            () -> "example.com", () -> "Aliases");

    private static Map<String, RosterEntry> byJid(List<RosterEntry> entries) {
        return entries.stream().collect(Collectors.toMap(RosterEntry::jid, Function.identity()));
    }

    @Test
    void visibleEnabledAliasesAreBothWaysContactsInTheirOwnGroup() {
        Map<String, RosterEntry> carols = byJid(contacts.build("carol", List.of()));
        assertEquals(Set.of("alice@example.com", "bob@example.com", "sales@example.com"), carols.keySet(),
                "board is members-only, old is disabled");
        RosterEntry sales = carols.get("sales@example.com");
        assertEquals("Sales Team", sales.name());
        assertEquals(List.of("Aliases"), sales.groups());
        assertEquals("both", sales.subscription());
        assertTrue(byJid(contacts.build("bob", List.of())).containsKey("board@example.com"));

        List<RosterEntry> own = List.of(new RosterEntry("sales@example.com", "Sales!", List.of("Work"), "none",
                null, false));
        RosterEntry mine = byJid(contacts.build("carol", own)).get("sales@example.com");
        assertEquals("Sales!", mine.name(), "own name and groups win");
        assertEquals(List.of("Work"), mine.groups());
        assertEquals("both", mine.subscription());
        assertEquals(3, contacts.build("carol", own).size(), "the own item is merged, not doubled");
    }

    @Test
    void theVersionFollowsTheAliasesAndAnAliasCanBeRemovedFromTheRoster() throws Exception {
        String before = contacts.version("carol", List.of());
        aliases.set(new AliasBook.View(Map.of("sales", SALES), "v2"));
        assertNotEquals(before, contacts.version("carol", List.of()));
        assertTrue(contacts.isManaged("carol", "sales@example.com"));
        assertFalse(contacts.isManaged("carol", "board@example.com"));
        assertFalse(contacts.isManaged("carol", "carol@example.com"));
        assertFalse(contacts.isManaged("carol", "sales@other.org"));

        IQ remove = new IQ(org.dom4j.DocumentHelper.parseText("<iq type='set' id='x' from='carol@example.com/p'>"
                + "<query xmlns='jabber:iq:roster'><item jid='sales@example.com' subscription='remove'/></query>"
                + "</iq>").getRootElement());
        assertEquals(new RosterEdits.Remove("sales", "sales@example.com"),
                new RosterEdits(contacts).rosterSet(remove, "carol"));
    }

    @Test
    void aliasChangesArePushedToTheOnlineUsersWhoseViewChanged() {
        Map<String, List<JID>> sessions = Map.of("alice", List.of(new JID("alice@example.com/a")),
                "carol", List.of(new JID("carol@example.com/c")));
        Online online = new Online() {
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
                return new Presence();
            }
        };
        RosterPushes pushes = new RosterPushes(contacts, online, u -> List.of());
        AliasBook.View before = aliases.get();
        AliasBook.Entry renamed = new AliasBook.Entry(new Alias("sales", "Sales & Service", Set.of("alice"), null,
                true, Alias.Visibility.MEMBERS, false), Set.of("alice"));
        AliasBook.View after = new AliasBook.View(Map.of("sales", renamed, "board", BOARD, "old", OFF), "v3");
        aliases.set(after);
        List<IQ> out = pushes.pushesFor(new AliasBook.Change(before, after));
        assertEquals(2, out.size());
        IQ toAlice = out.stream().filter(iq -> iq.getTo().getNode().equals("alice")).findFirst().orElseThrow();
        assertEquals("Sales & Service", toAlice.getChildElement().element("item").attributeValue("name"));
        IQ toCarol = out.stream().filter(iq -> iq.getTo().getNode().equals("carol")).findFirst().orElseThrow();
        assertEquals("remove", toCarol.getChildElement().element("item").attributeValue("subscription"),
                "members-only now: carol loses it");
        assertEquals(contacts.version("carol", List.of()), toCarol.getChildElement().attributeValue("ver"));
    }
}
