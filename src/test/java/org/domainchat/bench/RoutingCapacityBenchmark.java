package org.domainchat.bench;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import org.dom4j.Document;
import org.dom4j.io.SAXReader;
import org.domainchat.DomainChat;
import org.domainchat.Settings;
import org.domainchat.archive.MessageCapture;
import org.domainchat.delivery.ArchiveGate;
import org.domainchat.delivery.DeliveryLines;
import org.domainchat.testing.TestEnvironment;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;

/**
 * What archiving costs the server's message capacity, measured in the server's shape: 16 handler threads (Openfire
 * 5.1.1's {@code socket_c2s-handler-1..16}), each serving many client connections, each stanza parsed, handed to the
 * archive gate exactly as the archive interceptor hands it over, routed (a routing-table lookup) and written for its
 * recipient (serialised and encoded). Without archiving the handler thread routes every message itself; with it,
 * the gate takes each chat off the handler thread and our delivery lanes route it once the journal says it is
 * durable. The same run measures bare routing first: that is the raw limit each figure is a ratio of.
 *
 * <p>Two loads: saturation (every connection keeps a window of messages in flight, like clients on TCP) for
 * delivered msg/s and latency; and a fixed 1,000 msg/s for the latency archiving adds. Prints figures only.
 *
 * <pre>
 *   mvn -q -o -Pbenchmark test-compile exec:exec@routing-capacity-benchmark
 * </pre>
 */
public final class RoutingCapacityBenchmark {

    private static final int HANDLER_THREADS = 16;
    /** As the plugin has: as many delivery threads as Openfire has client handler threads. */
    private static final int LANES = 16;
    private static final int CONNECTIONS_PER_THREAD = Integer.getInteger("bench.connectionsPerThread", 25);
    private static final int WINDOW = Integer.getInteger("bench.window", 4);
    private static final int USERS = 2000;
    private static final long WARMUP_MILLIS = Long.getLong("bench.warmupMillis", 4000);
    private static final long MEASURE_MILLIS = Long.getLong("bench.measureMillis", 10_000);
    private static final int FIXED_RATE = 1000;
    /**
     * What a real Openfire 5.1.1 spends per routed chat message without plugins, on the machines this runs on: its
     * process CPU over a 60,000-message burst of c2s chat from 20 connections, divided by the messages, until idle
     * (18-28 us on 2026-11-27, docs/benchmarks.md). The stand-in router repeats its parse and its serialisation as
     * many times as comes nearest to it, so that archiving's share is about the share it has in the real server.
     */
    private static final double SERVER_MICROS = Double.parseDouble(System.getProperty("bench.serverMicros", "25"));

    private RoutingCapacityBenchmark() {
    }

    /** One measured run. */
    private record Result(String mode, double perSecond, double p50Millis, double p99Millis, long delivered,
                          double journalP50Millis, double journalP99Millis) {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("hsqldb.reconfig_logging", "false");
        Path root = Files.createTempDirectory("routing-bench");
        try {
            // the least of a few passes: the first ones still run interpreted or half-compiled code, and a cold
            // figure (27 us instead of 15) once picked too few rounds
            double once = Double.MAX_VALUE;
            for (int pass = 0; pass < 4; pass++) {
                once = Math.min(once, routingWorkMicros(1));
            }
            int rounds = Math.max(1, (int) Math.round(SERVER_MICROS / once));
            System.out.printf(Locale.ROOT, "shape: %d handler threads x %d connections, window %d, %d cores, "
                            + "per-stanza work: parse + routing lookup + serialise + encode, %.1f us once; %d times"
                            + " = %.1f us, calibrated to bare Openfire 5.1.1's %.0f us of CPU per routed message"
                            + " (-Dbench.serverMicros)%n",
                    HANDLER_THREADS, CONNECTIONS_PER_THREAD, WINDOW, Runtime.getRuntime().availableProcessors(),
                    once, rounds, routingWorkMicros(rounds), SERVER_MICROS);
            List<Result> saturation = new ArrayList<>();
            List<Result> fixed = new ArrayList<>();
            // -Dbench.saturation=false runs only the fixed rate (when looking into latency)
            // -Dbench.only=FSYNC_ON runs that one mode's saturation alone, for a profiler
            String only = System.getProperty("bench.only");
            if (only != null) {
                run(root.resolve("only"), Mode.valueOf(only), 0, rounds);
                return;
            }
            for (int round = 0; round < (Boolean.parseBoolean(System.getProperty("bench.saturation", "true")) ? 2 : 0);
                    round++) {
                saturation.add(run(root.resolve("bare-" + round), Mode.BARE, 0, rounds));
                saturation.add(run(root.resolve("on-" + round), Mode.FSYNC_ON, 0, rounds));
                saturation.add(run(root.resolve("off-" + round), Mode.FSYNC_OFF, 0, rounds));
            }
            fixed.add(run(root.resolve("bare-rate"), Mode.BARE, FIXED_RATE, rounds));
            fixed.add(run(root.resolve("on-rate"), Mode.FSYNC_ON, FIXED_RATE, rounds));
            fixed.add(run(root.resolve("off-rate"), Mode.FSYNC_OFF, FIXED_RATE, rounds));
            report(saturation, fixed);
            fsyncLimit(root.resolve("fsync"));
        } finally {
            deleteTree(root);
        }
        System.exit(0);
    }

    private enum Mode {
        BARE("bare routing (raw limit)"), FSYNC_ON("archiving, fsync on"), FSYNC_OFF("archiving, fsync off");

        final String label;

        Mode(String label) {
            this.label = label;
        }
    }

    private static void report(List<Result> saturation, List<Result> fixed) {
        System.out.println("(archiving: the database and the index yield to delivery while more than 256 messages"
                + " wait to be delivered; each figure counts delivered messages)");
        System.out.println();
        if (saturation.isEmpty()) {
            reportFixed(fixed);
            return;
        }
        System.out.println("Saturation (best of 2 rounds per mode; ratio = msg/s / bare msg/s of the same round):");
        System.out.printf(Locale.ROOT, "  %-28s %10s %9s %9s %7s%n", "mode", "msg/s", "p50 ms", "p99 ms", "ratio");
        for (Mode mode : Mode.values()) {
            Result best = null;
            double bestRatio = 0;
            for (int round = 0; round < 2; round++) {
                Result bare = saturation.get(round * 3);
                Result r = saturation.get(round * 3 + mode.ordinal());
                double ratio = r.perSecond() / bare.perSecond();
                if (best == null || ratio > bestRatio) {
                    best = r;
                    bestRatio = ratio;
                }
            }
            System.out.printf(Locale.ROOT, "  %-28s %,10.0f %9.2f %9.2f %7.2f%n", best.mode(), best.perSecond(),
                    best.p50Millis(), best.p99Millis(), bestRatio);
        }
        for (int round = 0; round < 2; round++) {
            System.out.printf(Locale.ROOT, "  round %d: bare %,.0f, fsync on %,.0f (%.2f), fsync off %,.0f (%.2f)%n",
                    round + 1, saturation.get(round * 3).perSecond(), saturation.get(round * 3 + 1).perSecond(),
                    saturation.get(round * 3 + 1).perSecond() / saturation.get(round * 3).perSecond(),
                    saturation.get(round * 3 + 2).perSecond(),
                    saturation.get(round * 3 + 2).perSecond() / saturation.get(round * 3).perSecond());
        }
        System.out.println();
        reportFixed(fixed);
    }

    private static void reportFixed(List<Result> fixed) {
        System.out.printf(Locale.ROOT, "At a fixed %,d msg/s (latency from hand-over to written for the recipient):%n",
                FIXED_RATE);
        Result bare = fixed.get(0);
        for (Result r : fixed) {
            System.out.printf(Locale.ROOT, "  %-28s p50 %7.2f ms  p99 %7.2f ms   added by archiving: p50 %+.2f ms,"
                            + " p99 %+.2f ms%s%n", r.mode(), r.p50Millis(), r.p99Millis(),
                    r.p50Millis() - bare.p50Millis(), r.p99Millis() - bare.p99Millis(),
                    Double.isNaN(r.journalP99Millis()) ? "" : String.format(Locale.ROOT,
                            "; the journal's own batch write%s in the same run: p50 %.2f ms, p99 %.2f ms",
                            r.mode().contains("fsync on") ? " + fsync" : "", r.journalP50Millis(),
                            r.journalP99Millis()));
        }
    }

    /**
     * The raw limit of the fsync-on latency: one small write and a force of a preallocated file in the same folder,
     * as the journal does per batch, measured right after the runs.
     */
    private static void fsyncLimit(Path dir) throws Exception {
        Files.createDirectories(dir);
        Path file = dir.resolve("probe");
        int n = 300;
        long[] nanos = new long[n];
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(file,
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE)) {
            ch.write(java.nio.ByteBuffer.allocate(4 << 20), 0);
            ch.force(true);
            java.nio.ByteBuffer record = java.nio.ByteBuffer.allocate(1024);
            for (int i = 0; i < n; i++) {
                record.clear();
                long start = System.nanoTime();
                ch.write(record, (long) i * 1024);
                ch.force(false);
                nanos[i] = System.nanoTime() - start;
                Thread.sleep(1); // a batch a millisecond, as at 1,000 msg/s
            }
        }
        Arrays.sort(nanos);
        System.out.printf(Locale.ROOT, "%nRaw limit of the fsync-on latency on this disk (1 KiB write + fsync, %d "
                + "times): p50 %.2f ms, p99 %.2f ms%n", n, nanos[n / 2] / 1e6, nanos[(int) (n * 0.99)] / 1e6);
    }

    /** The per-stanza work a handler thread does, in microseconds, measured on this machine now. */
    private static double routingWorkMicros(int times) throws Exception {
        Router router = new Router(null, times);
        String xml = stanza(new JID("user0001@example.com/c1"), "user0002@example.com", "warm", 0).toXML();
        for (int i = 0; i < 20_000 / times; i++) {
            router.deliver(router.parse(xml));
        }
        int n = Math.max(2000, 20_000 / times);
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            router.deliver(router.parse(xml));
        }
        return (System.nanoTime() - start) / 1000.0 / n;
    }

    /**
     * The routing side of a fake server: what Openfire does per message apart from plugins (parse the stanza into
     * dom4j and Tinder, look the recipient up in the routing table, serialise and encode the copy it writes).
     */
    private static final class Router {
        private final ConcurrentHashMap<String, Integer> routes = new ConcurrentHashMap<>();
        private final ThreadLocal<SAXReader> readers = ThreadLocal.withInitial(() -> {
            SAXReader reader = new SAXReader();
            reader.setMergeAdjacentText(true);
            return reader;
        });
        private final Latencies latencies;
        private final int times;

        Router(Latencies latencies, int times) {
            this.latencies = latencies;
            this.times = times;
            for (int u = 0; u < USERS; u++) {
                routes.put(user(u) + "@example.com", u);
            }
        }

        Message parse(String xml) throws Exception {
            Message parsed = null;
            for (int i = 0; i < times; i++) {
                Document doc = readers.get().read(new StringReader(xml));
                parsed = new Message(doc.getRootElement(), true);
            }
            return parsed;
        }

        /** Routes and writes a message for its recipient, and records its latency. */
        void deliver(Message message) {
            Integer route = routes.get(message.getTo().toBareJID());
            if (route == null) {
                throw new IllegalStateException("no route to " + message.getTo());
            }
            for (int i = 0; i < times; i++) {
                byte[] wire = message.toXML().getBytes(StandardCharsets.UTF_8);
                if (wire.length == 0) {
                    throw new IllegalStateException();
                }
            }
            if (latencies != null) {
                latencies.delivered(message);
            }
        }
    }

    /** Delivery latencies of the measured window, and what each connection may send next. */
    private static final class Latencies {
        final long[] samples = new long[4_000_000];
        final AtomicLong count = new AtomicLong();
        final AtomicLong delivered = new AtomicLong();
        volatile boolean measuring;
        final Semaphore[] windows;

        Latencies(int connections) {
            windows = new Semaphore[connections];
            for (int i = 0; i < connections; i++) {
                windows[i] = new Semaphore(WINDOW);
            }
        }

        void delivered(Message message) {
            // id: <connection>:<nanoTime when handed to the handler thread>
            String id = message.getID();
            int colon = id.indexOf(':');
            long sent = Long.parseLong(id, colon + 1, id.length(), 10);
            int connection = Integer.parseInt(id, 0, colon, 10);
            if (measuring) {
                delivered.incrementAndGet();
                long i = count.getAndIncrement();
                if (i < samples.length) {
                    samples[(int) i] = System.nanoTime() - sent;
                }
            }
            windows[connection].release();
        }

        double percentileMillis(double p) {
            int n = (int) Math.min(count.get(), samples.length);
            if (n == 0) {
                return Double.NaN;
            }
            long[] sorted = Arrays.copyOf(samples, n);
            Arrays.sort(sorted);
            return sorted[Math.min(n - 1, (int) Math.ceil(p * n) - 1)] / 1e6;
        }
    }

    private static String user(int u) {
        return String.format(Locale.ROOT, "user%04d", u);
    }

    private static Message stanza(JID from, String to, String body, long id) {
        Message m = new Message();
        m.setType(Message.Type.chat);
        m.setFrom(from);
        m.setTo(to);
        m.setBody(body);
        m.setID(Long.toString(id));
        m.getElement().addElement("active", "http://jabber.org/protocol/chatstates");
        m.getElement().addElement("request", "urn:xmpp:receipts");
        return m;
    }

    /**
     * Runs one mode: connections send (saturating within their windows, or at {@code rate} msg/s in all) to their
     * handler threads' queues; the handler threads parse, pass the gate and route; the delivered count and latency
     * are taken over the measured window.
     */
    private static Result run(Path dir, Mode mode, int rate, int rounds) throws Exception {
        int connections = HANDLER_THREADS * CONNECTIONS_PER_THREAD;
        Latencies latencies = new Latencies(connections);
        Router router = new Router(latencies, rounds);
        DomainChat core = null;
        DeliveryLines lines = null;
        ArchiveGate gate = null;
        if (mode != Mode.BARE) {
            ArchiveBenchmark.Pool pool = ArchiveBenchmark.Pool.create(dir.resolve("db"));
            String[] users = new String[USERS];
            for (int u = 0; u < USERS; u++) {
                users[u] = user(u);
            }
            lines = new DeliveryLines(LANES, "domainchat-deliver");
            core = DomainChat.start(new TestEnvironment(pool, dir.resolve("data"),
                    new Settings.Fixed(Settings.Fixed.defaults().conversationIdleMillis(),
                            Settings.Fixed.defaults().maxBodyBytes(), mode == Mode.FSYNC_ON,
                            Settings.Fixed.defaults().queueCapacity()), System::currentTimeMillis, users)
                    .withChatLoad(lines.load()));
            // the lanes route a released message again: its second pass through the gate lets it through
            ArchiveGate[] self = new ArchiveGate[1];
            gate = new ArchiveGate(core.archiver(), lines, m -> {
                try {
                    if (self[0].incoming(m, MessageCapture.Source.CLIENT, m.getFrom())
                            != ArchiveGate.Verdict.PASS) {
                        throw new IllegalStateException("a released message was held again");
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                router.deliver(m);
            }, (to, m) -> {
                throw new IllegalStateException("not archived: " + m.getBody());
            });
            self[0] = gate;
        }
        List<BlockingQueue<String>> inbound = new ArrayList<>();
        for (int t = 0; t < HANDLER_THREADS; t++) {
            inbound.add(new ArrayBlockingQueue<>(CONNECTIONS_PER_THREAD * WINDOW * 2 + 16));
        }
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch handlersDone = new CountDownLatch(HANDLER_THREADS);
        ArchiveGate theGate = gate;
        for (int t = 0; t < HANDLER_THREADS; t++) {
            BlockingQueue<String> queue = inbound.get(t);
            Thread handler = new Thread(() -> {
                try {
                    while (!stop.get()) {
                        String xml = queue.poll(50, TimeUnit.MILLISECONDS);
                        if (xml == null) {
                            continue;
                        }
                        Message m = router.parse(xml);
                        if (theGate == null || theGate.incoming(m, MessageCapture.Source.CLIENT, m.getFrom())
                                == ArchiveGate.Verdict.PASS) {
                            router.deliver(m);
                        }
                    }
                } catch (Exception e) {
                    e.printStackTrace();
                } finally {
                    handlersDone.countDown();
                }
            }, "socket_c2s-handler-" + (t + 1));
            handler.start();
        }
        // The clients: one thread plays all connections, in turn, as sockets would deliver their bytes.
        Thread clients = new Thread(() -> {
            long n = 0;
            long interval = rate == 0 ? 0 : TimeUnit.SECONDS.toNanos(1) / rate;
            long next = System.nanoTime();
            while (!stop.get()) {
                for (int c = 0; c < connections && !stop.get(); c++) {
                    if (rate > 0) {
                        long wait = next - System.nanoTime();
                        if (wait > 0) {
                            LockSupport.parkNanos(wait);
                        }
                        next += interval;
                        if (!latencies.windows[c].tryAcquire()) {
                            continue; // this connection is still waiting for earlier messages
                        }
                    } else if (!latencies.windows[c].tryAcquire()) {
                        continue;
                    }
                    int from = (c * 2) % USERS;
                    JID sender = new JID(user(from) + "@example.com/c" + c);
                    Message m = stanza(sender, user((from + 1) % USERS) + "@example.com",
                            "message " + (++n) + " about the quarterly report and the plans for next week", n);
                    m.setID(c + ":" + System.nanoTime());
                    try {
                        inbound.get(c % HANDLER_THREADS).put(m.toXML());
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (rate == 0) {
                    Thread.onSpinWait();
                }
            }
        }, "clients");
        clients.start();
        Thread.sleep(WARMUP_MILLIS);
        java.util.Map<String, Long> cpuBefore = cpuByGroup();
        long processCpuBefore = processCpuNanos();
        long gcBefore = gcMillis();
        long jitBefore = java.lang.management.ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
        long allocatedBefore = allocatedBytes();
        latencies.measuring = true;
        long start = System.nanoTime();
        Thread.sleep(MEASURE_MILLIS);
        latencies.measuring = false;
        double seconds = (System.nanoTime() - start) / 1e9;
        java.util.Map<String, Long> cpuAfter = cpuByGroup();
        double coresBusy = (processCpuNanos() - processCpuBefore) / 1e9 / seconds;
        long gcUsed = gcMillis() - gcBefore;
        long jitUsed = java.lang.management.ManagementFactory.getCompilationMXBean().getTotalCompilationTime()
                - jitBefore;
        long allocated = allocatedBytes() - allocatedBefore;
        stop.set(true);
        clients.join();
        handlersDone.await();
        double journalP50 = Double.NaN;
        double journalP99 = Double.NaN;
        if (core != null) {
            journalP50 = core.archive().journalWriteTimes().percentileMillis(0.50);
            journalP99 = core.archive().journalWriteTimes().percentileMillis(0.99);
            core.close();
            lines.close();
        }
        Result r = new Result(mode.label, latencies.delivered.get() / seconds, latencies.percentileMillis(0.50),
                latencies.percentileMillis(0.99), latencies.delivered.get(), journalP50, journalP99);
        System.out.printf(Locale.ROOT, "  %-28s %s: %,.0f msg/s, p50 %.2f ms, p99 %.2f ms%n", r.mode(),
                rate == 0 ? "saturation" : rate + " msg/s", r.perSecond(), r.p50Millis(), r.p99Millis());
        if (rate == 0 && latencies.delivered.get() > 0) {
            StringBuilder cpu = new StringBuilder(String.format(Locale.ROOT,
                    "    cores busy %.2f of %d; CPU per message (us): all %.1f,", coresBusy,
                    Runtime.getRuntime().availableProcessors(), coresBusy * seconds * 1e6 / latencies.delivered.get()));
            for (var e : new java.util.TreeMap<>(cpuAfter).entrySet()) {
                long used = e.getValue() - cpuBefore.getOrDefault(e.getKey(), 0L);
                if (used > 0) {
                    cpu.append(String.format(Locale.ROOT, " %s %.1f", e.getKey(),
                            used / 1000.0 / latencies.delivered.get()));
                }
            }
            System.out.println(cpu);
            System.out.printf(Locale.ROOT, "    GC pauses %d ms, JIT compiling %d ms in the %.0f s window; %,d bytes"
                    + " allocated per message%n", gcUsed, jitUsed, seconds, allocated / latencies.delivered.get());
        }
        return r;
    }

    private static long gcMillis() {
        long sum = 0;
        for (var gc : java.lang.management.ManagementFactory.getGarbageCollectorMXBeans()) {
            sum += Math.max(0, gc.getCollectionTime());
        }
        return sum;
    }

    /** Bytes allocated so far by this JVM's live threads. */
    private static long allocatedBytes() {
        var mx = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long sum = 0;
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            sum += Math.max(0, mx.getThreadAllocatedBytes(t.getId()));
        }
        return sum;
    }

    /** CPU time so far of the whole process (JIT and GC threads included). */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** CPU time so far of this JVM's live threads, by name with trailing numbers cut (handler-1..16 is one group). */
    private static java.util.Map<String, Long> cpuByGroup() {
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        java.util.Map<String, Long> out = new java.util.HashMap<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            long cpu = mx.getThreadCpuTime(t.getId());
            if (cpu > 0) {
                out.merge(t.getName().replaceAll("[-#]?\\d+$", ""), cpu, Long::sum);
            }
        }
        return out;
    }

    private static void deleteTree(Path root) throws Exception {
        try (var paths = Files.walk(root)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
