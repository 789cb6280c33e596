package org.domainchat.it;

import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.concurrent.atomic.AtomicLong;

import org.domainchat.DomainChat;
import org.domainchat.archive.MessageCapture;
import org.domainchat.testing.Chats;
import org.domainchat.testing.OpenfireSchemaRunner;
import org.domainchat.testing.TestEnvironment;
import org.xmpp.packet.Message;

/**
 * The "server" that {@link CrashDurabilityTest} kills with SIGKILL: it archives a stream of messages from four
 * threads and prints {@code ACK <client id>} for each once {@code archive()} has returned, i.e. once the server
 * would go on to route it. Runs until it is killed.
 *
 * <p>Arguments: data folder, HSQLDB file path, a prefix for the client message ids of this run.
 */
public final class ArchivingChild {

    private ArchivingChild() {
    }

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args[0]);
        String url = jdbcUrl(args[1]);
        String prefix = args[2];
        try (Connection c = connectWhenUnlocked(url)) {
            if (!c.getMetaData().getTables(null, null, "DCMESSAGE", null).next()) {
                OpenfireSchemaRunner.install(c, "hsqldb");
            }
        }
        DomainChat core = DomainChat.start(new TestEnvironment(() -> DriverManager.getConnection(url, "SA", ""), data,
                "alice", "bob", "carol", "dave"));
        PrintStream out = new PrintStream(System.out, false, "UTF-8");
        String[] users = {"alice", "bob", "carol", "dave"};
        AtomicLong counter = new AtomicLong();
        out.println("READY");
        out.flush();
        for (int t = 0; t < 4; t++) {
            Thread sender = new Thread(() -> {
                while (true) {
                    long n = counter.incrementAndGet();
                    Message m = Chats.chat(Chats.at(users[(int) (n % 4)]) + "/desk",
                            Chats.at(users[(int) ((n + 1) % 4)]), "message number " + n + " äöü");
                    m.setID(prefix + n);
                    try {
                        core.archiver().archive(m, MessageCapture.Source.CLIENT).orElseThrow();
                    } catch (Exception e) {
                        synchronized (out) {
                            out.println("FAILED " + prefix + n + " " + e);
                            out.flush();
                        }
                        return;
                    }
                    synchronized (out) {
                        out.println("ACK " + prefix + n);
                        out.flush();
                    }
                }
            }, "sender-" + t);
            sender.start();
        }
        Thread.sleep(Long.MAX_VALUE);
    }

    /**
     * HSQLDB guards a file database with a lock file whose heartbeat a killed process leaves behind; a new process
     * may open it once that heartbeat is stale (a few seconds).
     */
    public static Connection connectWhenUnlocked(String url) throws Exception {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
        while (true) {
            try {
                return DriverManager.getConnection(url, "SA", "");
            } catch (java.sql.SQLException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(250);
            }
        }
    }

    /** Openfire's embedded database delays its log writes by one second; so does this one. */
    public static String jdbcUrl(String file) {
        return "jdbc:hsqldb:file:" + file + ";hsqldb.write_delay_millis=1000";
    }
}
