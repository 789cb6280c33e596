package org.domainchat.openfire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.dom4j.DocumentHelper;
import org.dom4j.Element;
import org.domainchat.directory.DirectoryUser;
import org.domainchat.directory.DomainDirectory;
import org.domainchat.directory.ContactRoster;
import org.domainchat.directory.HiddenContacts;
import org.domainchat.directory.RosterEdits;
import org.domainchat.directory.RosterRequests;
import org.domainchat.presence.FakeOnline;
import org.domainchat.testing.MemoryHiddenStore;
import org.jivesoftware.openfire.handler.IQHandler;
import org.jivesoftware.openfire.roster.Roster;
import org.jivesoftware.openfire.roster.RosterItem;
import org.jivesoftware.openfire.roster.RosterManager;
import org.jivesoftware.openfire.user.UserNotFoundException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.Packet;
import org.xmpp.packet.PacketError;
import org.xmpp.packet.Presence;

/** The roster handler at stanza level; Openfire's own handler and roster manager are faked at the edge. */
class DirectoryRosterHandlerTest {

    private final DomainDirectory directory = new DomainDirectory(List.of(new DirectoryUser("alice", "Alice"),
            new DirectoryUser("bob", "Bob Brown"), new DirectoryUser("carol", "Carol")), List.of());
    private final IQHandler builtIn = mock(IQHandler.class);
    private final RosterManager rosters = mock(RosterManager.class);
    private final AtomicBoolean active = new AtomicBoolean(true);
    private final MemoryHiddenStore store = new MemoryHiddenStore();
    private final HiddenContacts hidden = HiddenContacts.empty(store);
    private final FakeOnline online = new FakeOnline().with("alice@example.com/laptop", null, null)
            .with("alice@example.com/phone", null, null).with("bob@example.com/desk", null, "here");
    private final List<Packet> routed = new ArrayList<>();
    private DirectoryRosterHandler handler;

    @BeforeEach
    void setUp() throws Exception {
        ContactRoster contacts = new ContactRoster(directory::snapshot,
                () -> new org.domainchat.alias.AliasBook.View(java.util.Map.of(), "none"), "example.com",
                () -> "example.com", () -> "Aliases", hidden::of);
        RosterEdits edits = new RosterEdits(contacts);
        RosterEditor editor = new RosterEditor(edits, hidden, this::own, online, (to, p) -> {
            p.setTo(to);
            routed.add(p);
        }, Runnable::run, (resource, contact) -> {
            Presence p = new Presence();
            p.setFrom(new JID(contact));
            p.setTo(resource);
            routed.add(p);
        });
        handler = new DirectoryRosterHandler(builtIn, new RosterRequests(contacts), edits, editor, rosters,
                "example.com", active::get, () -> true);
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

    private List<org.domainchat.directory.RosterEntry> own(String username) {
        try {
            return DirectoryRosterHandler.own(rosters.getRoster(username));
        } catch (UserNotFoundException e) {
            return List.of();
        }
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
    void removingAColleagueIsAnsweredOnceStoredAndPushedToEveryResource() throws Exception {
        assertNull(handler.handleIQ(parse("<iq type='set' id='s1' from='alice@example.com/laptop'><query "
                + "xmlns='jabber:iq:roster'><item jid='bob@example.com' subscription='remove'/></query></iq>")),
                "answered by the editor, once stored");
        verify(builtIn, never()).handleIQ(any());
        assertEquals(Set.of("bob"), store.rows("alice"));
        IQ result = (IQ) routed.get(0);
        assertEquals(IQ.Type.result, result.getType());
        assertEquals("s1", result.getID());
        assertEquals(new JID("alice@example.com/laptop"), result.getTo());
        List<IQ> pushes = routed.subList(1, routed.size()).stream().map(p -> (IQ) p).toList();
        assertEquals(List.of("alice@example.com/laptop", "alice@example.com/phone"),
                pushes.stream().map(p -> p.getTo().toString()).toList());
        for (IQ push : pushes) {
            assertEquals("remove", push.getChildElement().element("item").attributeValue("subscription"));
            assertEquals("bob@example.com", push.getChildElement().element("item").attributeValue("jid"));
        }

        IQ get = handler.handleIQ(parse("<iq type='get' id='g1' from='alice@example.com/laptop'>"
                + "<query xmlns='jabber:iq:roster'/></iq>"));
        assertTrue(get.getChildElement().elements("item").stream()
                .noneMatch(i -> i.attributeValue("jid").equals("bob@example.com")), "bob stays out of the roster");
        assertEquals(pushes.get(0).getChildElement().attributeValue("ver"),
                get.getChildElement().attributeValue("ver"), "the push announced the version the roster now has");

        IQ again = handler.handleIQ(parse("<iq type='set' id='s2' from='alice@example.com/laptop'><query "
                + "xmlns='jabber:iq:roster'><item jid='bob@example.com' subscription='remove'/></query></iq>"));
        assertEquals(PacketError.Condition.item_not_found, again.getError().getCondition(), "RFC 6121 2.5.3");
    }

    @Test
    void addingARemovedColleagueBackGoesOnToOpenfireAndBringsItsPresence() throws Exception {
        hidden.hide("alice", "bob");
        IQ add = parse("<iq type='set' id='s3' from='alice@example.com/laptop'><query xmlns='jabber:iq:roster'>"
                + "<item jid='bob@example.com' name='Bobby'><group>Team</group></item></query></iq>");
        IQ openfiresAnswer = IQ.createResultIQ(add);
        when(builtIn.handleIQ(add)).thenAnswer(inv -> {
            assertEquals(Set.of(), hidden.of("alice"), "shown again before Openfire stores the item and pushes it");
            return openfiresAnswer;
        });
        assertNull(handler.handleIQ(add));
        assertEquals(Set.of(), store.rows("alice"));
        assertSame(openfiresAnswer, routed.get(0));
        assertEquals(List.of("alice@example.com/laptop", "alice@example.com/phone"), routed.subList(1, 3).stream()
                .map(p -> ((Presence) p).getTo().toString()).toList(), "bob's presence to each resource");
    }

    @Test
    void aRemovalThatCannotBeStoredIsAnErrorAndChangesNothing() throws Exception {
        store.failing(true);
        handler.handleIQ(parse("<iq type='set' id='s4' from='alice@example.com/laptop'><query "
                + "xmlns='jabber:iq:roster'><item jid='bob@example.com' subscription='remove'/></query></iq>"));
        IQ error = (IQ) routed.get(0);
        assertEquals(PacketError.Condition.internal_server_error, error.getError().getCondition());
        assertTrue(error.getError().getText().contains("could not store"), error.getError().getText());
        assertEquals(1, routed.size(), "no push");
        assertEquals(Set.of(), hidden.of("alice"));
    }

    @Test
    void renamingAColleagueAndRemovingOwnContactsGoToOpenfire() throws Exception {
        IQ rename = parse("<iq type='set' id='s5' from='alice@example.com/laptop'><query "
                + "xmlns='jabber:iq:roster'><item jid='bob@example.com' name='Bobby'/></query></iq>");
        IQ renamed = IQ.createResultIQ(rename);
        when(builtIn.handleIQ(rename)).thenReturn(renamed);
        assertSame(renamed, handler.handleIQ(rename));

        IQ removeFriend = parse("<iq type='set' id='s2' from='alice@example.com/laptop'><query "
                + "xmlns='jabber:iq:roster'><item jid='friend@other.org' subscription='remove'/></query></iq>");
        IQ openfiresAnswer = IQ.createResultIQ(removeFriend);
        when(builtIn.handleIQ(removeFriend)).thenReturn(openfiresAnswer);
        assertSame(openfiresAnswer, handler.handleIQ(removeFriend));
        assertTrue(routed.isEmpty());
        assertEquals(Set.of(), store.rows("alice"));
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
