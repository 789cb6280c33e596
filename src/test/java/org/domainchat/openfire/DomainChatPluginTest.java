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
             MockedStatic<XMPPServer> server = mockStatic(XMPPServer.class);
             MockedStatic<InterceptorManager> interceptors = mockStatic(InterceptorManager.class);
             MockedStatic<JiveGlobals> globals = mockStatic(JiveGlobals.class);
             MockedStatic<SystemProperty.Builder> properties = mockStatic(SystemProperty.Builder.class);
             MockedStatic<GroupManager> groupManager = mockStatic(GroupManager.class);
             MockedStatic<UserEventDispatcher> userEvents = mockStatic(UserEventDispatcher.class);
             MockedStatic<GroupEventDispatcher> groupEvents = mockStatic(GroupEventDispatcher.class);
             MockedStatic<HttpBindManager> httpBinding = mockStatic(HttpBindManager.class);
             MockedStatic<VCardManager> vcards = mockStatic(VCardManager.class)) {
            vcards.when(VCardManager::getInstance).thenReturn(mock(VCardManager.class));
            HttpBindManager http = mock(HttpBindManager.class);
            httpBinding.when(HttpBindManager::getInstance).thenReturn(http);
            XMPPServer xmpp = mock(XMPPServer.class);
            IQRouter iqRouter = mock(IQRouter.class);
            RoutingTable routes = mock(RoutingTable.class);
            RosterManager rosters = mock(RosterManager.class);
            Roster empty = mock(Roster.class);
            when(xmpp.getIQRouter()).thenReturn(iqRouter);
            when(xmpp.getRoutingTable()).thenReturn(routes);
            when(xmpp.getRosterManager()).thenReturn(rosters);
            when(rosters.getRoster(any())).thenReturn(empty);
            when(xmpp.getIQHandlers()).thenReturn(List.of(mock(IQHandler.class), mock(IQRosterHandler.class)));
            groupManager.when(GroupManager::getInstance).thenReturn(mock(GroupManager.class));
            XMPPServerInfo info = mock(XMPPServerInfo.class);
            UserManager users = mock(UserManager.class);
            InterceptorManager manager = mock(InterceptorManager.class);
            server.when(XMPPServer::getInstance).thenReturn(xmpp);
            when(xmpp.getServerInfo()).thenReturn(info);
            when(info.getXMPPDomain()).thenReturn("example.com");
            when(xmpp.getUserManager()).thenReturn(users);
            when(users.isRegisteredUser(any(JID.class), anyBoolean())).thenAnswer(inv ->
                    Set.of("alice", "bob").contains(((JID) inv.getArgument(0)).getNode()));
            User aliceAccount = mock(User.class);
            when(aliceAccount.getUsername()).thenReturn("alice");
            User bob = mock(User.class);
            when(bob.getUsername()).thenReturn("bob");
            when(bob.getName()).thenReturn("Bob Brown");
            when(users.getUsers()).thenReturn(List.of(aliceAccount, bob));
            interceptors.when(InterceptorManager::getInstance).thenReturn(manager);
            globals.when(JiveGlobals::getHomePath).thenReturn(home);
            properties.when(() -> SystemProperty.Builder.ofType(any())).thenAnswer(inv -> FakeProperties.builder());

            for (int upload = 0; upload < 5; upload++) {
                // Openfire's pool is DbConnectionManager; static mocks are per thread and the archive writes on its
                // own thread, so the test hands the plugin its database directly.
                DomainChatPlugin plugin = new DomainChatPlugin(db.connections());
                plugin.initializePlugin(null, home.resolve("plugins/domainchat").toFile());
                ArgumentCaptor<PacketInterceptor> added = ArgumentCaptor.forClass(PacketInterceptor.class);
                verify(manager, org.mockito.Mockito.times(4 * (upload + 1))).addInterceptor(added.capture());
                List<PacketInterceptor> thisUpload = added.getAllValues().subList(4 * upload, 4 * upload + 4);
                PacketInterceptor interceptor = thisUpload.get(0);
                assertTrue(interceptor instanceof ArchiveInterceptor, "the archive sees messages first");
                ArgumentCaptor<PacketInterceptor> first = ArgumentCaptor.forClass(PacketInterceptor.class);
                verify(manager, org.mockito.Mockito.times(upload + 1)).addInterceptor(eq(0), first.capture());
                assertTrue(first.getValue() instanceof SubscriptionGuard, "the guard goes to index 0");
                ArgumentCaptor<IQHandler> handler = ArgumentCaptor.forClass(IQHandler.class);
                verify(iqRouter, org.mockito.Mockito.times(upload + 1)).addHandler(handler.capture());
                assertTrue(handler.getValue() instanceof DirectoryRosterHandler);
                assertNotNull(plugin.core());
                assertNotNull(plugin.contactsAdmin(), "domain contacts run (not yet activated)");
                assertEquals(2, plugin.contactsAdmin().accountCount(), "the directory is loaded from the user store");
                assertEquals(List.of("Bob Brown"), plugin.contactsAdmin().findUsers("bro", 10).stream()
                        .map(u -> u.displayName()).toList());
                DirectoryEvents events = captured(userEvents, upload);
                ArgumentCaptor<ContextHandler> api = ArgumentCaptor.forClass(ContextHandler.class);
                verify(http, org.mockito.Mockito.times(upload + 1)).addJettyHandler(api.capture());
                assertEquals("/domainchat/api/v1", api.getValue().getContextPath());
                assertTrue(plugin.webmail().api().isRunning());
                WebmailEndpoint endpoint = plugin.webmail();

                ClientSession alice = mock(ClientSession.class);
                when(alice.getAddress()).thenReturn(new JID("alice@example.com/laptop"));
                Message m = Chats.chat("alice@example.com/laptop", "bob@example.com", "upload " + upload);
                interceptor.interceptPacket(m, alice, true, false);   // archived, stamped
                interceptor.interceptPacket(m, alice, true, true);    // after routing: ignored
                Session bobsPhone = mock(ClientSession.class);
                interceptor.interceptPacket(m, bobsPhone, false, false); // delivery to bob: ignored
                interceptor.interceptPacket(m, bobsPhone, false, true);
                Message spoofed = Chats.chat("bob@example.com/evil", "bob@example.com", "spoofed " + upload);
                interceptor.interceptPacket(spoofed, alice, true, false); // archived as alice, not bob
                Element stanzaId = m.getElement().element("stanza-id");
                assertNotNull(stanzaId, "the delivered message carries its archive id");
                assertEquals("bob@example.com", stanzaId.attributeValue("by"));

                Message fromAfar = Chats.chat("carol@other.org/x", "bob@example.com", "from another domain");
                interceptor.interceptPacket(fromAfar, null, true, false); // s2s: Openfire passes no session
                assertNotNull(fromAfar.getElement().element("stanza-id"));

                plugin.destroyPlugin();
                for (PacketInterceptor each : thisUpload) {
                    verify(manager).removeInterceptor(each); // this upload's own instances, by identity
                }
                verify(manager).removeInterceptor(first.getValue());
                verify(iqRouter).removeHandler(handler.getValue());
                verify(http).removeJettyHandler(api.getValue());
                assertFalse(endpoint.api().isRunning(), "every webmail session ended");
                userEvents.verify(() -> UserEventDispatcher.removeListener(events));
                groupEvents.verify(() -> GroupEventDispatcher.removeListener(events));
                assertNull(plugin.core());
                assertEquals(List.of(), pluginThreads());
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

    @Test
    void aMessageTheArchiveCannotTakeIsRejectedWithAClearReply(@TempDir Path data) throws Exception {
        try (TestDatabase db = TestDatabase.create(TestDatabase.Kind.HSQLDB)) {
            DomainChat core = DomainChat.start(new TestEnvironment(db.connections(), data, "alice", "bob"));
            ArchiveInterceptor interceptor = new ArchiveInterceptor(core.archiver());
            core.close(); // the journal is closed: nothing can be made durable
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

    /** The user event listener the plugin registered on its {@code upload}-th load. */
    private static DirectoryEvents captured(MockedStatic<UserEventDispatcher> userEvents, int upload) {
        ArgumentCaptor<org.jivesoftware.openfire.event.UserEventListener> listener =
                ArgumentCaptor.forClass(org.jivesoftware.openfire.event.UserEventListener.class);
        userEvents.verify(() -> UserEventDispatcher.addListener(listener.capture()),
                org.mockito.Mockito.times(upload + 1));
        return (DirectoryEvents) listener.getValue();
    }

    private static List<String> pluginThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(n -> n.startsWith("domainchat-")).toList();
    }
}
