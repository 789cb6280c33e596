package org.domainchat;

import static org.domainchat.testing.Chats.at;
import static org.domainchat.testing.Chats.chat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Stream;

import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.FSDirectory;
import org.domainchat.archive.MessageCapture;
import org.domainchat.testing.TestDatabase;
import org.domainchat.testing.TestEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Loading a new version of the plugin must leave nothing of the old one behind: no thread, no open file, no index
 * lock. The core is started and closed many times over the same folder and database, as repeated uploads would.
 */
class LifecycleTest {

    @TempDir
    Path data;

    @Test
    void repeatedStartAndStopLeavesNoThreadsFilesOrLocksAndLosesNothing() throws Exception {
        try (TestDatabase db = TestDatabase.create(TestDatabase.Kind.HSQLDB)) {
            TestEnvironment env = new TestEnvironment(db.connections(), data, "alice", "bob");
            DomainChat.start(env).close(); // warm-up: class loading opens jars once
            long baselineFds = openFileDescriptors();
            for (int round = 0; round < 15; round++) {
                DomainChat core = DomainChat.start(env);
                for (int i = 0; i < 20; i++) {
                    core.archiver().archive(chat(at("alice"), at("bob"), "round " + round + " line " + i),
                            MessageCapture.Source.CLIENT).orElseThrow();
                }
                core.close(); // no waiting: closing must drain what was accepted
                assertEquals(List.of(), pluginThreads(), "threads left after round " + round);
            }
            if (baselineFds >= 0) {
                assertTrue(openFileDescriptors() <= baselineFds + 2,
                        "file descriptors: " + baselineFds + " before, " + openFileDescriptors() + " after");
            }
            Path live = data.resolve("index").resolve(Files.readString(data.resolve("index").resolve("current"))
                    .strip());
            try (FSDirectory dir = FSDirectory.open(live);
                 IndexWriter writer = new IndexWriter(dir, new IndexWriterConfig())) {
                assertEquals(300, writer.getDocStats().numDocs, "the index lock is free and nothing was lost");
            }
            try (Connection c = db.connections().getConnection(); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM dcMessage")) {
                rs.next();
                assertEquals(300, rs.getLong(1));
            }
        }
    }

    static List<String> pluginThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(n -> n.startsWith("domainchat-")).toList();
    }

    /** Open descriptors of this JVM, or -1 where /proc is not available. */
    static long openFileDescriptors() {
        Path fds = Path.of("/proc/self/fd");
        if (!Files.isDirectory(fds)) {
            return -1;
        }
        try (Stream<Path> list = Files.list(fds)) {
            return list.count();
        } catch (IOException e) {
            return -1;
        }
    }
}
