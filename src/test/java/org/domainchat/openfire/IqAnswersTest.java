package org.domainchat.openfire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.dom4j.DocumentHelper;
import org.dom4j.Element;
import org.junit.jupiter.api.Test;
import org.xmpp.packet.IQ;
import org.xmpp.packet.PacketError;

/** The webmail resource answers what a client must answer, and nothing it cannot. */
class IqAnswersTest {

    private static final String RESOURCE = "alice@example.com/webmail-abc";
    private final IqAnswers answers = new IqAnswers("1.2.3");

    private static IQ iq(String xml) throws Exception {
        return new IQ(DocumentHelper.parseText(xml).getRootElement());
    }

    private IQ answer(String xml) throws Exception {
        return answers.answer(iq(xml)).orElseThrow();
    }

    private static void assertAnswers(IQ answer, String id, IQ.Type type) {
        assertEquals(id, answer.getID());
        assertEquals(type, answer.getType());
        assertEquals("example.com", answer.getTo().toString(), "back to the asker");
    }

    @Test
    void pingIsAnsweredWithAnEmptyResult() throws Exception {
        IQ answer = answer("<iq type='get' id='p1' from='example.com' to='" + RESOURCE + "'>"
                + "<ping xmlns='urn:xmpp:ping'/></iq>");
        assertAnswers(answer, "p1", IQ.Type.result);
        assertNull(answer.getChildElement());
    }

    @Test
    void versionNamesTheWebmail() throws Exception {
        IQ answer = answer("<iq type='get' id='v1' from='example.com' to='" + RESOURCE + "'>"
                + "<query xmlns='jabber:iq:version'/></iq>");
        assertAnswers(answer, "v1", IQ.Type.result);
        Element query = answer.getChildElement();
        assertEquals("jabber:iq:version", query.getNamespaceURI());
        assertEquals("Domain Chat webmail", query.elementText("name"));
        assertEquals("1.2.3", query.elementText("version"));
        assertEquals("unknown", new IqAnswers(null).answer(iq("<iq type='get' id='v2' from='example.com'>"
                + "<query xmlns='jabber:iq:version'/></iq>")).orElseThrow().getChildElement().elementText("version"),
                "XEP-0092 requires a version");
    }

    @Test
    void discoInfoIsAWebClient() throws Exception {
        IQ answer = answer("<iq type='get' id='d1' from='example.com' to='" + RESOURCE + "'>"
                + "<query xmlns='http://jabber.org/protocol/disco#info'/></iq>");
        assertAnswers(answer, "d1", IQ.Type.result);
        Element identity = answer.getChildElement().element("identity");
        assertEquals("client", identity.attributeValue("category"));
        assertEquals("web", identity.attributeValue("type"));
        List<String> features = answer.getChildElement().elements("feature").stream()
                .map(f -> f.attributeValue("var")).toList();
        assertTrue(features.containsAll(List.of("http://jabber.org/protocol/disco#info", "urn:xmpp:ping",
                "jabber:iq:version")), features.toString());

        IQ node = answer("<iq type='get' id='d2' from='example.com'>"
                + "<query xmlns='http://jabber.org/protocol/disco#info' node='http://x#abc'/></iq>");
        assertEquals(IQ.Type.error, node.getType());
        assertEquals(PacketError.Condition.item_not_found, node.getError().getCondition(),
                "no entity capabilities are announced, so no node is known");
    }

    @Test
    void rosterPushIsAcknowledged() throws Exception {
        IQ answer = answer("<iq type='set' id='r1' from='example.com' to='" + RESOURCE + "'>"
                + "<query xmlns='jabber:iq:roster'><item jid='bob@example.com' subscription='both'/></query></iq>");
        assertAnswers(answer, "r1", IQ.Type.result);
        assertNull(answer.getChildElement());
    }

    @Test
    void anythingElseIsServiceUnavailable() throws Exception {
        for (String request : List.of(
                "<iq type='get' id='u1' from='example.com'><query xmlns='jabber:iq:last'/></iq>",
                "<iq type='set' id='u1' from='example.com'><open xmlns='http://jabber.org/protocol/ibb'/></iq>",
                "<iq type='set' id='u1' from='example.com'><ping xmlns='urn:xmpp:ping'/></iq>",
                "<iq type='get' id='u1' from='example.com'/>")) {
            IQ answer = answer(request);
            assertAnswers(answer, "u1", IQ.Type.error);
            assertNotNull(answer.getError(), request);
            assertEquals(PacketError.Condition.service_unavailable, answer.getError().getCondition(), request);
        }
    }

    @Test
    void resultsAndErrorsAreNeverAnswered() throws Exception {
        assertTrue(answers.answer(iq("<iq type='result' id='x' from='example.com'/>")).isEmpty());
        assertTrue(answers.answer(iq("<iq type='error' id='x' from='example.com'><error type='cancel'>"
                + "<service-unavailable xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></iq>")).isEmpty());
    }
}
