package org.domainchat.openfire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.dom4j.DocumentHelper;
import org.dom4j.Element;
import org.domainchat.directory.DirectoryUser;
import org.domainchat.directory.DomainDirectory;
import org.domainchat.directory.ContactRoster;
import org.domainchat.directory.RosterRequests;
import org.jivesoftware.openfire.handler.IQHandler;
import org.jivesoftware.openfire.roster.Roster;
import org.jivesoftware.openfire.roster.RosterItem;
import org.jivesoftware.openfire.roster.RosterManager;
import org.jivesoftware.openfire.user.UserNotFoundException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.PacketError;

/** The roster handler at stanza level; Openfire's own handler and roster manager are faked at the edge. */
class DirectoryRosterHandlerTest {

    private final DomainDirectory directory = new DomainDirectory(List.of(new DirectoryUser("alice", "Alice"),
            new DirectoryUser("bob", "Bob Brown"), new DirectoryUser("carol", "Carol")), List.of());
    private final IQHandler builtIn = mock(IQHandler.class);
    private final RosterManager rosters = mock(RosterManager.class);
    private final AtomicBoolean active = new AtomicBoolean(true);
    private DirectoryRosterHandler handler;

    @BeforeEach
    void setUp() throws Exception {
        handler = new DirectoryRosterHandler(builtIn, new RosterRequests(new ContactRoster(directory::snapshot,
                () -> new org.domainchat.alias.AliasBook.View(java.util.Map.of(), "none"), "example.com",
                () -> "example.com", () -> "Aliases")), rosters, "example.com", active::get, () -> true);
        Roster alices = mock(Roster.class);
        List<RosterItem> stored = List.of(
                item("carol@example.com", "Caz", RosterItem.SubType.TO, RosterItem.AskType.NONE,
                        RosterItem.RecvType.NONE, List.of("Work")),
                item("friend@other.org", "Friend", RosterItem.SubType.NONE, RosterItem.AskType.SUBSCRIBE,
                        RosterItem.RecvType.NONE, List.of()),
                item("stranger@other.org", null, RosterItem.SubType.NONE, RosterItem.AskType.NONE,
                        RosterItem.RecvType.SUBSCRIBE, List.of())); // only asked to subscribe to alice
        when(alices.getRosterItems()).thenReturn(stored);
        when(rosters.getRoster("alice")).thenReturn(alices);
        when(rosters.getRoster("anon-123")).thenThrow(new UserNotFoundException("anonymous"));
    }

    private static RosterItem item(String jid, String nick, RosterItem.SubType sub, RosterItem.AskType ask,
                                   RosterItem.RecvType recv, List<String> groups) {
        RosterItem item = mock(RosterItem.class);
        when(item.getJid()).thenReturn(new JID(jid));
        when(item.getNickname()).thenReturn(nick);
        when(item.getSubStatus()).thenReturn(sub);
        when(item.getAskStatus()).thenReturn(ask);
        when(item.getRecvStatus()).thenReturn(recv);
        when(item.getGroups()).thenReturn(groups);
        return item;
    }

    private static IQ parse(String xml) throws Exception {
        return new IQ(DocumentHelper.parseText(xml).getRootElement());
    }

    @Test
    void aGetMergesStoredItemsWithTheDirectory() throws Exception {
        IQ result = handler.handleIQ(parse("<iq type='get' id='g1' from='alice@example.com/laptop'>"
                + "<query xmlns='jabber:iq:roster' ver=''/></iq>"));
        Map<String, Element> items = result.getChildElement().elements("item").stream()
                .collect(Collectors.toMap(e -> e.attributeValue("jid"), Function.identity()));
        assertEquals(List.of("bob@example.com", "carol@example.com", "friend@other.org"),
                items.keySet().stream().sorted().toList(), "a pending inbound request is not a roster item");
        assertEquals("Caz", items.get("carol@example.com").attributeValue("name"), "own name wins");
        assertEquals("both", items.get("carol@example.com").attributeValue("subscription"));
        assertEquals("Work", items.get("carol@example.com").elementText("group"));
        assertEquals("Bob Brown", items.get("bob@example.com").attributeValue("name"));
        assertEquals("subscribe", items.get("friend@other.org").attributeValue("ask"));
        verify(builtIn, never()).handleIQ(any());
    }

    @Test
    void removingADomainContactIsRefusedAndOtherSetsGoToOpenfire() throws Exception {
        IQ refused = handler.handleIQ(parse("<iq type='set' id='s1' from='alice@example.com/laptop'>"
                + "<query xmlns='jabber:iq:roster'><item jid='bob@example.com' subscription='remove'/></query></iq>"));
        assertEquals(PacketError.Condition.not_allowed, refused.getError().getCondition());
        verify(builtIn, never()).handleIQ(any());

        IQ removeFriend = parse("<iq type='set' id='s2' from='alice@example.com/laptop'><query "
                + "xmlns='jabber:iq:roster'><item jid='friend@other.org' subscription='remove'/></query></iq>");
        IQ openfiresAnswer = IQ.createResultIQ(removeFriend);
        when(builtIn.handleIQ(removeFriend)).thenReturn(openfiresAnswer);
        assertSame(openfiresAnswer, handler.handleIQ(removeFriend));
    }

    @Test
    void whileInactiveAndForAnonymousOrRemoteRequestersOpenfireAnswers() throws Exception {
        IQ anonymous = parse("<iq type='get' id='g2' from='anon-123@example.com/x'>"
                + "<query xmlns='jabber:iq:roster'/></iq>");
        assertNull(handler.handleIQ(anonymous), "Openfire's handler delivers its own reply");
        verify(builtIn).handleIQ(anonymous);

        IQ remote = parse("<iq type='get' id='g3' from='someone@other.org/x'><query xmlns='jabber:iq:roster'/></iq>");
        handler.handleIQ(remote);
        verify(builtIn).handleIQ(remote);

        active.set(false);
        IQ get = parse("<iq type='get' id='g4' from='alice@example.com/laptop'><query xmlns='jabber:iq:roster'/></iq>");
        handler.handleIQ(get);
        verify(builtIn).handleIQ(get);
        assertEquals("jabber:iq:roster", handler.getInfo().getNamespace());
    }
}
