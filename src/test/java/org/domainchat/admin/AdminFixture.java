package org.domainchat.admin;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;

import org.domainchat.DomainChat;
import org.domainchat.Settings;
import org.domainchat.archive.ArchivedMessage;
import org.domainchat.archive.MessageCapture;
import org.domainchat.db.ConnectionSource;
import org.domainchat.search.SearchOutcome;
import org.domainchat.search.SearchRequest;
import org.domainchat.testing.Chats;
import org.domainchat.testing.TestDatabase;
import org.domainchat.testing.TestEnvironment;
import org.domainchat.testing.Waits;

/**
 * A real core on in-memory HSQLDB behind a real Jetty 12 (ee8) serving both archive pages at Openfire's paths
 * ({@link TestConsole}), and an HTTP client that keeps its session cookie like a browser.
 */
final class AdminFixture implements AutoCloseable {

    final TestDatabase db;
    final DomainChat core;
    final FakeContext context;
    final TestConsole console;
    final URI base;
    private final List<ArchivedMessage> archived = new ArrayList<>();
    /** While positive, every connection the search indexer takes is this many ms slow (to watch a rebuild run). */
    volatile long indexerDelayMillis;
    /** While true, connections taken by Jetty's threads (the pages' own queries) fail. */
    volatile boolean failPageQueries;

    AdminFixture(Path dataDirectory) throws Exception {
        this(dataDirectory, true);
    }

    AdminFixture(Path dataDirectory, boolean journalFsync) throws Exception {
        db = TestDatabase.create(TestDatabase.Kind.HSQLDB);
        DomainChat started = null;
        TestConsole startedConsole = null;
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
            Settings.Fixed d = Settings.Fixed.defaults();
            started = DomainChat.start(new TestEnvironment(wrapped, dataDirectory,
                    new Settings.Fixed(d.conversationIdleMillis(), d.maxBodyBytes(), journalFsync, d.queueCapacity()),
                    System::currentTimeMillis, "alice", "bob", "carol", "dave"));
            context = new FakeContext(started);
            Map<String, HttpServlet> pages = new LinkedHashMap<>();
            pages.put("archive-status", new ArchiveStatusServlet(context));
            pages.put("archive-search", new ArchiveSearchServlet(context));
            startedConsole = TestConsole.start(pages);
        } catch (Exception | Error e) {
            if (started != null) {
                started.close();
            }
            db.close();
            throw e;
        }
        core = started;
        console = startedConsole;
        base = console.base;
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
        return console.get(pathAndQuery);
    }

    HttpResponse<String> post(String path, Map<String, String> form) throws IOException, InterruptedException {
        return console.post(path, form);
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
            console.close();
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
        /** Domain chat's admin port; null (not running) unless a test sets it. */
        volatile ContactsAdmin contacts;

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
            return contacts;
        }
    }
}
