package org.domainchat.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

import org.domainchat.testing.Waits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArchiveStatusServletTest {

    @TempDir
    Path data;

    private AdminFixture fx;

    @BeforeEach
    void start() throws Exception {
        fx = new AdminFixture(data);
        fx.archive("alice", "bob", "hello bob, the quarterly report is ready");
        fx.archive("bob", "alice", "thanks alice, I'll read the report");
        fx.archive("alice", "carol", "lunch at noon?");
        fx.archive("carol", "alice", "<script>alert(1)</script> sure");
        fx.archive("dave", "bob", "status update");
        fx.awaitSearchable();
    }

    @AfterEach
    void stop() throws Exception {
        if (fx != null) {
            fx.close();
        }
    }

    private Map<String, Object> json() throws Exception {
        HttpResponse<String> r = fx.get("archive-status?format=json");
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        return MiniJson.object(MiniJson.parse(r.body()), "");
    }

    @Test
    void theJournalRowSaysWhetherItsWritesIncludeTheFsync() throws Exception {
        assertTrue(fx.get("archive-status").body().contains("Journal write with fsync since start"));
        fx.close();
        fx = null;
        fx = new AdminFixture(data.resolve("fsync-off"), false);
        fx.archive("alice", "bob", "without fsync");
        String html = fx.get("archive-status").body();
        assertTrue(html.contains("Journal write since start, without fsync"), html);
        assertFalse(html.contains("Journal write with fsync"), html);
        assertTrue(html.matches("(?s).*<td id=\"archive-journal-write\">median [0-9]+\\.[0-9]{2} ms.*"), html);
        assertEquals(Boolean.FALSE, MiniJson.object(json(), "archive").get("journalFsync"));
    }

    @Test
    void nonAdminIsRefusedEverywhere() throws Exception {
        fx.context.admin = false;
        for (String page : new String[]{"archive-status", "archive-status?format=json"}) {
            HttpResponse<String> r = fx.get(page);
            assertEquals(403, r.statusCode(), page);
            assertFalse(r.body().contains("jive-table"), page);
            assertFalse(r.body().contains("accepted"), page);
        }
        HttpResponse<String> post = fx.post("archive-status", Map.of("action", "settings", "idleGap", "45"));
        assertEquals(403, post.statusCode());
        assertTrue(fx.context.stored.isEmpty());
    }

    @Test
    void statusPageShowsTheAlwaysOnNoteAndTheFigures() throws Exception {
        HttpResponse<String> r = fx.get("archive-status");
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        String html = r.body();
        assertTrue(html.startsWith("<!DOCTYPE html>"));
        assertTrue(html.contains("<meta name=\"pageID\" content=\"domainchat-archive\"/>"));
        assertTrue(html.contains("<title>Chat Archive Status</title>"));
        assertTrue(html.contains("Archiving is always on."));
        assertTrue(html.contains("There is no setting that turns archiving off"));
        assertTrue(html.contains("<td id=\"archive-messages\">5</td>"), html);
        assertTrue(html.contains("<td id=\"archive-accepted\">5</td>"), html);
        assertTrue(html.contains("<td id=\"archive-queued\">0</td>"), html);
        assertTrue(html.contains("<td id=\"index-documents\">5</td>"), html);
        assertTrue(html.contains("<td id=\"archive-error\">none</td>"), html);
        assertTrue(html.contains("<td id=\"archive-replaying\">not running</td>"), html);
        long slow = fx.core.archive().journalWriteTimes().slowWrites();
        assertTrue(html.matches("(?s).*<td id=\"archive-journal-write\">median [0-9]+\\.[0-9]{2} ms, 99th percentile "
                + "[0-9]+\\.[0-9]{2} ms, longest [0-9]+\\.[0-9]{2} ms; " + slow + " took longer than 10 ms \\(the disk "
                + "made chat wait that long\\)</td>.*"), "the five messages' journal writes: " + html);
        assertTrue(html.matches("(?s).*<td id=\"index-size\">[0-9.,]+ (B|KB|MB)</td>.*"), html);
        assertTrue(html.matches("(?s).*<td id=\"index-lag\">[0-9,]+ ms</td>.*"), html);
        assertFalse(html.contains("http-equiv=\"refresh\""), "no refresh while no rebuild runs");
        // Both forms carry our token and Openfire's (escaped).
        assertEquals(2, AdminFixture.count(html, "name=\"domainchat_csrf\""));
        assertEquals(2, AdminFixture.count(html,
                "<input type=\"hidden\" name=\"csrf\" value=\"of&quot;&lt;token&gt;&amp;\"/>"));
        assertTrue(html.contains("name=\"action\" value=\"rebuild\""));
        assertTrue(html.contains("name=\"idleGap\""));
        assertTrue(html.contains("value=\"30\""));
    }

    @Test
    void jsonHasTheSameFigures() throws Exception {
        Map<String, Object> json = json();
        assertEquals(Boolean.TRUE, json.get("running"));
        assertEquals(Boolean.TRUE, json.get("archivingAlwaysOn"));
        assertEquals(30L, json.get("idleGapMinutes"));
        Map<String, Object> archive = MiniJson.object(json, "archive");
        assertEquals(5L, archive.get("messages"));
        assertEquals(5L, archive.get("accepted"));
        assertEquals(0L, archive.get("queued"));
        assertEquals(Boolean.FALSE, archive.get("replaying"));
        double p50 = ((Number) archive.get("journalWriteP50Millis")).doubleValue();
        double p99 = ((Number) archive.get("journalWriteP99Millis")).doubleValue();
        assertTrue(p50 > 0 && p99 >= p50, "journal write times of the five messages: " + p50 + " / " + p99);
        double longest = ((Number) archive.get("journalWriteLongestMillis")).doubleValue();
        assertEquals(fx.core.archive().journalWriteTimes().longestMillis(), longest, 0.001, "JSON has three decimals");
        assertEquals(p99, longest, 0.001, "of five writes the 99th percentile is the longest, never above it");
        assertEquals(Boolean.TRUE, archive.get("journalFsync"));
        assertEquals(fx.core.archive().journalWriteTimes().slowWrites(), archive.get("journalSlowWrites"));
        assertEquals(fx.core.archive().status().lastStoredId(), archive.get("lastStoredId"));
        assertTrue(archive.containsKey("lastError"));
        assertNull(archive.get("lastError"));
        Map<String, Object> index = MiniJson.object(json, "index");
        assertEquals(5L, index.get("documents"));
        assertTrue((Long) index.get("sizeBytes") > 0);
        assertTrue((Long) index.get("newestIndexedAt") > 0);
        Map<String, Object> rebuild = MiniJson.object(json, "index.rebuild");
        assertEquals(Boolean.FALSE, rebuild.get("running"));
    }

    @Test
    void messageCountIsCachedForThirtySeconds() throws Exception {
        assertEquals(5L, MiniJson.object(json(), "archive").get("messages"));
        fx.archive("alice", "bob", "one more");
        fx.awaitSearchable();
        Map<String, Object> json = json();
        assertEquals(5L, MiniJson.object(json, "archive").get("messages"), "COUNT(*) is reused");
        assertEquals(6L, MiniJson.object(json, "index").get("documents"), "the other figures are live");
    }

    @Test
    void postWithoutOrWithAWrongTokenIsRefusedAndChangesNothing() throws Exception {
        String token = AdminFixture.formToken(fx.get("archive-status").body());
        long rebuildStarted = (Long) MiniJson.object(json(), "index.rebuild").get("startedAt");

        HttpResponse<String> none = fx.post("archive-status", Map.of("action", "settings", "idleGap", "45"));
        assertEquals(403, none.statusCode());
        assertTrue(none.body().contains("Nothing was changed"), none.body());
        assertTrue(none.body().contains("jive-error"));

        String wrong = token.substring(1) + (token.charAt(0) == 'A' ? 'B' : 'A');
        HttpResponse<String> bad = fx.post("archive-status",
                Map.of("action", "settings", "idleGap", "45", "domainchat_csrf", wrong));
        assertEquals(403, bad.statusCode());
        HttpResponse<String> badRebuild = fx.post("archive-status",
                Map.of("action", "rebuild", "domainchat_csrf", ""));
        assertEquals(403, badRebuild.statusCode());

        // A token from another session is no good either.
        AdminFixture.FakeContext ctx = fx.context;
        java.net.http.HttpClient stranger = java.net.http.HttpClient.newHttpClient();
        HttpResponse<String> foreign = stranger.send(java.net.http.HttpRequest.newBuilder(
                        fx.base.resolve("archive-status"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                        "action=settings&idleGap=45&domainchat_csrf=" + token)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(403, foreign.statusCode());

        assertTrue(ctx.stored.isEmpty());
        assertEquals(Duration.ofMinutes(30), ctx.idleGap);
        Thread.sleep(500); // the indexer would have picked a rebuild request up by now
        Map<String, Object> rebuild = MiniJson.object(json(), "index.rebuild");
        assertEquals(rebuildStarted, rebuild.get("startedAt"));
        assertEquals(Boolean.FALSE, rebuild.get("running"));
    }

    @Test
    void settingsAreSavedWithAGoodTokenAndRedirectBack() throws Exception {
        String token = AdminFixture.formToken(fx.get("archive-status").body());
        HttpResponse<String> r = fx.post("archive-status",
                Map.of("action", "settings", "idleGap", " 45 ", "domainchat_csrf", token));
        assertEquals(303, r.statusCode(), r.body());
        String location = r.headers().firstValue("Location").orElseThrow();
        assertTrue(location.endsWith("archive-status?done=settings"), location);
        assertEquals(java.util.List.of(Duration.ofMinutes(45)), fx.context.stored);

        HttpResponse<String> after = fx.get(fx.base.resolve(location).toString().substring(
                fx.base.toString().length()));
        assertEquals(200, after.statusCode());
        assertTrue(after.body().contains("jive-success"));
        assertTrue(after.body().contains("The settings have been saved."));
        assertTrue(after.body().contains("value=\"45\""));
        assertTrue(after.body().contains("(currently 45 minutes)"));
        assertEquals(45L, json().get("idleGapMinutes"));
    }

    @Test
    void invalidIdleGapShowsTheAllowedRangeAndKeepsTheOldValue() throws Exception {
        String token = AdminFixture.formToken(fx.get("archive-status").body());
        for (String input : new String[]{"abc", "0", "1441", "", "-5", "2.5", "99999999999"}) {
            HttpResponse<String> r = fx.post("archive-status",
                    Map.of("action", "settings", "idleGap", input, "domainchat_csrf", token));
            assertEquals(400, r.statusCode(), input);
            assertTrue(r.body().contains("jive-error"), input);
            assertTrue(r.body().contains("from 1 to 1440"), r.body());
            assertTrue(r.body().contains("stays at 30 minutes"), r.body());
            assertTrue(r.body().contains("There is no setting that turns archiving off"), "the page is redisplayed");
        }
        HttpResponse<String> markup = fx.post("archive-status",
                Map.of("action", "settings", "idleGap", "\"><b>x", "domainchat_csrf", token));
        assertEquals(400, markup.statusCode());
        assertFalse(markup.body().contains("\"><b>x"));
        assertTrue(markup.body().contains("value=\"&quot;&gt;&lt;b&gt;x\""));
        assertTrue(fx.context.stored.isEmpty());
        assertEquals(Duration.ofMinutes(30), fx.context.idleGap);
        // Boundaries are accepted.
        assertEquals(303, fx.post("archive-status",
                Map.of("action", "settings", "idleGap", "1", "domainchat_csrf", token)).statusCode());
        assertEquals(303, fx.post("archive-status",
                Map.of("action", "settings", "idleGap", "1440", "domainchat_csrf", token)).statusCode());
        assertEquals(java.util.List.of(Duration.ofMinutes(1), Duration.ofDays(1)), fx.context.stored);
    }

    @Test
    void rebuildRunsToCompletionAndSearchKeepsWorking() throws Exception {
        Waits.until(Duration.ofSeconds(5), "the first fill to finish", () -> {
            try {
                return Boolean.FALSE.equals(MiniJson.object(json(), "index.rebuild").get("running"));
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        long before = (Long) MiniJson.object(json(), "index.rebuild").get("startedAt");
        Thread.sleep(5);
        String token = AdminFixture.formToken(fx.get("archive-status").body());
        HttpResponse<String> r = fx.post("archive-status", Map.of("action", "rebuild", "domainchat_csrf", token));
        assertEquals(303, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("Location").orElseThrow().endsWith("archive-status?done=rebuild"));

        Waits.until(Duration.ofSeconds(10), "the rebuild to finish", () -> {
            try {
                Map<String, Object> rb = MiniJson.object(json(), "index.rebuild");
                return (Long) rb.get("startedAt") > before && Boolean.FALSE.equals(rb.get("running"))
                        && (Long) rb.get("finishedAt") >= (Long) rb.get("startedAt");
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        Map<String, Object> json = json();
        Map<String, Object> rebuild = MiniJson.object(json, "index.rebuild");
        assertNull(rebuild.get("error"));
        assertEquals(5L, rebuild.get("done"));
        assertEquals(5L, rebuild.get("total"));
        assertEquals("requested", rebuild.get("reason"));
        assertEquals(5L, MiniJson.object(json, "index").get("documents"));

        String page = fx.get("archive-status?done=rebuild").body();
        assertTrue(page.contains("The search index is being rebuilt."));
        assertTrue(page.contains("Last finished "), page);
        assertTrue(page.contains("an administrator asked for a rebuild"), page);
        assertTrue(fx.get("archive-search?q=quarterly").body().contains("<mark>quarterly</mark>"));
    }

    @Test
    void withoutARunningCoreOnlyAnErrorIsShown() throws Exception {
        fx.context.core = null;
        HttpResponse<String> r = fx.get("archive-status");
        assertEquals(503, r.statusCode());
        assertTrue(r.body().contains("jive-error"));
        assertTrue(r.body().contains("The chat archive is not running"));
        assertTrue(r.body().contains("Openfire log"));
        assertFalse(r.body().contains("jive-table"));
        assertFalse(r.body().contains("<form"));
        assertTrue(r.body().contains("content=\"domainchat-archive\""));

        HttpResponse<String> json = fx.get("archive-status?format=json");
        assertEquals(503, json.statusCode());
        assertEquals(Boolean.FALSE, MiniJson.object(MiniJson.parse(json.body()), "").get("running"));
    }

    @Test
    void aRunningRebuildShowsItsProgressAndRefreshes() throws Exception {
        String token = AdminFixture.formToken(fx.get("archive-status").body());
        fx.indexerDelayMillis = 1500;
        try {
            assertEquals(303, fx.post("archive-status",
                    Map.of("action", "rebuild", "domainchat_csrf", token)).statusCode());
            String[] seen = new String[1];
            Waits.until(Duration.ofSeconds(8), "the page to show a running rebuild", () -> {
                try {
                    seen[0] = fx.get("archive-status").body();
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
                return seen[0].contains("<td id=\"index-rebuild\">Running:");
            });
            String html = seen[0];
            assertTrue(html.contains("<meta http-equiv=\"refresh\" content=\"3\">"), html);
            assertTrue(html.matches("(?s).*<td id=\"index-rebuild\">Running: [0-5] of 5 messages \\([0-9]+%\\), "
                    + "started [^<]+</td>.*"), html);
            assertTrue(html.contains("value=\"Rebuild search index\" disabled=\"disabled\""), html);
            // A second request while one runs starts nothing more.
            HttpResponse<String> again = fx.post("archive-status",
                    Map.of("action", "rebuild", "domainchat_csrf", token));
            assertEquals(303, again.statusCode());
            assertTrue(again.headers().firstValue("Location").orElseThrow().endsWith("?done=rebuild-running"));
            assertTrue(fx.get("archive-status?done=rebuild-running").body()
                    .contains("A rebuild of the search index is already running"));
            // Search keeps answering from the old index meanwhile.
            assertTrue(fx.get("archive-search?q=quarterly").body().contains("<mark>quarterly</mark>"));
        } finally {
            fx.indexerDelayMillis = 0;
        }
        Waits.until(Duration.ofSeconds(10), "the rebuild to finish", () -> {
            try {
                return Boolean.FALSE.equals(MiniJson.object(json(), "index.rebuild").get("running"));
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        String done = fx.get("archive-status").body();
        assertFalse(done.contains("http-equiv=\"refresh\""));
        assertTrue(done.contains("Last finished "));
    }

    @Test
    void anUnreadableCountShowsUnknown() throws Exception {
        fx.failPageQueries = true;
        HttpResponse<String> r = fx.get("archive-status");
        assertEquals(200, r.statusCode());
        assertTrue(r.body().contains("<td id=\"archive-messages\">unknown</td>"), r.body());
        assertTrue(r.body().contains("<td id=\"index-documents\">5</td>"));
        Map<String, Object> archive = MiniJson.object(json(), "archive");
        assertTrue(archive.containsKey("messages"));
        assertNull(archive.get("messages"));
        fx.failPageQueries = false;
        assertEquals(5L, MiniJson.object(json(), "archive").get("messages"), "a failure is not cached");
    }

    @Test
    void aFailureShowsAShortErrorAndNoStackTrace() throws Exception {
        fx.context.failure = new IllegalStateException("secret <detail>");
        HttpResponse<String> r = fx.get("archive-status");
        assertEquals(500, r.statusCode());
        assertTrue(r.body().contains("<div class=\"jive-error\">The page could not be shown (IllegalStateException)."),
                r.body());
        assertTrue(r.body().contains("content=\"domainchat-archive\""));
        assertFalse(r.body().contains("secret"));
        assertFalse(r.body().contains("at org."));
        assertFalse(r.body().contains("<detail>"));
    }

    @Test
    void germanLocaleRendersGermanLabels() throws Exception {
        fx.context.locale = Locale.GERMAN;
        String html = fx.get("archive-status").body();
        assertTrue(html.contains("<title>Status des Chat-Archivs</title>"), html);
        assertTrue(html.contains("Die Archivierung ist immer eingeschaltet."));
        assertTrue(html.contains("Es gibt keine Einstellung, mit der sich die Archivierung ausschalten lässt."));
        assertTrue(html.contains("Größe des Index"));
        assertTrue(html.contains("Suchindex neu aufbauen"));
        assertFalse(html.contains("There is no setting"));
    }
}
