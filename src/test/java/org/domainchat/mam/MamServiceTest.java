package org.domainchat.mam;

import static org.domainchat.testing.Chats.at;
import static org.domainchat.testing.Chats.chat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.dom4j.DocumentHelper;
import org.dom4j.Element;
import org.domainchat.DomainChat;
import org.domainchat.Settings;
import org.domainchat.alias.Alias;
import org.domainchat.archive.ArchivedMessage;
import org.domainchat.archive.MessageCapture;
import org.domainchat.testing.TestDatabase;
import org.domainchat.testing.TestEnvironment;
import org.domainchat.testing.Waits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;
import org.xmpp.packet.Packet;

/**
 * XEP-0313 at stanza level: real Tinder IQs in, the result messages and the final IQ out, answered from a real
 * archive on HSQLDB, PostgreSQL and MariaDB. Paging goes through whole archives in both directions and checks every
 * id exactly once; alias threads follow webmail history's rules; client mistakes get the XEP's errors.
 */
class MamServiceTest {

    private static final String MAM = "urn:xmpp:mam:2";

    @TempDir
    Path data;

    private final AtomicLong now = new AtomicLong(1_760_000_000_000L);
    private TestDatabase db;
    private DomainChat core;
    private MamService mam;

    private final AtomicBoolean writerPrefix = new AtomicBoolean(true);
    /** Names as the directory would give them: "Dave D." for dave. */
    private final AliasLines names = AliasLines.of(u -> Character.toUpperCase(u.charAt(0)) + u.substring(1) + " "
            + Character.toUpperCase(u.charAt(0)) + ".", writerPrefix::get);

    private void start(TestDatabase.Kind kind) throws Exception {
        start(kind, MamService.COUNT_LIMIT);
    }

    private void start(TestDatabase.Kind kind, int countLimit) throws Exception {
        db = TestDatabase.create(kind);
        core = DomainChat.start(new TestEnvironment(db.connections(), data, Settings.Fixed.defaults(), now::get,
                "alice", "bob", "carol", "dave"));
        mam = new MamService(db.connections(), TestEnvironment.DOMAIN, core.aliases(),
                () -> core.aliases().view().byName().keySet().stream().map(core.aliases()::address).toList(),
                ArchiveProgress.of(core.archive()), Duration.ofSeconds(10), new SearchFulltext(core.search()), names, countLimit);
    }

    @AfterEach
    void stop() throws Exception {
        if (core != null) {
            core.close();
        }
        if (db != null) {
            db.close();
        }
    }

    private ArchivedMessage send(String from, String to, String body) throws Exception {
        now.addAndGet(1000);
        return core.archiver().archive(chat(at(from) + "/phone", at(to), body), MessageCapture.Source.CLIENT)
                .orElseThrow();
    }

    /** A line written to an alias, archived once in its thread as the alias feature does it. */
    private ArchivedMessage sendToAlias(String from, String aliasAddress, String body) throws Exception {
        now.addAndGet(1000);
        Message m = chat(at(from) + "/phone", aliasAddress, body);
        ArchivedMessage captured = core.archiver().captureViaAlias(m, new JID(at(from) + "/phone")).orElseThrow();
        return core.archive().append(captured);
    }

    private List<Packet> ask(String fromFull, String to, String childXml) throws Exception {
        String xml = "<iq type='set' id='q1' from='" + fromFull + "'" + (to == null ? "" : " to='" + to + "'") + ">"
                + childXml + "</iq>";
        return mam.answer(new IQ(DocumentHelper.parseText(xml).getRootElement()));
    }

    private static String query(String fields, String rsm, boolean flip) {
        return "<query xmlns='urn:xmpp:mam:2' queryid='f27'><x xmlns='jabber:x:data' type='submit'>"
                + "<field var='FORM_TYPE' type='hidden'><value>urn:xmpp:mam:2</value></field>" + fields + "</x>"
                + (rsm == null ? "" : "<set xmlns='http://jabber.org/protocol/rsm'>" + rsm + "</set>")
                + (flip ? "<flip-page/>" : "") + "</query>";
    }

    private static String field(String var, String value) {
        return "<field var='" + var + "'><value>" + value + "</value></field>";
    }

    /** The archive ids of the result messages, in the order sent. */
    private static List<Long> ids(List<Packet> answer) {
        List<Long> ids = new ArrayList<>();
        for (Packet p : answer.subList(0, answer.size() - 1)) {
            ids.add(Long.parseLong(p.getElement().element("result").attributeValue("id")));
        }
        return ids;
    }

    private static Element fin(List<Packet> answer) {
        IQ iq = (IQ) answer.get(answer.size() - 1);
        assertEquals(IQ.Type.result, iq.getType(), iq.toXML());
        Element fin = iq.getChildElement();
        assertEquals("fin", fin.getName());
        assertEquals(MAM, fin.getNamespaceURI());
        return fin;
    }

    private static String rsm(Element fin, String name) {
        Element e = fin.element("set").element(name);
        return e == null ? null : e.getTextTrim();
    }

    private static String errorOf(List<Packet> answer) {
        assertEquals(1, answer.size());
        IQ iq = (IQ) answer.get(0);
        assertEquals(IQ.Type.error, iq.getType(), iq.toXML());
        assertNotNull(iq.getError().getText(), "an error says why: " + iq.toXML());
        return iq.getError().getCondition().toXMPP();
    }

    private void awaitStored(long id) {
        Waits.until(Duration.ofSeconds(20), "stored", () -> core.archive().status().lastStoredId() >= id);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void pagesForwardAndBackThroughTheWholeArchiveOnceEach(TestDatabase.Kind kind) throws Exception {
        start(kind);
        List<Long> alices = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            alices.add(send(i % 2 == 0 ? "alice" : "bob", i % 2 == 0 ? "bob" : "alice", "ab " + i).id());
            alices.add(send("alice", "carol", "ac " + i).id());
            send("bob", "carol", "not alice's " + i);
        }
        String me = at("alice") + "/laptop";
        // forward, page by page from the start
        List<Long> forward = new ArrayList<>();
        String after = null;
        boolean complete = false;
        for (int page = 0; page < 10 && !complete; page++) {
            List<Packet> answer = ask(me, null, query("", "<max>4</max>" + (after == null ? ""
                    : "<after>" + after + "</after>"), false));
            Element fin = fin(answer);
            forward.addAll(ids(answer));
            assertEquals("14", rsm(fin, "count"));
            assertEquals(Integer.toString(page * 4), fin.element("set").element("first").attributeValue("index"));
            after = rsm(fin, "last");
            complete = "true".equals(fin.attributeValue("complete"));
        }
        assertEquals(alices, forward);
        // backward from the newest page (empty <before/>), each page still oldest first
        List<Long> backward = new ArrayList<>();
        String before = "";
        complete = false;
        while (!complete) {
            List<Packet> answer = ask(me, null, query("", "<max>5</max><before>" + before + "</before>", false));
            Element fin = fin(answer);
            List<Long> page = ids(answer);
            backward.addAll(0, page);
            before = rsm(fin, "first");
            complete = "true".equals(fin.attributeValue("complete"));
            if (!complete) {
                assertEquals(5, page.size());
            }
        }
        assertEquals(alices, backward);
        // beyond either end: empty, complete, the count still right
        List<Packet> past = ask(me, null, query("", "<max>5</max><after>" + alices.get(13) + "</after>", false));
        assertEquals(1, past.size());
        assertEquals("true", fin(past).attributeValue("complete"));
        assertEquals("14", rsm(fin(past), "count"));
        assertNull(rsm(fin(past), "first"));
        // count only
        List<Packet> counted = ask(me, null, query("", "<max>0</max>", false));
        assertEquals(1, counted.size());
        assertEquals("14", rsm(fin(counted), "count"));
        // index
        List<Packet> indexed = ask(me, null, query("", "<max>2</max><index>5</index>", false));
        assertEquals(alices.subList(5, 7), ids(indexed));
        assertEquals("5", fin(indexed).element("set").element("first").attributeValue("index"));
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void beyondTheCountLimitCountAndIndexAreLeftOutAndPagingStillReachesEveryMessage(TestDatabase.Kind kind)
            throws Exception {
        start(kind, 5);
        List<Long> pair = new ArrayList<>();
        for (int i = 0; i < 14; i++) {
            pair.add(send(i % 2 == 0 ? "alice" : "bob", i % 2 == 0 ? "bob" : "alice", "ab " + i).id());
            send("alice", "carol", "ac " + i);
        }
        String me = at("alice") + "/laptop";
        String with = field("with", at("bob"));
        // the first page knows its index (nothing before it) but not a count of 14 > 5
        Element first = fin(ask(me, null, query(with, "<max>4</max>", false)));
        assertNull(rsm(first, "count"));
        assertEquals("0", first.element("set").element("first").attributeValue("index"));
        // the newest page knows neither; paging back from it still reaches every message once
        List<Long> backward = new ArrayList<>();
        String before = "";
        boolean complete = false;
        while (!complete) {
            List<Packet> answer = ask(me, null, query(with, "<max>4</max><before>" + before + "</before>", false));
            Element fin = fin(answer);
            backward.addAll(0, ids(answer));
            before = rsm(fin, "first");
            complete = "true".equals(fin.attributeValue("complete"));
            if (!complete) {
                assertNull(rsm(fin, "count"), "14 messages are more than the 5 a query may count");
            }
        }
        assertEquals(pair, backward);
        // near an end the count is exact again: after-id catch-up of the last three, a page after the 11th
        List<Packet> catchUp = ask(me, null, query(with + field("after-id", Long.toString(pair.get(10))),
                "<max>4</max>", false));
        assertEquals(pair.subList(11, 14), ids(catchUp));
        assertEquals("3", rsm(fin(catchUp), "count"));
        assertEquals("0", fin(catchUp).element("set").element("first").attributeValue("index"));
        Element nearEnd = fin(ask(me, null, query(with, "<max>2</max><after>" + pair.get(9) + "</after>", false)));
        assertNull(rsm(nearEnd, "count"), "10 before the page are more than 5");
        assertNull(nearEnd.element("set").element("first").attributeValue("index"));
        // <index> within the limit pages; beyond it the client is told to page by id
        List<Packet> indexed = ask(me, null, query(with, "<max>2</max><index>5</index>", false));
        assertEquals(pair.subList(5, 7), ids(indexed));
        assertEquals("5", fin(indexed).element("set").element("first").attributeValue("index"));
        List<Packet> deep = ask(me, null, query(with, "<max>2</max><index>6</index>", false));
        assertEquals("feature-not-implemented", errorOf(deep));
        assertTrue(((IQ) deep.get(0)).getError().getText().contains("<after> or <before>"));
        // a small set is still counted exactly
        Element small = fin(ask(me, null, query(field("with", at("bob")) + field("before-id",
                Long.toString(pair.get(3))), "<max>2</max><before/>", false)));
        assertEquals("3", rsm(small, "count"));
        assertEquals("1", small.element("set").element("first").attributeValue("index"));
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void resultsAreForwardedStanzasWithTheLiveStanzaIdAsTheirId(TestDatabase.Kind kind) throws Exception {
        start(kind);
        Message live = chat(at("bob") + "/desk", at("alice"), "Lunch at 12? <ok> & \"fine\"");
        live.addChildElement("request", "urn:xmpp:receipts");
        ArchivedMessage stored = core.archiver().archive(live, MessageCapture.Source.CLIENT).orElseThrow();
        MessageCapture.stampStanzaId(live, stored.id());
        String stanzaId = live.getElement().element("stanza-id").attributeValue("id");

        List<Packet> answer = ask(at("alice") + "/laptop", null, query(field("with", at("bob")), null, false));
        assertEquals(2, answer.size());
        Message result = (Message) answer.get(0);
        assertEquals(new JID(at("alice") + "/laptop"), result.getTo());
        assertEquals(new JID(at("alice")), result.getFrom());
        Element r = result.getElement().element("result");
        assertEquals(MAM, r.getNamespaceURI());
        assertEquals("f27", r.attributeValue("queryid"));
        assertEquals(stanzaId, r.attributeValue("id"));
        Element forwarded = r.element("forwarded");
        assertEquals("urn:xmpp:forward:0", forwarded.getNamespaceURI());
        assertEquals("2025-10-09T08:53:20Z", forwarded.element("delay").attributeValue("stamp"));
        Element msg = forwarded.element("message");
        assertEquals("jabber:client", msg.getNamespaceURI());
        assertEquals(at("bob") + "/desk", msg.attributeValue("from"));
        assertEquals(at("alice"), msg.attributeValue("to"));
        assertEquals("chat", msg.attributeValue("type"));
        assertEquals(live.getID(), msg.attributeValue("id"));
        assertEquals("Lunch at 12? <ok> & \"fine\"", msg.elementText("body"));
        assertNotNull(msg.element("request"), "the stored stanza's extensions are kept");
        assertNull(msg.element("stanza-id"));
        assertFalse(result.toXML().contains("xmlns=\"\""), result.toXML());
        Element fin = fin(answer);
        assertEquals("true", fin.attributeValue("complete"));
        assertEquals(stanzaId, rsm(fin, "first"));
        assertEquals(stanzaId, rsm(fin, "last"));
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void withStartEndIdsAndFlippedPages(TestDatabase.Kind kind) throws Exception {
        start(kind);
        ArchivedMessage a1 = send("alice", "bob", "one");
        ArchivedMessage n1 = send("alice", "alice", "a note to myself");
        ArchivedMessage c1 = send("carol", "alice", "from carol");
        ArchivedMessage a2 = send("bob", "alice", "two");
        ArchivedMessage a3 = send("alice", "bob", "three");
        String me = at("alice") + "/laptop";

        assertEquals(List.of(a1.id(), a2.id(), a3.id()), ids(ask(me, null, query(field("with", at("bob")), null, false))));
        assertEquals(List.of(a2.id(), a3.id()), ids(ask(me, null, query(field("with", at("bob"))
                + field("start", MamStanzas.stamp(a2.sentAt())), null, false))));
        // full JID: only what went to or came from that resource
        assertEquals(List.of(a2.id()), ids(ask(me, null, query(field("with", at("bob") + "/phone"), null, false))));
        // a note to oneself: only with 'with' = self, never another's
        assertEquals(List.of(n1.id()), ids(ask(me, null, query(field("with", at("alice")), null, false))));
        assertEquals(List.of(), ids(ask(at("bob") + "/x", null, query(field("with", at("alice")), null, false)))
                .stream().filter(id -> id == n1.id()).toList());
        // start and end are inclusive, in XEP-0082 time
        String startOfC1 = MamStanzas.stamp(c1.sentAt());
        String endOfA2 = MamStanzas.stamp(a2.sentAt());
        assertEquals(List.of(c1.id(), a2.id()), ids(ask(me, null,
                query(field("start", startOfC1) + field("end", endOfA2), null, false))));
        // after-id / before-id
        assertEquals(List.of(n1.id(), c1.id()), ids(ask(me, null,
                query(field("after-id", Long.toString(a1.id())) + field("before-id", Long.toString(a2.id())),
                        null, false))));
        // ids
        assertEquals(List.of(a1.id(), a3.id()), ids(ask(me, null, query("<field var='ids'><value>" + a3.id()
                + "</value><value>" + a1.id() + "</value></field>", null, false))));
        // flipped: the same page, newest first; first/last still name the page's ends in archive order
        List<Packet> flipped = ask(me, null, query("", "<max>3</max><before/>", true));
        assertEquals(List.of(a3.id(), a2.id(), c1.id()), ids(flipped));
        assertEquals(Long.toString(c1.id()), rsm(fin(flipped), "first"));
        assertEquals(Long.toString(a3.id()), rsm(fin(flipped), "last"));
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void clientMistakesGetTheXepsErrors(TestDatabase.Kind kind) throws Exception {
        start(kind);
        ArchivedMessage mine = send("alice", "bob", "hello");
        ArchivedMessage theirs = send("bob", "carol", "not for alice");
        String me = at("alice") + "/laptop";
        assertEquals("item-not-found", errorOf(ask(me, null, query("", "<after>12345</after>", false))));
        assertEquals("item-not-found", errorOf(ask(me, null, query("", "<before>nope</before>", false))));
        assertEquals("item-not-found", errorOf(ask(me, null, query("", "<after>" + theirs.id() + "</after>", false))),
                "another user's message is not in this archive");
        assertEquals("item-not-found", errorOf(ask(me, null,
                query(field("ids", Long.toString(theirs.id())), null, false))));
        assertEquals("item-not-found", errorOf(ask(me, null,
                query(field("after-id", "999"), null, false))));
        assertEquals("bad-request", errorOf(ask(me, null, query(field("start", "yesterday"), null, false))));
        assertEquals("bad-request", errorOf(ask(me, null, query(field("with", "@@"), null, false))));
        assertEquals("bad-request", errorOf(ask(me, null, query("", "<max>-1</max>", false))));
        assertEquals("bad-request", errorOf(ask(me, null, query("", "<after>" + mine.id() + "</after><before>"
                + mine.id() + "</before>", false))));
        assertEquals("feature-not-implemented", errorOf(ask(me, null,
                query(field("include-groupchat", "true"), null, false))));
        assertEquals("forbidden", errorOf(ask(me, at("bob"), query("", null, false))), "never another's archive");
        assertEquals("forbidden", errorOf(ask("mallory@elsewhere.org/x", at("alice"), query("", null, false))));
        // a max above the cap is capped, not refused
        List<Packet> capped = ask(me, null, query("", "<max>100000</max>", false));
        assertEquals(List.of(mine.id()), ids(capped));
        // preferences: always; turning history off is refused with a sentence
        List<Packet> prefs = mam.answer(new IQ(DocumentHelper.parseText("<iq type='get' id='p' from='" + me
                + "'><prefs xmlns='urn:xmpp:mam:2'/></iq>").getRootElement()));
        assertEquals("always", ((IQ) prefs.get(0)).getChildElement().attributeValue("default"));
        List<Packet> off = mam.answer(new IQ(DocumentHelper.parseText("<iq type='set' id='p' from='" + me
                + "'><prefs xmlns='urn:xmpp:mam:2' default='never'><always/><never/></prefs></iq>").getRootElement()));
        assertEquals("not-allowed", errorOf(off));
        assertEquals(MamService.NO_OPT_OUT, ((IQ) off.get(0)).getError().getText());
        List<Packet> unchanged = mam.answer(new IQ(DocumentHelper.parseText("<iq type='set' id='p' from='" + me
                + "'><prefs xmlns='urn:xmpp:mam:2' default='always'><always/><never/></prefs></iq>")
                .getRootElement()));
        assertEquals(IQ.Type.result, ((IQ) unchanged.get(0)).getType());
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void metadataAndFormNameTheArchivesEnds(TestDatabase.Kind kind) throws Exception {
        start(kind);
        String me = at("alice") + "/laptop";
        IQ empty = (IQ) mam.answer(new IQ(DocumentHelper.parseText("<iq type='get' id='m' from='" + me
                + "'><metadata xmlns='urn:xmpp:mam:2'/></iq>").getRootElement())).get(0);
        assertEquals(IQ.Type.result, empty.getType());
        assertTrue(empty.getChildElement().elements().isEmpty());
        ArchivedMessage first = send("alice", "bob", "first");
        send("carol", "bob", "not alice's");
        ArchivedMessage last = send("carol", "alice", "last");
        IQ meta = (IQ) mam.answer(new IQ(DocumentHelper.parseText("<iq type='get' id='m' from='" + me
                + "'><metadata xmlns='urn:xmpp:mam:2'/></iq>").getRootElement())).get(0);
        assertEquals(Long.toString(first.id()), meta.getChildElement().element("start").attributeValue("id"));
        assertEquals(MamStanzas.stamp(first.sentAt()),
                meta.getChildElement().element("start").attributeValue("timestamp"));
        assertEquals(Long.toString(last.id()), meta.getChildElement().element("end").attributeValue("id"));

        IQ form = (IQ) mam.answer(new IQ(DocumentHelper.parseText("<iq type='get' id='f' from='" + me
                + "'><query xmlns='urn:xmpp:mam:2'/></iq>").getRootElement())).get(0);
        Set<String> vars = new LinkedHashSet<>();
        for (Element f : form.getChildElement().element("x").elements("field")) {
            vars.add(f.attributeValue("var"));
        }
        assertEquals(Set.of("FORM_TYPE", "with", "start", "end", "before-id", "after-id", "ids",
                "{urn:xmpp:fulltext:0}fulltext"), vars);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void aliasThreadsFollowWebmailHistoryRules(TestDatabase.Kind kind) throws Exception {
        start(kind);
        core.aliases().save(new Alias("sales", "Sales", Set.of("bob", "carol"), null, true, Alias.Visibility.ALL,
                true), Set.of("alice", "bob", "carol", "dave")::contains);
        String sales = at("sales");
        ArchivedMessage fromDave = sendToAlias("dave", sales, "Do you ship to Norway?");
        ArchivedMessage bobToDave = sendToAlias("bob", sales + "/dave", "Yes we do.");
        ArchivedMessage fromAlice = sendToAlias("alice", sales, "Quote please");
        ArchivedMessage carolToAlice = sendToAlias("carol", sales + "/alice", "Sent.");
        ArchivedMessage carolNote = sendToAlias("carol", sales, "Members only chat");
        List<Long> thread = List.of(fromDave.id(), bobToDave.id(), fromAlice.id(), carolToAlice.id(),
                carolNote.id());

        // a member's archive holds the whole thread, as delivered to them
        List<Packet> bobs = ask(at("bob") + "/x", null, query("", null, false));
        assertEquals(thread, ids(bobs));
        Element daveAsBobGotIt = bobs.get(0).getElement().element("result").element("forwarded").element("message");
        assertEquals(sales + "/dave", daveAsBobGotIt.attributeValue("from"));
        assertEquals(at("bob"), daveAsBobGotIt.attributeValue("to"));
        assertEquals(at("dave"), daveAsBobGotIt.element("addresses").element("address").attributeValue("jid"));
        // as the live copy carried it: the writer's name as nick, "Name: " before the body as an XEP-0428 fallback
        assertEquals("Dave D.", daveAsBobGotIt.element("nick").getText());
        assertEquals("http://jabber.org/protocol/nick", daveAsBobGotIt.element("nick").getNamespaceURI());
        assertEquals("Dave D.: Do you ship to Norway?", daveAsBobGotIt.elementText("body"));
        Element fallback = daveAsBobGotIt.element("fallback");
        assertEquals("urn:xmpp:fallback:0", fallback.getNamespaceURI());
        assertEquals("http://jabber.org/protocol/address", fallback.attributeValue("for"));
        assertEquals("0", fallback.element("body").attributeValue("start"));
        assertEquals("9", fallback.element("body").attributeValue("end"));
        assertEquals(1, daveAsBobGotIt.elements("nick").size());
        assertEquals(1, daveAsBobGotIt.elements("addresses").size());
        Element bobsOwn = bobs.get(1).getElement().element("result").element("forwarded").element("message");
        assertEquals(at("bob") + "/phone", bobsOwn.attributeValue("from"));
        assertEquals(sales + "/dave", bobsOwn.attributeValue("to"));
        assertEquals("Yes we do.", bobsOwn.elementText("body"), "one's own line as written");
        assertNull(bobsOwn.element("nick"));
        // without the prefix setting: the body as written, nick and ofrom still there, no fallback
        writerPrefix.set(false);
        Element unprefixed = ask(at("bob") + "/x", null, query("", null, false)).get(0).getElement()
                .element("result").element("forwarded").element("message");
        assertEquals("Do you ship to Norway?", unprefixed.elementText("body"));
        assertEquals("Dave D.", unprefixed.element("nick").getText());
        assertNull(unprefixed.element("fallback"));
        writerPrefix.set(true);
        assertEquals(thread, ids(ask(at("bob") + "/x", null, query(field("with", sales), null, false))));
        assertEquals(List.of(fromDave.id(), bobToDave.id()),
                ids(ask(at("bob") + "/x", null, query(field("with", sales + "/dave"), null, false))));
        // a non-member's: their own lines and the answers addressed to them
        assertEquals(List.of(fromDave.id(), bobToDave.id()), ids(ask(at("dave") + "/x", null, query("", null, false))));
        assertEquals(List.of(fromDave.id(), bobToDave.id()),
                ids(ask(at("dave") + "/x", null, query(field("with", sales), null, false))));
        assertEquals(List.of(fromAlice.id(), carolToAlice.id()),
                ids(ask(at("alice") + "/x", null, query("", null, false))));
        assertEquals("item-not-found", errorOf(ask(at("dave") + "/x", null,
                query(field("ids", Long.toString(carolNote.id())), null, false))));
        // the alias's own archive: the whole thread, members only
        List<Packet> whole = ask(at("carol") + "/x", sales, query("", null, false));
        assertEquals(thread, ids(whole));
        assertEquals(new JID(sales), whole.get(0).getFrom());
        Element asThread = whole.get(0).getElement().element("result").element("forwarded").element("message");
        assertEquals(sales + "/dave", asThread.attributeValue("from"));
        assertNull(asThread.attributeValue("to"));
        assertEquals("forbidden", errorOf(ask(at("dave") + "/x", sales, query("", null, false))));
        // a private note is never an alias thread, even for a member
        ArchivedMessage note = send("bob", "bob", "note to self");
        assertEquals(List.of(note.id()), ids(ask(at("bob") + "/x", null, query(field("with", at("bob")), null, false))));
        assertTrue(ids(ask(at("carol") + "/x", sales, query("", null, false))).stream().noneMatch(id -> id == note.id()));
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void fullTextSearchUsesWebmailSyntaxAndRules(TestDatabase.Kind kind) throws Exception {
        start(kind);
        ArchivedMessage coffee = send("alice", "bob", "Coffee at nine?");
        send("bob", "alice", "Tea please");
        ArchivedMessage notMine = send("bob", "carol", "Coffee for carol");
        ArchivedMessage later = send("carol", "alice", "more coffee");
        awaitStored(later.id());
        Waits.until(Duration.ofSeconds(20), "indexed", () -> {
            try {
                return ids(ask(at("alice") + "/x", null, query(field("{urn:xmpp:fulltext:0}fulltext", "coffee"),
                        null, false))).size() == 2;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        String me = at("alice") + "/x";
        List<Long> found = ids(ask(me, null, query(field("{urn:xmpp:fulltext:0}fulltext", "coffee"), null, false)));
        assertEquals(List.of(coffee.id(), later.id()), found);
        assertFalse(found.contains(notMine.id()));
        assertEquals(List.of(coffee.id()), ids(ask(me, null, query(field("{urn:xmpp:fulltext:0}fulltext", "coffee")
                + field("with", at("bob")), null, false))));
        assertEquals(List.of(later.id()), ids(ask(me, null, query(field("{urn:xmpp:fulltext:0}fulltext",
                "coffee -nine"), null, false))));
        List<Packet> malformed = ask(me, null, query(field("{urn:xmpp:fulltext:0}fulltext", "\"unclosed"), null,
                false));
        assertEquals("bad-request", errorOf(malformed));
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void pagingWhileMessagesArriveNeitherSkipsNorRepeats(TestDatabase.Kind kind) throws Exception {
        start(kind);
        List<Long> sent = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            sent.add(send(i % 2 == 0 ? "alice" : "bob", i % 2 == 0 ? "bob" : "alice", "m" + i).id());
        }
        List<Long> seen = new ArrayList<>();
        String after = null;
        boolean complete = false;
        int round = 0;
        while (!complete) {
            // new messages keep arriving between pages, straight after being handed out (not yet stored)
            if (round++ < 8) {
                sent.add(send("bob", "alice", "arriving " + round).id());
                sent.add(send("carol", "alice", "arriving too " + round).id());
            }
            List<Packet> answer = ask(at("alice") + "/x", null, query("", "<max>3</max>"
                    + (after == null ? "" : "<after>" + after + "</after>"), false));
            seen.addAll(ids(answer));
            String last = rsm(fin(answer), "last");
            after = last == null ? after : last;
            complete = "true".equals(fin(answer).attributeValue("complete"));
        }
        assertEquals(sent, seen, "every message exactly once, in archive order");
        Collection<Long> distinct = new LinkedHashSet<>(seen);
        assertEquals(seen.size(), distinct.size());
    }
}
