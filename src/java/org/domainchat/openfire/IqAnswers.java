package org.domainchat.openfire;

import java.util.Optional;

import org.dom4j.Element;
import org.xmpp.packet.IQ;
import org.xmpp.packet.PacketError;

/**
 * What the webmail resource answers to IQ requests addressed to it. RFC 6120 §8.2.3 requires an answer to every
 * get/set; Openfire itself asks for the version after binding (SoftwareVersionManager), pushes roster changes and
 * other entities may ping or disco the resource. The webmail has no client that could answer, so this does.
 */
final class IqAnswers {

    static final String NAME = "Domain Chat webmail";
    private static final String PING = "urn:xmpp:ping";
    private static final String VERSION = "jabber:iq:version";
    private static final String DISCO_INFO = "http://jabber.org/protocol/disco#info";
    private static final String ROSTER = "jabber:iq:roster";

    private final String version;

    /** @param version the software version announced for {@code jabber:iq:version} */
    IqAnswers(String version) {
        this.version = version == null || version.isBlank() ? "unknown" : version;
    }

    /** The answer to {@code iq}; empty for results and errors, which must never be answered. */
    Optional<IQ> answer(IQ iq) {
        if (iq.getType() != IQ.Type.get && iq.getType() != IQ.Type.set) {
            return Optional.empty();
        }
        Element child = iq.getChildElement();
        String namespace = child == null ? "" : child.getNamespaceURI();
        boolean get = iq.getType() == IQ.Type.get;
        if (get && PING.equals(namespace)) {
            return Optional.of(IQ.createResultIQ(iq));
        }
        if (get && VERSION.equals(namespace)) {
            IQ result = IQ.createResultIQ(iq);
            Element query = result.setChildElement("query", VERSION);
            query.addElement("name").setText(NAME);
            query.addElement("version").setText(version);
            return Optional.of(result);
        }
        if (get && DISCO_INFO.equals(namespace)) {
            return Optional.of(discoInfo(iq, child));
        }
        if (!get && ROSTER.equals(namespace)) {
            // a roster push: the webmail reads the roster when it needs it, so acknowledging is all (RFC 6121 §2.1.6)
            return Optional.of(IQ.createResultIQ(iq));
        }
        return Optional.of(error(iq, PacketError.Condition.service_unavailable));
    }

    private static IQ discoInfo(IQ iq, Element request) {
        if (request.attributeValue("node") != null) {
            // no entity capabilities are announced, so no node is known (XEP-0030 §3.1)
            return error(iq, PacketError.Condition.item_not_found);
        }
        IQ result = IQ.createResultIQ(iq);
        Element query = result.setChildElement("query", DISCO_INFO);
        query.addElement("identity").addAttribute("category", "client").addAttribute("type", "web")
                .addAttribute("name", NAME);
        for (String feature : new String[] {DISCO_INFO, PING, VERSION}) {
            query.addElement("feature").addAttribute("var", feature);
        }
        return result;
    }

    private static IQ error(IQ iq, PacketError.Condition condition) {
        IQ error = IQ.createResultIQ(iq);
        if (iq.getChildElement() != null) {
            error.setChildElement(iq.getChildElement().createCopy());
        }
        error.setError(condition);
        return error;
    }
}
