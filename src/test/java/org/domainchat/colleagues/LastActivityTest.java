package org.domainchat.colleagues;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import org.dom4j.DocumentHelper;
import org.dom4j.Element;
import org.domainchat.alias.Alias;
import org.domainchat.alias.AliasBook;
import org.domainchat.directory.DirectoryUser;
import org.domainchat.directory.DomainDirectory;
import org.domainchat.util.XmlChars;
import org.junit.jupiter.api.Test;
import org.xmpp.packet.IQ;

/** Last activity (XEP-0012) between colleagues and of aliases, at stanza level. */
class LastActivityTest {

    private final DomainDirectory directory = new DomainDirectory(List.of(new DirectoryUser("alice", "Alice"),
            new DirectoryUser("bob", "Bob"), new DirectoryUser("carol", "Carol"), new DirectoryUser("admin", "A")),
            List.of("admin"));
    private final AliasBook.Entry team = new AliasBook.Entry(new Alias("team", "Team", Set.of("bob", "carol"), null,
            true, Alias.Visibility.MEMBERS, false), Set.of("alice", "bob", "carol"));
    private final AtomicBoolean active = new AtomicBoolean(true);
    private final Colleagues colleagues = new Colleagues(directory::snapshot,
            () -> new AliasBook.View(Map.of("team", team), "a"), "example.com", active::get);
    private final Set<String> online = new java.util.HashSet<>();
    /** Bob's last presence text as Openfire stored it. */
    private volatile String bobStatus = "gone home";
    private final Map<String, Long> idle = new HashMap<>(Map.of("bob", 90_500L, "carol", 3_600_000L));
    private final LastActivity lastActivity = new LastActivity(colleagues, new Activity() {
        @Override
        public boolean hasSessions(String username) {
            return online.contains(username);
        }

        @Override
        public long millisSinceLastActivity(String username) {
            return idle.getOrDefault(username, -1L);
        }

        @Override
        public String lastStatus(String username) {
            return username.equals("bob") ? bobStatus : null;
        }
    });

    private static IQ query(String from, String to) throws Exception {
        return new IQ(DocumentHelper.parseText("<iq type='get' id='l1' from='" + from + "' to='" + to
                + "'><query xmlns='jabber:iq:last'/></iq>").getRootElement());
    }

    private static Element answer(IQ result) {
        assertEquals(IQ.Type.result, result.getType());
        assertEquals("l1", result.getID());
        return result.getChildElement();
    }

    @Test
    void aColleagueGetsSecondsSinceLogoutWithTheLastStatusOrZeroWhileOnline() throws Exception {
        Element offline = answer(lastActivity.answer(query("alice@example.com/desk", "bob@example.com"))
                .orElseThrow());
        assertEquals("90", offline.attributeValue("seconds"));
        assertEquals("gone home", offline.getText());
        online.add("bob");
        assertEquals("0", answer(lastActivity.answer(query("alice@example.com/desk", "bob@example.com"))
                .orElseThrow()).attributeValue("seconds"));
        idle.remove("carol");
        assertEquals("-1", answer(lastActivity.answer(query("alice@example.com/desk", "carol@example.com"))
                .orElseThrow()).attributeValue("seconds"), "never seen: what Openfire says");
    }

    @Test
    void aStoredStatusTextWithCharactersXmlForbidsIsAnsweredWithoutThem() throws Exception {
        // stored from an older client or plugin version: copied as it is, it would close the asker's stream
        bobStatus = "gone\u0000 home\u001B\uFFFE\uD800";
        IQ result = lastActivity.answer(query("alice@example.com/desk", "bob@example.com")).orElseThrow();
        assertEquals("gone home", answer(result).getText());
        assertEquals(-1, XmlChars.firstInvalid(result.toXML()), result.toXML());
    }

    @Test
    void anAliasWasLastActiveWhenItsMostRecentOtherMemberWas() throws Exception {
        assertEquals("90", answer(lastActivity.answer(query("carol@example.com/x", "team@example.com"))
                .orElseThrow()).attributeValue("seconds"));
        assertEquals("3600", answer(lastActivity.answer(query("bob@example.com/x", "team@example.com"))
                .orElseThrow()).attributeValue("seconds"), "bob's own activity does not count for him");
        online.add("carol");
        assertEquals("0", answer(lastActivity.answer(query("alice@example.com/x", "team@example.com"))
                .orElseThrow()).attributeValue("seconds"));
    }

    @Test
    void strangersHiddenAccountsOwnQueriesAndInactivityAreLeftToOpenfire() throws Exception {
        assertFalse(lastActivity.concerns(query("eve@other.org/x", "bob@example.com")));
        assertFalse(lastActivity.concerns(query("admin@example.com/x", "bob@example.com")));
        assertFalse(lastActivity.concerns(query("alice@example.com/x", "admin@example.com")));
        assertFalse(lastActivity.concerns(query("alice@example.com/x", "alice@example.com")), "Openfire: itself");
        assertFalse(lastActivity.concerns(query("alice@example.com/x", "bob@example.com/phone")),
                "a full JID is the client's to answer");
        assertFalse(lastActivity.concerns(query("alice@example.com/x", "example.com")), "server uptime");
        assertFalse(lastActivity.concerns(query("dave@example.com/x", "team@example.com")),
                "members only: dave does not see the alias");
        assertTrue(lastActivity.concerns(query("alice@example.com/x", "bob@example.com")));
        active.set(false);
        assertFalse(lastActivity.concerns(query("alice@example.com/x", "bob@example.com")));
        assertTrue(lastActivity.answer(query("alice@example.com/x", "bob@example.com")).isEmpty());
    }
}
