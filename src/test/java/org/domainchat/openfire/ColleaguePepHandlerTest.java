package org.domainchat.openfire;

import static org.domainchat.openfire.FakePepServices.MOOD;
import static org.domainchat.openfire.FakePepServices.item;
import static org.domainchat.openfire.FakePepServices.mood;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import org.dom4j.DocumentHelper;
import org.dom4j.Element;
import org.dom4j.QName;
import org.domainchat.alias.AliasBook;
import org.domainchat.colleagues.Colleagues;
import org.domainchat.directory.DirectoryUser;
import org.domainchat.directory.DomainDirectory;
import org.jivesoftware.openfire.IQHandlerInfo;
import org.jivesoftware.openfire.handler.IQHandler;
import org.jivesoftware.openfire.pubsub.LeafNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xmpp.packet.IQ;
import org.xmpp.packet.Packet;
import org.xmpp.packet.PacketError;

/**
 * A colleague's request for the items of a user's PEP node, at stanza level. Openfire's PEP service is faked at the
 * edge with what it does in 5.1.1: the "presence" model lets in only stored subscribers; everyone else is refused
 * with not-authorized and presence-subscription-required (PubSubEngine.getPublishedItems over PresenceAccess).
 */
class ColleaguePepHandlerTest {

    static final String DEVICES = "eu.siacs.conversations.axolotl.devicelist";
    private final DomainDirectory directory = new DomainDirectory(List.of(new DirectoryUser("alice", "Alice"),
            new DirectoryUser("bob", "Bob"), new DirectoryUser("carol", "Carol"), new DirectoryUser("admin", "A")),
            List.of("admin"));
    private final AtomicBoolean active = new AtomicBoolean(true);
    private final AtomicBoolean pepEnabled = new AtomicBoolean(true);
    private final Colleagues colleagues = new Colleagues(directory::snapshot, () -> new AliasBook.View(Map.of(), "-"),
            "example.com", active::get);
    private final FakePepServices pep = new FakePepServices();
    private final List<Packet> routed = new ArrayList<>();
    private final List<IQ> toOpenfire = new ArrayList<>();
    /** Openfire's PEP handler as 5.1.1 answers a retrieval over its stored subscriptions. */
    private final IQHandler openfire = new IQHandler("Openfire PEP") {
        @Override
        public IQ handleIQ(IQ iq) {
            toOpenfire.add(iq);
            IQ reply = IQ.createResultIQ(iq);
            reply.setChildElement(iq.getChildElement().createCopy());
            Element items = iq.getChildElement().element("items");
            if (items == null) {
                return reply;
            }
            LeafNode leaf = pep.find(iq.getTo().toBareJID(), items.attributeValue("node"));
            if (leaf == null) {
                reply.setError(PacketError.Condition.item_not_found);
            } else if (!leaf.getAccessModel().canAccessItems(leaf, iq.getFrom().asBareJID(), iq.getFrom())) {
                PacketError error = new PacketError(PacketError.Condition.not_authorized);
                error.getElement().add(DocumentHelper.createElement(QName.get("presence-subscription-required",
                        "http://jabber.org/protocol/pubsub#errors")));
                reply.setError(error);
            } else {
                reply.setChildElement("pubsub", "http://jabber.org/protocol/pubsub").addElement("items")
                        .addAttribute("node", items.attributeValue("node")).addAttribute("answeredBy", "openfire");
            }
            return reply;
        }

        @Override
        public IQHandlerInfo getInfo() {
            return new IQHandlerInfo("pubsub", "http://jabber.org/protocol/pubsub");
        }
    };
    private ColleaguePepHandler handler;

    @BeforeEach
    void setUp() {
        pep.leaf("alice@example.com", MOOD, "presence", Set.of("carol@example.com"), Set.of(),
                List.of(item("m2", mood("happy")), item("m1", mood("sad"))));
        pep.leaf("alice@example.com", DEVICES, "open", Set.of(), Set.of(), List.of(item("current",
                FakePepServices.payload("<list xmlns='eu.siacs.conversations.axolotl'><device id='4711'/></list>"))));
        pep.leaf("bob@example.com", MOOD, "presence", Set.of(), Set.of("carol@example.com"),
                List.of(item("b1", mood("calm"))));
        pep.leaf("admin@example.com", MOOD, "presence", Set.of(), Set.of(), List.of(item("a1", mood("cold"))));
        handler = new ColleaguePepHandler(openfire, colleagues, new OpenfirePep(pep.manager, "example.com"),
                (to, packet) -> {
                    packet.setTo(to);
                    routed.add(packet);
                }, Runnable::run, pepEnabled::get);
    }

    private IQ ask(String from, String to, String items) throws Exception {
        IQ iq = new IQ(DocumentHelper.parseText("<iq type='get' id='p1' from='" + from + "' to='" + to + "'>"
                + "<pubsub xmlns='http://jabber.org/protocol/pubsub'>" + items + "</pubsub></iq>").getRootElement());
        IQ direct = handler.handleIQ(iq);
        if (direct != null) {
            return direct;
        }
        assertEquals(1, routed.size(), "answered once");
        return (IQ) routed.remove(0);
    }

    private static List<String> ids(IQ result) {
        assertEquals(IQ.Type.result, result.getType(), () -> result.toXML());
        return result.getChildElement().element("items").elements("item").stream()
                .map(e -> e.attributeValue("id")).toList();
    }

    @Test
    void aColleagueWhoNeverSubscribedReadsThePresenceNodeAsASubscriberWould() throws Exception {
        IQ all = ask("bob@example.com/phone", "alice@example.com", "<items node='" + MOOD + "'/>");
        assertEquals(List.of("m2", "m1"), ids(all));
        assertEquals("p1", all.getID());
        assertEquals("alice@example.com", all.getFrom().toString());
        assertEquals("bob@example.com/phone", all.getTo().toString());
        assertEquals(MOOD, all.getChildElement().element("items").attributeValue("node"));
        assertTrue(all.getChildElement().element("items").element("item").element("mood").element("happy") != null);
        assertEquals(List.of("m2"), ids(ask("bob@example.com/phone", "alice@example.com",
                "<items node='" + MOOD + "' max_items='1'/>")));
        assertEquals(List.of("m1"), ids(ask("bob@example.com/phone", "alice@example.com",
                "<items node='" + MOOD + "'><item id='m1'/><item id='gone'/></items>")));
        assertTrue(toOpenfire.isEmpty(), "Openfire would have said not-authorized");
    }

    @Test
    void strangersOtherDomainsHiddenAccountsAndEveryoneWhileOffAreRefusedByOpenfire() throws Exception {
        for (String[] pair : new String[][] {
                {"eve@other.org/x", "alice@example.com"},      // another domain
                {"admin@example.com/console", "alice@example.com"}, // a hidden account asks
                {"bob@example.com/phone", "admin@example.com"}}) {  // about a hidden account
            IQ refused = ask(pair[0], pair[1], "<items node='" + MOOD + "'/>");
            assertEquals(PacketError.Condition.not_authorized, refused.getError().getCondition(), pair[0]);
        }
        active.set(false);
        assertEquals(PacketError.Condition.not_authorized, ask("bob@example.com/phone", "alice@example.com",
                "<items node='" + MOOD + "'/>").getError().getCondition(), "not activated");
        active.set(true);
        pepEnabled.set(false);
        assertEquals(PacketError.Condition.not_authorized, ask("bob@example.com/phone", "alice@example.com",
                "<items node='" + MOOD + "'/>").getError().getCondition(), "PEP is off: Openfire answers");
        assertEquals(5, toOpenfire.size());
    }

    @Test
    void whatOpenfireAnswersAnywayStaysItsAnswer() throws Exception {
        IQ subscriber = ask("carol@example.com/laptop", "alice@example.com", "<items node='" + MOOD + "'/>");
        assertEquals("openfire", subscriber.getChildElement().element("items").attributeValue("answeredBy"),
                "a stored subscriber");
        IQ open = ask("bob@example.com/phone", "alice@example.com", "<items node='" + DEVICES + "'/>");
        assertEquals("openfire", open.getChildElement().element("items").attributeValue("answeredBy"),
                "an open node (Conversations' device list)");
        assertEquals(PacketError.Condition.item_not_found, ask("bob@example.com/phone", "alice@example.com",
                "<items node='urn:xmpp:avatar:data'/>").getError().getCondition(), "no such node");
        assertEquals(3, toOpenfire.size());

        IQ publish = new IQ(DocumentHelper.parseText("<iq type='set' id='p2' from='bob@example.com/phone'>"
                + "<pubsub xmlns='http://jabber.org/protocol/pubsub'><publish node='" + MOOD + "'/></pubsub></iq>")
                .getRootElement());
        assertSame(IQ.Type.result, handler.handleIQ(publish).getType(), "publishing is Openfire's");
        assertEquals(publish, toOpenfire.get(3));
        IQ toFullJid = new IQ(DocumentHelper.parseText("<iq type='get' id='p3' from='bob@example.com/phone' "
                + "to='alice@example.com/desk'><pubsub xmlns='http://jabber.org/protocol/pubsub'><items node='"
                + MOOD + "'/></pubsub></iq>").getRootElement());
        handler.handleIQ(toFullJid);
        assertEquals(5, toOpenfire.size());
        assertEquals("http://jabber.org/protocol/pubsub", handler.getInfo().getNamespace());
    }

    @Test
    void anOutcastOfTheNodeStaysOut() throws Exception {
        IQ refused = ask("carol@example.com/laptop", "bob@example.com", "<items node='" + MOOD + "'/>");
        assertEquals(PacketError.Condition.forbidden, refused.getError().getCondition());
        assertEquals(List.of("b1"), ids(ask("alice@example.com/desk", "bob@example.com",
                "<items node='" + MOOD + "'/>")));
    }
}
