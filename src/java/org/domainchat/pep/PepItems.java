package org.domainchat.pep;

import java.util.List;

import org.dom4j.Element;
import org.xmpp.packet.IQ;
import org.xmpp.packet.PacketError;

/** The answers to a request for a node's items (XEP-0060 §6.5), shaped as Openfire's PEP service shapes them. */
public final class PepItems {

    public static final String PUBSUB = "http://jabber.org/protocol/pubsub";
    static final String ERRORS = "http://jabber.org/protocol/pubsub#errors";

    private PepItems() {
    }

    /** The items, newest as the node lists them; each with its id when the node's items have ids. */
    public static IQ result(IQ request, String node, List<PepItem> items, boolean itemIdRequired) {
        IQ result = IQ.createResultIQ(request);
        Element list = result.setChildElement("pubsub", PUBSUB).addElement("items").addAttribute("node", node);
        for (PepItem item : items) {
            Element child = list.addElement("item");
            if (itemIdRequired) {
                child.addAttribute("id", item.id());
            }
            if (item.payload() != null) {
                child.add(item.payload().createCopy());
            }
        }
        return result;
    }

    /** The error Openfire gives an outcast of the node. */
    public static IQ forbidden(IQ request) {
        IQ error = IQ.createResultIQ(request);
        error.setChildElement(request.getChildElement().createCopy());
        error.setError(PacketError.Condition.forbidden);
        return error;
    }

    /**
     * What a request for items asks for: the node, and either the newest {@code maxItems}, some item ids, or (both
     * absent) every item the node keeps. Empty when it is not a retrieval of items from a named node.
     */
    public record Request(String node, Integer maxItems, List<String> itemIds) {

        public static java.util.Optional<Request> of(IQ iq) {
            Element pubsub = iq.getChildElement();
            if (iq.getType() != IQ.Type.get || pubsub == null || !PUBSUB.equals(pubsub.getNamespaceURI())) {
                return java.util.Optional.empty();
            }
            Element items = pubsub.element("items");
            String node = items == null ? null : items.attributeValue("node");
            if (node == null || node.isEmpty()) {
                return java.util.Optional.empty();
            }
            Integer max = null;
            String maxItems = items.attributeValue("max_items");
            if (maxItems != null) {
                try {
                    max = Integer.parseInt(maxItems.strip());
                } catch (NumberFormatException e) {
                    max = null; // Openfire reads a bad max_items as "all items"
                }
            }
            List<String> ids = items.elements("item").stream().map(e -> e.attributeValue("id"))
                    .filter(id -> id != null).toList();
            return java.util.Optional.of(new Request(node, max, ids));
        }
    }
}
