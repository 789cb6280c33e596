package org.domainchat.pep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.dom4j.DocumentHelper;
import org.dom4j.Element;
import org.junit.jupiter.api.Test;
import org.xmpp.packet.IQ;
import org.xmpp.packet.PacketError;

/** What a request for items asks for, and the result and error shapes. */
class PepItemsTest {

    private static IQ iq(String type, String inner) throws Exception {
        return new IQ(DocumentHelper.parseText("<iq type='" + type + "' id='i1' from='bob@example.com/phone' "
                + "to='alice@example.com'><pubsub xmlns='http://jabber.org/protocol/pubsub'>" + inner
                + "</pubsub></iq>").getRootElement());
    }

    @Test
    void aRequestNamesANodeAndEitherANumberOrIdsOrNothing() throws Exception {
        assertEquals(new PepItems.Request("n", null, List.of()), PepItems.Request.of(iq("get",
                "<items node='n'/>")).orElseThrow());
        assertEquals(new PepItems.Request("n", 1, List.of()), PepItems.Request.of(iq("get",
                "<items node='n' max_items='1'/>")).orElseThrow());
        assertEquals(new PepItems.Request("n", null, List.of()), PepItems.Request.of(iq("get",
                "<items node='n' max_items='many'/>")).orElseThrow(), "Openfire reads it as all");
        assertEquals(new PepItems.Request("n", null, List.of("a", "b")), PepItems.Request.of(iq("get",
                "<items node='n'><item id='a'/><item id='b'/><item/></items>")).orElseThrow());
        assertTrue(PepItems.Request.of(iq("get", "<items/>")).isEmpty(), "no node: Openfire's nodeid-required");
        assertTrue(PepItems.Request.of(iq("set", "<publish node='n'/>")).isEmpty());
        assertTrue(PepItems.Request.of(iq("get", "<subscriptions/>")).isEmpty());
    }

    @Test
    void theResultListsTheItemsWithIdsAndPayloads() throws Exception {
        Element payload = DocumentHelper.parseText("<nick xmlns='http://jabber.org/protocol/nick'>Al</nick>")
                .getRootElement();
        IQ request = iq("get", "<items node='http://jabber.org/protocol/nick'/>");
        IQ result = PepItems.result(request, "http://jabber.org/protocol/nick", List.of(new PepItem("x", payload)),
                true);
        assertEquals(IQ.Type.result, result.getType());
        assertEquals("i1", result.getID());
        assertEquals("alice@example.com", result.getFrom().toString());
        Element item = result.getChildElement().element("items").element("item");
        assertEquals("x", item.attributeValue("id"));
        assertEquals("Al", item.elementText("nick"));
        assertNull(PepItems.result(request, "n", List.of(new PepItem("x", payload)), false).getChildElement()
                .element("items").element("item").attributeValue("id"));
        assertEquals(PacketError.Condition.forbidden, PepItems.forbidden(request).getError().getCondition());
    }
}
