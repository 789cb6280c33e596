package org.domainchat.directory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

class DomainRosterTest {

    private static final List<DirectoryUser> ACCOUNTS = List.of(new DirectoryUser("alice", "Alice Adams"),
            new DirectoryUser("bob", null), new DirectoryUser("carol", "Carol Chen"),
            new DirectoryUser("admin", "Administrator"), new DirectoryUser("backup", ""));

    private static Map<String, RosterEntry> byJid(List<RosterEntry> roster) {
        return roster.stream().collect(Collectors.toMap(RosterEntry::jid, Function.identity()));
    }

    @Test
    void everyVisibleUserButOneselfIsABothWayContactInTheDomainGroup() {
        DomainDirectory directory = new DomainDirectory(ACCOUNTS, List.of("admin"));
        Map<String, RosterEntry> roster = byJid(DomainRoster.build("alice", "example.com", "example.com",
                directory.snapshot(), List.of()));
        assertEquals(3, roster.size(), roster.keySet().toString());
        assertFalse(roster.containsKey("alice@example.com"), "not a contact of oneself");
        assertFalse(roster.containsKey("admin@example.com"), "hidden accounts are nobody's contact");
        RosterEntry bob = roster.get("bob@example.com");
        assertEquals("bob", bob.name(), "no full name: the username");
        assertEquals("both", bob.subscription());
        assertEquals(List.of("example.com"), bob.groups());
        assertTrue(bob.managed());
        assertEquals("Carol Chen", roster.get("carol@example.com").name());
        assertEquals("backup", roster.get("backup@example.com").name(), "a blank name counts as none");
    }

    @Test
    void theUsersOwnNameAndGroupsWinAndTheirOtherContactsStay() {
        DomainDirectory directory = new DomainDirectory(ACCOUNTS, List.of());
        List<RosterEntry> own = List.of(
                new RosterEntry("carol@example.com", "Caz", List.of("Friends", "Work"), "to", null, false),
                new RosterEntry("bob@example.com", null, List.of(), "none", "subscribe", false),
                new RosterEntry("dave@other.org", "Dave", List.of("Elsewhere"), "both", null, false));
        Map<String, RosterEntry> roster = byJid(DomainRoster.build("alice", "example.com", "Colleagues",
                directory.snapshot(), own));
        RosterEntry carol = roster.get("carol@example.com");
        assertEquals("Caz", carol.name());
        assertEquals(List.of("Friends", "Work"), carol.groups());
        assertEquals("both", carol.subscription(), "no subscription dance for domain contacts");
        assertEquals(null, carol.ask());
        RosterEntry bob = roster.get("bob@example.com");
        assertEquals("bob", bob.name(), "own item without a name: the directory's");
        assertEquals(List.of("Colleagues"), bob.groups(), "own item without groups: the domain group");
        assertEquals(own.get(2), roster.get("dave@other.org"), "a contact of their own is left as it is");
        assertFalse(roster.get("dave@other.org").managed());
        assertEquals(5, roster.size());
    }

    @Test
    void theVersionFollowsTheContentNotTheRestartOrTheOrder() {
        DomainDirectory one = new DomainDirectory(ACCOUNTS, List.of("admin"));
        List<DirectoryUser> reversed = new ArrayList<>(ACCOUNTS);
        java.util.Collections.reverse(reversed);
        DomainDirectory afterRestart = new DomainDirectory(reversed, List.of("admin"));
        List<RosterEntry> own = List.of(new RosterEntry("x@other.org", "X", List.of("b", "a"), "both", null, false),
                new RosterEntry("y@other.org", "Y", List.of(), "to", null, false));
        List<RosterEntry> ownReordered = List.of(own.get(1),
                new RosterEntry("x@other.org", "X", List.of("a", "b"), "both", null, false));
        String v1 = DomainRoster.version(one.snapshot(), own, "example.com");
        assertEquals(v1, DomainRoster.version(afterRestart.snapshot(), ownReordered, "example.com"));

        one.accountSaved(new DirectoryUser("bob", "Bob Brown"));
        String v2 = DomainRoster.version(one.snapshot(), own, "example.com");
        assertNotEquals(v1, v2, "a rename is a new version");
        one.setHidden("carol", true);
        assertNotEquals(v2, DomainRoster.version(one.snapshot(), own, "example.com"));
        assertNotEquals(v1, DomainRoster.version(afterRestart.snapshot(), own, "Colleagues"), "group renamed");
        assertNotEquals(v1, DomainRoster.version(afterRestart.snapshot(), own.subList(0, 1), "example.com"));
    }

    @Test
    void changesAreAnnouncedOnceAndHiddenAccountsStayQuiet() {
        DomainDirectory directory = new DomainDirectory(ACCOUNTS, List.of("admin"));
        List<DomainDirectory.Change> changes = new ArrayList<>();
        directory.addListener(changes::add);

        directory.accountSaved(new DirectoryUser("dave", "Dave Doe"));        // created
        directory.accountSaved(new DirectoryUser("dave", "Dave Doe"));        // nothing changed
        directory.accountSaved(new DirectoryUser("dave", "David Doe"));       // renamed
        directory.accountSaved(new DirectoryUser("admin", "Root"));           // hidden: nobody sees it
        directory.accountDeleted("bob");
        directory.accountDeleted("nobody");                                   // not an account
        directory.setHidden("carol", true);
        directory.setHidden("carol", true);                                   // already hidden

        assertEquals(List.of("dave:false", "dave:false", "bob:true", "carol:true"),
                changes.stream().map(c -> c.user().username() + ":" + c.removed()).toList());
        assertEquals("David Doe", changes.get(1).user().displayName());
        assertEquals(directory.snapshot().version(), changes.get(3).version());
        assertFalse(directory.snapshot().contains("carol"));
        assertTrue(directory.snapshot().contains("dave"));

        directory.setHidden("admin", false);
        assertTrue(directory.snapshot().contains("admin"));
        assertEquals("admin:false", changes.get(4).user().username() + ":" + changes.get(4).removed());
    }

    @Test
    void aTenThousandUserRosterIsBuiltFromOneSnapshot() {
        List<DirectoryUser> many = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            many.add(new DirectoryUser(String.format("user%05d", i), "User " + i));
        }
        DomainDirectory directory = new DomainDirectory(many, List.of());
        List<RosterEntry> roster = DomainRoster.build("user00042", "example.com", "example.com",
                directory.snapshot(), List.of());
        assertEquals(9_999, roster.size());
        assertTrue(roster.stream().allMatch(e -> "both".equals(e.subscription())));
    }
}
