package org.domainchat.it;

import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.concurrent.Semaphore;

import org.domainchat.DomainChat;
import org.domainchat.archive.MessageCapture;
import org.domainchat.delivery.ArchiveGate;
import org.domainchat.delivery.DeliveryLines;
import org.domainchat.testing.Chats;
import org.domainchat.testing.OpenfireSchemaRunner;
import org.domainchat.testing.TestEnvironment;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;

/**
 * The "server" that {@link CrashDurabilityTest} kills with SIGKILL. Sixteen threads play Openfire's client handler
 * threads, each serving eight connections: every message goes through the real {@link ArchiveGate} as the archive
 * interceptor hands it over, is taken off the "routing path", and is delivered by the gate's own threads once the
 * journal says it is durable. The child prints {@code DELIVERED <client id> <sender> <sequence>} for each delivered
 * message (with a body, so archived, or a typing notice, which is not). Runs until it is killed.
 *
 * <p>Arguments: data folder, HSQLDB file path, a prefix for the client message ids of this run.
 */
public final class ArchivingChild {

    private static final int HANDLER_THREADS = 16;
    private static final int CONNECTIONS_PER_THREAD = 8;
    /** Messages a handler thread lets wait for delivery at most, as clients' windows and TCP would. */
    private static final int IN_FLIGHT_PER_THREAD = 64;

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
        Semaphore[] window = new Semaphore[HANDLER_THREADS];
        for (int t = 0; t < HANDLER_THREADS; t++) {
            window[t] = new Semaphore(IN_FLIGHT_PER_THREAD);
        }
        DeliveryLines lines = new DeliveryLines(4, "domainchat-deliver");
        ArchiveGate gate = new ArchiveGate(core.archiver(), lines, m -> {
            synchronized (out) {
                out.println(delivered(m));
                out.flush();
            }
            window[threadOf(m, prefix)].release();
        }, (to, m) -> {
            synchronized (out) {
                out.println("FAILED " + m.getID());
                out.flush();
            }
        });
        out.println("READY");
        out.flush();
        for (int t = 0; t < HANDLER_THREADS; t++) {
            int thread = t;
            Thread handler = new Thread(() -> {
                long[] sequence = new long[CONNECTIONS_PER_THREAD];
                for (long n = 0; ; n++) {
                    int connection = (int) (n % CONNECTIONS_PER_THREAD);
                    String user = users[(thread + connection) % 4];
                    JID sender = new JID(user + "@example.com/t" + thread + "c" + connection);
                    long seq = ++sequence[connection];
                    boolean typing = seq % 5 == 0; // not archived: queued behind the sender's held messages
                    Message m = Chats.chat(sender.toString(), Chats.at(users[(thread + connection + 1) % 4]),
                            typing ? null : "message number " + prefix + "-" + thread + "-" + connection + "-" + seq
                                    + " äöü");
                    if (typing) {
                        m.getElement().addElement("composing", "http://jabber.org/protocol/chatstates");
                    }
                    m.setID(prefix + thread + "-" + connection + "-" + seq);
                    try {
                        window[thread].acquire();
                        if (gate.incoming(m, MessageCapture.Source.CLIENT, sender) == ArchiveGate.Verdict.PASS) {
                            if (!typing) {
                                throw new IllegalStateException("a chat message passed without being archived");
                            }
                            // nothing of this sender is held: the handler thread routes it at once
                            synchronized (out) {
                                out.println(delivered(m));
                                out.flush();
                            }
                            window[thread].release();
                        }
                    } catch (Exception e) {
                        synchronized (out) {
                            out.println("FAILED " + m.getID() + " " + e);
                            out.flush();
                        }
                        return;
                    }
                }
            }, "handler-" + t);
            handler.start();
        }
        Thread.sleep(Long.MAX_VALUE);
    }

    /** {@code DELIVERED <client id> <sender> <sequence> <typing|body>}; ids are {@code <prefix><thread>-<conn>-<seq>}. */
    private static String delivered(Message m) {
        String id = m.getID();
        return "DELIVERED " + id + " " + m.getFrom() + " " + id.substring(id.lastIndexOf('-') + 1) + " "
                + (m.getBody() == null ? "typing" : "body");
    }

    private static int threadOf(Message m, String prefix) {
        String rest = m.getID().substring(prefix.length());
        return Integer.parseInt(rest.substring(0, rest.indexOf('-')));
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
