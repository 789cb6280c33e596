package org.domainchat.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.domainchat.archive.ArchivedMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArchiveSearchServletTest {

    private static final Pattern HIT_SNIPPET = Pattern.compile("<td class=\"snippet\">(.*?)</td>");
    private static final Pattern CONVERSATION_LINK = Pattern.compile("href=\"archive-search\\?conversation=(\\d+)\"");

    @TempDir
    Path data;

    private AdminFixture fx;
    private ArchivedMessage first;

    @BeforeEach
    void start() throws Exception {
        fx = new AdminFixture(data);
        first = fx.archive("alice", "bob", "hello bob, the quarterly report is ready");
        fx.archive("bob", "alice", "thanks alice, I'll read the report");
        fx.archive("alice", "carol", "lunch at noon?");
        fx.archive("carol", "alice", "<script>alert(1)</script> sure");
        for (int i = 1; i <= 30; i++) {
            fx.archive("dave", "bob", "pager line " + i);
        }
        fx.awaitSearchable();
    }

    @AfterEach
    void stop() throws Exception {
        if (fx != null) {
            fx.close();
        }
    }

    private static String q(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static Set<String> snippets(String html) {
        Set<String> out = new HashSet<>();
        Matcher m = HIT_SNIPPET.matcher(html);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    @Test
    void nonAdminIsRefused() throws Exception {
        fx.context.admin = false;
        for (String page : new String[]{"archive-search", "archive-search?q=quarterly",
                "archive-search?conversation=" + first.id()}) {
            HttpResponse<String> r = fx.get(page);
            assertEquals(403, r.statusCode(), page);
            assertFalse(r.body().contains("quarterly"), page);
        }
    }

    @Test
    void emptyFormIsShownWithoutSearching() throws Exception {
        HttpResponse<String> r = fx.get("archive-search");
        assertEquals(200, r.statusCode());
        String html = r.body();
        assertTrue(html.contains("<meta name=\"pageID\" content=\"domainchat-search\"/>"));
        assertTrue(html.contains("<form method=\"get\" action=\"archive-search\">"));
        assertTrue(html.contains("type=\"date\" id=\"from\" name=\"from\""));
        assertTrue(html.contains("type=\"date\" id=\"to\" name=\"to\""));
        assertTrue(html.contains("<option value=\"relevance\""));
        assertFalse(html.contains("Messages found"));
        assertFalse(html.contains("class=\"hit\""));
    }

    @Test
    void findsAWordAndMarksTheMatch() throws Exception {
        HttpResponse<String> r = fx.get("archive-search?q=quarterly");
        assertEquals(200, r.statusCode());
        String html = r.body();
        assertEquals(1, AdminFixture.count(html, "<tr class=\"hit\">"));
        assertTrue(html.contains("Messages found: 1"));
        assertTrue(html.contains("hello bob, the <mark>quarterly</mark> report is ready"), html);
        assertTrue(html.contains("<td>alice@example.com</td><td>bob@example.com</td>"), html);
        assertTrue(html.contains("View conversation"));
        assertTrue(html.contains("value=\"quarterly\""), "the form stays filled");
        assertNull(AdminFixture.linkById(html, "next-page"));
    }

    @Test
    void bodiesAndSearchTextAreEscaped() throws Exception {
        HttpResponse<String> r = fx.get("archive-search?q=alert");
        assertEquals(200, r.statusCode());
        String html = r.body();
        assertEquals(1, AdminFixture.count(html, "<tr class=\"hit\">"));
        assertFalse(html.contains("<script"), html);
        assertTrue(html.contains("&lt;script&gt;<mark>alert</mark>(1)&lt;/script&gt; sure"), html);

        String typed = "\"><script>x</script>";
        HttpResponse<String> echo = fx.get("archive-search?q=report&participant=" + q(typed));
        assertFalse(echo.body().contains("<script"), echo.body());
        assertTrue(echo.body().contains("value=\"&quot;&gt;&lt;script&gt;x&lt;/script&gt;\""), echo.body());
        assertTrue(echo.body().contains("jive-error"), "not a valid address");
    }

    @Test
    void invalidQueryShowsTheMessageAndKeepsTheForm() throws Exception {
        HttpResponse<String> r = fx.get("archive-search?q=" + q("\"unbalanced") + "&order=relevance");
        assertEquals(400, r.statusCode());
        String html = r.body();
        assertTrue(html.contains("<div class=\"jive-error\">The search text could not be understood."), html);
        assertTrue(html.contains("value=\"&quot;unbalanced\""), html);
        assertTrue(html.contains("<option value=\"relevance\" selected>"), html);
        assertFalse(html.contains("class=\"hit\""));
    }

    @Test
    void pagesWithTheCursor() throws Exception {
        String page1 = fx.get("archive-search?q=pager").body();
        assertTrue(page1.contains("Messages found: 30"), page1);
        assertEquals(25, AdminFixture.count(page1, "<tr class=\"hit\">"));
        String next = AdminFixture.linkById(page1, "next-page");
        assertNotNull(next, page1);
        assertTrue(next.startsWith("archive-search?q=pager&order=newest&cursor="), next);
        assertTrue(page1.contains("<mark>pager</mark> line 30"), "newest first");

        HttpResponse<String> r2 = fx.get(next);
        assertEquals(200, r2.statusCode());
        String page2 = r2.body();
        assertEquals(5, AdminFixture.count(page2, "<tr class=\"hit\">"));
        assertNull(AdminFixture.linkById(page2, "next-page"));
        assertNotNull(AdminFixture.linkById(page2, "first-page"));
        Set<String> all = new HashSet<>(snippets(page1));
        Set<String> second = snippets(page2);
        assertEquals(5, second.size());
        all.addAll(second);
        assertEquals(30, all.size(), "no hit is shown twice");

        String relevance = fx.get("archive-search?q=pager&order=relevance").body();
        String nextByRelevance = AdminFixture.linkById(relevance, "next-page");
        assertNotNull(nextByRelevance);
        assertEquals(5, AdminFixture.count(fx.get(nextByRelevance).body(), "<tr class=\"hit\">"));
    }

    @Test
    void participantAndDatesFilter() throws Exception {
        String carol = fx.get("archive-search?q=&participant=" + q("carol@example.com")).body();
        assertEquals(2, AdminFixture.count(carol, "<tr class=\"hit\">"), carol);

        LocalDate today = LocalDate.now();
        String range = "&from=" + today.minusDays(1) + "&to=" + today;
        assertEquals(1, AdminFixture.count(fx.get("archive-search?q=quarterly" + range).body(),
                "<tr class=\"hit\">"));
        String before = fx.get("archive-search?q=quarterly&to=" + today.minusDays(1)).body();
        assertTrue(before.contains("No messages found."), before);
        String after = fx.get("archive-search?q=quarterly&from=" + today.plusDays(1)).body();
        assertTrue(after.contains("No messages found."));
    }

    @Test
    void badDatesGiveAClearError() throws Exception {
        HttpResponse<String> bad = fx.get("archive-search?q=report&from=2026-13-45");
        assertEquals(400, bad.statusCode());
        assertTrue(bad.body().contains("The from date &quot;2026-13-45&quot; is not a valid date"), bad.body());
        assertTrue(bad.body().contains("value=\"2026-13-45\""));

        HttpResponse<String> junk = fx.get("archive-search?q=report&to=" + q("<b>"));
        assertEquals(400, junk.statusCode());
        assertTrue(junk.body().contains("The to date &quot;&lt;b&gt;&quot; is not a valid date"), junk.body());

        HttpResponse<String> reversed = fx.get("archive-search?q=report&from=2026-05-02&to=2026-05-01");
        assertEquals(400, reversed.statusCode());
        assertTrue(reversed.body().contains("The from date is after the to date."));
        assertFalse(reversed.body().contains("class=\"hit\""));
    }

    @Test
    void showsATranscriptFromTheSearchResults() throws Exception {
        String results = fx.get("archive-search?q=quarterly").body();
        Matcher link = CONVERSATION_LINK.matcher(results);
        assertTrue(link.find(), results);
        String id = link.group(1);

        HttpResponse<String> r = fx.get("archive-search?conversation=" + id);
        assertEquals(200, r.statusCode());
        String html = r.body();
        assertTrue(html.contains("content=\"domainchat-search\""));
        assertTrue(html.contains("Conversation between alice@example.com and bob@example.com"), html);
        assertTrue(html.contains("<td id=\"message-count\">2</td>"), html);
        assertEquals(2, AdminFixture.count(html, "<tr class=\"message\">"));
        assertTrue(html.contains("hello bob, the quarterly report is ready"));
        assertTrue(html.contains("thanks alice, I&#39;ll read the report"), html);
        assertTrue(html.indexOf("quarterly report") < html.indexOf("thanks alice"), "oldest first");
        assertNull(AdminFixture.linkById(html, "next-page"));

        String later = fx.get("archive-search?conversation=" + id + "&after=" + first.id()).body();
        assertEquals(1, AdminFixture.count(later, "<tr class=\"message\">"));
        assertFalse(later.contains("quarterly report"));
    }

    @Test
    void transcriptEscapesBodies() throws Exception {
        Matcher link = CONVERSATION_LINK.matcher(fx.get("archive-search?q=alert").body());
        assertTrue(link.find());
        String html = fx.get("archive-search?conversation=" + link.group(1)).body();
        assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; sure"), html);
        assertFalse(html.contains("<script"));
    }

    @Test
    void unknownOrMalformedConversation() throws Exception {
        HttpResponse<String> unknown = fx.get("archive-search?conversation=424242");
        assertEquals(404, unknown.statusCode());
        assertTrue(unknown.body().contains("<div class=\"jive-error\">No such conversation.</div>"));

        HttpResponse<String> malformed = fx.get("archive-search?conversation=" + q("12<x>"));
        assertEquals(400, malformed.statusCode());
        assertTrue(malformed.body().contains("not a valid conversation id"));
        assertFalse(malformed.body().contains("<x>"));

        assertEquals(400, fx.get("archive-search?conversation=" + first.id() + "&after=abc").statusCode());
    }

    @Test
    void withoutARunningCoreSearchSaysSo() throws Exception {
        fx.context.core = null;
        HttpResponse<String> r = fx.get("archive-search?q=report");
        assertEquals(503, r.statusCode());
        assertTrue(r.body().contains("The chat archive is not running"));
        assertEquals(503, fx.get("archive-search?conversation=" + first.id()).statusCode());
    }

    @Test
    void anUnreadableTranscriptShowsAShortError() throws Exception {
        fx.failPageQueries = true;
        HttpResponse<String> r = fx.get("archive-search?conversation=" + first.id());
        assertEquals(500, r.statusCode());
        assertTrue(r.body().contains("The conversation could not be read from the archive database: "
                + "test: the database is down &lt;b&gt;"), r.body());
        assertFalse(r.body().contains("at org."));
        assertFalse(r.body().contains("<b>"));
    }

    @Test
    void malformedAndCostlySearchesAreExplainedOnThePageNeverA500() throws Exception {
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("/[/", "could not be understood. Check quotes and brackets, and put a word before * or ?. (At position 2 of the search text.)");
        cases.put("/(/", "could not be understood. Check quotes and brackets, and put a word before * or ?. (At position 2 of the search text.)");
        cases.put("/[z-a]/", "could not be understood. Check quotes and brackets, and put a word before * or ?. (At position 2 of the search text.)");
        cases.put("/a{/", "could not be understood. Check quotes and brackets, and put a word before * or ?. (At position 4 of the search text.)");
        cases.put("\"a b\"~-1", "could not be understood. Check quotes and brackets, and put a word before * or ?. (At position 6 of the search text.)");
        cases.put("/a{1000000}/", "would take too much work to look up: at most 100 characters, and no large "
                + "repeats such as {1000}. Make it simpler. (At position 2 of the search text.)");
        for (Map.Entry<String, String> c : cases.entrySet()) {
            HttpResponse<String> r = fx.get("archive-search?q=" + q(c.getKey()));
            assertEquals(400, r.statusCode(), c.getKey() + ": " + r.body());
            assertTrue(r.body().contains("<div class=\"jive-error\">"), r.body());
            assertTrue(r.body().contains(c.getValue()), c.getKey() + ": " + r.body());
        }
        fx.context.locale = Locale.GERMAN;
        String html = fx.get("archive-search?q=" + q("/a{1000000}/")).body();
        assertTrue(html.contains("zu aufwendig") && html.contains("(An Position 2 des Suchtexts.)"), html);
        // a few hundred generated texts of the query syntax's characters: explained or answered, never a fault
        List<String> pieces = List.of("/", "[", "]", "(", ")", "{", "}", "\"", "~", "*", "?", "\\", ":", "^", "-",
                " AND ", " OR ", "a", "report", "9", "1000000", "-1", ",", " ");
        Random random = new Random(7);
        for (int i = 0; i < 300; i++) {
            StringBuilder text = new StringBuilder();
            for (int k = random.nextInt(10); k >= 0; k--) {
                text.append(pieces.get(random.nextInt(pieces.size())));
            }
            int status = fx.get("archive-search?q=" + q(text.toString())).statusCode();
            assertTrue(status == 200 || status == 400, text + ": " + status);
        }
    }

    @Test
    void germanLocaleRendersGermanLabels() throws Exception {
        fx.context.locale = Locale.GERMAN;
        String html = fx.get("archive-search?q=quarterly").body();
        assertTrue(html.contains("<title>Chat-Archiv durchsuchen</title>"), html);
        assertTrue(html.contains("Gespräch anzeigen"));
        assertTrue(html.contains("Gefundene Nachrichten: 1"));
        assertTrue(html.contains("Beste Treffer zuerst"));
        assertTrue(fx.get("archive-search?conversation=1").body().contains("Dieses Gespräch gibt es nicht."));
        assertTrue(fx.get("archive-search?q=%22unbalanced").body().contains("Der Suchtext ist nicht verständlich"),
                "search problems are shown in the console's language");
    }
}
