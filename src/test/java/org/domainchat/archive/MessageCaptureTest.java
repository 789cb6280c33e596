package org.domainchat.archive;

import static org.domainchat.testing.Chats.at;
import static org.domainchat.testing.Chats.chat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

import org.dom4j.Element;
import org.junit.jupiter.api.Test;
import org.xmpp.packet.Message;

class MessageCaptureTest {

    private static final Set<String> USERS = Set.of("alice", "bob");
    private final MessageCapture capture = new MessageCapture(new LocalUsers() {
        @Override
        public String domain() {
            return "example.com";
        }

        @Override
        public boolean exists(String username) {
            return USERS.contains(username);
        }
    }, () -> 1024, () -> 1_700_000_000_000L);

    @Test
    void chatBetweenLocalUsersIsCapturedWithEveryField() {
        Message m = chat(at("alice") + "/laptop", at("bob") + "/phone", "Hello Bob");
        m.setThread("t-1");
        ArchivedMessage a = capture.capture(m, MessageCapture.Source.CLIENT).orElseThrow();
        assertEquals("alice@example.com", a.from());
        assertEquals("laptop", a.fromResource());
        assertEquals("bob@example.com", a.to());
        assertEquals("phone", a.toResource());
        assertEquals("Hello Bob", a.body());
        assertEquals("t-1", a.thread());
        assertEquals("chat", a.type());
        assertEquals(m.getID(), a.clientId());
        assertEquals(1_700_000_000_000L, a.sentAt());
        assertFalse(a.bodyTruncated());
        assertTrue(a.stanza().contains("Hello Bob") && a.stanza().startsWith("<message"));
    }

    @Test
    void normalMessagesCountAsChats() {
        Message m = chat(at("alice"), at("bob"), "memo");
        m.setType(Message.Type.normal);
        assertTrue(capture.capture(m, MessageCapture.Source.CLIENT).isPresent());
    }

    @Test
    void groupchatHeadlineAndErrorsAreNotArchived() {
        for (Message.Type type : List.of(Message.Type.groupchat, Message.Type.headline, Message.Type.error)) {
            Message m = chat(at("alice"), at("bob"), "x");
            m.setType(type);
            assertTrue(capture.capture(m, MessageCapture.Source.CLIENT).isEmpty(), type.name());
        }
    }

    @Test
    void messagesWithoutTextAreNotArchived() {
        assertTrue(capture.capture(chat(at("alice"), at("bob"), null), MessageCapture.Source.CLIENT).isEmpty());
        assertTrue(capture.capture(chat(at("alice"), at("bob"), ""), MessageCapture.Source.CLIENT).isEmpty());
        assertTrue(capture.capture(chat(at("alice"), at("bob"), " \n\t"), MessageCapture.Source.CLIENT).isEmpty());
        // a body of nothing but characters XML forbids is empty once cleaned
        assertTrue(capture.capture(chat(at("alice"), at("bob"), "\u0001\u0002"), MessageCapture.Source.CLIENT)
                .isEmpty());
    }

    @Test
    void carbonWrappersHaveNoBodyAndAreSkipped() {
        Message carbon = new Message();
        carbon.setFrom(new org.xmpp.packet.JID(at("alice")));
        carbon.setTo(new org.xmpp.packet.JID(at("alice") + "/phone"));
        carbon.setType(Message.Type.chat);
        Element sent = carbon.addChildElement("sent", "urn:xmpp:carbons:2");
        sent.addElement("forwarded", "urn:xmpp:forward:0").add(chat(at("alice"), at("bob"), "hi").getElement()
                .createCopy());
        assertTrue(capture.capture(carbon, MessageCapture.Source.NO_SESSION).isEmpty());
    }

    @Test
    void unknownLocalUsersAndServerAddressesAreNotChats() {
        assertTrue(capture.capture(chat(at("alice"), at("nobody"), "hi"), MessageCapture.Source.CLIENT).isEmpty());
        assertTrue(capture.capture(chat(at("alice"), "example.com", "hi"), MessageCapture.Source.CLIENT).isEmpty());
        assertTrue(capture.capture(chat(at("alice"), "conference.example.com", "hi"), MessageCapture.Source.CLIENT)
                .isEmpty());
    }

    @Test
    void otherDomainsAreArchivedForTheLocalPartyOnly() {
        assertTrue(capture.capture(chat("carol@other.org/x", at("bob"), "from afar"),
                MessageCapture.Source.NO_SESSION).isPresent());
        assertTrue(capture.capture(chat(at("alice"), "carol@other.org", "to afar"), MessageCapture.Source.CLIENT)
                .isPresent());
        assertTrue(capture.capture(chat("carol@other.org", "dave@third.net", "not ours"),
                MessageCapture.Source.NO_SESSION).isEmpty());
        assertTrue(capture.capture(chat("carol@other.org", at("nobody"), "bounced"),
                MessageCapture.Source.NO_SESSION).isEmpty());
    }

    @Test
    void aSpoofedFromIsArchivedAsTheAuthenticatedSender() {
        Message spoofed = chat(at("bob") + "/fake", at("alice"), "I am Bob, honest");
        ArchivedMessage a = capture.capture(spoofed, MessageCapture.Source.CLIENT,
                new org.xmpp.packet.JID(at("alice") + "/laptop")).orElseThrow();
        assertEquals(at("alice"), a.from());
        assertEquals("laptop", a.fromResource());
        // a message to oneself is a note, still archived once
        assertEquals(at("alice"), a.to());
    }

    @Test
    void componentsAndOtherSessionsAreIgnored() {
        assertTrue(capture.capture(chat(at("alice"), at("bob"), "hi"), MessageCapture.Source.OTHER).isEmpty());
    }

    @Test
    void hugeBodiesAreCutAtACharacterBoundaryAndMarked() {
        String body = "ä".repeat(2000); // 2 bytes each: 4000 bytes, cap is 1024
        ArchivedMessage a = capture.capture(chat(at("alice"), at("bob"), body), MessageCapture.Source.CLIENT)
                .orElseThrow();
        assertTrue(a.bodyTruncated());
        assertEquals(512, a.body().length());
        assertTrue(a.body().getBytes(StandardCharsets.UTF_8).length <= 1024);
        assertFalse(a.stanza().contains(body), "the stored stanza carries the cut body too");
        assertTrue(a.stanza().contains(a.body()));

        String emoji = "😀".repeat(300); // 4 bytes each, surrogate pairs
        ArchivedMessage e = capture.capture(chat(at("alice"), at("bob"), emoji), MessageCapture.Source.CLIENT)
                .orElseThrow();
        assertTrue(e.bodyTruncated());
        assertEquals(256 * 2, e.body().length());
        assertFalse(Character.isHighSurrogate(e.body().charAt(e.body().length() - 1)));
    }

    @Test
    void charactersXmlForbidsAreRemoved() {
        Message m = chat(at("alice"), at("bob"), "ok");
        m.setBody("a\u0000b\u0007c\uD800d\uFFFEe");
        ArchivedMessage a = capture.capture(m, MessageCapture.Source.CLIENT).orElseThrow();
        assertEquals("abcde", a.body());
        assertFalse(a.stanza().contains("\u0000"));
    }

    @Test
    void stanzaIdIsAddedAndAForgedOneRemoved() {
        Message m = chat(at("alice"), at("bob") + "/phone", "hi");
        m.getElement().addElement("stanza-id", StanzaIds.NAMESPACE).addAttribute("by", at("bob"))
                .addAttribute("id", "forged");
        m.getElement().addElement("stanza-id", StanzaIds.NAMESPACE).addAttribute("by", "muc.other.org")
                .addAttribute("id", "keep");
        MessageCapture.stampStanzaId(m, 1234567L);
        List<Element> ids = m.getElement().elements("stanza-id");
        assertEquals(2, ids.size());
        assertEquals("keep", ids.get(0).attributeValue("id"));
        assertEquals("1234567", ids.get(1).attributeValue("id"));
        assertEquals(at("bob"), ids.get(1).attributeValue("by"));
    }

    @Test
    void stanzaIdsRoundTrip() {
        assertEquals(42L, StanzaIds.parse(StanzaIds.format(42L)));
        assertEquals(-1, StanzaIds.parse("4x2"));
        assertEquals(-1, StanzaIds.parse(""));
        assertEquals(-1, StanzaIds.parse(null));
        assertEquals(-1, StanzaIds.parse("99999999999999999999"));
    }

    @Test
    void missingAddressesAreHandledQuietly() {
        Message m = new Message();
        m.setBody("no addresses");
        assertTrue(capture.capture(m, MessageCapture.Source.CLIENT).isEmpty());
        MessageCapture.stampStanzaId(m, 1); // no recipient: nothing to stamp, no exception
        assertNull(m.getElement().element("stanza-id"));
    }
}
