package org.domainchat.webchat;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import javax.servlet.http.HttpServlet;

import org.domainchat.DomainChat;
import org.domainchat.Settings;
import org.domainchat.alias.Alias;
import org.domainchat.archive.ArchivedMessage;
import org.domainchat.archive.MessageCapture;
import org.domainchat.directory.ContactRoster;
import org.domainchat.directory.DirectoryUser;
import org.domainchat.directory.DomainDirectory;
import org.domainchat.presence.Online;
import org.domainchat.testing.TestDatabase;
import org.domainchat.testing.TestEnvironment;
import org.domainchat.unread.ReadMarkerStore;
import org.domainchat.unread.ReadMarkers;
import org.domainchat.webmail.AliasAdmin;
import org.domainchat.webmail.ChatArchive;
import org.domainchat.webmail.ContactCards;
import org.domainchat.webmail.Contacts;
import org.domainchat.webmail.CredentialCheck;
import org.domainchat.webmail.UserDirectory;
import org.domainchat.webmail.WebmailApi;
import org.domainchat.webmail.WebmailSettings;
import org.domainchat.webmail.live.ContactStatuses;
import org.domainchat.webmail.live.FakeLinks;
import org.domainchat.webmail.live.LiveSettings;
import org.domainchat.webmail.live.MemoryStatus;
import org.domainchat.webmail.live.WebmailLive;
import org.domainchat.webmail.live.XmppLink;
import org.eclipse.jetty.ee8.servlet.ServletContextHandler;
import org.eclipse.jetty.ee8.servlet.ServletHolder;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;
import org.xmpp.packet.PacketExtension;
import org.xmpp.packet.Presence;

/**
 * The server the browser talks to: a real core (HSQLDB, journal, Lucene), the real webmail API and the real web chat
 * files, mounted on Jetty exactly as the plugin mounts them on Openfire's HTTP ports (the API's context first, then
 * {@code /domainchat}). The XMPP side goes through its seam: {@link FakeLinks} stands for the webmail resources'
 * sessions, and this class routes between them as Openfire would (archive first, then deliver on another thread),
 * and plays the users' other clients (a desk client that writes, types and changes its status).
 * <p>
 * Accounts of example.com (password {@code <name>-pw}): alice, bob, carol, dave, the hidden admin boss, and users
 * with hostile names. The alias sales@example.com ("Sales Team") has alice and carol as members.
 */
public final class ChatServer implements AutoCloseable {

    static final String DOMAIN = TestEnvironment.DOMAIN;
    static final String SECRET = "browser-test-secret-0123456789-abcdefghijklmnop";
    /** A display name that would run script if it were ever inserted as HTML. */
    static final String HOSTILE_NAME = "<img src=x onerror=\"window.__pwned='name'\">Mallory";
    static final String RTL_NAME = "سارة الأحمد 🌟";

    final TestDatabase db;
    final DomainChat core;
    final FakeLinks links = new FakeLinks();
    final MemoryStatus memory = new MemoryStatus();
    final Presences online = new Presences();
    final WebmailLive live;
    final WebmailApi api;
    final Server jetty;
    public final URI base;
    final Map<String, String> passwords = new ConcurrentHashMap<>();
    final List<String> allowedOrigins = new CopyOnWriteArrayList<>();
    final Map<String, ContactCards.Card> cards = new ConcurrentHashMap<>();
    final AtomicReference<DomainDirectory> directory;
    /** Everything webmail resources sent, as the server received it. */
    final List<Message> routed = new CopyOnWriteArrayList<>();
    private final ExecutorService router = Executors.newSingleThreadExecutor(r -> new Thread(r, "test-router"));
    private final ServerConnector connector;

    public ChatServer(Path data, HttpServlet... extraPages) throws Exception {
        List<DirectoryUser> users = new ArrayList<>(List.of(
                new DirectoryUser("alice", "Alice Archer"), new DirectoryUser("bob", "Bob Baker"),
                new DirectoryUser("carol", "Carol Chen"), new DirectoryUser("dave", "Dave Dietrich"),
                new DirectoryUser("mallory", HOSTILE_NAME), new DirectoryUser("sara", RTL_NAME),
                new DirectoryUser("boss", "The Boss")));
        for (DirectoryUser u : users) {
            passwords.put(u.username(), u.username() + "-pw");
        }
        directory = new AtomicReference<>(new DomainDirectory(users, Set.of("boss")));
        db = TestDatabase.create(TestDatabase.Kind.HSQLDB);
        DomainChat started = null;
        Server server = null;
        try {
            started = DomainChat.start(new TestEnvironment(db.connections(), data, Settings.Fixed.defaults(),
                    System::currentTimeMillis, users.stream().map(DirectoryUser::username).toArray(String[]::new)));
            DomainChat running = started;
            live = new WebmailLive(new PresentLinks(), memory, new ContactStatuses(online, running.aliases()::view, DOMAIN),
                    running.aliases()::isAlias, DOMAIN, new LiveSettings.Fixed(java.time.Duration.ofMinutes(2), 500,
                    1000), System::currentTimeMillis);
            ContactRoster roster = new ContactRoster(() -> directory.get().snapshot(), running.aliases()::view,
                    DOMAIN, () -> DOMAIN, () -> "Aliases");
            Contacts contacts = new Contacts(() -> Optional.of(roster), online, live::chosenStatus,
                    new ReadMarkers(new ReadMarkerStore(db.connections()), System::currentTimeMillis,
                            (user, with, upTo) -> live.publish(user, "read", new org.json.JSONObject()
                                    .put("with", with).put("upTo", Long.toString(upTo)))),
                    username -> Optional.ofNullable(cards.get(username)));
            Accounts accounts = new Accounts();
            api = new WebmailApi(new WebmailApi.Ports(ChatArchive.of(running), accounts, accounts, () -> true, live,
                    contacts, new AliasAdmin(running.aliases(), accounts::exists)), settings());
            links.onSend = this::route;

            server = new Server();
            connector = new ServerConnector(server);
            connector.setHost("127.0.0.1");
            connector.setPort(0);
            server.addConnector(connector);
            // As the plugin registers them with HttpBindManager: the API, then the web chat's files.
            ServletContextHandler apiContext = new ServletContextHandler(ServletContextHandler.NO_SESSIONS);
            apiContext.setContextPath(WebmailApi.BASE_PATH);
            apiContext.addServlet(new ServletHolder(api.servlet()), "/*");
            apiContext.addServlet(new ServletHolder(Webchat.openApiServlet()), Webchat.OPENAPI_PATH);
            ServletContextHandler chatContext = new ServletContextHandler(ServletContextHandler.NO_SESSIONS);
            chatContext.setContextPath(Webchat.CONTEXT_PATH);
            chatContext.addServlet(new ServletHolder(Webchat.panelServlet()), "/*");
            Handler.Sequence handlers = new Handler.Sequence(apiContext.get(), chatContext.get());
            for (HttpServlet page : extraPages) {
                ServletContextHandler pages = new ServletContextHandler(ServletContextHandler.NO_SESSIONS);
                pages.setContextPath("/webmail");
                pages.addServlet(new ServletHolder(page), "/*");
                handlers.addHandler(pages.get());
            }
            server.setHandler(handlers);
            server.start();
            api.start();
            base = URI.create("http://127.0.0.1:" + connector.getLocalPort());
        } catch (Exception | Error e) {
            if (server != null) {
                server.stop();
            }
            if (started != null) {
                started.close();
            }
            db.close();
            throw e;
        }
        core = started;
        jetty = server;
        alias("sales", "Sales Team", "alice", "carol");
        cards.put("bob", new ContactCards.Card("bob.baker@example.com", "Head of Sales", "Example AG",
                "+49 30 1234567"));
    }

    int port() {
        return connector.getLocalPort();
    }

    public URI page() {
        return base.resolve("/domainchat/chat/");
    }

    void alias(String name, String displayName, String... members) throws Exception {
        core.aliases().save(new Alias(name, displayName, Set.of(members), null, true, Alias.Visibility.ALL, false),
                passwords::containsKey);
    }

    /** Replaces the domain's accounts (e.g. with 10,000 of them); each gets the password {@code <name>-pw}. */
    public void directory(List<DirectoryUser> users) {
        for (DirectoryUser u : users) {
            passwords.putIfAbsent(u.username(), u.username() + "-pw");
        }
        directory.set(new DomainDirectory(users, Set.of("boss")));
    }

    // ---- the XMPP side

    /**
     * What Openfire does with a message a webmail resource sends: archive it (the interceptor), then deliver it on
     * another thread, to the recipient's webmail resource or, for an alias, to each member's as {@code alias/writer}.
     */
    private XmppLink.SendOutcome route(Message sent) {
        routed.add(sent);
        if (sent.getBody() == null) {
            deliverLater(sent); // typing notifications are not archived
            return new XmppLink.SendOutcome.Sent();
        }
        try {
            String to = sent.getTo().toBareJID();
            if (core.aliases().isAlias(to)) {
                ArchivedMessage stored = core.archiver().archiveViaAlias(sent.createCopy(), sent.getFrom())
                        .orElseThrow();
                for (String member : members(to, sent.getFrom().getNode())) {
                    Message copy = sent.createCopy();
                    copy.setFrom(new JID(to + "/" + sent.getFrom().getNode()));
                    copy.setTo(new JID(member + "@" + DOMAIN));
                    MessageCapture.stampStanzaId(copy, stored.id());
                    deliverLater(copy);
                }
            } else {
                Message copy = sent.createCopy();
                core.archiver().archive(copy, MessageCapture.Source.CLIENT);
                deliverLater(copy);
            }
            return new XmppLink.SendOutcome.Sent();
        } catch (Exception e) {
            return new XmppLink.SendOutcome.Rejected("Your message was not sent because the server could not "
                    + "archive it.");
        }
    }

    /** The alias's members but the writer: who gets a copy (online or not: only open webmail links take it). */
    private List<String> members(String aliasJid, String writer) {
        return core.aliases().view().entry(new JID(aliasJid).getNode()).map(e -> e.members().stream()
                .filter(m -> !m.equals(writer)).toList()).orElse(List.of());
    }

    private void deliverLater(Message m) {
        router.execute(() -> links.of(m.getTo().getNode()).filter(FakeLinks.Link::isOpen)
                .ifPresent(link -> link.deliver(m)));
    }

    /** {@code from}'s desk client writes to {@code to}: archived, then delivered to to's webmail if it is open. */
    public ArchivedMessage fromDesk(String from, String to, String body) throws Exception {
        Message m = chat(from + "@" + DOMAIN + "/desk", to + "@" + DOMAIN, body);
        ArchivedMessage stored = core.archiver().archive(m, MessageCapture.Source.CLIENT).orElseThrow();
        deliverLater(m);
        return stored;
    }

    /** {@code writer}'s desk client writes to an alias: archived in its thread, delivered to members' webmail. */
    ArchivedMessage toAlias(String writer, String alias, String body) throws Exception {
        JID from = new JID(writer + "@" + DOMAIN + "/desk");
        Message m = chat(from.toString(), alias + "@" + DOMAIN, body);
        ArchivedMessage stored = core.archiver().archiveViaAlias(m, from).orElseThrow();
        for (String member : members(alias + "@" + DOMAIN, writer)) {
            Message copy = m.createCopy();
            copy.setFrom(new JID(alias + "@" + DOMAIN + "/" + writer));
            copy.setTo(new JID(member + "@" + DOMAIN));
            MessageCapture.stampStanzaId(copy, stored.id());
            deliverLater(copy);
        }
        return stored;
    }

    /** An XEP-0085 chat state from {@code from}'s desk client. */
    void typing(String from, String to, String state) {
        Message m = chat(from + "@" + DOMAIN + "/desk", to + "@" + DOMAIN, null);
        m.addExtension(new PacketExtension(state, "http://jabber.org/protocol/chatstates"));
        deliverLater(m);
    }

    /** {@code user}'s desk client comes online with a status (show null: available), seen by every webmail. */
    void desk(String user, Presence.Show show, String text) {
        broadcast(online.with(new JID(user + "@" + DOMAIN + "/desk"), show, text));
    }

    /** A presence reaches every open webmail resource but the sender's own, as the server's fan-out would. */
    private void broadcast(Presence p) {
        String user = p.getFrom().getNode();
        for (FakeLinks.Link link : links.opened) {
            if (link.isOpen() && !link.username.equals(user)) {
                Presence copy = p.createCopy();
                copy.setTo(new JID(link.address));
                router.execute(() -> link.deliver(copy));
            }
        }
    }

    private static Message chat(String from, String to, String body) {
        Message m = new Message();
        m.setType(Message.Type.chat);
        m.setID(java.util.UUID.randomUUID().toString());
        m.setFrom(new JID(from));
        m.setTo(new JID(to));
        if (body != null) {
            m.setBody(body);
        }
        return m;
    }

    /**
     * Between tests: every user who chose a status is Available again, every webmail resource is closed by the
     * server (the next page opens a fresh one) and nobody is online.
     */
    void reset() throws Exception {
        for (String user : List.copyOf(memory.remembered.keySet())) {
            live.setStatus(user, org.domainchat.webmail.live.WebmailStatus.AVAILABLE, "",
                    new WebmailLive.Context(java.util.Locale.ENGLISH, "127.0.0.1"));
        }
        settle();
        for (FakeLinks.Link link : links.opened) {
            if (link.isOpen()) {
                link.closedBy("test reset");
            }
        }
        online.clear();
    }

    /** Waits until everything handed to the router so far has been delivered. */
    public void settle() throws Exception {
        router.submit(() -> null).get(10, TimeUnit.SECONDS);
    }

    private WebmailSettings settings() {
        WebmailSettings.Fixed d = WebmailSettings.Fixed.defaults();
        return new WebmailSettings() {
            public String secret() { return SECRET; }
            public String audience() { return d.audience(); }
            public java.time.Duration tokenMaxLifetime() { return d.tokenMaxLifetime(); }
            public List<String> allowedOrigins() { return List.copyOf(allowedOrigins); }
            public int sendRatePerMinute() { return 600; }
            public int maxBodyBytes() { return d.maxBodyBytes(); }
            public java.time.Duration sessionIdle() { return d.sessionIdle(); }
            public java.time.Duration sessionMaxAge() { return d.sessionMaxAge(); }
            public int maxSessions() { return d.maxSessions(); }
            public int loginFailuresPerUser() { return 50; }
            public int loginFailuresPerAddress() { return 500; }
        };
    }

    @Override
    public void close() throws Exception {
        try {
            api.stop();
            jetty.stop();
            router.shutdownNow();
        } finally {
            try {
                core.close();
            } finally {
                db.close();
            }
        }
    }

    private final class Accounts implements UserDirectory, CredentialCheck {
        @Override
        public String domain() {
            return DOMAIN;
        }

        @Override
        public boolean exists(String username) {
            return passwords.containsKey(username);
        }

        @Override
        public boolean isAdmin(String username) {
            return username.equals("boss");
        }

        @Override
        public boolean isDisabled(String username) {
            return false;
        }

        @Override
        public Result check(String username, String password) {
            String expected = passwords.get(username);
            if (expected == null) {
                return Result.UNKNOWN_USER;
            }
            return expected.equals(password) ? Result.OK : Result.BAD_PASSWORD;
        }
    }

    /**
     * The webmail resources as the server sees them: each one that opens, changes its status or closes is in the
     * routing table ({@link Presences}) and its presence reaches the other users' webmail, as Openfire's presence
     * routing does; everything else is {@link FakeLinks}'.
     */
    private final class PresentLinks implements org.domainchat.webmail.live.XmppLinks {
        @Override
        public XmppLink open(String username, org.domainchat.webmail.live.WebmailStatus status, String statusText,
                             java.util.Locale locale, String clientAddress,
                             org.domainchat.webmail.live.Inbound inbound)
                throws org.domainchat.webmail.live.LinkException {
            XmppLink link = links.open(username, status, statusText, locale, clientAddress, inbound);
            JID address = new JID(link.address());
            broadcast(online.with(address, show(status), statusText));
            return new XmppLink() {
                public String address() {
                    return link.address();
                }

                public void announce(org.domainchat.webmail.live.WebmailStatus now, String text) {
                    link.announce(now, text);
                    broadcast(online.with(address, show(now), text));
                }

                public SendOutcome send(Message message) {
                    return link.send(message);
                }

                public void close(String reason) {
                    link.close(reason);
                    Presence gone = new Presence(Presence.Type.unavailable);
                    gone.setFrom(address);
                    online.without(address);
                    broadcast(gone);
                }

                public boolean isOpen() {
                    return link.isOpen();
                }
            };
        }

        private Presence.Show show(org.domainchat.webmail.live.WebmailStatus status) {
            return switch (status) {
                case AWAY -> Presence.Show.away;
                case BUSY -> Presence.Show.dnd;
                default -> null;
            };
        }
    }

    /** Who is online with which presence: Openfire's routing table at the edge. */
    static final class Presences implements Online {
        private final Map<JID, Presence> sessions = new ConcurrentHashMap<>();

        Presence with(JID resource, Presence.Show show, String text) {
            Presence p = new Presence();
            p.setFrom(resource);
            if (show != null) {
                p.setShow(show);
            }
            if (text != null) {
                p.setStatus(text);
            }
            sessions.put(resource, p);
            return p;
        }

        void without(JID resource) {
            sessions.remove(resource);
        }

        void clear() {
            sessions.clear();
        }

        @Override
        public Collection<String> usernames() {
            return sessions.keySet().stream().map(JID::getNode).distinct().toList();
        }

        @Override
        public List<JID> resources(String username) {
            return sessions.keySet().stream().filter(j -> j.getNode().equals(username)).toList();
        }

        @Override
        public Presence presenceOf(JID resource) {
            return sessions.get(resource);
        }
    }
}
