package org.domainchat.mam;

import java.io.StringReader;

import org.dom4j.Attribute;
import org.dom4j.Document;
import org.dom4j.DocumentException;
import org.dom4j.DocumentFactory;
import org.dom4j.Element;
import org.dom4j.Namespace;
import org.dom4j.Node;
import org.dom4j.QName;
import org.dom4j.io.SAXReader;
import org.xml.sax.SAXException;

/**
 * Turns the stanza text the archive kept back into an element in the {@code jabber:client} namespace, as a
 * {@code <forwarded/>} message must be (Tinder writes client stanzas without a namespace, which inside
 * {@code <forwarded xmlns='urn:xmpp:forward:0'>} would otherwise read as {@code xmlns=''}).
 */
final class StoredStanzas {

    static final String CLIENT_NS = "jabber:client";
    private static final DocumentFactory FACTORY = DocumentFactory.getInstance();

    private SAXReader reader;

    /** A parser for one page's stanzas on one thread: setting up an XML reader costs more than parsing a stanza. */
    StoredStanzas() {
    }

    /** The stored message, or null when there is none or it cannot be read (the columns then stand in for it). */
    Element parse(String stanza) {
        if (stanza == null || stanza.isEmpty()) {
            return null;
        }
        try {
            if (reader == null) {
                reader = new SAXReader();
                reader.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
                reader.setFeature("http://xml.org/sax/features/external-general-entities", false);
                reader.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            }
            Document doc = reader.read(new StringReader(stanza));
            Element root = doc.getRootElement();
            return "message".equals(root.getName()) ? inClientNamespace(root) : null;
        } catch (DocumentException | SAXException | RuntimeException e) {
            reader = null; // a reader that failed half-way is not trusted with the next stanza
            return null;
        }
    }

    /** A deep copy in which elements without a namespace are in {@code jabber:client}. */
    static Element inClientNamespace(Element source) {
        String uri = source.getNamespaceURI();
        Element copy = FACTORY.createElement(uri == null || uri.isEmpty()
                ? QName.get(source.getName(), Namespace.get(CLIENT_NS))
                : QName.get(source.getName(), source.getNamespace()));
        for (Attribute a : source.attributes()) {
            copy.addAttribute(a.getQName(), a.getValue());
        }
        for (Node node : source.content()) {
            if (node instanceof Element child) {
                String childUri = child.getNamespaceURI();
                boolean inherit = childUri == null || childUri.isEmpty() || CLIENT_NS.equals(childUri);
                copy.add(inherit && (uri == null || uri.isEmpty() || CLIENT_NS.equals(uri))
                        ? inClientNamespace(child) : child.createCopy());
            } else if (node.getNodeType() == Node.TEXT_NODE || node.getNodeType() == Node.CDATA_SECTION_NODE) {
                copy.addText(node.getText());
            }
        }
        return copy;
    }
}
