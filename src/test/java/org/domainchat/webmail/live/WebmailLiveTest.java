package org.domainchat.webmail.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import org.domainchat.alias.Alias;
import org.domainchat.alias.AliasBook;
import org.domainchat.presence.FakeOnline;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;
import org.xmpp.packet.Presence;

/** The presence rules and the webmail resource's lifecycle, with the server's side as plain objects. */
class WebmailLiveTest {

    private static final String DOMAIN = "example.com";
    private static final WebmailLive.Context HERE = new WebmailLive.Context(Locale.GERMAN, "192.0.2.7");

    private final FakeLinks links = new FakeLinks();
    private final MemoryStatus memory = new MemoryStatus();
    private final FakeOnline online = new FakeOnline();
    private final AtomicLong now = new AtomicLong(1_700_000_000_000L);
    private final AliasBook.View aliases = new AliasBook.View(Map.of("sales", new AliasBook.Entry(
            new Alias("sales", "Sales team", Set.of("bob", "carol"), null, true, Alias.Visibility.ALL, false),
            Set.of("bob", "carol"))), "v1");
    private final LiveSettings.Fixed settings = new LiveSettings.Fixed(Duration.ofMinutes(2), 5, 100);
    private WebmailLive live = newLive();

    private WebmailLive newLive() {
        return new WebmailLive(links, memory, new ContactStatuses(online, () -> aliases, DOMAIN),
                jid -> jid.equals("sales@" + DOMAIN), DOMAIN, settings, now::get);
    }

    @AfterEach
    void stop() {
        live.close();
    }

    private Recorder stream(String user) throws Exception {
        Recorder r = new Recorder();
        live.subscribe(user, null, HERE, r);
        return r;
    }

    @Test
    void aNewUserIsAvailableAndTheStreamBringsTheResourceUp() throws Exception {
        assertEquals(WebmailStatus.AVAILABLE, live.chosenStatus("alice"));
        Recorder r = stream("alice");
        FakeLinks.Link link = links.open("alice");
        assertEquals(List.of(new FakeLinks.Announced(WebmailStatus.AVAILABLE, "")), link.announced);
        assertEquals(Locale.GERMAN, link.locale);
        assertEquals("192.0.2.7", link.clientAddress);
        JSONObject status = r.last("status");
        assertTrue(status.getBoolean("connected"));
        assertEquals(link.address, status.getString("resource"));
        assertEquals(1, live.resourceCount());
    }

    @Test
    void awayAndBusyAreAnnouncedOnTheSameResourceAndRemembered() throws Exception {
        Recorder r = stream("alice");
        FakeLinks.Link link = links.open("alice");
        live.setStatus("alice", WebmailStatus.AWAY, "lunch", HERE);
        live.setStatus("alice", WebmailStatus.BUSY, "", HERE);
        live.setStatus("alice", WebmailStatus.AVAILABLE, "back", HERE);
        assertEquals(List.of(new FakeLinks.Announced(WebmailStatus.AVAILABLE, ""),
                new FakeLinks.Announced(WebmailStatus.AWAY, "lunch"),
                new FakeLinks.Announced(WebmailStatus.BUSY, ""),
                new FakeLinks.Announced(WebmailStatus.AVAILABLE, "back")), link.announced);
        assertEquals(1, links.opened.size(), "one resource throughout");
        assertEquals(new StatusMemory.Chosen(WebmailStatus.AVAILABLE, "back"), memory.remembered.get("alice"));
        assertEquals("back", r.last("status").getString("text"));
    }

    @Test
    void offlineRemovesTheResourceAndWebmailNoLongerChats() throws Exception {
        Recorder r = stream("alice");
        FakeLinks.Link link = links.open("alice");
        JSONObject status = live.setStatus("alice", WebmailStatus.OFFLINE, "", HERE);
        assertFalse(status.getBoolean("connected"));
        assertEquals("offline", link.closedFor());
        assertEquals(0, links.openCount());
        JSONObject event = r.last("status");
        assertEquals("offline", event.getString("status"));
        assertFalse(event.getBoolean("connected"));
        assertEquals(1, r.ofType("status").stream().filter(e -> e.data().contains("\"reason\":\"offline\"")).count(),
                "one notice of going offline");
        assertThrows(WebmailLive.OfflineException.class, () -> live.send("alice", new JID("bob@" + DOMAIN), "hi",
                HERE));
        assertThrows(WebmailLive.OfflineException.class, () -> live.typing("alice", new JID("bob@" + DOMAIN),
                "composing", HERE));
        // A new tab while Offline does not bring the resource back.
        stream("alice");
        assertEquals(1, links.opened.size());
        assertEquals(WebmailStatus.OFFLINE, live.chosenStatus("alice"));
    }

    @Test
    void theChosenStatusSurvivesLoginsAndRestarts() throws Exception {
        live.setStatus("alice", WebmailStatus.BUSY, "in a meeting", HERE);
        live.close();
        assertEquals(0, links.openCount(), "stopping takes the resource offline");
        live = newLive();
        assertEquals(WebmailStatus.BUSY, live.chosenStatus("alice"));
        stream("alice");
        assertEquals(List.of(new FakeLinks.Announced(WebmailStatus.BUSY, "in a meeting")),
                links.open("alice").announced);
    }

    @Test
    void theResourceGoesAfterTheStreamHasBeenGoneForTheGraceAndComesBackWithTheUser() throws Exception {
        Recorder r = new Recorder();
        WebmailLive.Subscription s = live.subscribe("alice", null, HERE, r);
        live.setStatus("alice", WebmailStatus.AWAY, "", HERE);
        FakeLinks.Link first = links.open("alice");
        now.addAndGet(Duration.ofHours(1).toMillis());
        live.reap();
        assertTrue(first.isOpen(), "an open stream keeps the resource, however long");
        s.close();
        now.addAndGet(Duration.ofSeconds(119).toMillis());
        live.reap();
        assertTrue(first.isOpen(), "a reload within the grace keeps it");
        assertTrue(live.status("alice").getBoolean("connected"));
        now.addAndGet(Duration.ofSeconds(1).toMillis());
        live.reap();
        assertEquals("idle", first.closedFor(), "looking at the status a second before did not keep it");
        assertFalse(live.status("alice").getBoolean("connected"), "nor does looking bring it back");
        assertEquals(0, links.openCount());
        assertEquals(WebmailStatus.AWAY, live.chosenStatus("alice"), "the choice stays");
        stream("alice");
        FakeLinks.Link second = links.open("alice");
        assertEquals(List.of(new FakeLinks.Announced(WebmailStatus.AWAY, "")), second.announced);
    }

    @Test
    void aLongGoneUserIsForgottenButTheirChoiceIsNot() throws Exception {
        live.subscribe("alice", null, HERE, new Recorder()).close();
        live.setStatus("alice", WebmailStatus.BUSY, "", HERE);
        now.addAndGet(Duration.ofMinutes(2).toMillis());
        live.reap();
        now.addAndGet(Duration.ofMinutes(2).toMillis());
        live.reap();
        assertEquals(Set.of(), live.liveUsers());
        assertEquals(WebmailStatus.BUSY, live.chosenStatus("alice"));
    }

    @Test
    void aCloseTheServerStartsIsReportedAndNotUndoneBehindTheUsersBack() throws Exception {
        Recorder r = stream("alice");
        FakeLinks.Link first = links.open("alice");
        first.closedBy("conflict");
        JSONObject event = r.last("status");
        assertFalse(event.getBoolean("connected"));
        assertEquals("conflict", event.getString("reason"));
        assertEquals("available", event.getString("status"), "the choice is unchanged");
        now.addAndGet(Duration.ofMinutes(10).toMillis());
        live.reap();
        assertEquals(1, links.opened.size(), "not reopened by itself");
        live.send("alice", new JID("bob@" + DOMAIN), "still there?", HERE);
        assertEquals(2, links.opened.size(), "the user's next action reopens it");
        assertEquals("still there?", links.open("alice").sent.get(0).getBody());
    }

    @Test
    void aResourceThatCannotBeOpenedIsReportedAndTheChoiceIsKept() throws Exception {
        links.failNext = new LinkException(LinkException.Kind.CONFLICT, "busy");
        Recorder r = stream("alice");
        assertEquals("conflict", r.last("status").getString("reason"));
        assertFalse(r.last("status").getBoolean("connected"));
        links.failNext = new LinkException(LinkException.Kind.UNAVAILABLE, "stopping");
        LinkException e = assertThrows(LinkException.class, () -> live.setStatus("alice", WebmailStatus.BUSY, "",
                HERE));
        assertEquals(LinkException.Kind.UNAVAILABLE, e.kind());
        assertEquals(WebmailStatus.BUSY, live.chosenStatus("alice"));
        assertEquals(WebmailStatus.BUSY, memory.remembered.get("alice").status());
    }

    @Test
    void aThirdPartyClientsStatusNeverChangesTheWebmailChoice() throws Exception {
        Recorder r = stream("alice");
        Presence desk = new Presence();
        desk.setFrom("alice@" + DOMAIN + "/desk");
        desk.setTo(links.open("alice").address);
        desk.setShow(Presence.Show.dnd);
        links.open("alice").deliver(desk);
        assertEquals(WebmailStatus.AVAILABLE, live.chosenStatus("alice"));
        assertEquals(List.of(), r.ofType("presence"), "our own resources are not contacts");
        assertEquals(1, links.open("alice").announced.size());
    }

    @Test
    void contactsShowTheBestOfTheirResourcesAndOnlyChangesAreSent() throws Exception {
        Recorder r = stream("alice");
        FakeLinks.Link link = links.open("alice");
        online.with("bob@" + DOMAIN + "/desk", Presence.Show.away, "out");
        link.deliver(presence("bob@" + DOMAIN + "/desk", Presence.Show.away, "out"));
        assertEquals("away", r.last("presence").getString("status"));
        online.with("bob@" + DOMAIN + "/phone", null, "on the go");
        link.deliver(presence("bob@" + DOMAIN + "/phone", null, "on the go"));
        assertEquals("available", r.last("presence").getString("status"));
        assertEquals("on the go", r.last("presence").getString("text"));
        link.deliver(presence("bob@" + DOMAIN + "/phone", null, "on the go"));
        assertEquals(2, r.ofType("presence").size(), "a repeat is not news");
        // The phone goes; the session table may still list it when its unavailable presence arrives.
        Presence gone = presence("bob@" + DOMAIN + "/phone", null, null);
        gone.setType(Presence.Type.unavailable);
        link.deliver(gone);
        assertEquals("away", r.last("presence").getString("status"));
    }

    @Test
    void statusAggregationFollowsTheHelpPage() {
        ContactStatuses statuses = new ContactStatuses(online, () -> aliases, DOMAIN);
        assertEquals(WebmailStatus.OFFLINE, statuses.of("bob@" + DOMAIN, "alice").status());
        online.with("bob@" + DOMAIN + "/a", Presence.Show.xa, null);
        assertEquals(WebmailStatus.AWAY, statuses.of("bob@" + DOMAIN, "alice").status());
        online.with("bob@" + DOMAIN + "/b", Presence.Show.dnd, null);
        assertEquals(WebmailStatus.BUSY, statuses.of("bob@" + DOMAIN, "alice").status());
        online.with("bob@" + DOMAIN + "/c", Presence.Show.chat, null);
        assertEquals(WebmailStatus.AVAILABLE, statuses.of("bob@" + DOMAIN, "alice").status());
        assertEquals(WebmailStatus.AVAILABLE, statuses.of("sales@" + DOMAIN, "alice").status(), "bob is a member");
        assertEquals(WebmailStatus.OFFLINE, statuses.of("sales@" + DOMAIN, "bob").status(),
                "to bob, the only member online, nobody else is there to read the alias");
        online.without("bob@" + DOMAIN + "/a").without("bob@" + DOMAIN + "/b").without("bob@" + DOMAIN + "/c");
        assertEquals(WebmailStatus.OFFLINE, statuses.of("sales@" + DOMAIN, "alice").status());
    }

    @Test
    void messagesCarbonsTypingAndBouncesBecomeEvents() throws Exception {
        Recorder r = stream("alice");
        FakeLinks.Link link = links.open("alice");
        String me = "alice@" + DOMAIN;

        Message in = chat("bob@" + DOMAIN + "/desk", link.address, "hello");
        in.getElement().addElement("stanza-id", "urn:xmpp:sid:0").addAttribute("by", me).addAttribute("id", "42");
        link.deliver(in);
        JSONObject m = r.last("message");
        assertEquals("bob@" + DOMAIN, m.getString("with"));
        assertFalse(m.getBoolean("outgoing"));
        assertEquals("42", m.getString("id"));
        assertEquals("hello", m.getString("body"));

        // What alice wrote on her phone, carbon-copied by the server.
        link.deliver(carbon(me, link.address, "sent", chat(me + "/phone", "carol@" + DOMAIN, "from my phone")));
        m = r.last("message");
        assertTrue(m.getBoolean("outgoing"));
        assertTrue(m.getBoolean("carbon"));
        assertEquals("carol@" + DOMAIN, m.getString("with"));

        link.deliver(carbon(me, link.address, "received", chat("dave@" + DOMAIN + "/x", me + "/phone", "to phone")));
        assertEquals("dave@" + DOMAIN, r.last("message").getString("with"));
        int messages = r.ofType("message").size();

        // Anyone else "forwarding" a carbon is forging it.
        link.deliver(carbon("mallory@" + DOMAIN, link.address, "sent", chat(me, "bob@" + DOMAIN, "forged")));
        assertEquals(messages, r.ofType("message").size());

        Message typing = chat("bob@" + DOMAIN + "/desk", link.address, null);
        typing.getElement().addElement("composing", "http://jabber.org/protocol/chatstates");
        link.deliver(typing);
        assertEquals("composing", r.last("typing").getString("state"));

        Message viaAlias = chat("sales@" + DOMAIN + "/carol", link.address, "for the team");
        link.deliver(viaAlias);
        m = r.last("message");
        assertEquals("sales@" + DOMAIN, m.getString("with"));
        assertEquals("carol@" + DOMAIN, m.getString("from"));
        assertTrue(m.getBoolean("viaAlias"));
        assertEquals("for the team", m.getString("body"));

        // Copies start with the writer's name for other clients; webmail names the writer itself and cuts it.
        Message prefixed = chat("sales@" + DOMAIN + "/carol", link.address, "Çarol 😀: for the team");
        prefixed.getElement().addElement("fallback", "urn:xmpp:fallback:0")
                .addAttribute("for", "http://jabber.org/protocol/address").addElement("body")
                .addAttribute("start", "0").addAttribute("end", "9");
        link.deliver(prefixed);
        assertEquals("for the team", r.last("message").getString("body"), "the range counts code points");
        Message bogusRange = chat("sales@" + DOMAIN + "/carol", link.address, "short");
        bogusRange.getElement().addElement("fallback", "urn:xmpp:fallback:0")
                .addAttribute("for", "http://jabber.org/protocol/address").addElement("body")
                .addAttribute("start", "0").addAttribute("end", "99");
        link.deliver(bogusRange);
        assertEquals("short", r.last("message").getString("body"), "a range past the body cuts nothing");

        Message bounce = chat("nobody@" + DOMAIN, link.address, null);
        bounce.setType(Message.Type.error);
        bounce.setID("wm-1");
        bounce.setError(org.xmpp.packet.PacketError.Condition.service_unavailable);
        link.deliver(bounce);
        assertEquals("wm-1", r.last("undelivered").getString("clientId"));
    }

    @Test
    void aDroppedStreamResumesWhereItStoppedOrIsToldToReload() throws Exception {
        Recorder first = stream("alice");
        FakeLinks.Link link = links.open("alice");
        link.deliver(chat("bob@" + DOMAIN + "/desk", link.address, "one"));
        String lastSeen = first.lastId();
        link.deliver(chat("bob@" + DOMAIN + "/desk", link.address, "two"));

        Recorder resumed = new Recorder();
        live.subscribe("alice", lastSeen, HERE, resumed);
        assertEquals(List.of("two"), resumed.ofType("message").stream()
                .map(e -> new JSONObject(e.data()).getString("body")).toList());
        assertEquals(List.of(), resumed.ofType("reset"));

        Recorder stranger = new Recorder();
        live.subscribe("alice", "otherepoch-3", HERE, stranger);
        assertEquals("reset", stranger.events.get(0).type());

        for (int i = 0; i < 10; i++) { // more than the buffer of 5
            link.deliver(chat("bob@" + DOMAIN + "/desk", link.address, "flood " + i));
        }
        Recorder late = new Recorder();
        live.subscribe("alice", lastSeen, HERE, late);
        assertEquals("reset", late.events.get(0).type());
        assertEquals(0, late.ofType("message").size());
        // Both live streams got every message, in order.
        assertEquals(first.ofType("message").subList(2, 12), resumed.ofType("message").subList(1, 11));
    }

    @Test
    void sendingAndTypingGoOutAsTheWebmailResource() throws Exception {
        Recorder r = stream("alice");
        WebmailLive.Sent sent = live.send("alice", new JID("sales@" + DOMAIN), "quote please", HERE);
        assertInstanceOf(XmppLink.SendOutcome.Sent.class, sent.outcome());
        Message out = links.open("alice").sent.get(0);
        assertEquals(Message.Type.chat, out.getType());
        assertEquals(sent.clientId(), out.getID());
        assertEquals("quote please", out.getBody());
        JSONObject echo = r.last("message");
        assertTrue(echo.getBoolean("outgoing"));
        assertTrue(echo.getBoolean("viaAlias"));
        assertEquals(sent.clientId(), echo.getString("clientId"));

        live.typing("alice", new JID("bob@" + DOMAIN), "composing", HERE);
        Message typing = links.open("alice").sent.get(1);
        assertNull(typing.getBody());
        assertTrue(typing.getElement().element("composing") != null);

        links.onSend = m -> new XmppLink.SendOutcome.Rejected("The archive is unavailable");
        WebmailLive.Sent refused = live.send("alice", new JID("bob@" + DOMAIN), "lost?", HERE);
        assertEquals(new XmppLink.SendOutcome.Rejected("The archive is unavailable"), refused.outcome());
        assertEquals(1, r.ofType("message").size(), "a refused message is not shown as sent");
    }

    @Test
    void stoppingEndsStreamsClosesResourcesAndLeavesNoThread() throws Exception {
        live.start();
        Recorder r = stream("alice");
        stream("bob");
        assertEquals(2, live.streamCount());
        live.close();
        assertTrue(r.ended);
        assertEquals(0, links.openCount());
        assertEquals("shutdown", links.opened.get(0).closedFor());
        assertFalse(Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().equals("domainchat-webmail-live") && t.isAlive()));
    }

    @Test
    void tooManyStreamsAreRefused() throws Exception {
        live = new WebmailLive(links, memory, new ContactStatuses(online, () -> aliases, DOMAIN), j -> false, DOMAIN,
                new LiveSettings.Fixed(Duration.ofMinutes(2), 5, 2), now::get);
        stream("alice");
        WebmailLive.Subscription second = live.subscribe("bob", null, HERE, new Recorder());
        assertThrows(WebmailLive.TooManyStreamsException.class, () -> stream("carol"));
        second.close();
        second.close();
        stream("carol");
        assertEquals(2, live.streamCount());
    }

    @Test
    void statusTextIsCleanedAndCapped() {
        assertEquals("lunch", WebmailLive.clean(" lunch\u0007 "));
        assertEquals(1024, WebmailLive.clean("x".repeat(5000)).length());
        assertEquals("", WebmailLive.clean(null));
    }

    private static Presence presence(String from, Presence.Show show, String status) {
        Presence p = new Presence();
        p.setFrom(from);
        if (show != null) {
            p.setShow(show);
        }
        if (status != null) {
            p.setStatus(status);
        }
        return p;
    }

    private static Message chat(String from, String to, String body) {
        Message m = new Message();
        m.setType(Message.Type.chat);
        m.setFrom(from);
        m.setTo(to);
        if (body != null) {
            m.setBody(body);
        }
        return m;
    }

    private static Message carbon(String from, String to, String kind, Message inner) {
        Message outer = new Message();
        outer.setType(Message.Type.chat);
        outer.setFrom(from);
        outer.setTo(to);
        outer.getElement().addElement(kind, "urn:xmpp:carbons:2").addElement("forwarded", "urn:xmpp:forward:0")
                .add(inner.getElement().createCopy());
        return outer;
    }
}
