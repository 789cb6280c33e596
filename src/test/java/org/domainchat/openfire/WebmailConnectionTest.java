package org.domainchat.openfire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import org.jivesoftware.openfire.session.LocalClientSession;
import org.jivesoftware.openfire.spi.ConnectionConfiguration;
import org.junit.jupiter.api.Test;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;
import org.xmpp.packet.Packet;
import org.xmpp.packet.PacketError;
import org.xmpp.packet.Presence;
import org.xmpp.packet.StreamError;

/** The webmail resource's connection as Openfire drives it: deliveries, stream errors, the close. */
class WebmailConnectionTest {

    private static final JID SELF = new JID("alice@example.com/webmail-abc");
    private static final JID BOB = new JID("bob@example.com/desk");

    private final RecordingInbound inbound = new RecordingInbound();
    private final List<Packet> backedUp = Collections.synchronizedList(new ArrayList<>());
    private final List<IQ> replies = Collections.synchronizedList(new ArrayList<>());
    private final List<WebmailConnection> forgotten = new ArrayList<>();
    private final ConnectionConfiguration configuration = mock(ConnectionConfiguration.class);
    private final AtomicInteger configurationAsked = new AtomicInteger();
    private final LocalClientSession session = mock(LocalClientSession.class);
    private final WebmailConnection connection = new WebmailConnection("abc", "192.0.2.7", inbound, backedUp::add,
            () -> {
                configurationAsked.incrementAndGet();
                return configuration;
            }, new IqAnswers("1.0"), forgotten::add);

    WebmailConnectionTest() {
        connection.attach(session, replies::add);
    }

    private static Message chat(JID from, String body) {
        Message m = new Message();
        m.setType(Message.Type.chat);
        m.setFrom(from);
        m.setTo(SELF);
        m.setID("m-" + body.hashCode());
        m.setBody(body);
        return m;
    }

    @Test
    void deliverHandsOverACopyAndCounts() {
        Message original = chat(BOB, "hello");
        connection.deliver(original);
        // Openfire goes on to reuse the instance for the next recipient
        original.setTo(new JID("carol@example.com/x"));
        original.setBody("changed");

        Message got = inbound.delivered(Message.class).get(0);
        assertNotSame(original, got);
        assertEquals("hello", got.getBody());
        assertEquals(SELF, got.getTo());
        verify(session, times(1)).incrementServerPacketCount();

        Presence presence = new Presence();
        presence.setFrom(BOB);
        connection.deliver(presence);
        assertNotSame(presence, inbound.delivered(Presence.class).get(0));
        verify(session, times(2)).incrementServerPacketCount();
    }

    @Test
    void iqRequestsAreAnsweredAndPassedOn() {
        IQ ping = new IQ(IQ.Type.get, "ping-1");
        ping.setFrom("example.com");
        ping.setTo(SELF);
        ping.setChildElement("ping", "urn:xmpp:ping");
        connection.deliver(ping);
        assertEquals(1, replies.size());
        assertEquals("ping-1", replies.get(0).getID());
        assertEquals(IQ.Type.result, replies.get(0).getType());
        assertEquals(1, inbound.delivered(IQ.class).size());

        IQ result = new IQ(IQ.Type.result, "carbons-1");
        result.setFrom(SELF.asBareJID());
        connection.deliver(result);
        assertEquals(1, replies.size(), "a result is never answered");
        assertEquals(2, inbound.delivered(IQ.class).size());
    }

    @Test
    void aSynchronousRejectionIsRecordedNotDelivered() {
        connection.watchSend("s1", BOB);
        Message rejection = new Message();
        rejection.setID("s1");
        rejection.setFrom(BOB);
        rejection.setTo(SELF);
        rejection.setType(Message.Type.chat);
        rejection.setBody("Your message was not sent because the server could not archive it.");
        connection.deliver(rejection);

        Message sameIdFromSomeoneElse = chat(new JID("carol@example.com/x"), "hi");
        sameIdFromSomeoneElse.setID("s1");
        connection.deliver(sameIdFromSomeoneElse);

        assertEquals(Optional.of("Your message was not sent because the server could not archive it."),
                connection.unwatchSend("s1"));
        assertEquals(List.of("hi"), inbound.delivered(Message.class).stream().map(Message::getBody).toList());

        connection.watchSend("s2", BOB);
        Message error = new Message();
        error.setID("s2");
        error.setFrom(BOB);
        error.setError(new PacketError(PacketError.Condition.not_allowed));
        connection.deliver(error);
        assertEquals(Optional.of("not-allowed"), connection.unwatchSend("s2"), "an error without text: condition");

        connection.watchSend("s3", BOB);
        assertEquals(Optional.empty(), connection.unwatchSend("s3"), "nothing came back: sent");
        Message late = chat(BOB, "reply after the send");
        late.setID("s3");
        connection.deliver(late);
        assertEquals(2, inbound.delivered(Message.class).size(), "a reply after the send is a message");
    }

    @Test
    void afterTheCloseOnlyMessagesGoToTheBackup() {
        connection.close();
        Message message = chat(BOB, "while gone");
        connection.deliver(message);
        connection.deliver(new Presence());
        IQ iq = new IQ(IQ.Type.get);
        iq.setChildElement("ping", "urn:xmpp:ping");
        connection.deliver(iq);

        assertEquals(List.of(message), backedUp, "stored offline, as BOSH and WebSocket do");
        assertTrue(inbound.delivered.isEmpty());
        assertTrue(replies.isEmpty());
    }

    @Test
    void aStreamErrorBeforeTheCloseIsTheReason() {
        // what Session.close(StreamError) does when bindResource kicks this resource for a newer one
        connection.deliverRawText(new StreamError(StreamError.Condition.conflict).toXML());
        connection.deliverRawText("<presence/>");
        connection.close();
        assertEquals(List.of("conflict"), inbound.closed);
        assertEquals(List.of(connection), forgotten);
        assertTrue(connection.getCloseFuture().toCompletableFuture().isDone());

        connection.closeVirtualConnection(null);
        assertEquals(List.of("conflict"), inbound.closed, "told once");
    }

    @Test
    void shutdownAndKillHaveTheirReasons() {
        connection.systemShutdown();
        assertEquals(List.of("system-shutdown"), inbound.closed);

        RecordingInbound killed = new RecordingInbound();
        WebmailConnection other = new WebmailConnection("def", null, killed, null, () -> configuration,
                new IqAnswers("1.0"), c -> { });
        other.close(); // the admin console's "kill session"
        assertEquals(List.of(WebmailConnection.CLOSED_BY_SERVER), killed.closed);
        other.deliver(chat(BOB, "no backup configured")); // dropped, no exception
    }

    @Test
    void ourReasonWinsAndSilenceTellsNothing() {
        connection.recordCloseReason("offline");
        connection.deliverRawText(new StreamError(StreamError.Condition.conflict).toXML());
        connection.close();
        assertEquals(List.of("offline"), inbound.closed);

        RecordingInbound never = new RecordingInbound();
        WebmailConnection unbound = new WebmailConnection("ghi", null, never, null, () -> configuration,
                new IqAnswers("1.0"), c -> { });
        unbound.silence();
        unbound.close();
        assertTrue(never.closed.isEmpty());
        assertTrue(unbound.isClosed());
    }

    @Test
    void addressAndConfigurationNeedNoLookups() throws Exception {
        assertEquals("192.0.2.7", connection.getHostAddress());
        assertEquals("192.0.2.7", connection.getHostName(), "no reverse lookup");
        assertEquals(4, connection.getAddress().length);
        assertTrue(connection.getTLSProtocolName().isEmpty());
        assertTrue(connection.getCipherSuiteName().isEmpty());
        assertSame(configuration, connection.getConfiguration());
        assertSame(configuration, connection.getConfiguration());
        assertEquals(1, configurationAsked.get(), "asked once");
        assertFalse(connection.isClosed());
    }

    @Test
    void clientAddressesAreLiteralsOrLoopback() {
        assertEquals("2001:db8:0:0:0:0:0:1", ClientAddress.parse("2001:db8::1").getHostAddress());
        assertEquals("2001:db8:0:0:0:0:0:1", ClientAddress.parse("[2001:db8::1]").getHostAddress());
        assertEquals("10.0.0.1", ClientAddress.parse(" 10.0.0.1 ").getHostAddress());
        for (String notALiteral : new String[] {null, "", "webmail.example.com", "999.1.1.1", "1.2.3", "::zz"}) {
            assertTrue(ClientAddress.parse(notALiteral).isLoopbackAddress(), String.valueOf(notALiteral));
        }
    }
}
