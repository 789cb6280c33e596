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
 * Nothing delivered is missing from the archive, even after {@code kill -9}: a child JVM with the server's shape (16
 * handler threads, many connections each) hands a stream of messages to the real archive gate, which archives them
 * into an embedded HSQLDB (with Openfire's one-second write delay) and delivers them from its own threads once
 * durable; it is killed with SIGKILL in the middle of it, twice in a row. After a restart every message that was
 * delivered is in the database exactly once, and searchable; and every sender's messages were delivered in the
 * order they were sent, typing notices (never archived) included.
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
            acknowledged.addAll(runAndKill(data, dbFile, 3000 + round * 1000, dir.resolve("child-" + round + ".log")));
        }
        assertTrue(acknowledged.size() >= 2000, "the child delivered " + acknowledged.size() + " chat messages");

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
            assertEquals(List.of(), lost, "delivered but not archived");
            stored.forEach((id, n) -> assertEquals(1, n, id + " archived " + n + " times"));

            long newest = core.store().maxMessageId();
            Waits.until(Duration.ofSeconds(60), "index caught up after the crash",
                    () -> core.index().status().watermark() >= newest);
            assertEquals(stored.size(), core.index().status().documents(), "every stored message is indexed");
            String sample = acknowledged.iterator().next(); // <prefix><thread>-<connection>-<seq>
            SearchOutcome.Page page = (SearchOutcome.Page) core.search().searchAll(
                    SearchRequest.of("\"message number " + sample.replace("-m", "-m-") + "\""));
            assertTrue(page.hits().stream().anyMatch(h -> h.body().equals("message number "
                            + sample.replace("-m", "-m-") + " äöü")),
                    "a delivered message is found by its text: " + sample);
        } finally {
            core.close();
            try (Connection c = DriverManager.getConnection(url, "SA", ""); Statement st = c.createStatement()) {
                st.execute("SHUTDOWN");
            }
        }
    }

    /**
     * Starts the child, lets it deliver about {@code acks} chat messages, SIGKILLs it; returns the client ids of
     * the chat messages it delivered, after checking that each sender's deliveries kept the sending order.
     */
    private static Set<String> runAndKill(Path data, String dbFile, int acks, Path log) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), ArchivingChild.class.getName(),
                data.toString(), dbFile, log.getFileName() + "-m");
        pb.redirectError(log.toFile());
        Process child = pb.start();
        Set<String> acked = new HashSet<>();
        Map<String, Long> lastBySender = new HashMap<>();
        int typing = 0;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            boolean killed = false;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("DELIVERED ")) {
                    // DELIVERED <client id> <sender> <sequence> <typing|body>
                    String[] parts = line.split(" ");
                    if (parts.length < 5 || !(parts[4].equals("body") || parts[4].equals("typing"))) {
                        continue; // the kill cut the line
                    }
                    long seq = Long.parseLong(parts[3]);
                    Long before = lastBySender.put(parts[2], seq);
                    assertTrue(before == null || before == seq - 1, parts[2] + " delivered " + seq + " after "
                            + before + ": every message in the order sent, none skipped");
                    if (parts[4].equals("body")) {
                        acked.add(parts[1]);
                    } else {
                        typing++;
                    }
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
            assertTrue(typing > 0, "typing notices went through the sender lines too");
        } finally {
            child.destroyForcibly();
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        }
        return acked;
    }
}
