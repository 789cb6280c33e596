package org.domainchat.openfire;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.mockStatic;
import static org.mockito.Mockito.when;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import org.jivesoftware.openfire.IQRouter;
import org.jivesoftware.openfire.PresenceManager;
import org.jivesoftware.openfire.SessionManager;
import org.jivesoftware.openfire.entitycaps.EntityCapabilitiesManager;
import org.jivesoftware.openfire.handler.IQLastActivityHandler;
import org.jivesoftware.openfire.pep.IQPEPHandler;
import org.jivesoftware.openfire.pep.PEPServiceManager;
import org.jivesoftware.openfire.pubsub.PubSubEventDispatcher;
import org.jivesoftware.openfire.MessageRouter;
import org.jivesoftware.openfire.RoutingTable;
import org.jivesoftware.openfire.XMPPServer;
import org.jivesoftware.openfire.XMPPServerInfo;
import org.jivesoftware.openfire.event.GroupEventDispatcher;
import org.jivesoftware.openfire.event.UserEventDispatcher;
import org.jivesoftware.openfire.group.GroupManager;
import org.jivesoftware.openfire.handler.IQHandler;
import org.jivesoftware.openfire.handler.IQRosterHandler;
import org.jivesoftware.openfire.http.HttpBindManager;
import org.jivesoftware.openfire.interceptor.InterceptorManager;
import org.jivesoftware.openfire.interceptor.PacketInterceptor;
import org.jivesoftware.openfire.interceptor.PacketRejectedException;
import org.jivesoftware.openfire.session.Session;
import org.jivesoftware.openfire.roster.Roster;
import org.jivesoftware.openfire.roster.RosterManager;
import org.jivesoftware.openfire.user.User;
import org.jivesoftware.openfire.user.UserManager;
import org.jivesoftware.openfire.vcard.VCardManager;
import org.jivesoftware.util.JiveGlobals;
import org.mockito.MockedStatic;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;

/**
 * Openfire 5.1.1's singletons at the edge, as a loaded plugin meets them: the server (domain example.com, users
 * alice and bob), the interceptor, IQ, HTTP binding, group, vCard, PEP, capabilities and event managers, the home
 * folder, and a system
 * property registry with the real one's rules. Everything is a Mockito mock the test can verify against.
 *
 * <p>Static mocks are per thread: create it on the thread that loads and unloads the plugin.
 */
final class FakeOpenfire implements AutoCloseable {

    final XMPPServer server = mock(XMPPServer.class);
    final InterceptorManager interceptors = mock(InterceptorManager.class);
    final IQRouter iqRouter = mock(IQRouter.class);
    final org.jivesoftware.openfire.disco.IQDiscoInfoHandler disco =
            mock(org.jivesoftware.openfire.disco.IQDiscoInfoHandler.class);
    final HttpBindManager http = mock(HttpBindManager.class);
    final UserManager users = mock(UserManager.class);
    final MessageRouter messageRouter = mock(MessageRouter.class);
    final RoutingTable routes = mock(RoutingTable.class);
    /** Openfire's interceptor list, kept as InterceptorManager keeps it. */
    final List<PacketInterceptor> chain = new CopyOnWriteArrayList<>();
    /** What the message router routed (after the first pass let it through). */
    final List<Message> routed = new CopyOnWriteArrayList<>();
    /** What the message router answered a rejection with a text or error. */
    final List<Message> rejectionReplies = new CopyOnWriteArrayList<>();
    final FakeSystemProperties properties;
    final MockedStatic<UserEventDispatcher> userEvents;
    final MockedStatic<GroupEventDispatcher> groupEvents;
    final MockedStatic<PubSubEventDispatcher> pubsubEvents;
    final IQPEPHandler pep = mock(IQPEPHandler.class);
    final EntityCapabilitiesManager capabilities = mock(EntityCapabilitiesManager.class);
    private final List<MockedStatic<?>> statics = new ArrayList<>();

    FakeOpenfire(Path home) throws Exception {
        properties = FakeSystemProperties.install();
        try {
            MockedStatic<XMPPServer> servers = open(XMPPServer.class);
            servers.when(XMPPServer::getInstance).thenReturn(server);
            open(InterceptorManager.class).when(InterceptorManager::getInstance).thenReturn(interceptors);
            open(JiveGlobals.class).when(JiveGlobals::getHomePath).thenReturn(home);
            open(GroupManager.class).when(GroupManager::getInstance).thenReturn(mock(GroupManager.class));
            open(HttpBindManager.class).when(HttpBindManager::getInstance).thenReturn(http);
            open(VCardManager.class).when(VCardManager::getInstance).thenReturn(mock(VCardManager.class));
            userEvents = open(UserEventDispatcher.class);
            pubsubEvents = open(PubSubEventDispatcher.class);
            groupEvents = open(GroupEventDispatcher.class);

            doAnswer(inv -> chain.add(inv.getArgument(0))).when(interceptors).addInterceptor(any());
            doAnswer(inv -> {
                chain.add(inv.getArgument(0), inv.getArgument(1));
                return null;
            }).when(interceptors).addInterceptor(anyInt(), any());
            doAnswer(inv -> chain.remove(inv.getArgument(0))).when(interceptors).removeInterceptor(any());
            doAnswer(inv -> {
                route(inv.getArgument(0), null); // the real one looks the sender's session up; none here
                return null;
            }).when(messageRouter).route(any());
            when(server.getMessageRouter()).thenReturn(messageRouter);
            RosterManager rosters = mock(RosterManager.class);
            when(rosters.getRoster(any())).thenReturn(mock(Roster.class));
            when(server.getIQRouter()).thenReturn(iqRouter);
            when(server.getIQDiscoInfoHandler()).thenReturn(disco);
            when(server.getRoutingTable()).thenReturn(routes);
            when(server.getRosterManager()).thenReturn(rosters);
            when(server.getIQHandlers()).thenReturn(List.of(mock(IQHandler.class), mock(IQRosterHandler.class),
                    pep, mock(IQLastActivityHandler.class)));
            when(server.getIQPEPHandler()).thenReturn(pep);
            when(pep.getServiceManager()).thenReturn(mock(PEPServiceManager.class));
            when(server.getEntityCapabilitiesManager()).thenReturn(capabilities);
            when(server.getSessionManager()).thenReturn(mock(SessionManager.class));
            when(server.getPresenceManager()).thenReturn(mock(PresenceManager.class));
            XMPPServerInfo info = mock(XMPPServerInfo.class);
            when(server.getServerInfo()).thenReturn(info);
            when(info.getXMPPDomain()).thenReturn("example.com");
            when(server.getUserManager()).thenReturn(users);
            when(users.isRegisteredUser(any(JID.class), anyBoolean())).thenAnswer(inv ->
                    Set.of("alice", "bob").contains(((JID) inv.getArgument(0)).getNode()));
            User alice = mock(User.class);
            when(alice.getUsername()).thenReturn("alice");
            User bob = mock(User.class);
            when(bob.getUsername()).thenReturn("bob");
            when(bob.getName()).thenReturn("Bob Brown");
            when(users.getUsers()).thenReturn(List.of(alice, bob));
        } catch (Exception e) {
            close();
            throw e;
        }
    }

    /**
     * What Openfire 5.1.1's {@code MessageRouter.route} does with interceptors: the first incoming pass over the
     * list in order, routing, the second pass; a rejection stops it, silently unless it carries a text or an error,
     * which comes back to the sender's session as a message.
     */
    void route(Message message, Session session) {
        try {
            for (PacketInterceptor each : chain) {
                each.interceptPacket(message, session, true, false);
            }
            routed.add(message);
            for (PacketInterceptor each : chain) {
                each.interceptPacket(message, session, true, true);
            }
        } catch (PacketRejectedException e) {
            if (session != null && (e.getRejectionError() != null || (e.getRejectionMessage() != null
                    && !e.getRejectionMessage().isBlank()))) {
                Message reply = new Message();
                reply.setID(message.getID());
                reply.setTo(session.getAddress());
                reply.setFrom(message.getTo());
                reply.setBody(e.getRejectionMessage());
                rejectionReplies.add(reply);
            }
        }
    }

    private <T> MockedStatic<T> open(Class<T> type) {
        MockedStatic<T> mocked = mockStatic(type);
        statics.add(mocked);
        return mocked;
    }

    /** What Openfire does after {@code destroyPlugin()}: removes the plugin's properties by its plugin.xml name. */
    void unloaded(String pluginName) {
        properties.removeFor(pluginName);
    }

    /** The plugin's threads still alive. */
    static List<String> pluginThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(n -> n.startsWith("domainchat-")).toList();
    }

    @Override
    public void close() {
        for (int i = statics.size() - 1; i >= 0; i--) {
            statics.get(i).close();
        }
        properties.close();
    }
}
