package org.domainchat.openfire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.dom4j.DocumentHelper;
import org.dom4j.Element;
import org.domainchat.alias.Alias;
import org.domainchat.alias.AliasBook;
import org.domainchat.directory.ContactRoster;
import org.domainchat.directory.DirectoryUser;
import org.domainchat.directory.DomainDirectory;
import org.domainchat.directory.HiddenContacts;
import org.domainchat.directory.RosterEdits;
import org.domainchat.directory.RosterEntry;
import org.domainchat.directory.RosterRequests;
import org.domainchat.presence.AliasPresence;
import org.domainchat.presence.FakeOnline;
import org.domainchat.presence.StanzaRouter;
import org.domainchat.presence.SubscriptionAnswers;
import org.domainchat.testing.MemoryHiddenStore;
import org.jivesoftware.openfire.IQHandlerInfo;
import org.jivesoftware.openfire.handler.IQHandler;
import org.jivesoftware.openfire.interceptor.PacketRejectedException;
import org.jivesoftware.openfire.roster.Roster;
import org.jivesoftware.openfire.roster.RosterItem;
import org.jivesoftware.openfire.roster.RosterManager;
import org.jivesoftware.openfire.session.ClientSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.Packet;
import org.xmpp.packet.PacketError;
import org.xmpp.packet.Presence;

/**
 * A client's roster edits, end to end at stanza level, as Openfire 5.1.1 wires them: the roster handler, the
 * subscription guard, the push rewriter (Openfire's outgoing interceptor) and Openfire's own roster handler, which
 * stores the user's items and pushes them (faked here as 5.1.1's IQRosterHandler and Roster behave: a new item has
 * subscription none; removing an item that is not stored is item-not-found). The client applies every result and
 * push to its copy of the roster, as RFC 6121 says; after each edit that copy, the roster a fresh request returns
 * and their versions must agree.
 */
class RosterFlowTest {

    private static final JID LAPTOP = new JID("alice@example.com/laptop");
    private final DomainDirectory directory = new DomainDirectory(List.of(new DirectoryUser("alice", "Alice"),
            new DirectoryUser("bob", "Bob Brown"), new DirectoryUser("carol", "Carol")), List.of());
    private final AliasBook.Entry sales = new AliasBook.Entry(new Alias("sales", "Sales", Set.of("bob"), null, true,
            Alias.Visibility.ALL, false), Set.of("bob"));
    private final AliasBook.View aliases = new AliasBook.View(Map.of("sales", sales), "a1");
    private final MemoryHiddenStore store = new MemoryHiddenStore();
    private final HiddenContacts hidden = HiddenContacts.empty(store);
    private final FakeOnline online = new FakeOnline().with("alice@example.com/laptop", null, null)
            .with("bob@example.com/desk", Presence.Show.away, "lunch");
    /** Openfire's stored roster items of alice, as its roster provider keeps them. */
    private final Map<String, RosterItem> stored = new LinkedHashMap<>();
    private final List<Packet> toLaptop = new ArrayList<>();
    /** The client: its roster by jid (name, groups, subscription) and the version it last heard of. */
    private final Map<String, String> client = new TreeMap<>();
    private String clientVersion;
    private DirectoryRosterHandler handler;
    private SubscriptionGuard guard;
    private RosterPushRewriter rewriter;

    @BeforeEach
    void wire() throws Exception {
        ContactRoster contacts = new ContactRoster(directory::snapshot, () -> aliases, "example.com",
                () -> "example.com", () -> "Aliases", hidden::of);
        RosterManager rosters = mock(RosterManager.class);
        Roster alices = mock(Roster.class);
        when(alices.getRosterItems()).thenAnswer(inv -> List.copyOf(stored.values()));
        when(rosters.getRoster(anyString())).thenReturn(alices);
        java.util.function.Function<String, List<RosterEntry>> own = u -> DirectoryRosterHandler.own(alices);
        rewriter = new RosterPushRewriter(contacts, own, () -> true);
        StanzaRouter router = (to, packet) -> {
            if (packet instanceof IQ iq && iq.getType() == IQ.Type.set) {
                rewriter.interceptPacket(iq, null, false, false); // Openfire's outgoing interceptors
            }
            if (to.equals(LAPTOP)) {
                toLaptop.add(packet);
            }
        };
        RosterEdits edits = new RosterEdits(contacts);
        SubscriptionAnswers answers = new SubscriptionAnswers(directory::snapshot, () -> aliases,
                new AliasPresence(() -> aliases, online, router, "example.com", () -> java.util.Locale.ENGLISH),
                online, "example.com");
        RosterEditor editor = new RosterEditor(edits, hidden, own, online, router, Runnable::run,
                (resource, contact) -> {
                    Presence probe = new Presence(Presence.Type.probe);
                    probe.setTo(new JID(contact));
                    answers.answer(probe, resource).forEach(p -> router.route(resource, p));
                });
        guard = new SubscriptionGuard(answers, router, () -> true, edits, editor, own);
        handler = new DirectoryRosterHandler(openfireRosterHandler(router), new RosterRequests(contacts), edits,
                editor, rosters, "example.com", () -> true, () -> true);
        IQ result = handler.handleIQ(iq("<iq type='get' id='start'><query xmlns='jabber:iq:roster' ver=''/></iq>"));
        apply(result);
    }

    /** Openfire 5.1.1's IQRosterHandler.manageRoster and Roster for one user's sets, pushing to the resource. */
    private IQHandler openfireRosterHandler(StanzaRouter router) {
        return new IQHandler("Openfire roster") {
            @Override
            public IQ handleIQ(IQ set) {
                Element item = set.getChildElement().element("item");
                String jid = item.attributeValue("jid");
                IQ result = IQ.createResultIQ(set);
                IQ push = new IQ(IQ.Type.set);
                push.setTo(LAPTOP);
                Element pushed = push.setChildElement("query", "jabber:iq:roster").addAttribute("ver", "openfire-1")
                        .addElement("item").addAttribute("jid", jid);
                if ("remove".equals(item.attributeValue("subscription"))) {
                    if (stored.remove(jid) == null) {
                        result.setError(PacketError.Condition.item_not_found);
                        return result;
                    }
                    pushed.addAttribute("subscription", "remove");
                } else {
                    List<String> groups = item.elements("group").stream().map(Element::getText).toList();
                    stored.put(jid, item(jid, item.attributeValue("name"), groups));
                    if (item.attributeValue("name") != null) {
                        pushed.addAttribute("name", item.attributeValue("name"));
                    }
                    pushed.addAttribute("subscription", "none");
                    groups.forEach(g -> pushed.addElement("group").setText(g));
                }
                router.route(LAPTOP, push);
                return result;
            }

            @Override
            public IQHandlerInfo getInfo() {
                return new IQHandlerInfo("query", "jabber:iq:roster");
            }
        };
    }

    private static RosterItem item(String jid, String name, List<String> groups) {
        RosterItem item = mock(RosterItem.class);
        when(item.getJid()).thenReturn(new JID(jid));
        when(item.getNickname()).thenReturn(name);
        when(item.getGroups()).thenReturn(groups);
        when(item.getSubStatus()).thenReturn(RosterItem.SubType.NONE);
        when(item.getAskStatus()).thenReturn(RosterItem.AskType.NONE);
        when(item.getRecvStatus()).thenReturn(RosterItem.RecvType.NONE);
        return item;
    }

    private static IQ iq(String xml) throws Exception {
        IQ iq = new IQ(DocumentHelper.parseText(xml).getRootElement());
        iq.setFrom(LAPTOP);
        return iq;
    }

    /** Applies a roster result or push to the client's copy, as RFC 6121 §2.1.6 and XEP-0237 say. */
    private void apply(IQ iq) {
        Element query = iq.getChildElement();
        if (query == null || !"jabber:iq:roster".equals(query.getNamespaceURI())) {
            return;
        }
        if (iq.getType() == IQ.Type.result) {
            client.clear();
        }
        for (Element item : query.elements("item")) {
            if ("remove".equals(item.attributeValue("subscription"))) {
                client.remove(item.attributeValue("jid"));
            } else {
                client.put(item.attributeValue("jid"), describe(item));
            }
        }
        if (query.attributeValue("ver") != null) {
            clientVersion = query.attributeValue("ver");
        }
    }

    private static String describe(Element item) {
        List<String> groups = new ArrayList<>(item.elements("group").stream().map(Element::getText).toList());
        java.util.Collections.sort(groups);
        return item.attributeValue("name") + " " + groups + " " + item.attributeValue("subscription")
                + (item.attributeValue("ask") == null ? "" : " ask");
    }

    /** Sends a roster set; the answer, wherever it comes from, and every push reach the client. */
    private IQ edit(String itemXml) throws Exception {
        IQ set = iq("<iq type='set' id='e'><query xmlns='jabber:iq:roster'>" + itemXml + "</query></iq>");
        IQ direct = handler.handleIQ(set);
        IQ answer = direct;
        for (Packet p : toLaptop) {
            if (p instanceof IQ iq && iq.getType() == IQ.Type.set) {
                apply(iq);
            } else if (p instanceof IQ iq && "e".equals(iq.getID())) {
                answer = iq;
            }
        }
        toLaptop.clear();
        assertNotNull(answer, "every set is answered");
        return answer;
    }

    private List<Packet> presence(String to, Presence.Type type) {
        Presence p = new Presence(type);
        p.setTo(new JID(to));
        ClientSession session = mock(ClientSession.class);
        when(session.getAddress()).thenReturn(LAPTOP);
        assertThrows(PacketRejectedException.class, () -> guard.interceptPacket(p, session, true, false),
                "answered by domain chat, kept from Openfire's subscription handler");
        List<Packet> out = new ArrayList<>(toLaptop);
        for (Packet each : out) {
            if (each instanceof IQ iq && iq.getType() == IQ.Type.set) {
                apply(iq);
            }
        }
        toLaptop.clear();
        return out;
    }

    /** The client's roster, the server's and their versions agree. */
    private void agree(String step) throws Exception {
        IQ fresh = handler.handleIQ(iq("<iq type='get' id='check'><query xmlns='jabber:iq:roster'/></iq>"));
        Map<String, String> server = new TreeMap<>();
        for (Element item : fresh.getChildElement().elements("item")) {
            server.put(item.attributeValue("jid"), describe(item));
        }
        assertEquals(server, client, step);
        assertEquals(fresh.getChildElement().attributeValue("ver"), clientVersion, step + ": the version");
        IQ unchanged = handler.handleIQ(iq("<iq type='get' id='v'><query xmlns='jabber:iq:roster' ver='"
                + clientVersion + "'/></iq>"));
        assertNull(unchanged.getChildElement(), step + ": a reconnect with the client's version gets no items");
    }

    @Test
    void removeReAddRenameRegroupSubscribeAndUnsubscribe() throws Exception {
        assertEquals("Bob Brown [example.com] both", client.get("bob@example.com"));
        agree("start");

        assertEquals(IQ.Type.result, edit("<item jid='bob@example.com' subscription='remove'/>").getType());
        assertNull(client.get("bob@example.com"));
        agree("removed");
        assertEquals(PacketError.Condition.item_not_found,
                edit("<item jid='bob@example.com' subscription='remove'/>").getError().getCondition());

        assertEquals(IQ.Type.result, edit("<item jid='bob@example.com' name='Bobby'><group>Team</group></item>")
                .getType());
        assertEquals("Bobby [Team] both", client.get("bob@example.com"), "back, with the client's name and group");
        agree("added back");

        edit("<item jid='bob@example.com' name='Robert'><group>Team</group></item>");
        edit("<item jid='bob@example.com' name='Robert'><group>Board</group><group>Team</group></item>");
        assertEquals("Robert [Board, Team] both", client.get("bob@example.com"));
        agree("renamed and regrouped");

        List<Packet> subscribed = presence("bob@example.com", Presence.Type.subscribe);
        assertEquals(Presence.Type.subscribed, ((Presence) subscribed.get(0)).getType());
        assertEquals(Presence.Show.away, ((Presence) subscribed.get(1)).getShow(), "bob's presence follows");
        presence("bob@example.com", Presence.Type.unsubscribe);
        presence("bob@example.com", Presence.Type.unsubscribed);
        assertEquals("Robert [Board, Team] both", client.get("bob@example.com"), "colleagues stay subscribed");
        agree("after unsubscribing");

        // a removed contact (here the alias) comes back by a subscription request alone
        edit("<item jid='sales@example.com' subscription='remove'/>");
        assertNull(client.get("sales@example.com"));
        agree("alias removed");
        presence("sales@example.com", Presence.Type.subscribe);
        assertEquals("Sales [Aliases] both", client.get("sales@example.com"));
        agree("alias back");

        // removing a colleague with an item of one's own keeps Openfire's item out of sight, and out of pushes
        edit("<item jid='bob@example.com' subscription='remove'/>");
        assertNull(client.get("bob@example.com"));
        agree("removed with an own item stored");
        edit("<item jid='carol@example.com' name='Caz'/>");
        agree("another colleague renamed meanwhile");
        edit("<item jid='bob@example.com'/>");
        assertEquals("Bob Brown [example.com] both", client.get("bob@example.com"),
                "added back without a name or group: the directory's");
        agree("added back plainly");

        // contacts of one's own are Openfire's, as before
        edit("<item jid='friend@other.org' name='Friend'/>");
        assertEquals("Friend [] none", client.get("friend@other.org"));
        edit("<item jid='friend@other.org' subscription='remove'/>");
        agree("own contact added and removed");
        assertEquals(Set.of(), store.rows("alice"));
    }
}
