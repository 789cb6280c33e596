package org.domainchat.openfire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.mockStatic;
import static org.mockito.Mockito.when;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import org.dom4j.DocumentHelper;
import org.domainchat.DomainChat;
import org.domainchat.alias.Alias;
import org.domainchat.testing.Chats;
import org.domainchat.testing.TestDatabase;
import org.domainchat.testing.TestEnvironment;
import org.domainchat.testing.Waits;
import org.jivesoftware.openfire.IQRouter;
import org.jivesoftware.openfire.RoutingTable;
import org.jivesoftware.openfire.XMPPServer;
import org.jivesoftware.openfire.XMPPServerInfo;
import org.jivesoftware.openfire.event.GroupEventDispatcher;
import org.jivesoftware.openfire.event.UserEventDispatcher;
import org.jivesoftware.openfire.handler.IQRosterHandler;
import org.jivesoftware.openfire.interceptor.InterceptorManager;
import org.jivesoftware.openfire.interceptor.PacketRejectedException;
import org.jivesoftware.openfire.roster.Roster;
import org.jivesoftware.openfire.roster.RosterManager;
import org.jivesoftware.openfire.session.ClientSession;
import org.jivesoftware.openfire.user.User;
import org.jivesoftware.openfire.user.UserManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mockito.MockedStatic;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;
import org.xmpp.packet.Packet;
import org.xmpp.packet.Presence;

/**
 * The contacts feature as Openfire runs it: a fake session table at the edge (routes, sessions, routed stanzas),
 * everything else real. Account events, alias changes and activation reach online users as pushes and presences;
 * Openfire's own roster pushes are rewritten; alias messages are taken off the routing path.
 */
class DomainContactsFeatureTest {

    @TempDir
    Path data;

    private final Map<JID, ClientSession> sessions = Collections.synchronizedMap(new LinkedHashMap<>());
    private final List<Routed> routed = Collections.synchronizedList(new ArrayList<>());

    private record Routed(JID to, Packet packet) {
    }

    private void online(String fullJid) {
        JID jid = new JID(fullJid);
        ClientSession s = mock(ClientSession.class);
        when(s.getAddress()).thenReturn(jid);
        when(s.getPresence()).thenReturn(new Presence());
        sessions.put(jid, s);
    }

    private List<Routed> routedTo(String node, Class<? extends Packet> type) {
        synchronized (routed) {
            return routed.stream().filter(r -> node.equals(r.to().getNode()) && type.isInstance(r.packet()))
                    .toList();
        }
    }

    @Test
    void changesReachOnlineUsersAndUnloadLeavesNothing() throws Exception {
        PluginProperties properties;
        try (TestDatabase db = TestDatabase.create(TestDatabase.Kind.HSQLDB);
             FakeSystemProperties registry = FakeSystemProperties.install();
             MockedStatic<UserEventDispatcher> userEvents = mockStatic(UserEventDispatcher.class);
             MockedStatic<GroupEventDispatcher> groupEvents = mockStatic(GroupEventDispatcher.class)) {
            properties = new PluginProperties();
            properties.active.setValue(true);
            DomainChat core = DomainChat.start(new TestEnvironment(db.connections(), data, "alice", "bob", "carol"));
            XMPPServer server = server(users("alice", "bob", "carol"));
            org.domainchat.delivery.DeliveryLines lines = new org.domainchat.delivery.DeliveryLines(1,
                    "domainchat-test-deliver");
            org.domainchat.delivery.ArchiveGate gate = new org.domainchat.delivery.ArchiveGate(core.archiver(),
                    lines, m -> { }, (to, m) -> { });
            InterceptorManager interceptors = mock(InterceptorManager.class);
            online("alice@example.com/laptop");
            online("bob@example.com/desk");

            DomainContactsFeature feature = DomainContactsFeature.start(server, interceptors,
                    new OpenfireGroups(mock(org.jivesoftware.openfire.group.GroupManager.class), "example.com"),
                    properties, core, gate, db.connections(), () -> java.util.Locale.ENGLISH);
            try {
                // a new account: alice's and bob's clients get it pushed, on the feature's own thread
                User dave = user("dave", "Dave Dean");
                DirectoryEvents events = (DirectoryEvents) captured(userEvents);
                events.userCreated(dave, Map.of());
                Waits.until(Duration.ofSeconds(10), "pushes", () -> routedTo("alice", IQ.class).size() == 1
                        && routedTo("bob", IQ.class).size() == 1);
                IQ push = (IQ) routedTo("alice", IQ.class).get(0).packet();
                assertEquals("dave@example.com", push.getChildElement().element("item").attributeValue("jid"));
                assertEquals("Dave Dean", push.getChildElement().element("item").attributeValue("name"));

                // hiding an account through the property removes it from online rosters
                routed.clear();
                assertTrue(feature.admin().setHidden("dave", true));
                Waits.until(Duration.ofSeconds(10), "removal", () -> routedTo("alice", IQ.class).size() == 1);
                assertEquals("remove", ((IQ) routedTo("alice", IQ.class).get(0).packet()).getChildElement()
                        .element("item").attributeValue("subscription"));
                assertFalse(feature.admin().setHidden("nobody", true), "unknown users are reported");

                // a new alias: pushed to everyone it is visible to, with its presence
                routed.clear();
                core.aliases().save(new Alias("sales", "Sales", Set.of("alice"), null, true, Alias.Visibility.ALL,
                        false), feature.admin()::isUser);
                Waits.until(Duration.ofSeconds(10), "alias push and presence",
                        () -> routedTo("bob", IQ.class).size() == 1 && routedTo("bob", Presence.class).size() == 1);
                assertEquals("1 member online", ((Presence) routedTo("bob", Presence.class).get(0).packet())
                        .getStatus());

                // Openfire's own push for alice's stored item of bob gets domain chat's version and "both"
                IQ openfirePush = new IQ(DocumentHelper.parseText("<iq type='set' to='alice@example.com/laptop'>"
                        + "<query xmlns='jabber:iq:roster' ver='123'><item jid='bob@example.com' name='Bobby'"
                        + " subscription='none' ask='subscribe'/></query></iq>").getRootElement());
                feature.pushRewriter().interceptPacket(openfirePush, null, false, false);
                assertEquals("both", openfirePush.getChildElement().element("item").attributeValue("subscription"));
                assertEquals(null, openfirePush.getChildElement().element("item").attributeValue("ask"));
                assertTrue(openfirePush.getChildElement().attributeValue("ver").startsWith("dc-"));

                // a message to the alias is delivered by domain chat and dropped from Openfire's path
                routed.clear();
                ClientSession bobSession = sessions.get(new JID("bob@example.com/desk"));
                Message toSales = Chats.chat("bob@example.com/desk", "sales@example.com", "hello sales");
                assertThrows(PacketRejectedException.class, () -> feature.aliasInterceptor()
                        .interceptPacket(toSales, bobSession, true, false));
                Waits.until(Duration.ofSeconds(10), "the copy, once archived",
                        () -> routedTo("alice", Message.class).size() == 1);
                assertEquals("sales@example.com/bob", routedTo("alice", Message.class).get(0).packet().getFrom()
                        .toString());

                // switching domain chat off takes colleagues and aliases out of online rosters at once; on brings
                // them back with the current presences
                routed.clear();
                properties.active.setValue(false);
                Waits.until(Duration.ofSeconds(10), "removals", () -> routedTo("bob", IQ.class).size() == 3);
                assertTrue(routedTo("bob", IQ.class).stream().allMatch(r -> "remove".equals(((IQ) r.packet())
                        .getChildElement().element("item").attributeValue("subscription"))),
                        "alice, carol and the alias leave bob's roster");
                routed.clear();
                properties.active.setValue(true);
                Waits.until(Duration.ofSeconds(10), "contacts back", () -> routedTo("bob", IQ.class).size() == 3
                        && routedTo("bob", Presence.class).size() == 2);
            } finally {
                feature.close();
                core.close();
                lines.close();
            }
            assertTrue(Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive)
                    .noneMatch(t -> t.getName().startsWith("domainchat-")), () -> "no thread left behind: "
                    + Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                    .filter(n -> n.startsWith("domainchat-")).toList());
        }
    }

    private static Object captured(MockedStatic<UserEventDispatcher> userEvents) {
        AtomicReference<Object> listener = new AtomicReference<>();
        userEvents.verify(() -> UserEventDispatcher.addListener(org.mockito.ArgumentMatchers.argThat(l -> {
            listener.set(l);
            return true;
        })));
        return listener.get();
    }

    private static User user(String username, String name) {
        User u = mock(User.class);
        when(u.getUsername()).thenReturn(username);
        when(u.getName()).thenReturn(name);
        return u;
    }

    private static UserManager users(String... usernames) {
        UserManager users = mock(UserManager.class);
        List<User> all = new ArrayList<>();
        for (String u : usernames) {
            all.add(user(u, null));
        }
        when(users.getUsers()).thenReturn(all);
        when(users.isRegisteredUser(any(JID.class), anyBoolean())).thenReturn(true);
        return users;
    }

    private XMPPServer server(UserManager users) throws Exception {
        XMPPServer server = mock(XMPPServer.class);
        XMPPServerInfo info = mock(XMPPServerInfo.class);
        when(info.getXMPPDomain()).thenReturn("example.com");
        when(server.getServerInfo()).thenReturn(info);
        when(server.getUserManager()).thenReturn(users);
        when(server.getIQRouter()).thenReturn(mock(IQRouter.class));
        when(server.getIQHandlers()).thenReturn(List.of(mock(IQRosterHandler.class)));
        RosterManager rosters = mock(RosterManager.class);
        Roster empty = mock(Roster.class);
        when(rosters.getRoster(any())).thenReturn(empty);
        when(server.getRosterManager()).thenReturn(rosters);
        RoutingTable routes = mock(RoutingTable.class);
        when(routes.getClientsRoutes(false)).thenAnswer(inv -> List.copyOf(sessions.values()));
        when(routes.getRoutes(any(), any())).thenAnswer(inv -> {
            JID bare = inv.getArgument(0);
            synchronized (sessions) {
                return sessions.keySet().stream().filter(j -> j.toBareJID().equals(bare.toBareJID())).toList();
            }
        });
        when(routes.getClientRoute(any())).thenAnswer(inv -> sessions.get((JID) inv.getArgument(0)));
        org.mockito.Mockito.doAnswer(inv -> {
            routed.add(new Routed(inv.getArgument(0), inv.getArgument(1)));
            return null;
        }).when(routes).routePacket(any(), any());
        when(server.getRoutingTable()).thenReturn(routes);
        return server;
    }

}
