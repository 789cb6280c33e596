package org.domainchat.webmail;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.domainchat.DomainChat;
import org.domainchat.Settings;
import org.domainchat.alias.Alias;
import org.domainchat.archive.ArchivedMessage;
import org.domainchat.archive.MessageCapture;
import org.domainchat.db.ConnectionSource;
import org.domainchat.directory.ContactRoster;
import org.domainchat.directory.DirectoryUser;
import org.domainchat.directory.DomainDirectory;
import org.domainchat.search.SearchOutcome;
import org.domainchat.search.SearchRequest;
import org.domainchat.testing.Chats;
import org.domainchat.testing.TestDatabase;
import org.domainchat.testing.TestEnvironment;
import org.domainchat.testing.Waits;
import org.domainchat.webmail.live.ContactStatuses;
import org.domainchat.webmail.live.FakeLinks;
import org.domainchat.webmail.live.LiveSettings;
import org.domainchat.webmail.live.MemoryStatus;
import org.domainchat.webmail.live.WebmailLive;
import org.domainchat.unread.ReadMarkerStore;
import org.domainchat.unread.ReadMarkers;
import org.domainchat.webmail.live.WebmailStatus;
import org.eclipse.jetty.ee8.servlet.ServletContextHandler;
import org.eclipse.jetty.ee8.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.json.JSONObject;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;

/**
 * A real core on in-memory HSQLDB, the webmail API mounted as the adapter will mount it (a Jetty 12 ee8
 * {@link ServletContextHandler} at {@link WebmailApi#BASE_PATH}), and a real HTTP client. The clock of both is a
 * number the tests move, so expiry, rate limits and conversation gaps are tested without waiting. Accounts: alice, bob, carol, dave
 * (password {@code <name>-pw}) and the administrator boss ({@code boss-pw}), all on example.com. The contacts are a
 * real directory (boss hidden, as admins usually are), the core's real alias book, real read markers in the same
 * database, and plain objects for who is online and vCards; one Openfire group,
 * "Sales staff" (carol), for aliases that follow a group.
 */
final class WebmailFixture implements AutoCloseable {

    static final String SECRET = "test-secret-0123456789-abcdefghijklmnopqrstuvwxyz";
    static final String ORIGIN = "https://mail.example.com";

    final TestDatabase db;
    final DomainChat core;
    final Accounts accounts = new Accounts();
    final TestSettings settings = new TestSettings();
    final AtomicLong now = new AtomicLong(System.currentTimeMillis());
    /** Openfire's groups as the alias book sees them; tests may change them while the API runs. */
    final Map<String, Set<String>> groups = new ConcurrentHashMap<>(Map.of("Sales staff", Set.of("carol")));
    final WebmailApi api;
    final Server server;
    final URI base;
    final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
    volatile boolean activated = true;
    final FakeLinks links = new FakeLinks();
    final MemoryStatus memory = new MemoryStatus();
    final LiveSettings.Fixed liveSettings = new LiveSettings.Fixed(Duration.ofMinutes(2), 50, 100);
    final WebmailLive live;
    /** The directory the contacts read; tests replace it (e.g. with 10,000 accounts) in one go. */
    final AtomicReference<DomainDirectory> directory = new AtomicReference<>(new DomainDirectory(List.of(
            new DirectoryUser("alice", "Alice Archer"), new DirectoryUser("bob", "Bob Baker"),
            new DirectoryUser("carol", "Carol Chen"), new DirectoryUser("dave", "Dave Dietrich"),
            new DirectoryUser("boss", "The Boss")), Set.of("boss")));
    final TestOnline online = new TestOnline();
    final Map<String, ContactCards.Card> cards = new ConcurrentHashMap<>();
    /** What the read listener heard: {@code "<user> <with> <upTo>"}. */
    final List<String> readEvents = new CopyOnWriteArrayList<>();
    /** While true, the contacts are not available (the domain contacts have not started). */
    volatile boolean contactsDown;
    /** While true, database connections taken by Jetty's threads (the API's own queries) fail. */
    volatile boolean failApiQueries;
    private final List<ArchivedMessage> archived = new ArrayList<>();

    WebmailFixture(Path data) throws Exception {
        this(data, router -> {
        }, UnaryOperator.identity());
    }

    /**
     * @param extraRoutes routes only the test adds (to reach access levels and limits no endpoint uses yet)
     * @param archiveView wraps the real archive port, e.g. to make search unavailable
     */
    WebmailFixture(Path data, Consumer<Router> extraRoutes, UnaryOperator<ChatArchive> archiveView) throws Exception {
        this(data, extraRoutes, archiveView, 0);
    }

    /** @param maxThreads the HTTP server's worker threads at most, as Openfire's pool is bounded; 0: Jetty's default */
    WebmailFixture(Path data, Consumer<Router> extraRoutes, UnaryOperator<ChatArchive> archiveView, int maxThreads)
            throws Exception {
        db = TestDatabase.create(TestDatabase.Kind.HSQLDB);
        DomainChat started = null;
        Server jetty = null;
        try {
            ConnectionSource real = db.connections();
            ConnectionSource wrapped = () -> {
                if (failApiQueries && Thread.currentThread().getName().startsWith("qtp")) {
                    throw new SQLException("test: the database is down at jdbc:secret-host");
                }
                return real.getConnection();
            };
            // One clock for the archive and the API, so tests can space conversations out as well as expire tokens.
            started = DomainChat.start(new TestEnvironment(wrapped, data, Settings.Fixed.defaults(), now::get,
                    "alice", "bob", "carol", "dave", "boss").withGroups(g -> Optional.ofNullable(groups.get(g))));
            live = new WebmailLive(links, memory, new ContactStatuses(online, started.aliases()::view,
                    TestEnvironment.DOMAIN), started.aliases()::isAlias, TestEnvironment.DOMAIN, liveSettings, now::get);
            ContactRoster roster = new ContactRoster(() -> directory.get().snapshot(), started.aliases()::view,
                    TestEnvironment.DOMAIN, () -> TestEnvironment.DOMAIN, () -> "Aliases");
            Contacts contacts = new Contacts(() -> contactsDown ? Optional.empty() : Optional.of(roster), online,
                    live::chosenStatus, new ReadMarkers(new ReadMarkerStore(wrapped), now::get,
                    (user, with, upTo) -> readEvents.add(user + " " + with + " " + upTo)),
                    username -> Optional.ofNullable(cards.get(username)));
            api = new WebmailApi(new WebmailApi.Ports(archiveView.apply(ChatArchive.of(started)), accounts, accounts,
                    () -> activated, live, contacts, new AliasAdmin(started.aliases(), accounts::exists)), settings,
                    now::get, extraRoutes);
            jetty = maxThreads > 0 ? new Server(new QueuedThreadPool(maxThreads)) : new Server();
            ServerConnector connector = new ServerConnector(jetty);
            connector.setHost("127.0.0.1");
            connector.setPort(0);
            jetty.addConnector(connector);
            // Exactly what the adapter will register with HttpBindManager.addJettyHandler.
            ServletContextHandler context = new ServletContextHandler(ServletContextHandler.NO_SESSIONS);
            context.setContextPath(WebmailApi.BASE_PATH);
            context.addServlet(new ServletHolder(api.servlet()), "/*");
            jetty.setHandler(context);
            jetty.start();
            api.start();
            base = URI.create("http://127.0.0.1:" + connector.getLocalPort() + WebmailApi.BASE_PATH);
        } catch (Exception | Error e) {
            if (jetty != null) {
                jetty.stop();
            }
            if (started != null) {
                started.close();
            }
            db.close();
            throw e;
        }
        core = started;
        server = jetty;
    }

    // ---- archive ----

    /** Archives a chat between two users of example.com as their client would send it. */
    ArchivedMessage archive(String from, String to, String body) throws Exception {
        return archive(Chats.chat(Chats.at(from) + "/desk", Chats.at(to), body));
    }

    /** Archives a stanza as a client of example.com sent it (e.g. with extensions such as out-of-band data). */
    ArchivedMessage archive(Message message) throws Exception {
        ArchivedMessage m = core.archiver().archive(message, MessageCapture.Source.CLIENT)
                .orElseThrow(() -> new AssertionError("not archived: " + message.toXML()));
        archived.add(m);
        return m;
    }

    /**
     * Archives what {@code writer} wrote to a chat alias, as the alias router does: {@code to} is the alias's
     * address, or {@code alias/<username>} for a reply in that person's thread.
     */
    ArchivedMessage archiveToAlias(String writer, String to, Message message) throws Exception {
        message.setFrom(new JID(Chats.at(writer) + "/desk"));
        message.setTo(new JID(to));
        ArchivedMessage m = core.archiver().archiveViaAlias(message, message.getFrom())
                .orElseThrow(() -> new AssertionError("not archived: " + message.toXML()));
        archived.add(m);
        return m;
    }

    /**
     * Archives a line written to a chat alias as alias routing does: to {@code alias/<resource>} when it answers
     * someone, else to the alias itself.
     */
    ArchivedMessage archiveViaAlias(String writer, String alias, String resource, String body) throws Exception {
        String to = Chats.at(alias) + (resource == null ? "" : "/" + resource);
        ArchivedMessage m = core.archiver().archiveViaAlias(Chats.chat(Chats.at(writer) + "/desk", to, body),
                new JID(Chats.at(writer) + "/desk")).orElseThrow(() -> new AssertionError("not archived: " + body));
        archived.add(m);
        return m;
    }

    /** Saves a chat alias in the core's real alias book. */
    void alias(String name, String displayName, Alias.Visibility visibility, boolean enabled, String... members)
            throws Exception {
        core.aliases().save(new Alias(name, displayName, Set.of(members), null, enabled, visibility, false),
                accounts::exists);
    }

    /** Waits (up to 10 s) until every archived message is in the database and searchable. */
    void awaitArchived() {
        long last = archived.get(archived.size() - 1).id();
        Waits.until(Duration.ofSeconds(10), "message " + last + " stored and indexed",
                () -> core.archive().status().lastStoredId() >= last && core.index().status().watermark() >= last);
        Waits.until(Duration.ofSeconds(10), archived.size() + " messages searchable", () -> {
            SearchOutcome outcome = core.search().searchAll(new SearchRequest(null, null, null, null,
                    SearchRequest.Order.NEWEST, null, 1));
            return outcome instanceof SearchOutcome.Page page && page.totalHits() == archived.size();
        });
    }

    // ---- HTTP ----

    HttpRequest.Builder request(String pathAndQuery) {
        return HttpRequest.newBuilder(URI.create(base + pathAndQuery)).timeout(Duration.ofSeconds(20));
    }

    HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String pathAndQuery, String bearer) throws IOException, InterruptedException {
        return send(request(pathAndQuery).header("Authorization", "Bearer " + bearer).GET());
    }

    HttpResponse<String> postJson(String path, String json) throws IOException, InterruptedException {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    HttpResponse<String> postJson(String path, String json, String bearer) throws IOException, InterruptedException {
        return send(request(path).header("Content-Type", "application/json").header("Authorization", "Bearer " + bearer)
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    HttpResponse<String> login(String username, String password) throws IOException, InterruptedException {
        return postJson("/session", new JSONObject().put("username", username).put("password", password)
                .toString());
    }

    /** A fresh session token of {@code user}, logged in with the user's password. */
    String session(String user) throws IOException, InterruptedException {
        HttpResponse<String> r = login(user, user + "-pw");
        assertEquals(201, r.statusCode(), r.body());
        return json(r).getString("token");
    }

    static String basic(String username, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((username + ":" + password)
                .getBytes(StandardCharsets.UTF_8));
    }

    static JSONObject json(HttpResponse<String> response) {
        return new JSONObject(response.body());
    }

    /** Asserts the API's error format: status, {@code {"error": {"code", "message"}}}, JSON content type. */
    static JSONObject assertError(HttpResponse<String> response, int status, String code) {
        assertEquals(status, response.statusCode(), response.body());
        assertEquals("application/json;charset=utf-8", response.headers().firstValue("Content-Type").orElse("")
                .replace(" ", "").toLowerCase());
        JSONObject body = json(response);
        assertEquals(Set.of("error"), body.keySet(), response.body());
        JSONObject error = body.getJSONObject("error");
        assertEquals(Set.of("code", "message"), error.keySet(), response.body());
        assertEquals(code, error.getString("code"), response.body());
        if (error.getString("message").isBlank()) {
            throw new AssertionError("an error without a message: " + response.body());
        }
        return error;
    }

    /**
     * Asserts a search problem: the error format with the code and, when the problem is one place of the search text,
     * its {@code position} (from 1); {@code position} 0 means the answer must not have one.
     */
    static JSONObject assertSearchError(HttpResponse<String> response, String code, int position) {
        assertEquals(400, response.statusCode(), response.body());
        JSONObject error = json(response).getJSONObject("error");
        assertEquals(position > 0 ? Set.of("code", "message", "position") : Set.of("code", "message"),
                error.keySet(), response.body());
        assertEquals(code, error.getString("code"), response.body());
        if (position > 0) {
            assertEquals(position, error.getInt("position"), response.body());
            if (!error.getString("message").contains("position " + position)) {
                throw new AssertionError("the message does not say where: " + response.body());
            }
        }
        return error;
    }

    // ---- backend tokens ----

    /** A backend token for {@code subject} as the webmail would sign it: HS256, aud, iat now, exp in 5 minutes. */
    String backendToken(String subject) throws Exception {
        return backendToken(subject, claims -> {
        });
    }

    String backendToken(String subject, Consumer<JWTClaimsSet.Builder> tweak) throws Exception {
        return sign(SECRET, claims(subject, tweak));
    }

    JWTClaimsSet claims(String subject, Consumer<JWTClaimsSet.Builder> tweak) {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .subject(subject)
                .audience("domainchat")
                .issueTime(new Date(now.get()))
                .expirationTime(new Date(now.get() + 5 * 60_000));
        tweak.accept(claims);
        return claims.build();
    }

    static String sign(String secret, JWTClaimsSet claims) throws Exception {
        return sign(secret, claims, null);
    }

    static String sign(String secret, JWTClaimsSet claims, JOSEObjectType type) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(type).build(), claims);
        jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
        return jwt.serialize();
    }

    /** HS256 by hand, for keys too short for Nimbus to sign with (it refuses them, as the server must). */
    static String hs256ByHand(String secret, JWTClaimsSet claims) throws Exception {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String signingInput = b64.encodeToString("{\"alg\":\"HS256\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(claims.toString().getBytes(StandardCharsets.UTF_8));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return signingInput + "." + b64.encodeToString(mac.doFinal(signingInput.getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public void close() throws Exception {
        try {
            api.stop();
            server.stop();
        } finally {
            try {
                core.close();
            } finally {
                db.close();
            }
        }
    }

    /** The accounts of example.com: a directory and a password check, as the adapter will provide them. */
    static final class Accounts implements UserDirectory, CredentialCheck {
        final Map<String, String> passwords = new ConcurrentHashMap<>(Map.of(
                "alice", "alice-pw", "bob", "bob-pw", "carol", "carol-pw", "dave", "dave-pw", "boss", "boss-pw"));
        final Set<String> admins = ConcurrentHashMap.newKeySet();
        /** Accounts locked out, as Openfire's LockOutManager would say. */
        final Set<String> disabled = ConcurrentHashMap.newKeySet();
        final List<String> checked = new java.util.concurrent.CopyOnWriteArrayList<>();
        volatile boolean backendDown;

        Accounts() {
            admins.add("boss");
        }

        @Override
        public String domain() {
            return TestEnvironment.DOMAIN;
        }

        @Override
        public boolean exists(String username) {
            return passwords.containsKey(username);
        }

        @Override
        public boolean isAdmin(String username) {
            return admins.contains(username);
        }

        @Override
        public boolean isDisabled(String username) {
            return disabled.contains(username);
        }

        @Override
        public Result check(String username, String password) throws Unavailable {
            checked.add(username);
            if (backendDown) {
                throw new Unavailable("test: the LDAP server is down", null);
            }
            String expected = passwords.get(username);
            if (expected == null) {
                return Result.UNKNOWN_USER;
            }
            return expected.equals(password) ? Result.OK : Result.BAD_PASSWORD;
        }
    }

    /** Settings the tests change while the API runs, as an admin would. */
    static final class TestSettings implements WebmailSettings {
        volatile String secret = SECRET;
        volatile String audience = "domainchat";
        volatile Duration tokenMaxLifetime = Duration.ofMinutes(10);
        volatile List<String> allowedOrigins = List.of(ORIGIN);
        volatile int sendRatePerMinute = 60;
        volatile int maxBodyBytes = 4096;
        volatile Duration sessionIdle = Duration.ofMinutes(30);
        volatile Duration sessionMaxAge = Duration.ofHours(12);
        volatile int maxSessions = 1000;
        volatile int loginFailuresPerUser = 5;
        volatile int loginFailuresPerAddress = 30;
        volatile int maxStreamsPerUser = WebmailSettings.DEFAULT_STREAMS_PER_USER;
        volatile int maxTicketsPerUser = WebmailSettings.DEFAULT_TICKETS_PER_USER;
        volatile int streamBacklogBytes = WebmailSettings.DEFAULT_STREAM_BACKLOG_BYTES;
        volatile Duration bodyTimeout = WebmailSettings.DEFAULT_BODY_TIMEOUT;
        volatile int maxBodiesPerAddress = 1000; // the tests call from one address

        @Override
        public String secret() {
            return secret;
        }

        @Override
        public String audience() {
            return audience;
        }

        @Override
        public Duration tokenMaxLifetime() {
            return tokenMaxLifetime;
        }

        @Override
        public List<String> allowedOrigins() {
            return allowedOrigins;
        }

        @Override
        public int sendRatePerMinute() {
            return sendRatePerMinute;
        }

        @Override
        public int maxBodyBytes() {
            return maxBodyBytes;
        }

        @Override
        public Duration sessionIdle() {
            return sessionIdle;
        }

        @Override
        public Duration sessionMaxAge() {
            return sessionMaxAge;
        }

        @Override
        public int maxSessions() {
            return maxSessions;
        }

        @Override
        public int loginFailuresPerUser() {
            return loginFailuresPerUser;
        }

        @Override
        public int loginFailuresPerAddress() {
            return loginFailuresPerAddress;
        }

        @Override
        public int maxStreamsPerUser() {
            return maxStreamsPerUser;
        }

        @Override
        public int maxTicketsPerUser() {
            return maxTicketsPerUser;
        }

        @Override
        public int streamBacklogBytes() {
            return streamBacklogBytes;
        }

        @Override
        public Duration bodyTimeout() {
            return bodyTimeout;
        }

        @Override
        public int maxBodiesPerAddress() {
            return maxBodiesPerAddress;
        }
    }
}
