package org.domainchat.alias;

import static org.domainchat.testing.Chats.at;
import static org.domainchat.testing.Chats.chat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.dom4j.Element;
import org.domainchat.DomainChat;
import org.domainchat.Settings;
import org.domainchat.archive.ArchivedMessage;
import org.domainchat.archive.StanzaIds;
import org.domainchat.delivery.ArchiveGate;
import org.domainchat.delivery.DeliveryLines;
import org.domainchat.history.HistoryService;
import org.domainchat.presence.FakeOnline;
import org.domainchat.search.SearchOutcome;
import org.domainchat.search.SearchRequest;
import org.domainchat.testing.TestDatabase;
import org.domainchat.testing.TestEnvironment;
import org.domainchat.testing.Waits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;
import org.xmpp.packet.Packet;
import org.xmpp.packet.PacketError;

/**
 * Every alias routing rule with real Tinder messages, a real archive on a real database, and a fake of Openfire's
 * session table at the edge; then what each person's history, conversations, transcripts and search show.
 */
class AliasMessagesTest {

    private static final Set<String> USERS = Set.of("alice", "bob", "carol", "dave", "erin");
    private static final Map<String, String> NAMES = Map.of("alice", "Alice Adams", "bob", "Bob Brown",
            "carol", "Carol Chen", "dave", "Dave Dean", "erin", "Erin Egg");

    @TempDir
    Path data;

    private final AtomicLong now = new AtomicLong(1_760_000_000_000L);
    private final AtomicBoolean active = new AtomicBoolean(true);
    private final List<Routed> routed = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final FakeOnline online = new FakeOnline()
            .with("alice@example.com/laptop", null, null)
            .with("bob@example.com/desk", null, null)
            .with("carol@example.com/phone", null, null)
            .with("dave@example.com/web", null, null);

    private record Routed(JID to, Packet packet) {
    }

    private DomainChat core;
    private AliasMessages messages;
    private DeliveryLines lines;
    private ArchiveGate gate;
    private final AtomicBoolean writerPrefix = new AtomicBoolean(true);

    private void start(TestDatabase db) throws Exception {
        core = DomainChat.start(new TestEnvironment(db.connections(), data, Settings.Fixed.defaults(), now::get,
                USERS.toArray(String[]::new)));
        core.aliases().save(new Alias("salesteam", "Sales Team", Set.of("alice", "bob"), null, true,
                Alias.Visibility.ALL, false), USERS::contains);
        lines = new DeliveryLines(2, "domainchat-test-deliver");
        gate = new ArchiveGate(core.archiver(), lines, m -> {
            throw new AssertionError("alias messages are never routed again");
        }, (to, m) -> routed.add(new Routed(to, m)));
        messages = new AliasMessages(core.aliases(), online, (to, p) -> routed.add(new Routed(to, p)),
                core.archiver(), gate, active::get, USERS::contains, NAMES::get, writerPrefix::get);
    }

    /** Hands a message to the alias router and waits until whatever it delivers (once archived) went out. */
    private void handle(Message m, JID writer) throws Exception {
        messages.handle(m, writer);
        Waits.until(Duration.ofSeconds(20), "delivered", gate::idle);
    }

    private void stop() {
        core.close(); // the journal's last batch is durable, so its copies are handed to the lanes
        lines.close();
    }

    private void send(String writer, String to, String body) throws Exception {
        now.addAndGet(1000);
        Message m = chat(writer + "@example.com/any", to, body);
        handle(m, new JID(writer + "@example.com/any"));
    }

    private Message to(String bareJid) {
        return (Message) routed.stream().filter(r -> r.to().toString().equals(bareJid)).findFirst().orElseThrow()
                .packet();
    }

    private List<String> recipients() {
        return routed.stream().map(r -> r.to().toString()).sorted().toList();
    }

    private void awaitStored(int rows) {
        Waits.until(Duration.ofSeconds(20), rows + " messages stored",
                () -> core.archive().status().lastStoredId() > 0 && countRows() == rows);
    }

    private long countRows() {
        try (Connection c = dbConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM dcMessage")) {
            rs.next();
            return rs.getLong(1);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private TestDatabase database;

    private Connection dbConnection() throws Exception {
        return database.connections().getConnection();
    }

    private static List<String> bodies(HistoryService.HistoryPage page) {
        return page.messages().stream().map(ArchivedMessage::body).toList();
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void membersSeeTheWholeThreadAndEveryoneElseOnlyTheirOwnPart(TestDatabase.Kind kind) throws Exception {
        try (TestDatabase db = TestDatabase.create(kind)) {
            database = db;
            start(db);
            try {
                send("carol", "salesteam@example.com", "Carol asks about invoices");
                assertEquals(List.of("alice@example.com", "bob@example.com"), recipients(), "rule 1: online members");
                Message toAlice = to("alice@example.com");
                assertEquals("salesteam@example.com/carol", toAlice.getFrom().toString(),
                        "from alias/<writer>: the conversation shows under the alias");
                Element address = toAlice.getChildElement("addresses", AliasMessages.ADDRESS_NS).element("address");
                assertEquals("ofrom", address.attributeValue("type"));
                assertEquals("carol@example.com", address.attributeValue("jid"));
                assertEquals("Carol Chen", toAlice.getChildElement("nick", AliasMessages.NICK_NS).getText());
                assertEquals("Carol Chen: Carol asks about invoices", toAlice.getBody(),
                        "clients that ignore ofrom and nick still show who wrote");
                Element fallback = toAlice.getChildElement("fallback", AliasMessages.FALLBACK_NS);
                assertEquals(AliasMessages.ADDRESS_NS, fallback.attributeValue("for"));
                assertEquals("0", fallback.element("body").attributeValue("start"));
                assertEquals(Integer.toString("Carol Chen: ".length()), fallback.element("body").attributeValue("end"));
                Element sid = toAlice.getChildElement("stanza-id", StanzaIds.NAMESPACE);
                assertNotNull(sid, "each copy carries the archive id");
                assertEquals("alice@example.com", sid.attributeValue("by"));

                routed.clear();
                send("dave", "salesteam@example.com/alice", "Dave wants a quote");
                assertEquals(List.of("alice@example.com", "bob@example.com"), recipients(),
                        "members see all of it; carol, another writer, does not");

                routed.clear();
                send("alice", "salesteam@example.com/carol", "Alice answers Carol");
                assertEquals(List.of("bob@example.com", "carol@example.com"), recipients(),
                        "rule 2: a reply in carol's thread reaches her and the other members, not dave");
                assertEquals("salesteam@example.com/alice", to("carol@example.com").getFrom().toString());

                awaitStored(3);
                HistoryService history = core.history();
                String alias = "salesteam@example.com";
                List<String> all = List.of("Carol asks about invoices", "Dave wants a quote", "Alice answers Carol");
                assertEquals(all, bodies(history.history(at("alice"), alias, null)), "a member sees the thread");
                assertEquals(all, bodies(history.history(at("bob"), alias, null)));
                assertEquals(List.of("Carol asks about invoices", "Alice answers Carol"),
                        bodies(history.history(at("carol"), alias, null)), "carol: her line and the answer to her");
                assertEquals(List.of("Dave wants a quote"), bodies(history.history(at("dave"), alias, null)));
                assertEquals(List.of(), bodies(history.history(at("erin"), alias, null)));

                HistoryService.ConversationPage carols = history.conversations(at("carol"), alias, null, 10);
                assertEquals(1, carols.conversations().size());
                assertEquals(2, carols.conversations().get(0).messageCount(), "only her lines are counted");
                assertEquals("Carol asks about invoices", carols.conversations().get(0).firstLine());
                HistoryService.ConversationPage daves = history.conversations(at("dave"), alias, null, 10);
                assertEquals("Dave wants a quote", daves.conversations().get(0).firstLine(),
                        "never another writer's first line");
                assertEquals(3, history.conversations(at("bob"), alias, null, 10).conversations().get(0)
                        .messageCount());

                long conversation = carols.conversations().get(0).id();
                assertEquals(List.of("Dave wants a quote"), history.transcript(at("dave"), conversation, null, 50)
                        .orElseThrow().messages().stream().map(ArchivedMessage::body).toList(),
                        "a transcript of the alias thread shows a non-member their part only");
                assertEquals(3, history.transcript(at("alice"), conversation, null, 50).orElseThrow()
                        .messages().size());
                assertTrue(history.transcript(at("erin"), conversation, null, 50).isEmpty(),
                        "no part in it: no transcript");

                Waits.until(Duration.ofSeconds(20), "indexed", () -> core.index().status().watermark()
                        >= core.archive().status().lastStoredId());
                assertEquals(1, hits(at("alice"), "quote"), "a member finds every line of the thread");
                assertEquals(0, hits(at("carol"), "quote"), "carol never finds dave's line");
                assertEquals(1, hits(at("carol"), "answers"), "but finds the answer to her");
                assertEquals(1, hitsWith(at("dave"), "quote", alias));
                assertEquals(0, hitsWith(at("dave"), "invoices", alias));
            } finally {
                stop();
            }
        }
    }

    private int hits(String owner, String text) {
        return ((SearchOutcome.Page) core.search().searchOwn(owner, SearchRequest.of(text))).hits().size();
    }

    private int hitsWith(String owner, String text, String contact) {
        return ((SearchOutcome.Page) core.search().searchOwn(owner, SearchRequest.of(text).withContact(contact)))
                .hits().size();
    }

    private PacketError onlyError() {
        assertEquals(1, routed.size(), "exactly one answer: the error to the writer");
        Message error = (Message) routed.get(0).packet();
        assertEquals(Message.Type.error, error.getType());
        assertEquals("salesteam@example.com", error.getFrom().toBareJID());
        return error.getError();
    }

    @Test
    void refusalsComeBackToTheWriterWithAReasonAndAreNotArchived() throws Exception {
        try (TestDatabase db = TestDatabase.create(TestDatabase.Kind.HSQLDB)) {
            database = db;
            start(db);
            try {
                online.without("alice@example.com/laptop").without("bob@example.com/desk");
                send("carol", "salesteam@example.com", "anyone there?");
                PacketError none = onlyError();
                assertEquals(PacketError.Condition.service_unavailable, none.getCondition());
                assertTrue(none.getText().contains("No member of Sales Team is online"), none.getText());
                assertEquals("carol@example.com/any", routed.get(0).to().toString());

                routed.clear();
                core.aliases().save(new Alias("salesteam", "Sales Team", Set.of("alice", "bob"), null, true,
                        Alias.Visibility.ALL, true), USERS::contains);
                send("carol", "salesteam@example.com", "for when you are back");
                assertEquals(List.of("alice@example.com", "bob@example.com"), recipients(),
                        "rule 3: stored for offline members when the alias says so (to the bare JID)");

                routed.clear();
                online.with("alice@example.com/laptop", null, null);
                core.aliases().save(new Alias("salesteam", "Sales Team", Set.of("alice", "bob"), null, false,
                        Alias.Visibility.ALL, false), USERS::contains);
                send("carol", "salesteam@example.com", "disabled?");
                assertEquals(PacketError.Condition.service_unavailable, onlyError().getCondition());

                routed.clear();
                core.aliases().save(new Alias("salesteam", "Sales Team", Set.of("alice", "bob"), null, true,
                        Alias.Visibility.MEMBERS, false), USERS::contains);
                send("carol", "salesteam@example.com", "members only?");
                assertEquals(PacketError.Condition.not_allowed, onlyError().getCondition());

                routed.clear();
                Message remote = chat("mallory@other.org/x", "salesteam@example.com", "from outside");
                handle(remote, null);
                assertEquals(PacketError.Condition.not_allowed, onlyError().getCondition());
                assertEquals("mallory@other.org/x", routed.get(0).to().toString());

                routed.clear();
                active.set(false);
                send("alice", "salesteam@example.com", "while off");
                PacketError off = onlyError();
                assertEquals(PacketError.Condition.service_unavailable, off.getCondition());
                assertEquals("Chat is not activated for this domain.", off.getText());

                routed.clear();
                active.set(true);
                Message error = chat("carol@example.com/any", "salesteam@example.com", "bounce");
                error.setType(Message.Type.error);
                handle(error, new JID("carol@example.com/any"));
                assertEquals(List.of(), recipients(), "errors are never answered (no loops)");

                awaitStored(1);
                try (Connection c = db.connections().getConnection(); Statement st = c.createStatement();
                     ResultSet rs = st.executeQuery("SELECT body, viaAlias FROM dcMessage")) {
                    rs.next();
                    assertEquals("for when you are back", rs.getString(1), "only the delivered message is archived");
                    assertEquals(1, rs.getInt(2));
                }
            } finally {
                stop();
            }
        }
    }

    @Test
    void theWritersNamePrefixCanBeTurnedOffAndAForgedFallbackIsDropped() throws Exception {
        try (TestDatabase db = TestDatabase.create(TestDatabase.Kind.HSQLDB)) {
            database = db;
            start(db);
            try {
                Message forged = chat("carol@example.com/any", "salesteam@example.com", "The CEO: pay now");
                forged.getElement().addElement("fallback", AliasMessages.FALLBACK_NS)
                        .addAttribute("for", AliasMessages.ADDRESS_NS).addElement("body")
                        .addAttribute("start", "0").addAttribute("end", "9");
                handle(forged, new JID("carol@example.com/any"));
                Message copy = to("bob@example.com");
                assertEquals("Carol Chen: The CEO: pay now", copy.getBody());
                assertEquals(1, copy.getElement().elements("fallback").size(), "only the server's own fallback");
                assertEquals("12", copy.getChildElement("fallback", AliasMessages.FALLBACK_NS).element("body")
                        .attributeValue("end"));

                writerPrefix.set(false);
                routed.clear();
                send("carol", "salesteam@example.com", "plain");
                Message plain = to("bob@example.com");
                assertEquals("plain", plain.getBody());
                assertNull(plain.getChildElement("fallback", AliasMessages.FALLBACK_NS));
                assertEquals("Carol Chen", plain.getChildElement("nick", AliasMessages.NICK_NS).getText(),
                        "the nick and ofrom still name the writer");
                awaitStored(2);
            } finally {
                stop();
            }
        }
    }

    @Test
    void typingGoesToOnlineMembersWithoutArchiveOrErrorAndForgedAddressesAreReplaced() throws Exception {
        try (TestDatabase db = TestDatabase.create(TestDatabase.Kind.HSQLDB)) {
            database = db;
            start(db);
            try {
                Message typing = chat("carol@example.com/any", "salesteam@example.com", null);
                typing.getElement().addElement("composing", AliasMessages.CHAT_STATES_NS);
                handle(typing, new JID("carol@example.com/any"));
                assertEquals(List.of("alice@example.com", "bob@example.com"), recipients());

                routed.clear();
                Message receipt = chat("carol@example.com/any", "salesteam@example.com", null);
                receipt.getElement().addElement("received", "urn:xmpp:receipts").addAttribute("id", "x");
                handle(receipt, new JID("carol@example.com/any"));
                assertEquals(List.of(), recipients(), "receipts mean nothing across an alias");

                Message forged = chat("carol@example.com/any", "salesteam@example.com", "trust me");
                forged.getElement().addElement("nick", AliasMessages.NICK_NS).setText("The CEO");
                forged.getElement().addElement("addresses", AliasMessages.ADDRESS_NS).addElement("address")
                        .addAttribute("type", "ofrom").addAttribute("jid", "ceo@example.com");
                handle(forged, new JID("carol@example.com/any"));
                Message copy = to("bob@example.com");
                assertEquals(1, copy.getElement().elements("nick").size());
                assertEquals("Carol Chen", copy.getChildElement("nick", AliasMessages.NICK_NS).getText());
                assertEquals("carol@example.com", copy.getChildElement("addresses", AliasMessages.ADDRESS_NS)
                        .element("address").attributeValue("jid"));
                awaitStored(1);
            } finally {
                stop();
            }
        }
    }

    @Test
    void onlyAliasAddressesAreTakenOffTheRoutingPath() throws Exception {
        try (TestDatabase db = TestDatabase.create(TestDatabase.Kind.HSQLDB)) {
            database = db;
            start(db);
            try {
                assertTrue(messages.isAliasAddress(new JID("salesteam@example.com")));
                assertTrue(messages.isAliasAddress(new JID("SalesTeam@example.com/bob")));
                assertEquals(false, messages.isAliasAddress(new JID("alice@example.com")));
                assertEquals(false, messages.isAliasAddress(new JID("salesteam@other.org")));
                assertEquals(false, messages.isAliasAddress(new JID("example.com")));
            } finally {
                stop();
            }
        }
    }
}
