package org.domainchat.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.domainchat.directory.DirectoryUser;
import org.domainchat.webchat.Browser;
import org.domainchat.webchat.ChatServer;
import org.json.JSONObject;

/**
 * The web chat in Debian's headless Chromium against the real API, core and files (the browser tests' server):
 * <ol>
 *   <li>from opening the panel to a usable contact list (the panel's {@code domainchat:contacts} mark, measured
 *       from navigation start), with 1,000 and 10,000 colleagues;</li>
 *   <li>from an incoming message (the server archives and delivers it) to its line in the open chat window.</li>
 * </ol>
 * Each beside a raw limit measured in the same run, as a ratio: a bare page of the same origin that fetches the
 * same first page of contacts with the same token and lists the names; and a bare page that reads the same event
 * stream and appends each message's text, loaded in turn in the same window and sent the same messages the same
 * way. Prints figures, never passes or fails.
 */
public final class WebchatBenchmark {

    private static final int LOADS = 40;
    private static final int MESSAGES = 300;

    public static void main(String[] args) throws Exception {
        Path temp = Files.createTempDirectory("webchat-bench");
        RawPages raw = new RawPages();
        try (ChatServer server = new ChatServer(temp.resolve("data"), raw);
             Browser browser = Browser.startOrSkip(temp.resolve("profile"), "en-US")) {
            String token = session(server.base, "alice");
            System.out.printf("Web chat benchmark: headless Chromium %s, %d loads per figure, %d messages%n",
                    browser.driver.getCapabilities().getBrowserVersion(), LOADS, MESSAGES);
            for (int users : new int[] {1_000, 10_000}) {
                server.directory(domain(users));
                double[] panel = new double[LOADS];
                double[] bare = new double[LOADS];
                browser.driver.get(server.page().toString());
                browser.js("sessionStorage.setItem('domainchat.session', arguments[0])", token);
                for (int i = -5; i < LOADS; i++) { // five rounds to warm both sides up
                    double p = load(browser, server.page().toString(), "domainchat:contacts");
                    double r = load(browser, server.base.resolve("/webmail/contacts.html").toString(), "raw:contacts");
                    if (i >= 0) {
                        panel[i] = p;
                        bare[i] = r;
                    }
                }
                print("Open → usable contact list, " + String.format("%,d", users) + " users", panel, bare);
            }
            messages(server, browser, token);
        }
    }

    /** Loads a page and returns when (ms after navigation start) it set its mark. */
    private static double load(Browser browser, String url, String mark) {
        browser.driver.get(url);
        return ((Number) browser.until(mark, d -> browser.js("const m = performance.getEntriesByName(arguments[0]);"
                + " return m.length ? m[0].startTime : null", mark))).doubleValue();
    }

    private static void messages(ChatServer server, Browser browser, String token) throws Exception {
        server.directory(domain(1_000));
        // Notes when each message event reaches the page, before any of its listeners run: splits the figure into
        // the way to the browser and the page's own work.
        browser.driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", java.util.Map.of("source",
                "window.received = {}; const add = EventSource.prototype.addEventListener; "
                + "EventSource.prototype.addEventListener = function (type, listener, options) { "
                + "if (type !== 'message') return add.call(this, type, listener, options); "
                + "return add.call(this, type, e => { const m = /\\\"bench (\\d+)\\\"/.exec(e.data); "
                + "if (m && !(m[1] in window.received)) window.received[m[1]] = performance.timeOrigin + "
                + "performance.now(); return listener.call(this, e); }, options); };"));
        browser.driver.get(server.page().toString());
        browser.js("sessionStorage.setItem('domainchat.session', arguments[0])", token);
        double[] panel = null;
        double[] own = null;
        double[] bare = null;
        double[] rawOwn = null;
        // Two rounds of both; the first warms up the server, the browser and both pages alike.
        for (int round = 1; round <= 2; round++) {
            openChat(browser, server);
            watch(browser, ".dc-log");
            panel = deliver(server, browser, round * 10_000);
            own = ownWork(browser, round * 10_000);
            // The raw page in the same window, alone, so that neither page waits behind the other.
            browser.driver.get(server.base.resolve("/webmail/events.html").toString());
            browser.until("the raw stream", d -> browser.js("return window.rawOpen === true ? true : null"));
            watch(browser, "#log");
            bare = deliver(server, browser, round * 10_000 + 5_000);
            rawOwn = ownWork(browser, round * 10_000 + 5_000);
        }
        print("Incoming message → its line on screen", panel, bare);
        print("  of which: event received → line (page's work)", own, rawOwn);
    }

    /** The panel with alice's chat with bob open. */
    private static void openChat(Browser browser, ChatServer server) {
        browser.driver.get(server.page().toString());
        browser.until("the panel's stream", d -> "open".equals(browser.js(
                "return document.querySelector('.dc-panel').getAttribute('data-stream')")));
        browser.js("document.querySelector(\".dc-contact[data-jid='bob@example.com']\").click();");
        browser.until("the details", d -> browser.js("return document.querySelector('.dc-startchat')") != null);
        browser.js("document.querySelector('.dc-startchat').click()");
        browser.until("the chat window with its history", d -> browser.js("return document.querySelector('.dc-chat')"
                + ".hidden || document.querySelector('.dc-log').hasAttribute('aria-busy') ? null : true"));
    }

    /** Sends the messages from bob's desk client, paced, and returns each one's time to its line in the page. */
    private static double[] deliver(ChatServer server, Browser browser, int first) throws Exception {
        double[] sentAt = new double[MESSAGES + 50];
        for (int i = 0; i < sentAt.length; i++) { // the first 50 warm up
            sentAt[i] = nowMillis();
            server.fromDesk("bob", "alice", "bench " + (first + i));
            Thread.sleep(20);
        }
        return seen(browser, sentAt, first);
    }

    /** Records, in the page, when each "bench <n>" line was added under {@code selector} (epoch ms, fractional). */
    private static void watch(Browser browser, String selector) {
        browser.js("window.seen = {}; new MutationObserver(records => { const at = performance.timeOrigin + "
                + "performance.now(); for (const r of records) for (const n of r.addedNodes) { const m = "
                + "/bench (\\d+)$/.exec(n.textContent || ''); if (m && !(m[1] in window.seen)) window.seen[m[1]] = at; "
                + "} }).observe(document.querySelector(arguments[0]), {childList: true, subtree: true});", selector);
    }

    private static double[] seen(Browser browser, double[] sentAt, int first) {
        int total = sentAt.length;
        browser.until("all " + total + " lines", d -> ((Number) browser.js("return Object.keys(window.seen).length"))
                .intValue() >= total ? true : null);
        double[] out = new double[total - 50];
        for (int i = 50; i < total; i++) {
            out[i - 50] = ((Number) browser.js("return window.seen[arguments[0]]", Integer.toString(first + i)))
                    .doubleValue() - sentAt[i];
        }
        return out;
    }

    /** Per message: from the event's arrival in the page to its line (the page's own work). */
    private static double[] ownWork(Browser browser, int first) {
        double[] out = new double[MESSAGES];
        for (int i = 50; i < MESSAGES + 50; i++) {
            String n = Integer.toString(first + i);
            out[i - 50] = ((Number) browser.js("return window.seen[arguments[0]] - window.received[arguments[0]]", n))
                    .doubleValue();
        }
        return out;
    }

    private static double nowMillis() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1000.0 + now.getNano() / 1_000_000.0;
    }

    private static void print(String what, double[] panel, double[] bare) {
        double p50 = percentile(panel, 50);
        double p99 = percentile(panel, 99);
        double r50 = percentile(bare, 50);
        double r99 = percentile(bare, 99);
        System.out.printf("%-48s panel p50 %7.1f ms  p99 %7.1f ms | raw p50 %7.1f ms  p99 %7.1f ms | ratio p50 "
                + "%.2f×, p99 %.2f×%n", what, p50, p99, r50, r99, p50 / r50, p99 / r99);
    }

    private static double percentile(double[] values, int p) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static List<DirectoryUser> domain(int size) {
        List<DirectoryUser> users = new ArrayList<>();
        users.add(new DirectoryUser("alice", "Alice Archer"));
        users.add(new DirectoryUser("bob", "Bob Baker")); // an account of the archive's: who writes to alice
        for (int i = 0; i < size; i++) {
            users.add(new DirectoryUser(String.format("u%05d", i), "Colleague " + String.format("%05d", i)));
        }
        return users;
    }

    private static String session(URI base, String user) throws IOException, InterruptedException {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(base.resolve(
                "/domainchat/api/v1/session")).header("Content-Type", "application/json").POST(
                HttpRequest.BodyPublishers.ofString(new JSONObject().put("username", user)
                        .put("password", user + "-pw").toString())).build(), HttpResponse.BodyHandlers.ofString());
        return new JSONObject(r.body()).getString("token");
    }

    /** The raw limits: bare pages of the same origin doing only the essential work, with the same token. */
    static final class RawPages extends HttpServlet {
        private static final long serialVersionUID = 1L;

        private static final String CONTACTS = "<!DOCTYPE html><meta charset=utf-8><title>raw</title><ul id=l></ul>"
                + "<script src=contacts.js></script>";
        private static final String CONTACTS_JS = "fetch('/domainchat/api/v1/contacts?limit=100', {headers: "
                + "{Authorization: 'Bearer ' + sessionStorage.getItem('domainchat.session')}}).then(r => r.json())"
                + ".then(d => { const l = document.getElementById('l'); for (const c of d.contacts) { const li = "
                + "document.createElement('li'); li.textContent = c.name; l.appendChild(li); } "
                + "performance.mark('raw:contacts'); });";
        private static final String EVENTS = "<!DOCTYPE html><meta charset=utf-8><title>raw</title><ol id=log></ol>"
                + "<script src=events.js></script>";
        private static final String EVENTS_JS = "fetch('/domainchat/api/v1/events/ticket', {method: 'POST', headers:"
                + " {Authorization: 'Bearer ' + sessionStorage.getItem('domainchat.session')}}).then(r => r.json())"
                + ".then(t => { const es = new EventSource('/domainchat/api/v1/events?ticket=' + t.ticket); "
                + "es.onopen = () => { window.rawOpen = true; }; es.addEventListener('message', e => { const d = "
                + "JSON.parse(e.data); const li = document.createElement('li'); li.textContent = d.body; "
                + "document.getElementById('log').appendChild(li); }); });";

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            String path = request.getPathInfo();
            String body = switch (path == null ? "" : path) {
                case "/contacts.html" -> CONTACTS;
                case "/contacts.js" -> CONTACTS_JS;
                case "/events.html" -> EVENTS;
                case "/events.js" -> EVENTS_JS;
                default -> null;
            };
            if (body == null) {
                response.sendError(404);
                return;
            }
            response.setContentType(path.endsWith(".js") ? "text/javascript;charset=utf-8" : "text/html;charset=utf-8");
            response.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
        }
    }
}
