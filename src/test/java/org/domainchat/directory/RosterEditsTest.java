package org.domainchat.directory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.dom4j.DocumentHelper;
import org.domainchat.alias.Alias;
import org.domainchat.alias.AliasBook;
import org.domainchat.testing.MemoryHiddenStore;
import org.junit.jupiter.api.Test;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.PacketError;
import org.xmpp.packet.Presence;

/** What each roster edit and subscription stanza from a client means for colleagues and aliases. */
class RosterEditsTest {

    private final DomainDirectory directory = new DomainDirectory(List.of(new DirectoryUser("alice", "Alice"),
            new DirectoryUser("bob", "Bob Brown"), new DirectoryUser("carol", "Carol"),
            new DirectoryUser("admin", "Admin")), List.of("admin"));
    private final AliasBook.Entry sales = new AliasBook.Entry(new Alias("sales", "Sales", Set.of("bob"), null, true,
            Alias.Visibility.ALL, false), Set.of("bob"));
    private final MemoryHiddenStore store = new MemoryHiddenStore();
    private final HiddenContacts hidden = HiddenContacts.empty(store);
    private final ContactRoster contacts = new ContactRoster(directory::snapshot,
            () -> new AliasBook.View(Map.of("sales", sales), "a1"), "example.com", () -> "example.com",
            () -> "Aliases", hidden::of);
    private final RosterEdits edits = new RosterEdits(contacts);

    private static IQ set(String item) throws Exception {
        return new IQ(DocumentHelper.parseText("<iq type='set' id='s1' from='alice@example.com/laptop'>"
                + "<query xmlns='jabber:iq:roster'>" + item + "</query></iq>").getRootElement());
    }

    private static Presence presence(String to, Presence.Type type) {
        Presence p = new Presence(type);
        p.setFrom(new JID("alice@example.com/laptop"));
        p.setTo(new JID(to));
        return p;
    }

    @Test
    void removingAColleagueOrAnAliasHidesItAndRemovingItAgainIsItemNotFound() throws Exception {
        assertEquals(new RosterEdits.Remove("bob", "bob@example.com"),
                edits.rosterSet(set("<item jid='bob@example.com' subscription='remove'/>"), "alice"));
        assertEquals(new RosterEdits.Remove("sales", "sales@example.com"),
                edits.rosterSet(set("<item jid='sales@example.com' subscription='remove'/>"), "alice"));

        hidden.hide("alice", "bob");
        RosterEdits.Edit again = edits.rosterSet(set("<item jid='bob@example.com' subscription='remove'/>"),
                "alice");
        IQ error = assertInstanceOf(RosterEdits.NotInRoster.class, again).error();
        assertEquals(PacketError.Condition.item_not_found, error.getError().getCondition());
        assertEquals("s1", error.getID());
    }

    @Test
    void addingARemovedContactBackRestoresItAndRenamingAShownOneIsOpenfires() throws Exception {
        hidden.hide("alice", "bob");
        assertEquals(new RosterEdits.Restore("bob", "bob@example.com"),
                edits.rosterSet(set("<item jid='bob@example.com' name='B'><group>Team</group></item>"), "alice"));
        assertInstanceOf(RosterEdits.NotOurs.class,
                edits.rosterSet(set("<item jid='carol@example.com' name='Caz'/>"), "alice"),
                "renaming a shown colleague: Openfire stores the user's own item");
    }

    @Test
    void contactsThatAreNotColleaguesAndMalformedSetsAreOpenfires() throws Exception {
        for (String item : List.of("<item jid='friend@other.org' subscription='remove'/>",
                "<item jid='admin@example.com' subscription='remove'/>", // hidden account: an ordinary contact
                "<item jid='alice@example.com' subscription='remove'/>", // oneself
                "<item jid='not a jid@@' subscription='remove'/>",
                "<item jid='bob@example.com' subscription='remove'/><item jid='carol@example.com'/>")) {
            assertInstanceOf(RosterEdits.NotOurs.class, edits.rosterSet(set(item), "alice"), item);
        }
    }

    @Test
    void subscribingToARemovedContactRestoresItAndUnsubscribingChangesNothing() throws Exception {
        assertInstanceOf(RosterEdits.NotOurs.class,
                edits.subscription(presence("bob@example.com", Presence.Type.subscribe), "alice", List.of()),
                "already subscribed both ways");
        List<RosterEntry> own = List.of(new RosterEntry("bob@example.com", "Bobby", List.of("Team"), "none", null,
                false));
        RosterEdits.Unchanged unchanged = assertInstanceOf(RosterEdits.Unchanged.class,
                edits.subscription(presence("bob@example.com", Presence.Type.unsubscribe), "alice", own));
        assertEquals(new RosterEntry("bob@example.com", "Bobby", List.of("Team"), "both", null, true),
                unchanged.entry(), "the item as the roster shows it: still both");
        assertInstanceOf(RosterEdits.Unchanged.class,
                edits.subscription(presence("sales@example.com", Presence.Type.unsubscribed), "alice", own));
        assertInstanceOf(RosterEdits.NotOurs.class,
                edits.subscription(presence("bob@example.com", Presence.Type.subscribed), "alice", own));
        assertInstanceOf(RosterEdits.NotOurs.class,
                edits.subscription(presence("friend@other.org", Presence.Type.subscribe), "alice", own));

        hidden.hide("alice", "bob");
        assertEquals(new RosterEdits.Restore("bob", "bob@example.com"),
                edits.subscription(presence("bob@example.com", Presence.Type.subscribe), "alice", own));
        assertInstanceOf(RosterEdits.NotOurs.class,
                edits.subscription(presence("bob@example.com", Presence.Type.unsubscribe), "alice", own),
                "a removed contact stays removed");
    }

    @Test
    void aRemovedContactLeavesOnlyThatUsersRosterAndChangesItsVersion() throws Exception {
        String before = contacts.version("alice", List.of());
        hidden.hide("alice", "bob");
        hidden.hide("alice", "sales");
        assertEquals(List.of("carol@example.com"), contacts.build("alice", List.of()).stream()
                .map(RosterEntry::jid).toList());
        assertNotEquals(before, contacts.version("alice", List.of()));
        assertEquals(Set.of("alice@example.com", "bob@example.com", "sales@example.com"),
                Set.copyOf(contacts.build("carol", List.of()).stream().map(RosterEntry::jid).toList()),
                "carol's roster is hers");
        assertEquals(Set.of("bob", "sales"), store.rows("alice"), "stored before it counts");

        hidden.show("alice", "bob");
        assertEquals(Set.of("sales"), store.rows("alice"));
        assertEquals(2, contacts.build("alice", List.of()).size());
    }
}
