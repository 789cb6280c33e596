package org.domainchat.openfire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.mockStatic;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import org.dom4j.Element;
import org.domainchat.DomainChat;
import org.domainchat.testing.Chats;
import org.domainchat.testing.TestDatabase;
import org.domainchat.testing.TestEnvironment;
import org.domainchat.testing.Waits;
import static org.mockito.ArgumentMatchers.eq;

import org.eclipse.jetty.ee8.nested.ContextHandler;
import org.jivesoftware.openfire.IQRouter;
import org.jivesoftware.openfire.http.HttpBindManager;
import org.jivesoftware.openfire.vcard.VCardManager;
import org.jivesoftware.openfire.RoutingTable;
import org.jivesoftware.openfire.XMPPServer;
import org.jivesoftware.openfire.event.GroupEventDispatcher;
import org.jivesoftware.openfire.event.UserEventDispatcher;
import org.jivesoftware.openfire.group.GroupManager;
import org.jivesoftware.openfire.handler.IQHandler;
import org.jivesoftware.openfire.handler.IQRosterHandler;
import org.jivesoftware.openfire.roster.Roster;
import org.jivesoftware.openfire.roster.RosterManager;
import org.jivesoftware.openfire.user.User;
import org.jivesoftware.openfire.XMPPServerInfo;
import org.jivesoftware.openfire.interceptor.InterceptorManager;
import org.jivesoftware.openfire.interceptor.PacketInterceptor;
import org.jivesoftware.openfire.interceptor.PacketRejectedException;
import org.jivesoftware.openfire.session.ClientSession;
import org.jivesoftware.openfire.session.Session;
import org.jivesoftware.openfire.user.UserManager;
import org.jivesoftware.util.JiveGlobals;
import org.jivesoftware.util.SystemProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mockito.ArgumentCaptor;
import org.mockito.MockedStatic;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;

/**
 * The Openfire adapter, loaded and unloaded like an admin uploading new versions: Openfire's singletons are faked
 * at the edge (Mockito), everything behind them is real (HSQLDB, Lucene, journal, Tinder packets).
 */
class DomainChatPluginTest {

    @TempDir
    Path home;

    @Test
    void loadsArchivesThroughOpenfiresInterceptorAndUnloadsWithoutTrace() throws Exception {
        try (TestDatabase db = TestDatabase.create(TestDatabase.Kind.HSQLDB);
             FakeOpenfire openfire = new FakeOpenfire(home)) {
            InterceptorManager manager = openfire.interceptors;
            IQRouter iqRouter = openfire.iqRouter;
            HttpBindManager http = openfire.http;
            MockedStatic<UserEventDispatcher> userEvents = openfire.userEvents;
            MockedStatic<GroupEventDispatcher> groupEvents = openfire.groupEvents;
            for (int upload = 0; upload < 5; upload++) {
                // Openfire's pool is DbConnectionManager; static mocks are per thread and the archive writes on its
                // own thread, so the test hands the plugin its database directly.
                DomainChatPlugin plugin = new DomainChatPlugin(db.connections());
                plugin.initializePlugin(null, home.resolve("plugins/domainchat").toFile());
                List<PacketInterceptor> thisUpload = List.copyOf(openfire.chain);
                assertEquals(5, thisUpload.size(), "guard, archive, alias, presence, roster pushes");
                assertTrue(thisUpload.get(0) instanceof SubscriptionGuard, "the guard (presences only) goes first");
                PacketInterceptor interceptor = thisUpload.get(1);
                assertTrue(interceptor instanceof ArchiveInterceptor,
                        "the archive sees messages before any other interceptor, so they see a held message once");
                ArgumentCaptor<IQHandler> handler = ArgumentCaptor.forClass(IQHandler.class);
                verify(iqRouter, org.mockito.Mockito.times(4 * (upload + 1))).addHandler(handler.capture());
                List<IQHandler> handlers = handler.getAllValues().subList(4 * upload, 4 * upload + 4);
                assertEquals(java.util.Set.of(DirectoryRosterHandler.class, ColleaguePepHandler.class,
                        ColleagueLastActivityHandler.class, MamIqHandler.class), handlers.stream()
                        .map(Object::getClass).collect(java.util.stream.Collectors.toSet()),
                        "roster, PEP, last activity and the message archive");
                ArgumentCaptor<org.jivesoftware.openfire.pubsub.PubSubListener> pubsub =
                        ArgumentCaptor.forClass(org.jivesoftware.openfire.pubsub.PubSubListener.class);
                openfire.pubsubEvents.verify(() -> org.jivesoftware.openfire.pubsub.PubSubEventDispatcher
                        .addListener(pubsub.capture()), org.mockito.Mockito.times(upload + 1));
                verify(openfire.capabilities).addListener((ColleaguePepEvents) pubsub.getValue());
                assertNotNull(plugin.core());
                assertNotNull(plugin.contactsAdmin(), "domain contacts run (not yet activated)");
                assertEquals(2, plugin.contactsAdmin().accountCount(), "the directory is loaded from the user store");
                assertEquals(List.of("Bob Brown"), plugin.contactsAdmin().findUsers("bro", 10).stream()
                        .map(u -> u.displayName()).toList());
                DirectoryEvents events = captured(userEvents, upload);
                ArgumentCaptor<ContextHandler> contexts = ArgumentCaptor.forClass(ContextHandler.class);
                verify(http, org.mockito.Mockito.times(2 * (upload + 1))).addJettyHandler(contexts.capture());
                List<ContextHandler> thisUploadsContexts = contexts.getAllValues().subList(2 * upload, 2 * upload + 2);
                assertEquals(List.of("/domainchat/api/v1", "/domainchat"), thisUploadsContexts.stream()
                        .map(ContextHandler::getContextPath).toList(),
                        "the API first: Openfire tries handlers in order, and /domainchat would take the API's paths");
                assertSame(thisUploadsContexts.get(1), plugin.webchat().context());
                assertTrue(plugin.webmail().api().isRunning());
                WebmailEndpoint endpoint = plugin.webmail();

                ClientSession alice = mock(ClientSession.class);
                when(alice.getAddress()).thenReturn(new JID("alice@example.com/laptop"));
                Message m = Chats.chat("alice@example.com/laptop", "bob@example.com", "upload " + upload);
                openfire.route(m, alice); // a handler thread: the archive takes it off, nothing is routed yet
                Session bobsPhone = mock(ClientSession.class);
                Message spoofed = Chats.chat("bob@example.com/evil", "bob@example.com", "spoofed " + upload);
                openfire.route(spoofed, alice); // archived as alice, not bob
                Message fromAfar = Chats.chat("carol@other.org/x", "bob@example.com", "from another domain");
                openfire.route(fromAfar, null); // s2s: Openfire passes no session
                Waits.until(java.time.Duration.ofSeconds(10), "routed once durable",
                        () -> openfire.routed.containsAll(List.of(m, spoofed, fromAfar)));
                assertEquals(3, openfire.routed.size(), "each routed once, by the delivery lanes");
                assertEquals(List.of(m, spoofed), openfire.routed.stream().filter(r -> r != fromAfar).toList(),
                        "alice's in the order she sent");
                interceptor.interceptPacket(m, bobsPhone, false, false); // delivery to bob: ignored
                interceptor.interceptPacket(m, bobsPhone, false, true);
                Element stanzaId = m.getElement().element("stanza-id");
                assertNotNull(stanzaId, "the delivered message carries its archive id");
                assertEquals("bob@example.com", stanzaId.attributeValue("by"));
                assertNotNull(fromAfar.getElement().element("stanza-id"));
                openfire.routed.clear();

                plugin.destroyPlugin();
                for (PacketInterceptor each : thisUpload) {
                    verify(manager).removeInterceptor(each); // this upload's own instances, by identity
                }
                assertEquals(List.of(), openfire.chain);
                for (IQHandler each : handlers) {
                    verify(iqRouter).removeHandler(each);
                }
                openfire.pubsubEvents.verify(() -> org.jivesoftware.openfire.pubsub.PubSubEventDispatcher
                        .removeListener(pubsub.getValue()));
                verify(openfire.capabilities).removeListener((ColleaguePepEvents) pubsub.getValue());
                for (ContextHandler each : thisUploadsContexts) {
                    verify(http).removeJettyHandler(each);
                }
                assertNull(plugin.webchat());
                assertFalse(endpoint.api().isRunning(), "every webmail session ended");
                userEvents.verify(() -> UserEventDispatcher.removeListener(events));
                groupEvents.verify(() -> GroupEventDispatcher.removeListener(events));
                assertNull(plugin.core());
                assertEquals(List.of(), FakeOpenfire.pluginThreads());
                openfire.unloaded("Domain Chat");
                assertEquals(java.util.Map.of(), openfire.properties.registered(),
                        "Openfire's unload (by the plugin.xml name) removed every setting, so the next load works");
            }
            try (Connection c = db.connections().getConnection(); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM dcMessage")) {
                rs.next();
                assertEquals(15, rs.getLong(1), "each upload archived its three messages once");
            }
            try (Connection c = db.connections().getConnection(); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM dcMessage WHERE body LIKE 'spoofed%' "
                         + "AND fromJid = 'alice@example.com' AND fromResource = 'laptop'")) {
                rs.next();
                assertEquals(5, rs.getLong(1), "a spoofed from is archived as the session's own address");
            }
        }
    }

    /** Routes one chat message from alice's client as Openfire's message router would. */
    private static void chat(FakeOpenfire openfire, String body) {
        ClientSession alice = mock(ClientSession.class);
        when(alice.getAddress()).thenReturn(new JID("alice@example.com/laptop"));
        openfire.route(Chats.chat("alice@example.com/laptop", "bob@example.com", body), alice);
    }

    private static long archived(TestDatabase db, String body) throws Exception {
        for (int i = 0; i < 200; i++) {
            try (Connection c = db.connections().getConnection();
                 java.sql.PreparedStatement st = c.prepareStatement("SELECT COUNT(*) FROM dcMessage WHERE body = ?")) {
                st.setString(1, body);
                try (ResultSet rs = st.executeQuery()) {
                    rs.next();
                    if (rs.getLong(1) > 0) {
                        Thread.sleep(200); // a second copy would land in the same batch or the next
                        try (ResultSet again = st.executeQuery()) {
                            again.next();
                            return again.getLong(1);
                        }
                    }
                }
            }
            Thread.sleep(50);
        }
        return 0;
    }

    @Test
    void aSecondCopyThatStartsWhileTheFirstRunsStaysOutOfItsWay() throws Exception {
        try (TestDatabase db = TestDatabase.create(TestDatabase.Kind.HSQLDB);
             FakeOpenfire openfire = new FakeOpenfire(home)) {
            DomainChatPlugin first = new DomainChatPlugin(db.connections(), java.time.Duration.ofMillis(500));
            first.initializePlugin(null, home.resolve("plugins/domainchat").toFile());
            List<PacketInterceptor> firstChain = List.copyOf(openfire.chain);
            assertEquals(5, firstChain.size());
            int settings = openfire.properties.registered().size();

            // A second copy (an upgrade whose old version Openfire never unloaded): its settings are registered.
            DomainChatPlugin second = new DomainChatPlugin(db.connections(), java.time.Duration.ofMillis(500));
            second.initializePlugin(null, home.resolve("plugins/domainchat-0.4.0").toFile());
            assertNull(second.core(), "two archives on one journal would corrupt it and archive everything twice");
            assertNull(second.webmail());
            assertEquals(firstChain, openfire.chain, "the second copy registered no interceptor");
            verify(openfire.http, org.mockito.Mockito.times(2)) // the API and the web chat
                    .addJettyHandler(any(org.eclipse.jetty.ee8.nested.ContextHandler.class));
            assertEquals(settings, openfire.properties.registered().size(), "the settings were taken over, once");

            chat(openfire, "only once");
            assertEquals(1, archived(db, "only once"), "the first copy archives alone, once");

            second.destroyPlugin();
            assertEquals(firstChain, openfire.chain, "unloading the idle copy removed none of the first's");
            chat(openfire, "still running");
            assertEquals(1, archived(db, "still running"), "unloading the idle copy left the first one running");

            first.destroyPlugin();
            openfire.unloaded("Domain Chat");
            assertEquals(List.of(), FakeOpenfire.pluginThreads());
            assertEquals(java.util.Map.of(), openfire.properties.registered());

            // And once the first is gone, a copy starts normally on the same folder.
            DomainChatPlugin third = new DomainChatPlugin(db.connections(), java.time.Duration.ofMillis(500));
            third.initializePlugin(null, home.resolve("plugins/domainchat").toFile());
            assertNotNull(third.core());
            third.destroyPlugin();
            assertEquals(List.of(), FakeOpenfire.pluginThreads());
        }
    }

    @Test
    void settingsAnEarlierVersionLeftRegisteredAreReplacedAndOursAreTakenOver() throws Exception {
        try (TestDatabase db = TestDatabase.create(TestDatabase.Kind.HSQLDB);
             FakeOpenfire openfire = new FakeOpenfire(home)) {
            // 0.3.0 registered under "domainchat", which Openfire's unload (by "${plugin.name}") never removed.
            SystemProperty.Builder.ofType(java.time.Duration.class).setKey("domainchat.archive.idleGap")
                    .setDefaultValue(java.time.Duration.ofMinutes(30)).setDynamic(true).setPlugin("domainchat").build();
            SystemProperty.Builder.ofType(Integer.class).setKey("domainchat.webmail.sendRate")
                    .setDefaultValue(60).setDynamic(true).setPlugin("domainchat").build();
            // and a copy of this version left one registered under our own name, holding a stored value
            SystemProperty.Builder.ofType(Boolean.class).setKey("domainchat.active").setDefaultValue(false)
                    .setDynamic(true).setPlugin("Domain Chat").build();
            openfire.properties.set("domainchat.active", true);

            DomainChatPlugin plugin = new DomainChatPlugin(db.connections());
            plugin.initializePlugin(null, home.resolve("plugins/domainchat").toFile());
            assertNotNull(plugin.core());
            assertNotNull(plugin.webmail(), "every feature started");
            assertTrue(plugin.properties().active.getValue(), "the taken-over setting reads the stored value");
            openfire.properties.registered().values().forEach(r ->
                    assertEquals("Domain Chat", r.plugin(), r.key() + " is ours now"));

            plugin.destroyPlugin();
            openfire.unloaded("Domain Chat");
            assertEquals(java.util.Map.of(), openfire.properties.registered(),
                    "after the unload nothing is left for the next version to trip over");
            assertEquals(List.of(), FakeOpenfire.pluginThreads());
        }
    }

    @Test
    void aStartThatFailsHalfWayLeavesNothingRunningOnceUnloaded() throws Exception {
        try (TestDatabase db = TestDatabase.create(TestDatabase.Kind.HSQLDB);
             FakeOpenfire openfire = new FakeOpenfire(home)) {
            org.mockito.Mockito.doThrow(new IllegalStateException("Jetty said no")).when(openfire.http)
                    .addJettyHandler(any(org.eclipse.jetty.ee8.nested.ContextHandler.class));
            DomainChatPlugin plugin = new DomainChatPlugin(db.connections());
            plugin.initializePlugin(null, home.resolve("plugins/domainchat").toFile());
            assertNotNull(plugin.core(), "archiving runs without webmail");
            assertNull(plugin.webmail());
            assertTrue(FakeOpenfire.pluginThreads().stream().noneMatch(t -> t.contains("webmail")),
                    "the half-started webmail feature stopped its threads at once: "
                            + FakeOpenfire.pluginThreads());
            assertEquals(5, openfire.chain.size());
            plugin.destroyPlugin();
            assertEquals(List.of(), FakeOpenfire.pluginThreads());
            assertEquals(List.of(), openfire.chain, "every interceptor was removed");
            openfire.unloaded("Domain Chat");

            // The archive's own registration fails: nothing else starts, and nothing is left behind.
            org.mockito.Mockito.doThrow(new IllegalStateException("no interceptors today"))
                    .when(openfire.interceptors).addInterceptor(org.mockito.ArgumentMatchers.anyInt(), any());
            DomainChatPlugin broken = new DomainChatPlugin(db.connections());
            broken.initializePlugin(null, home.resolve("plugins/domainchat").toFile());
            assertNull(broken.core());
            assertNull(broken.contacts());
            assertEquals(List.of(), FakeOpenfire.pluginThreads(), "the core was stopped again at once");
            broken.destroyPlugin();
            assertEquals(List.of(), FakeOpenfire.pluginThreads());
        }
    }

    @Test
    void aMessageTheArchiveCannotTakeIsRejectedWithAClearReply(@TempDir Path data) throws Exception {
        try (TestDatabase db = TestDatabase.create(TestDatabase.Kind.HSQLDB)) {
            DomainChat core = DomainChat.start(new TestEnvironment(db.connections(), data, "alice", "bob"));
            org.domainchat.delivery.DeliveryLines lines = new org.domainchat.delivery.DeliveryLines(1, "test");
            ArchiveInterceptor interceptor = new ArchiveInterceptor(new org.domainchat.delivery.ArchiveGate(
                    core.archiver(), lines, m -> { }, (to, m) -> { }));
            core.close(); // the journal is closed: nothing can be made durable
            lines.close();
            ClientSession alice = mock(ClientSession.class);
            PacketRejectedException rejected = assertThrows(PacketRejectedException.class, () ->
                    interceptor.interceptPacket(Chats.chat("alice@example.com/a", "bob@example.com", "hi"), alice,
                            true, false));
            assertEquals(ArchiveInterceptor.NOT_SENT, rejected.getRejectionMessage());
            // what is not a chat is never rejected, archive or not
            Message headline = Chats.chat("alice@example.com/a", "bob@example.com", "news");
            headline.setType(Message.Type.headline);
            interceptor.interceptPacket(headline, alice, true, false);
        }
    }

    @Test
    void aHeldMessageLeavesTheFirstPassSilentlyAndCheaply(@TempDir Path data) throws Exception {
        try (TestDatabase db = TestDatabase.create(TestDatabase.Kind.HSQLDB)) {
            DomainChat core = DomainChat.start(new TestEnvironment(db.connections(), data, "alice", "bob"));
            org.domainchat.delivery.DeliveryLines lines = new org.domainchat.delivery.DeliveryLines(1, "test");
            java.util.concurrent.LinkedBlockingQueue<Message> routed = new java.util.concurrent.LinkedBlockingQueue<>();
            ArchiveInterceptor interceptor = new ArchiveInterceptor(new org.domainchat.delivery.ArchiveGate(
                    core.archiver(), lines, routed::add, (to, m) -> { }));
            try {
                ClientSession alice = mock(ClientSession.class);
                Message chat = Chats.chat("alice@example.com/a", "bob@example.com", "hi");
                PacketRejectedException rejected = assertThrows(PacketRejectedException.class, () ->
                        interceptor.interceptPacket(chat, alice, true, false));
                // Openfire answers a rejection only when it carries a message or an error: this one must not
                assertNull(rejected.getRejectionMessage());
                assertNull(rejected.getRejectionError());
                // thrown on a handler thread for every chat: no stack trace is recorded
                assertEquals(0, rejected.getStackTrace().length);
                assertSame(chat, routed.poll(10, java.util.concurrent.TimeUnit.SECONDS),
                        "routed again once durable");
            } finally {
                core.close();
                lines.close();
            }
        }
    }

    /** The user event listener the plugin registered on its {@code upload}-th load. */
    private static DirectoryEvents captured(MockedStatic<UserEventDispatcher> userEvents, int upload) {
        ArgumentCaptor<org.jivesoftware.openfire.event.UserEventListener> listener =
                ArgumentCaptor.forClass(org.jivesoftware.openfire.event.UserEventListener.class);
        userEvents.verify(() -> UserEventDispatcher.addListener(listener.capture()),
                org.mockito.Mockito.atLeast(upload + 1));
        // Webmail registers its own listener (account events) beside the directory's.
        List<DirectoryEvents> directories = listener.getAllValues().stream().filter(DirectoryEvents.class::isInstance)
                .map(DirectoryEvents.class::cast).toList();
        assertEquals(upload + 1, directories.size());
        return directories.get(upload);
    }

}
