package org.domainchat.admin;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.servlet.DispatcherType;
import javax.servlet.Filter;
import javax.servlet.http.HttpServletRequest;

import org.domainchat.DomainChat;
import org.domainchat.archive.ArchivedMessage;
import org.domainchat.archive.MessageCapture;
import org.domainchat.db.ConnectionSource;
import org.domainchat.search.SearchOutcome;
import org.domainchat.search.SearchRequest;
import org.domainchat.testing.Chats;
import org.domainchat.testing.TestDatabase;
import org.domainchat.testing.TestEnvironment;
import org.domainchat.testing.Waits;
import org.eclipse.jetty.ee8.servlet.FilterHolder;
import org.eclipse.jetty.ee8.servlet.ServletContextHandler;
import org.eclipse.jetty.ee8.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * A real core on in-memory HSQLDB behind a real Jetty 12 (ee8) serving both admin pages at Openfire's paths, and an
 * HTTP client that keeps its session cookie like a browser.
 */
final class AdminFixture implements AutoCloseable {

    static final String CONTEXT = "/plugins/domainchat";
    /** What the test filter puts where Openfire's PluginServlet puts its CSRF token; it needs escaping. */
    static final String OPENFIRE_CSRF = "of\"<token>&";

    final TestDatabase db;
    final DomainChat core;
    final FakeContext context;
    final Server server;
    final HttpClient client;
    final URI base;
    private final List<ArchivedMessage> archived = new ArrayList<>();
    /** While positive, every connection the search indexer takes is this many ms slow (to watch a rebuild run). */
    volatile long indexerDelayMillis;
    /** While true, connections taken by Jetty's threads (the pages' own queries) fail. */
    volatile boolean failPageQueries;

    AdminFixture(Path dataDirectory) throws Exception {
        db = TestDatabase.create(TestDatabase.Kind.HSQLDB);
        DomainChat started = null;
        Server jetty = null;
        try {
            ConnectionSource real = db.connections();
            ConnectionSource wrapped = () -> {
                String thread = Thread.currentThread().getName();
                long delay = indexerDelayMillis;
                if (delay > 0 && thread.equals("domainchat-indexer")) {
                    try {
                        Thread.sleep(delay);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                if (failPageQueries && thread.startsWith("qtp")) {
                    throw new SQLException("test: the database is down <b>");
                }
                return real.getConnection();
            };
            started = DomainChat.start(new TestEnvironment(wrapped, dataDirectory,
                    "alice", "bob", "carol", "dave"));
            context = new FakeContext(started);
            jetty = new Server();
            ServerConnector connector = new ServerConnector(jetty);
            connector.setHost("127.0.0.1");
            connector.setPort(0);
            jetty.addConnector(connector);
            ServletContextHandler handler = new ServletContextHandler(ServletContextHandler.SESSIONS);
            handler.setContextPath(CONTEXT);
            Filter openfireCsrf = (request, response, chain) -> {
                request.setAttribute("csrf", OPENFIRE_CSRF);
                chain.doFilter(request, response);
            };
            handler.addFilter(new FilterHolder(openfireCsrf), "/*", EnumSet.of(DispatcherType.REQUEST));
            handler.addServlet(new ServletHolder(new ArchiveStatusServlet(context)), "/archive-status");
            handler.addServlet(new ServletHolder(new ArchiveSearchServlet(context)), "/archive-search");
            jetty.setHandler(handler);
            jetty.start();
            base = URI.create("http://127.0.0.1:" + connector.getLocalPort() + CONTEXT + "/");
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
        CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
        client = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** Archives a chat between two users of example.com as a client would send it. */
    ArchivedMessage archive(String from, String to, String body) throws Exception {
        ArchivedMessage m = core.archiver().archive(Chats.chat(Chats.at(from) + "/desk", Chats.at(to), body),
                MessageCapture.Source.CLIENT).orElseThrow(() -> new AssertionError("not archived: " + body));
        archived.add(m);
        return m;
    }

    /** Waits (up to 5 s) until every archived message is searchable. */
    void awaitSearchable() {
        int expected = archived.size();
        Waits.until(Duration.ofSeconds(5), expected + " messages searchable", () -> {
            SearchOutcome outcome = core.search().searchAll(new SearchRequest(null, null, null, null,
                    SearchRequest.Order.NEWEST, null, 1));
            return outcome instanceof SearchOutcome.Page page && page.totalHits() == expected;
        });
    }

    int archivedCount() {
        return archived.size();
    }

    HttpResponse<String> get(String pathAndQuery) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(base.resolve(pathAndQuery)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, Map<String, String> form) throws IOException, InterruptedException {
        StringJoiner body = new StringJoiner("&");
        form.forEach((k, v) -> body.add(URLEncoder.encode(k, StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return client.send(HttpRequest.newBuilder(base.resolve(path))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The domainchat form token from a page. */
    static String formToken(String html) {
        Matcher m = Pattern.compile("name=\"domainchat_csrf\" value=\"([^\"]*)\"").matcher(html);
        if (!m.find()) {
            throw new AssertionError("no domainchat_csrf field in:\n" + html);
        }
        return m.group(1);
    }

    /** The (HTML-unescaped) href of the link with {@code id}, or null. */
    static String linkById(String html, String id) {
        Matcher m = Pattern.compile("<a id=\"" + Pattern.quote(id) + "\" href=\"([^\"]*)\"").matcher(html);
        return m.find() ? unescape(m.group(1)) : null;
    }

    static String unescape(String html) {
        return html.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'")
                .replace("&amp;", "&");
    }

    static int count(String haystack, String needle) {
        int n = 0;
        for (int i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + needle.length())) {
            n++;
        }
        return n;
    }

    @Override
    public void close() throws Exception {
        try {
            server.stop();
        } finally {
            try {
                core.close();
            } finally {
                db.close();
            }
        }
    }

    /** What Openfire's adapter provides, with switches for the tests; records every idle gap it is given. */
    static final class FakeContext implements AdminContext {
        volatile DomainChat core;
        volatile boolean admin = true;
        volatile Locale locale = Locale.ENGLISH;
        volatile Duration idleGap = Duration.ofMinutes(30);
        /** When set, {@link #idleGap()} throws it, as a broken Openfire property would. */
        volatile RuntimeException failure;
        final List<Duration> stored = new java.util.concurrent.CopyOnWriteArrayList<>();

        FakeContext(DomainChat core) {
            this.core = core;
        }

        @Override
        public DomainChat core() {
            return core;
        }

        @Override
        public boolean isAdmin(HttpServletRequest request) {
            return admin;
        }

        @Override
        public Locale locale() {
            return locale;
        }

        @Override
        public Duration idleGap() {
            RuntimeException f = failure;
            if (f != null) {
                throw f;
            }
            return idleGap;
        }

        @Override
        public void setIdleGap(Duration gap) {
            stored.add(gap);
            idleGap = gap;
        }

        @Override
        public ContactsAdmin contacts() {
            return null; // the archive pages do not use it
        }
    }
}
