package org.domainchat.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.domainchat.DomainChat;
import org.domainchat.search.SearchOutcome;
import org.domainchat.search.SearchRequest;
import org.domainchat.testing.TestEnvironment;
import org.domainchat.testing.Waits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nothing accepted is lost, even to {@code kill -9}: a child JVM archives a stream of messages into an embedded
 * HSQLDB (with Openfire's one-second write delay) and is killed with SIGKILL in the middle of it, twice in a row.
 * After a restart every message it acknowledged is in the database exactly once, and searchable.
 */
class CrashDurabilityTest {

    @TempDir
    Path dir;

    @Test
    void everyAcknowledgedMessageSurvivesSigkill() throws Exception {
        Path data = dir.resolve("data");
        String dbFile = dir.resolve("db").resolve("openfire").toString();
        Set<String> acknowledged = new HashSet<>();
        for (int round = 0; round < 2; round++) {
            acknowledged.addAll(runAndKill(data, dbFile, 1500 + round * 500, dir.resolve("child-" + round + ".log")));
        }
        assertTrue(acknowledged.size() >= 2000, "the child acknowledged " + acknowledged.size());

        String url = ArchivingChild.jdbcUrl(dbFile);
        ArchivingChild.connectWhenUnlocked(url).close();
        DomainChat core = DomainChat.start(new TestEnvironment(() -> DriverManager.getConnection(url, "SA", ""), data,
                "alice", "bob", "carol", "dave"));
        try {
            Waits.until(Duration.ofSeconds(60), "journal replayed",
                    () -> !core.archive().status().replaying() && core.archive().status().queued() == 0);
            Map<String, Integer> stored = new HashMap<>();
            try (Connection c = DriverManager.getConnection(url, "SA", ""); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT clientId FROM dcMessage")) {
                while (rs.next()) {
                    stored.merge(rs.getString(1), 1, Integer::sum);
                }
            }
            List<String> lost = new ArrayList<>();
            for (String id : acknowledged) {
                if (!stored.containsKey(id)) {
                    lost.add(id);
                }
            }
            assertEquals(List.of(), lost, "acknowledged but not archived");
            stored.forEach((id, n) -> assertEquals(1, n, id + " archived " + n + " times"));

            long newest = core.store().maxMessageId();
            Waits.until(Duration.ofSeconds(60), "index caught up after the crash",
                    () -> core.index().status().watermark() >= newest);
            assertEquals(stored.size(), core.index().status().documents(), "every stored message is indexed");
            String sample = acknowledged.iterator().next();
            String number = sample.substring(sample.lastIndexOf('m') + 1);
            SearchOutcome.Page page = (SearchOutcome.Page) core.search().searchAll(
                    SearchRequest.of("\"message number " + number + "\""));
            assertTrue(page.hits().stream().anyMatch(h -> h.body().equals("message number " + number + " äöü")),
                    "an acknowledged message is found by its text");
        } finally {
            core.close();
            try (Connection c = DriverManager.getConnection(url, "SA", ""); Statement st = c.createStatement()) {
                st.execute("SHUTDOWN");
            }
        }
    }

    /** Starts the child, lets it acknowledge about {@code acks} messages, SIGKILLs it; returns what it acked. */
    private static Set<String> runAndKill(Path data, String dbFile, int acks, Path log) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), ArchivingChild.class.getName(),
                data.toString(), dbFile, log.getFileName() + "-m");
        pb.redirectError(log.toFile());
        Process child = pb.start();
        Set<String> acked = new HashSet<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            boolean killed = false;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("ACK ")) {
                    acked.add(line.substring(4));
                } else {
                    assertFalse(line.startsWith("FAILED"), line);
                }
                if (!killed && acked.size() >= acks) {
                    // SIGKILL through the handle: Process.destroyForcibly would also close our end of the pipe
                    child.toHandle().destroyForcibly();
                    killed = true;
                }
            }
            assertTrue(killed, "the child stopped by itself after " + acked.size() + " messages: "
                    + java.nio.file.Files.readString(log));
        } finally {
            child.destroyForcibly();
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        }
        return acked;
    }
}
