package org.domainchat.webmail.live;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.domainchat.alias.Alias;
import org.domainchat.alias.AliasBook;
import org.domainchat.alias.GroupMembers;
import org.domainchat.directory.DirectoryUser;
import org.domainchat.directory.DomainDirectory;
import org.domainchat.presence.FakeOnline;
import org.json.JSONObject;
import org.junit.jupiter.api.Test;

/** Contact list changes reach exactly the webmail streams whose list they change. */
class ContactListEventsTest {

    private static final WebmailLive.Context HERE = new WebmailLive.Context(Locale.ENGLISH, "127.0.0.1");

    private final WebmailLive live = new WebmailLive(new FakeLinks(), new MemoryStatus(),
            new ContactStatuses(new FakeOnline(), () -> new AliasBook.View(Map.of(), "v"), "example.com"),
            j -> false, "example.com", LiveSettings.Fixed.defaults(), System::currentTimeMillis);

    private static List<String> changes(Recorder r) {
        return r.ofType("contacts").stream().map(e -> new JSONObject(e.data()))
                .map(j -> j.getString("jid") + " " + j.getString("change")).toList();
    }

    @Test
    void colleaguesChangesGoToEveryoneElse() throws Exception {
        DomainDirectory directory = new DomainDirectory(List.of(new DirectoryUser("alice", "Alice"),
                new DirectoryUser("bob", "Bob")), Set.of());
        AliasBook aliases = AliasBook.empty(null, GroupMembers.NONE, "example.com");
        Recorder alice = new Recorder();
        Recorder bob = new Recorder();
        live.subscribe("alice", null, HERE, alice);
        live.subscribe("bob", null, HERE, bob);
        try (ContactListEvents events = ContactListEvents.attach(live, directory, aliases, "example.com")) {
            directory.accountSaved(new DirectoryUser("bob", "Robert"));
            directory.setHidden("bob", true);
            assertEquals(List.of("bob@example.com changed", "bob@example.com removed"), changes(alice));
            assertEquals(List.of(), changes(bob), "not their own account");
        }
        directory.accountSaved(new DirectoryUser("carol", "Carol"));
        assertEquals(2, changes(alice).size(), "nothing after close");
        live.close();
    }

    @Test
    void aliasChangesGoToThoseWhoSeeTheAlias() throws Exception {
        AliasBook aliases = AliasBook.empty(null, GroupMembers.NONE, "example.com");
        Recorder alice = new Recorder();
        Recorder bob = new Recorder();
        live.subscribe("alice", null, HERE, alice);
        live.subscribe("bob", null, HERE, bob);
        ContactListEvents events = ContactListEvents.attach(live, null, aliases, "example.com");
        AliasBook.View none = new AliasBook.View(Map.of(), "0");
        AliasBook.View membersOnly = view(Alias.Visibility.MEMBERS, "Sales");
        AliasBook.View everyone = view(Alias.Visibility.ALL, "Sales");
        AliasBook.View renamed = view(Alias.Visibility.ALL, "Sales team");
        events.aliasesChanged(new AliasBook.Change(none, membersOnly));
        events.aliasesChanged(new AliasBook.Change(membersOnly, everyone));
        events.aliasesChanged(new AliasBook.Change(everyone, renamed));
        events.aliasesChanged(new AliasBook.Change(renamed, none));
        assertEquals(List.of("sales@example.com added", "sales@example.com changed", "sales@example.com changed",
                "sales@example.com removed"), changes(bob), "bob is a member: he saw it all along");
        assertEquals(List.of("sales@example.com added", "sales@example.com changed", "sales@example.com removed"),
                changes(alice), "alice only once it was visible to all");
        events.close();
        live.close();
    }

    private static AliasBook.View view(Alias.Visibility visibility, String displayName) {
        Alias sales = new Alias("sales", displayName, Set.of("bob"), null, true, visibility, false);
        return new AliasBook.View(Map.of("sales", new AliasBook.Entry(sales, Set.of("bob"))), displayName
                + visibility);
    }
}
