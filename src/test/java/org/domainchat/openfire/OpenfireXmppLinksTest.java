package org.domainchat.openfire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.verify;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.domainchat.testing.Waits;
import org.domainchat.util.XmlChars;
import org.domainchat.webmail.live.LinkException;
import org.domainchat.webmail.live.WebmailStatus;
import org.domainchat.webmail.live.XmppLink;
import org.jivesoftware.openfire.SessionManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;
import org.xmpp.packet.Packet;
import org.xmpp.packet.Presence;

/**
 * The webmail resource's life on Openfire: open, announce, send, the close from either side, unload. Openfire's
 * sessions and routers are Mockito mocks behind {@link FakeWebmailServer}; the links and connections are real.
 */
class OpenfireXmppLinksTest {

    private static final JID BOB = new JID("bob@example.com/desk");

    private final FakeWebmailServer server = new FakeWebmailServer();
    private Supplier<String> ids = OpenfireXmppLinks.randomIds(new SecureRandom());
    private final OpenfireXmppLinks links = new OpenfireXmppLinks(server, "1.0", Duration.ofMillis(300),
            () -> ids.get());
    private final RecordingInbound inbound = new RecordingInbound();

    @AfterEach
    void unload() {
        assertTrue(links.closeAll(Duration.ofSeconds(10)));
        Waits.until(Duration.ofSeconds(10), "answering threads gone", () -> Thread.getAllStackTraces().keySet()
                .stream().filter(Thread::isAlive).noneMatch(t -> t.getName().startsWith("domainchat-webmail")));
    }

    private XmppLink open(WebmailStatus status, String text) throws LinkException {
        return links.open("alice", status, text, Locale.GERMAN, "192.0.2.7", inbound);
    }

    private static Message chat(String to, String body) {
        Message m = new Message();
        m.setType(Message.Type.chat);
        m.setTo(to);
        m.setBody(body);
        return m;
    }

    private static void assertBroadcast(Packet packet, Presence.Show show, String status) {
        Presence p = assertInstanceOf(Presence.class, packet);
        assertTrue(p.isAvailable());
        assertNull(p.getTo(), "a 'to' would make it a directed presence");
        assertEquals(0, p.getPriority());
        assertEquals(show, p.getShow());
        assertEquals(status, p.getStatus());
    }

    @Test
    void openBindsThenEnablesCarbonsThenAnnouncesWithPriorityZero() throws Exception {
        XmppLink link = links.open("Alice", WebmailStatus.AWAY, "at lunch", Locale.GERMAN, "192.0.2.7", inbound);

        String resource = server.boundResources.get(0);
        assertTrue(resource.matches("webmail-[A-Za-z0-9_-]{22}"), resource);
        assertEquals(List.of("alice"), server.boundUsers, "the exact Openfire username");
        assertEquals("alice@example.com/" + resource, link.address());
        assertEquals(List.of(Locale.GERMAN), server.locales);
        WebmailConnection connection = server.lastConnection();
        verify(server.lastSession()).setSessionData(OpenfireXmppLinks.SESSION_TAG, connection.id());
        assertEquals(resource, "webmail-" + connection.id());
        assertEquals(List.of(server.lastSession()), server.announcedBound, "resource_bound, as IQBindHandler does");
        assertEquals("192.0.2.7", connection.getHostAddress());

        List<Packet> routed = server.routedBy(connection);
        assertEquals(2, routed.size());
        IQ carbons = assertInstanceOf(IQ.class, routed.get(0));
        assertEquals(IQ.Type.set, carbons.getType());
        assertEquals(new JID("alice@example.com"), carbons.getTo());
        assertEquals("urn:xmpp:carbons:2", carbons.getChildElement().getNamespaceURI());
        assertEquals("enable", carbons.getChildElement().getName());
        assertBroadcast(routed.get(1), Presence.Show.away, "at lunch");

        assertTrue(link.isOpen());
        assertEquals(1, links.openLinks());
        XmppLink second = open(WebmailStatus.BUSY, "");
        assertNotEquals(link.address(), second.address(), "one fresh resource per open");
        assertBroadcast(server.routedBy(server.lastConnection()).get(1), Presence.Show.dnd, null);
        assertEquals(2, links.openLinks());
    }

    @Test
    void aRememberedStatusTextWithCharactersXmlForbidsIsAnnouncedWithoutThem() throws Exception {
        XmppLink link = open(WebmailStatus.AWAY, "lunch\uFFFE\u0000");
        link.announce(WebmailStatus.BUSY, "\uFFFFcall\u001B\uD800");
        List<Packet> routed = server.routedBy(server.lastConnection());
        assertBroadcast(routed.get(1), Presence.Show.away, "lunch");
        assertBroadcast(routed.get(2), Presence.Show.dnd, "call");
        for (Packet p : routed) {
            assertEquals(-1, XmlChars.firstInvalid(p.toXML()), p.toXML());
        }
    }

    @Test
    void announceRoutesANewBroadcastEachTime() throws Exception {
        XmppLink link = open(WebmailStatus.AVAILABLE, null);
        link.announce(WebmailStatus.AWAY, "");
        link.announce(WebmailStatus.BUSY, "in a meeting");
        link.announce(WebmailStatus.AVAILABLE, "back");

        List<Packet> routed = server.routedBy(server.lastConnection());
        assertEquals(5, routed.size());
        assertBroadcast(routed.get(1), null, null);
        assertBroadcast(routed.get(2), Presence.Show.away, null);
        assertBroadcast(routed.get(3), Presence.Show.dnd, "in a meeting");
        assertBroadcast(routed.get(4), null, "back");
        Set<Packet> distinct = new HashSet<>();
        routed.forEach(p -> distinct.add(p));
        assertEquals(5, distinct.size(), "Openfire keeps a routed presence as the session's: never reused");
        assertThrows(IllegalArgumentException.class, () -> link.announce(WebmailStatus.OFFLINE, ""));
    }

    @Test
    void closeGoesUnavailableThenClosesOnce() throws Exception {
        XmppLink link = open(WebmailStatus.AVAILABLE, null);
        WebmailConnection connection = server.lastConnection();
        link.close("offline");

        List<Packet> routed = server.routedBy(connection);
        Presence last = assertInstanceOf(Presence.class, routed.get(routed.size() - 1));
        assertEquals(Presence.Type.unavailable, last.getType());
        assertNull(last.getTo());
        assertTrue(connection.isClosed());
        assertFalse(link.isOpen());
        assertEquals(List.of("offline"), inbound.closed);
        assertEquals(0, links.openLinks());

        link.close("offline");
        link.announce(WebmailStatus.AWAY, "");
        assertInstanceOf(XmppLink.SendOutcome.Closed.class, link.send(chat("bob@example.com", "too late")));
        assertEquals(routed.size(), server.routedBy(connection).size(), "nothing routed after the close");
        assertEquals(List.of("offline"), inbound.closed, "told once");
    }

    @Test
    void aCloseOpenfireStartsIsToldOnceWithItsReason() throws Exception {
        XmppLink link = open(WebmailStatus.AVAILABLE, null);
        WebmailConnection connection = server.lastConnection();
        int routedBefore = server.routedBy(connection).size();
        // a newer bind of the same full JID kicks this one: Session.close(StreamError) writes the error, then closes
        connection.deliverRawText(new org.xmpp.packet.StreamError(
                org.xmpp.packet.StreamError.Condition.conflict).toXML());
        connection.close();

        assertFalse(link.isOpen());
        assertEquals(List.of("conflict"), inbound.closed);
        assertEquals(0, links.openLinks());
        link.close("offline");
        assertEquals(List.of("conflict"), inbound.closed);
        assertEquals(routedBefore, server.routedBy(connection).size(), "no goodbye on a session already gone");
    }

    @Test
    void aReplacedRegistryEntryIsLeftAlone() throws Exception {
        ids = () -> "sameidsameidsameidsame";
        XmppLink first = open(WebmailStatus.AVAILABLE, null);
        WebmailConnection firstConnection = server.lastConnection();
        RecordingInbound secondInbound = new RecordingInbound();
        XmppLink second = links.open("alice", WebmailStatus.AVAILABLE, null, Locale.ENGLISH, "", secondInbound);
        assertEquals(first.address(), second.address(), "a retry with the same id");
        assertEquals(1, links.openLinks(), "the newer link took the id");

        firstConnection.close(); // the older session closes late, e.g. after being kicked by the newer
        assertEquals(List.of(WebmailConnection.CLOSED_BY_SERVER), inbound.closed);
        assertEquals(1, links.openLinks(), "the newer link is still registered");
        assertTrue(second.isOpen());

        second.close("offline");
        assertEquals(0, links.openLinks());
        assertEquals(List.of("offline"), secondInbound.closed);
    }

    @Test
    void aConflictClosesTheConnectionAndAsksToRetry() {
        server.binding = (session, resource) -> CompletableFuture.completedFuture(SessionManager.BindResult.CONFLICT);
        LinkException e = assertThrows(LinkException.class, () -> open(WebmailStatus.AVAILABLE, null));
        assertEquals(LinkException.Kind.CONFLICT, e.kind());
        assertTrue(server.lastConnection().isClosed(), "else Openfire keeps a pre-authenticated session");
        assertTrue(server.routed.isEmpty());
        assertTrue(server.announcedBound.isEmpty());
        assertTrue(inbound.closed.isEmpty(), "a link that never opened does not close");
        assertEquals(0, links.openLinks());
    }

    @Test
    void aBindThatTakesTooLongOrFailsIsUnavailable() {
        server.binding = (session, resource) -> new CompletableFuture<>();
        LinkException slow = assertThrows(LinkException.class, () -> open(WebmailStatus.AVAILABLE, null));
        assertEquals(LinkException.Kind.UNAVAILABLE, slow.kind());
        assertTrue(server.lastConnection().isClosed());

        server.binding = (session, resource) -> CompletableFuture.failedFuture(new IllegalStateException("cluster"));
        LinkException failed = assertThrows(LinkException.class, () -> open(WebmailStatus.AVAILABLE, null));
        assertEquals(LinkException.Kind.UNAVAILABLE, failed.kind());
        assertTrue(server.lastConnection().isClosed());

        server.createFailure = new IllegalStateException("Server not initialized");
        LinkException starting = assertThrows(LinkException.class, () -> open(WebmailStatus.AVAILABLE, null));
        assertEquals(LinkException.Kind.UNAVAILABLE, starting.kind());
        assertTrue(server.routed.isEmpty());
        assertTrue(inbound.closed.isEmpty());
        assertEquals(0, links.openLinks());
    }

    @Test
    void lockedOutUnknownUncheckableOrStoppingEndsBeforeAnySession() {
        server.lockedOut.add("alice");
        assertEquals(LinkException.Kind.REFUSED,
                assertThrows(LinkException.class, () -> open(WebmailStatus.AVAILABLE, null)).kind());
        assertEquals(LinkException.Kind.REFUSED, assertThrows(LinkException.class, () -> links.open("nobody",
                WebmailStatus.AVAILABLE, null, Locale.ENGLISH, null, inbound)).kind());
        server.lockedOut.clear();
        server.accountFailure = new IllegalStateException("LDAP unreachable");
        assertEquals(LinkException.Kind.UNAVAILABLE,
                assertThrows(LinkException.class, () -> open(WebmailStatus.AVAILABLE, null)).kind());
        server.accountFailure = null;
        server.shuttingDown = true;
        assertEquals(LinkException.Kind.UNAVAILABLE,
                assertThrows(LinkException.class, () -> open(WebmailStatus.AVAILABLE, null)).kind());
        assertTrue(server.sessions.isEmpty());
    }

    @Test
    void iqRequestsAreAnsweredThroughTheRouterOffTheDeliveringThread() throws Exception {
        XmppLink link = open(WebmailStatus.AVAILABLE, null);
        WebmailConnection connection = server.lastConnection();
        for (String ns : List.of("urn:xmpp:ping", "jabber:iq:version", "http://jabber.org/protocol/disco#info",
                "jabber:iq:private")) {
            IQ request = new IQ(IQ.Type.get, "q-" + ns);
            request.setFrom("example.com");
            request.setTo(link.address());
            request.setChildElement("query", ns);
            connection.deliver(request);
        }
        IQ push = new IQ(IQ.Type.set, "push-1");
        push.setTo(link.address());
        push.setChildElement("query", "jabber:iq:roster").addElement("item").addAttribute("jid", "bob@example.com");
        connection.deliver(push);

        Waits.until(Duration.ofSeconds(10), "five answers", () -> answers(connection).size() == 5);
        List<FakeWebmailServer.Routed> answers = answers(connection);
        for (FakeWebmailServer.Routed answer : answers) {
            assertTrue(answer.thread().startsWith("domainchat-webmail-answers"), answer.thread());
        }
        List<String> types = answers.stream().map(a -> a.packet().getID() + " " + ((IQ) a.packet()).getType())
                .sorted().toList();
        assertEquals(List.of("push-1 result", "q-http://jabber.org/protocol/disco#info result",
                "q-jabber:iq:private error", "q-jabber:iq:version result", "q-urn:xmpp:ping result"), types);
        assertEquals(5, inbound.delivered(IQ.class).size(), "requests are passed on too");
    }

    private List<FakeWebmailServer.Routed> answers(WebmailConnection connection) {
        synchronized (server.routed) {
            return server.routed.stream().filter(r -> r.connection() == connection && r.packet() instanceof IQ iq
                    && iq.getType() != IQ.Type.set).toList();
        }
    }

    @Test
    void aSynchronousRejectionIsTheOutcomeNotAMessage() throws Exception {
        XmppLink link = open(WebmailStatus.AVAILABLE, null);
        // what MessageRouter does when an interceptor rejects the message with a text: a reply, during the call
        server.onRoute = (connection, packet) -> {
            if (packet instanceof Message m && m.getBody().startsWith("reject")) {
                Message reply = new Message();
                reply.setID(m.getID());
                reply.setTo(m.getFrom());
                reply.setFrom(m.getTo());
                reply.setType(m.getType());
                reply.setBody("Your message was not sent because the server could not archive it.");
                connection.deliver(reply);
            }
        };
        Message refused = chat("bob@example.com", "reject me");
        refused.setID("m1");
        XmppLink.SendOutcome outcome = link.send(refused);
        assertEquals(new XmppLink.SendOutcome.Rejected(
                "Your message was not sent because the server could not archive it."), outcome);
        assertTrue(inbound.delivered(Message.class).isEmpty(), "the rejection is no message from bob");
        assertEquals(new JID(link.address()), refused.getFrom(), "sent as the resource");

        Message fine = chat("bob@example.com", "hello");
        assertInstanceOf(XmppLink.SendOutcome.Sent.class, link.send(fine));
        assertTrue(fine.getID() != null && !fine.getID().isBlank(), "an id is given when missing");
        Message routed = (Message) server.routed.get(server.routed.size() - 1).packet();
        assertSame(fine, routed);
        assertEquals("bob@example.com", routed.getTo().toString());
        assertEquals(Message.Type.chat, routed.getType());

        // bob's answer arriving later with the same id is a message again
        Message answer = chat(link.address(), "hi alice");
        answer.setID("m1");
        answer.setFrom("bob@example.com");
        server.lastConnection().deliver(answer);
        assertEquals(List.of("hi alice"), inbound.delivered(Message.class).stream().map(Message::getBody).toList());
    }

    @Test
    void deliveriesDuringASendNeitherDeadlockNorWait() throws Exception {
        XmppLink link = open(WebmailStatus.AVAILABLE, null);
        CountDownLatch otherThreadDelivered = new CountDownLatch(1);
        server.onRoute = (connection, packet) -> {
            if (!(packet instanceof Message)) {
                return;
            }
            // re-entrant, on the sending thread: a ping needs an answer through the same (locked) router
            IQ ping = new IQ(IQ.Type.get, "ping-during-send");
            ping.setFrom("example.com");
            ping.setChildElement("ping", "urn:xmpp:ping");
            connection.deliver(ping);
            // concurrent, from another routing thread, while the send holds the link's lock
            Thread other = new Thread(() -> {
                Message m = chat(link.address(), "from elsewhere");
                m.setFrom(BOB);
                connection.deliver(m);
                IQ version = new IQ(IQ.Type.get, "version-during-send");
                version.setFrom("example.com");
                version.setChildElement("query", "jabber:iq:version");
                connection.deliver(version);
                otherThreadDelivered.countDown();
            });
            other.start();
            assertTrue(otherThreadDelivered.await(5, TimeUnit.SECONDS), "deliver waited for the send's lock");
        };
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            assertInstanceOf(XmppLink.SendOutcome.Sent.class, link.send(chat("bob@example.com", "hello")));
        });
        assertEquals(1, inbound.delivered(Message.class).size());
        Waits.until(Duration.ofSeconds(10), "both requests answered after the send",
                () -> answers(server.lastConnection()).size() == 2);
    }

    @Test
    void closeAllClosesEveryLinkAndStopsItsThreads() throws Exception {
        List<RecordingInbound> inbounds = new ArrayList<>();
        List<XmppLink> opened = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            RecordingInbound in = new RecordingInbound();
            inbounds.add(in);
            opened.add(links.open(i == 2 ? "bob" : "alice", WebmailStatus.AVAILABLE, null, Locale.ENGLISH, null,
                    in));
            IQ ping = new IQ(IQ.Type.get, "warm-up-" + i);
            ping.setChildElement("ping", "urn:xmpp:ping");
            server.lastConnection().deliver(ping); // so that answering threads exist
        }
        Waits.until(Duration.ofSeconds(10), "answers", () -> server.routed.size() == 9);
        assertEquals(3, links.openLinks());

        assertTrue(links.closeAll(Duration.ofSeconds(10)));
        assertEquals(0, links.openLinks());
        for (int i = 0; i < 3; i++) {
            assertFalse(opened.get(i).isOpen());
            assertEquals(List.of(OpenfireXmppLinks.SHUTDOWN), inbounds.get(i).closed);
            List<Packet> routed = server.routedBy(server.connections.get(i));
            assertEquals(Presence.Type.unavailable, ((Presence) routed.get(routed.size() - 1)).getType());
        }
        Waits.until(Duration.ofSeconds(10), "no thread left", () -> Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive).noneMatch(t -> t.getName().startsWith("domainchat-webmail")));
        assertEquals(LinkException.Kind.UNAVAILABLE,
                assertThrows(LinkException.class, () -> open(WebmailStatus.AVAILABLE, null)).kind(),
                "no new link after unload");
    }

    @Test
    void openIsForAvailableAwayAndBusyOnly() {
        assertThrows(IllegalArgumentException.class, () -> open(WebmailStatus.OFFLINE, null));
        assertTrue(server.sessions.isEmpty());
    }
}
