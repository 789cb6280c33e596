package org.domainchat.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.dom4j.Element;
import org.domainchat.DomainChat;
import org.domainchat.archive.ArchiveUnavailableException;
import org.domainchat.archive.MessageCapture;
import org.domainchat.archive.StanzaIds;
import org.domainchat.testing.Chats;
import org.domainchat.testing.TestDatabase;
import org.domainchat.testing.TestEnvironment;
import org.domainchat.testing.Waits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;

/**
 * The archive gate with a real archive (journal with fsync, HSQLDB, Lucene) and real Tinder messages: what it takes
 * off the handler thread, when and where it routes it again, in which order, and what it does to hostile stanzas.
 */
class ArchiveGateTest {

    private static final JID ALICE = new JID("alice@example.com/laptop");

    @TempDir
    Path data;

    private TestDatabase db;
    private DomainChat core;
    private DeliveryLines lines;
    private ArchiveGate gate;
    private final List<Message> routed = new CopyOnWriteArrayList<>();
    private final Map<Message, String> routedOn = new ConcurrentHashMap<>();
    private final List<Message> replies = new CopyOnWriteArrayList<>();
    private final List<Message> routedWithoutId = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        db = TestDatabase.create(TestDatabase.Kind.HSQLDB);
        core = DomainChat.start(new TestEnvironment(db.connections(), data, "alice", "bob", "carol"));
        lines = new DeliveryLines(2, "domainchat-deliver");
        ArchiveGate[] self = new ArchiveGate[1];
        gate = new ArchiveGate(core.archiver(), lines, m -> {
            // as Openfire's message router: the first pass again, then routing
            try {
                assertEquals(ArchiveGate.Verdict.PASS, self[0].incoming(m, MessageCapture.Source.CLIENT,
                        m.getFrom()), "a released message passes the gate");
            } catch (ArchiveUnavailableException e) {
                throw new AssertionError(e);
            }
            routedOn.put(m, Thread.currentThread().getName());
            if (m.getChildElement("stanza-id", StanzaIds.NAMESPACE) == null) {
                routedWithoutId.add(m);
            }
            routed.add(m);
        }, (to, m) -> replies.add(m));
        self[0] = gate;
    }

    @AfterEach
    void stop() throws Exception {
        core.close();
        lines.close();
        db.close();
    }

    private void awaitIdle() {
        Waits.until(Duration.ofSeconds(20), "everything held was delivered", gate::idle);
    }

    /** How often {@code body} is in the database, once everything archived so far is stored there. */
    private long archivedCount(String body) throws Exception {
        long newest = core.archive().status().accepted();
        Waits.until(Duration.ofSeconds(20), "stored", () -> storedRows() >= newest);
        return archivedCountLike(body);
    }

    private long storedRows() {
        try {
            return archivedCountLike("%");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aChatIsTakenOffTheHandlerThreadAndRoutedByALaneOnceDurable() throws Exception {
        Message m = Chats.chat(ALICE.toString(), "bob@example.com", "hello bob");
        assertEquals(ArchiveGate.Verdict.TAKEN, gate.incoming(m, MessageCapture.Source.CLIENT, ALICE));
        Element sid = m.getChildElement("stanza-id", StanzaIds.NAMESPACE);
        assertNotNull(sid, "stamped at once, before it is routed");
        awaitIdle();
        assertEquals(List.of(m), routed, "routed exactly once");
        assertTrue(routedOn.get(m).startsWith("domainchat-deliver-"), "by our lane, not the handler thread");
        assertEquals(1, archivedCount("hello bob"));
        assertEquals(sid.attributeValue("id"), Long.toString(core.store().maxMessageId()),
                "the id the recipient sees is the archive's");
    }

    /**
     * The journal may say "durable" before the handler thread has stamped the id it got back; in a real Openfire 1
     * message in 1,000 to 3,000 was delivered without its stanza-id that way. Many handler threads at once, as there.
     */
    @Test
    void noMessageIsRoutedBeforeItCarriesItsStanzaId() throws Exception {
        int threads = 16;
        int each = 1500;
        List<Thread> handlers = new ArrayList<>();
        List<Throwable> errors = new CopyOnWriteArrayList<>();
        for (int t = 0; t < threads; t++) {
            JID sender = new JID("alice@example.com/r" + t);
            Thread handler = new Thread(() -> {
                try {
                    for (int i = 0; i < each; i++) {
                        Message m = Chats.chat(sender.toString(), "bob@example.com", sender.getResource() + " " + i);
                        gate.incoming(m, MessageCapture.Source.CLIENT, sender);
                    }
                } catch (Throwable e) {
                    errors.add(e);
                }
            }, "socket_c2s-handler-" + (t + 1));
            handlers.add(handler);
            handler.start();
        }
        for (Thread h : handlers) {
            h.join();
        }
        assertEquals(List.of(), errors);
        Waits.until(Duration.ofSeconds(60), "all routed", () -> routed.size() == threads * each);
        assertEquals(0, routedWithoutId.size(), "routed before their stanza-id was stamped: " + routedWithoutId.size());
    }

    @Test
    void whatIsNotAChatPassesAtOnceWhenItsSenderHasNothingHeld() throws Exception {
        Message typing = Chats.chat(ALICE.toString(), "bob@example.com", null);
        typing.getElement().addElement("composing", "http://jabber.org/protocol/chatstates");
        assertEquals(ArchiveGate.Verdict.PASS, gate.incoming(typing, MessageCapture.Source.CLIENT, ALICE));
        Message headline = Chats.chat(ALICE.toString(), "bob@example.com", "news");
        headline.setType(Message.Type.headline);
        assertEquals(ArchiveGate.Verdict.PASS, gate.incoming(headline, MessageCapture.Source.CLIENT, ALICE));
        Message toNobody = Chats.chat(ALICE.toString(), "nobody@example.com", "anyone?");
        assertEquals(ArchiveGate.Verdict.PASS, gate.incoming(toNobody, MessageCapture.Source.CLIENT, ALICE),
                "the server bounces it; nothing to archive");
        assertEquals(List.of(), routed);
    }

    @Test
    void eachSendersMessagesArriveInTheOrderSentTypingIncluded() throws Exception {
        JID carol = new JID("carol@example.com/phone");
        List<Message> alices = new ArrayList<>();
        List<Message> passedAtOnce = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            Message m;
            if (i % 3 == 2) {
                m = Chats.chat(ALICE.toString(), "bob@example.com", null);
                m.getElement().addElement(i % 2 == 0 ? "composing" : "paused",
                        "http://jabber.org/protocol/chatstates");
            } else {
                m = Chats.chat(ALICE.toString(), "bob@example.com", "line " + i);
            }
            m.setID("a" + i);
            alices.add(m);
            if (gate.incoming(m, MessageCapture.Source.CLIENT, ALICE) == ArchiveGate.Verdict.PASS) {
                passedAtOnce.add(m);
                routed.add(m); // the handler thread routes it itself
            }
            Message fromCarol = Chats.chat(carol.toString(), "bob@example.com", "carol " + i);
            gate.incoming(fromCarol, MessageCapture.Source.CLIENT, carol);
        }
        awaitIdle();
        List<Message> alicesRouted = routed.stream().filter(m -> m.getFrom().equals(ALICE)).toList();
        assertEquals(alices, alicesRouted, "alice's 300 stanzas, in her order, each once");
        assertEquals(300, routed.stream().filter(m -> m.getFrom().equals(carol)).count());
        assertTrue(passedAtOnce.stream().allMatch(m -> m.getBody() == null), "only typing may pass at once");
        assertEquals(200, archivedCount("line %"), "her chat lines archived once each");
    }

    private long archivedCountLike(String pattern) throws Exception {
        try (Connection c = db.connections().getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM dcMessage WHERE body LIKE '" + pattern + "'")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void aMessageTheArchiveCannotTakeIsRefusedAtOnceAndNothingIsRouted() throws Exception {
        core.close(); // the journal is closed
        Message m = Chats.chat(ALICE.toString(), "bob@example.com", "lost?");
        assertThrows(ArchiveUnavailableException.class,
                () -> gate.incoming(m, MessageCapture.Source.CLIENT, ALICE));
        awaitIdle();
        assertEquals(List.of(), routed);
        Message reply = ArchiveGate.notSentReply(m, ALICE);
        assertEquals(ALICE, reply.getTo());
        assertEquals(new JID("bob@example.com"), reply.getFrom());
        assertEquals(ArchiveGate.NOT_SENT, reply.getBody());
        core = DomainChat.start(new TestEnvironment(db.connections(), data.resolve("again"), "alice", "bob"));
    }

    @Test
    void forgedStanzaIdsOfTheRecipientsOrSendersArchiveGoFromEveryMessage() throws Exception {
        String[] forgeries = {"bob@example.com", "Bob@Example.com", "bob@example.com/phone", " bob@example.com ",
                "BOB@EXAMPLE.COM/x", "alice@example.com"};
        Message.Type[] types = {Message.Type.chat, Message.Type.headline, Message.Type.normal};
        for (Message.Type type : types) {
            for (String body : new String[]{"real text", null, "   "}) {
                Message m = Chats.chat(ALICE.toString(), "bob@example.com", body);
                m.setType(type);
                for (String by : forgeries) {
                    m.getElement().addElement("stanza-id", StanzaIds.NAMESPACE).addAttribute("by", by)
                            .addAttribute("id", "666");
                }
                m.getElement().addElement("stanza-id", StanzaIds.NAMESPACE).addAttribute("by", "room@muc.example.com")
                        .addAttribute("id", "other-archive");
                gate.incoming(m, MessageCapture.Source.CLIENT, ALICE);
                for (Element sid : m.getElement().elements("stanza-id")) {
                    String by = sid.attributeValue("by");
                    assertTrue(!"666".equals(sid.attributeValue("id")),
                            type + "/" + body + ": a forged id by " + by + " survived");
                }
                assertTrue(m.getElement().elements("stanza-id").stream()
                        .anyMatch(e -> "other-archive".equals(e.attributeValue("id"))), "another archive's id stays");
            }
        }
        awaitIdle();
    }

    @Test
    void aMessageTypeTheServerDoesNotKnowIsTreatedAsNormal() throws Exception {
        Message bogus = Chats.chat(ALICE.toString(), "bob@example.com", "odd type");
        bogus.getElement().addAttribute("type", "bogus");
        assertEquals(ArchiveGate.Verdict.TAKEN, gate.incoming(bogus, MessageCapture.Source.CLIENT, ALICE));
        assertNull(bogus.getElement().attributeValue("type"), "RFC 6121 5.2.2: normal");
        assertEquals(Message.Type.normal, bogus.getType());
        awaitIdle();
        assertEquals(1, archivedCount("odd type"));
    }

    @Test
    void deliveryLinesKeepEachSendersOrderAcrossLanesAndForgetIdleSenders() throws Exception {
        DeliveryLines own = new DeliveryLines(3, "domainchat-test");
        try {
            List<String> out = new CopyOnWriteArrayList<>();
            List<DeliveryLines.Place> places = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                places.add(own.hold("s1"));
            }
            assertTrue(own.busy("s1"));
            for (int i = 49; i >= 0; i--) { // ready in reverse: nothing may go before its predecessors
                int n = i;
                places.get(i).ready(() -> out.add("s1-" + n));
            }
            Waits.until(Duration.ofSeconds(10), "delivered", () -> out.size() == 50 && own.activeSenders() == 0);
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                expected.add("s1-" + i);
            }
            assertEquals(expected, out);
            assertTrue(!own.busy("s1"), "an idle sender's line is gone");
            assertThrows(IllegalStateException.class, () -> places.get(0).ready(() -> { }));
        } finally {
            assertTrue(own.close(Duration.ofSeconds(10)));
        }
    }
}
