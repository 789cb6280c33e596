package org.domainchat.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.dom4j.Element;
import org.dom4j.io.SAXReader;
import org.junit.jupiter.api.Test;
import org.xmpp.packet.Message;

/** The reused writers must give what {@code toXML()} gives, whatever the stanza and whatever was written before. */
class StanzaTextTest {

    private static final String[] STANZAS = {
        "<message xmlns='jabber:client' to='bob@example.com' from='alice@example.com/a' type='chat' id='1'>"
            + "<body>hi</body><active xmlns='http://jabber.org/protocol/chatstates'/>"
            + "<request xmlns='urn:xmpp:receipts'/><origin-id xmlns='urn:xmpp:sid:0' id='o-1'/></message>",
        "<message to='bob@example.com' type='chat'><body>a &amp; b &lt;c&gt; \"q\" 'a' ]]&gt;</body></message>",
        "<message to='bob@example.com' xml:lang='de' id='x&quot;y&apos;z&#10;&#9;w'><body xml:lang='en'>Grüße 😀"
            + " ✓</body><thread parent='p'>t-1</thread><subject>s</subject></message>",
        "<message to='bob@example.com'><body><![CDATA[<not> & markup]]></body><!-- a comment --></message>",
        "<message to='bob@example.com'><x:data xmlns:x='urn:example:x' x:attr='1'><x:item>one</x:item>"
            + "<item xmlns=''>plain</item></x:data></message>",
        "<message to='bob@example.com'><html xmlns='http://jabber.org/protocol/xhtml-im'>"
            + "<body xmlns='http://www.w3.org/1999/xhtml'><p style='font-weight:bold'>bold <em>and</em> "
            + "mixed</p>\n  text\n</body></html><body>bold and mixed</body></message>",
        "<message to='bob@example.com'><x xmlns='jabber:x:oob'><url>https://example.com/a?b=1&amp;c=2</url></x>"
            + "<body>https://example.com/a?b=1&amp;c=2</body><reference xmlns='urn:xmpp:reference:0' begin='0'"
            + " end='5' type='mention' uri='xmpp:bob@example.com'/></message>",
        "<message/>",
        "<message to='bob@example.com'><body>" + "long ".repeat(10_000) + "</body></message>",
        "<message to='bob@example.com'><body>after a long one</body><stanza-id xmlns='urn:xmpp:sid:0' "
            + "by='bob@example.com' id='7'/></message>",
    };

    private static Element parse(String xml) throws Exception {
        SAXReader reader = new SAXReader();
        reader.setMergeAdjacentText(true);
        return new Message(reader.read(new StringReader(xml)).getRootElement(), true).getElement();
    }

    @Test
    void writesEveryStanzaAsToXmlDoesInAnyOrder() throws Exception {
        StanzaText text = new StanzaText();
        List<Element> stanzas = new ArrayList<>();
        for (String xml : STANZAS) {
            stanzas.add(parse(xml));
        }
        Message built = new Message();
        built.setTo("bob@example.com");
        built.setBody("built, not parsed \u00e9");
        built.getElement().addElement("active", "http://jabber.org/protocol/chatstates");
        built.getElement().addElement("x", "jabber:x:conference").addAttribute("jid", "room@conference.example.com");
        stanzas.add(built.getElement());
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < stanzas.size(); i++) {
                Element e = stanzas.get(round == 1 ? stanzas.size() - 1 - i : i);
                assertEquals(e.asXML(), text.of(e));
            }
        }
    }

    @Test
    void givesTheSameFromManyThreadsAtOnce() throws Exception {
        StanzaText text = new StanzaText();
        List<Element> stanzas = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        for (String xml : STANZAS) {
            Element e = parse(xml);
            stanzas.add(e);
            expected.add(e.asXML());
        }
        ExecutorService threads = Executors.newFixedThreadPool(16);
        try {
            List<Future<?>> runs = new ArrayList<>();
            for (int t = 0; t < 16; t++) {
                int first = t;
                runs.add(threads.submit(() -> {
                    for (int i = 0; i < 2_000; i++) {
                        int k = (first + i) % stanzas.size();
                        assertEquals(expected.get(k), text.of(stanzas.get(k)));
                    }
                    return null;
                }));
            }
            for (Future<?> run : runs) {
                run.get();
            }
        } finally {
            threads.shutdownNow();
        }
    }
}
