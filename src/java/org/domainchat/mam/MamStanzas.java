package org.domainchat.mam;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;

import org.dom4j.DocumentFactory;
import org.dom4j.Element;
import org.dom4j.Namespace;
import org.dom4j.QName;
import org.domainchat.alias.WriterMark;
import org.domainchat.archive.ArchivedMessage;
import org.domainchat.archive.StanzaIds;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;

/** The stanzas of XEP-0313 answers: result messages, {@code <fin/>}, the query form, metadata and preferences. */
final class MamStanzas {

    static final String NAMESPACE = MamQueryParser.NAMESPACE;
    static final String FORWARD_NS = "urn:xmpp:forward:0";
    static final String DELAY_NS = "urn:xmpp:delay";
    static final String ADDRESS_NS = "http://jabber.org/protocol/address";
    static final String NICK_NS = "http://jabber.org/protocol/nick";
    static final String FALLBACK_NS = "urn:xmpp:fallback:0";
    static final String SID_NS = StanzaIds.NAMESPACE;
    static final String XDATA_VALIDATE_NS = "http://jabber.org/protocol/xdata-validate";

    private MamStanzas() {
    }

    /** One {@code <message><result><forwarded>} for the requesting resource, from {@code archive} (the scope's). */
    static Message result(ArchiveScope scope, JID archive, StoredMessage stored, String queryId, JID requester,
                          StoredStanzas stanzas, AliasLines aliasLines) {
        Message out = new Message();
        out.setTo(requester);
        out.setFrom(archive);
        out.setID(UUID.randomUUID().toString());
        Element result = out.addChildElement("result", NAMESPACE);
        if (queryId != null) {
            result.addAttribute("queryid", queryId);
        }
        result.addAttribute("id", StanzaIds.format(stored.id()));
        Element forwarded = result.addElement(QName.get("forwarded", FORWARD_NS));
        forwarded.addElement(QName.get("delay", DELAY_NS))
                .addAttribute("stamp", stamp(stored.message().sentAt()));
        forwarded.add(forwardedMessage(scope, stored, stanzas, aliasLines));
        return out;
    }

    /**
     * The message as the archive's reader saw it: their own lines as they wrote them, and an alias's lines as the
     * alias delivered them: from {@code alias/<writer>}, marked by {@link WriterMark} like the live copy (the
     * writer's address as XEP-0033 {@code ofrom}, their name as nick and, when the setting is on, "Name: " before
     * the body as an XEP-0428 fallback). Only the archive says who wrote a line: address, nick and fallback elements
     * a writer put in are dropped, and so is any {@code stanza-id} (the result's id is the archive id).
     */
    static Element forwardedMessage(ArchiveScope scope, StoredMessage stored, StoredStanzas stanzas,
                                    AliasLines aliasLines) {
        ArchivedMessage m = stored.message();
        Element msg = stanzas.parse(stored.stanza());
        if (msg == null) {
            msg = DocumentFactory.getInstance().createElement(QName.get("message",
                    Namespace.get(StoredStanzas.CLIENT_NS)));
            if (m.clientId() != null) {
                msg.addAttribute("id", m.clientId());
            }
            if (m.thread() != null) {
                msg.addElement(QName.get("thread", Namespace.get(StoredStanzas.CLIENT_NS))).setText(m.thread());
            }
        }
        for (Element e : List.copyOf(msg.elements())) {
            if (SID_NS.equals(e.getNamespaceURI())) {
                msg.remove(e);
            }
        }
        msg.addAttribute("type", m.type());
        setBody(msg, m.body());
        boolean asDelivered = m.viaAlias() && (scope.aliasArchive() != null || !m.from().equals(scope.reader()));
        if (asDelivered) {
            String writerNode = ArchiveScope.node(m.from());
            msg.addAttribute("from", m.to() + "/" + writerNode);
            if (scope.aliasArchive() != null) {
                removeAttribute(msg, "to"); // like a group chat's archive: the thread, not one addressee
            } else {
                msg.addAttribute("to", scope.reader());
            }
            WriterMark.apply(msg, m.from(), aliasLines.displayName(writerNode), aliasLines.writerPrefix());
        } else {
            msg.addAttribute("from", full(m.from(), m.fromResource()));
            msg.addAttribute("to", full(m.to(), m.toResource()));
        }
        return msg;
    }

    private static void removeAttribute(Element e, String name) {
        org.dom4j.Attribute a = e.attribute(name);
        if (a != null) {
            e.remove(a);
        }
    }

    private static void setBody(Element msg, String body) {
        Element existing = null;
        for (Element e : msg.elements("body")) {
            if (e.attribute("lang") == null && StoredStanzas.CLIENT_NS.equals(e.getNamespaceURI())) {
                existing = e;
                break;
            }
        }
        if (existing == null) {
            existing = msg.addElement(QName.get("body", Namespace.get(StoredStanzas.CLIENT_NS)));
        }
        existing.setText(body);
    }

    private static String full(String bare, String resource) {
        return resource == null || resource.isEmpty() ? bare : bare + "/" + resource;
    }

    /** XEP-0082 DateTime in UTC, with milliseconds when they are not zero. */
    static String stamp(long epochMillis) {
        return DateTimeFormatter.ISO_INSTANT.format(Instant.ofEpochMilli(epochMillis));
    }

    /** The {@code <fin/>} that ends a query. */
    static IQ fin(IQ request, MamPage page) {
        IQ result = IQ.createResultIQ(request);
        Element fin = result.setChildElement("fin", NAMESPACE);
        if (page.complete()) {
            fin.addAttribute("complete", "true");
        }
        Element set = fin.addElement(QName.get("set", MamQueryParser.RSM_NS));
        if (!page.messages().isEmpty()) {
            Element first = set.addElement("first");
            if (page.firstIndex() != MamPage.UNKNOWN) {
                first.addAttribute("index", Long.toString(page.firstIndex()));
            }
            first.setText(StanzaIds.format(page.messages().get(0).id()));
            set.addElement("last").setText(StanzaIds.format(page.messages().get(page.messages().size() - 1).id()));
        }
        if (page.count() != MamPage.UNKNOWN) {
            set.addElement("count").setText(Long.toString(page.count()));
        }
        return result;
    }

    /** The answer to {@code <query/>} of type get: the fields a query may use (XEP-0313 §4.1.5). */
    static IQ form(IQ request) {
        IQ result = IQ.createResultIQ(request);
        Element x = result.setChildElement("query", NAMESPACE)
                .addElement(QName.get("x", MamQueryParser.DATA_NS)).addAttribute("type", "form");
        x.addElement("field").addAttribute("type", "hidden").addAttribute("var", "FORM_TYPE")
                .addElement("value").setText(NAMESPACE);
        x.addElement("field").addAttribute("type", "jid-single").addAttribute("var", "with");
        x.addElement("field").addAttribute("type", "text-single").addAttribute("var", "start");
        x.addElement("field").addAttribute("type", "text-single").addAttribute("var", "end");
        x.addElement("field").addAttribute("type", "text-single").addAttribute("var", "before-id");
        x.addElement("field").addAttribute("type", "text-single").addAttribute("var", "after-id");
        Element ids = x.addElement("field").addAttribute("type", "list-multi").addAttribute("var", "ids");
        ids.addElement(QName.get("validate", XDATA_VALIDATE_NS)).addAttribute("datatype", "xs:string")
                .addElement(QName.get("open", XDATA_VALIDATE_NS));
        x.addElement("field").addAttribute("type", "text-single")
                .addAttribute("var", MamQueryParser.FULLTEXT_FIELD).addAttribute("label", "Search for text");
        return result;
    }

    /** Archive metadata: the first and the last message (XEP-0313 §6); an empty element for an empty archive. */
    static IQ metadata(IQ request, StoredMessage first, StoredMessage last) {
        IQ result = IQ.createResultIQ(request);
        Element metadata = result.setChildElement("metadata", NAMESPACE);
        if (first != null) {
            metadata.addElement("start").addAttribute("id", StanzaIds.format(first.id()))
                    .addAttribute("timestamp", stamp(first.message().sentAt()));
            metadata.addElement("end").addAttribute("id", StanzaIds.format(last.id()))
                    .addAttribute("timestamp", stamp(last.message().sentAt()));
        }
        return result;
    }

    /** The preferences: every message is archived, always. */
    static IQ prefs(IQ request) {
        IQ result = IQ.createResultIQ(request);
        Element prefs = result.setChildElement("prefs", NAMESPACE);
        prefs.addAttribute("default", "always");
        prefs.addElement("always");
        prefs.addElement("never");
        return result;
    }
}
