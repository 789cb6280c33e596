package org.domainchat.openfire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.dom4j.DocumentHelper;
import org.domainchat.mam.MamService;
import org.domainchat.testing.TestDatabase;
import org.domainchat.testing.Waits;
import org.jivesoftware.openfire.disco.UserFeaturesProvider;
import org.jivesoftware.openfire.handler.IQHandler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mockito.ArgumentCaptor;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;
import org.xmpp.packet.Packet;

/**
 * The archive as Openfire's clients meet it: the plugin registers the {@code urn:xmpp:mam:2} handler and the
 * features of users' bare JIDs, a query handed to the handler is answered on domain chat's thread through the
 * routing table (results first, the IQ last, to the requesting resource), and unloading leaves nothing behind.
 */
class MamFeatureTest {

    @TempDir
    Path home;

    @Test
    void answersQueriesThroughTheRoutingTableAndUnregistersOnUnload() throws Exception {
        try (TestDatabase db = TestDatabase.create(TestDatabase.Kind.HSQLDB);
             FakeOpenfire openfire = new FakeOpenfire(home)) {
            List<Packet> delivered = new CopyOnWriteArrayList<>();
            doAnswer(inv -> {
                Packet p = inv.getArgument(1);
                assertEquals(inv.getArgument(0), p.getTo());
                delivered.add(p);
                return null;
            }).when(openfire.routes).routePacket(any(), any());
            DomainChatPlugin plugin = new DomainChatPlugin(db.connections());
            plugin.initializePlugin(null, home.resolve("plugins/domainchat").toFile());

            ArgumentCaptor<IQHandler> handlers = ArgumentCaptor.forClass(IQHandler.class);
            verify(openfire.iqRouter, org.mockito.Mockito.atLeastOnce()).addHandler(handlers.capture());
            MamIqHandler handler = (MamIqHandler) handlers.getAllValues().stream()
                    .filter(h -> h instanceof MamIqHandler).findFirst().orElseThrow();
            assertEquals("urn:xmpp:mam:2", handler.getInfo().getNamespace());
            ArgumentCaptor<UserFeaturesProvider> features = ArgumentCaptor.forClass(UserFeaturesProvider.class);
            verify(openfire.disco).addUserFeaturesProvider(features.capture());
            List<String> advertised = new ArrayList<>();
            for (Iterator<String> it = features.getValue().getFeatures(); it.hasNext(); ) {
                advertised.add(it.next());
            }
            assertTrue(advertised.containsAll(List.of("urn:xmpp:mam:2", "urn:xmpp:mam:2#extended")), "" + advertised);

            // a message archived the way Openfire hands it over, then queried by the recipient's phone
            Message chat = new Message();
            chat.setType(Message.Type.chat);
            chat.setFrom(new JID("bob@example.com/desk"));
            chat.setTo(new JID("alice@example.com"));
            chat.setBody("Hello Alice");
            openfire.route(chat, null);
            IQ query = new IQ(DocumentHelper.parseText("<iq type='set' id='q1' from='alice@example.com/phone'>"
                    + "<query xmlns='urn:xmpp:mam:2' queryid='x'><set xmlns='http://jabber.org/protocol/rsm'>"
                    + "<max>10</max><before/></set></query></iq>").getRootElement());
            Waits.until(Duration.ofSeconds(20), "the live copy routed", () -> !openfire.routed.isEmpty());
            String stanzaId = openfire.routed.get(0).getElement().element("stanza-id").attributeValue("id");
            assertNull(handler.handleIQ(query), "answered on domain chat's thread, not Openfire's");
            Waits.until(Duration.ofSeconds(20), "answered", () -> delivered.size() == 2);
            Message result = (Message) delivered.get(0);
            assertEquals(new JID("alice@example.com/phone"), result.getTo());
            assertEquals(stanzaId, result.getElement().element("result").attributeValue("id"),
                    "the archive id is the live message's stanza-id");
            IQ fin = (IQ) delivered.get(1);
            assertEquals(IQ.Type.result, fin.getType());
            assertEquals("q1", fin.getID());
            assertEquals("true", fin.getChildElement().attributeValue("complete"));

            plugin.destroyPlugin();
            verify(openfire.iqRouter).removeHandler(handler);
            verify(openfire.disco).removeUserFeaturesProvider(features.getValue());
            assertEquals(List.of(), FakeOpenfire.pluginThreads());
        }
    }

    @Test
    void staysOffWhenAnotherPluginAnswersTheNamespace() throws Exception {
        try (TestDatabase db = TestDatabase.create(TestDatabase.Kind.HSQLDB);
             FakeOpenfire openfire = new FakeOpenfire(home)) {
            when(openfire.iqRouter.supports(MamService.NAMESPACE)).thenReturn(true);
            DomainChatPlugin plugin = new DomainChatPlugin(db.connections());
            plugin.initializePlugin(null, home.resolve("plugins/domainchat").toFile());
            ArgumentCaptor<IQHandler> handlers = ArgumentCaptor.forClass(IQHandler.class);
            verify(openfire.iqRouter, org.mockito.Mockito.atLeastOnce()).addHandler(handlers.capture());
            assertTrue(handlers.getAllValues().stream().noneMatch(h -> h instanceof MamIqHandler));
            verify(openfire.disco, never()).addUserFeaturesProvider(any());
            plugin.destroyPlugin();
            assertEquals(List.of(), FakeOpenfire.pluginThreads());
        }
    }
}
