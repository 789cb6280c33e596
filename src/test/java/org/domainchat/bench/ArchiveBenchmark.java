package org.domainchat.bench;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.TopFieldDocs;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.domainchat.DomainChat;
import org.domainchat.Settings;
import org.domainchat.archive.ArchivedMessage;
import org.domainchat.archive.MessageCapture;
import org.domainchat.archive.PartyPair;
import org.domainchat.db.ConnectionSource;
import org.domainchat.search.LuceneBenchSupport;
import org.domainchat.search.SearchOutcome;
import org.domainchat.search.SearchRequest;
import org.domainchat.testing.TestEnvironment;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;

/**
 * Archive benchmark: pipeline throughput against the raw JDBC + Lucene limit, search latency, freshness, heap.
 * Prints figures only, never pass/fail. Not a JUnit test (surefire excludes {@code *Benchmark.java}).
 *
 * <pre>
 *   mvn -q -o -Pbenchmark verify                              # N = 1,000,000
 *   mvn -q -o -Pbenchmark verify -Dbench.messages=100000      # quick run
 *   mvn -q -o -Pbenchmark test-compile exec:exec@archive-benchmark -Dbench.messages=100000   # without packaging
 * </pre>
 *
 * Database: embedded HSQLDB file database set up like Openfire's embedded one ({@code SET FILES WRITE DELAY 1000
 * MILLIS}, {@code SET FILES LOG SIZE 20}, user SA), schema from {@code database/domainchat_hsqldb.sql}. System
 * property: {@code bench.fsyncOffMessages} = messages for the extra fsync-off pipeline
 * run (default N; 0 skips it). Everything lives in one temporary folder, deleted at the end.
 */
public final class ArchiveBenchmark {

    private static final String DOMAIN = "example.com";
    private static final int USERS = 2000;
    private static final int PRODUCERS = 8;
    private static final int WARMUP_QUERIES = 200;
    private static final int QUERIES = 2000;
    private static final int FRESH_MESSAGES = 200;
    private static final int POOL_SIZE = 4;
    private static final String RAW_INSERT = "INSERT INTO dcMessage (messageId, conversationId, sentAt, fromJid, "
            + "fromResource, toJid, toResource, body, bodyTruncated, thread, msgType, clientId, pairKey, stanza) "
            + "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)";

    private static final List<String> SUMMARY = new ArrayList<>();
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private ArchiveBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        // Routing threads waiting for the database writer log once a second each; the monitor reports the backlog.
        System.setProperty("org.slf4j.simpleLogger.log.org.domainchat.archive.Archive", "error");
        System.setProperty("hsqldb.reconfig_logging", "false");
        int n = args.length > 0 && !args[0].isBlank() ? Integer.parseInt(args[0].replace("_", "").replace(",", ""))
                : 1_000_000;
        int fsyncOffN = Integer.parseInt(property("bench.fsyncOffMessages", Integer.toString(n)));
        if (THREADS.isThreadCpuTimeSupported()) {
            THREADS.setThreadCpuTimeEnabled(true);
        }

        Path root = Files.createTempDirectory("domainchat-bench-");
        long runStart = System.nanoTime();
        try {
            Runtime rt = Runtime.getRuntime();
            line("machine", rt.availableProcessors() + " cores, max heap " + mb(rt.maxMemory()) + ", Java "
                    + System.getProperty("java.version") + ", " + System.getProperty("os.name") + " "
                    + System.getProperty("os.arch"));
            line("setup", String.format(Locale.ROOT, "N=%,d messages, %d users @%s, %d producer threads, HSQLDB "
                    + "tables as the schema script creates them (write delay 1000 ms, log size 20 MB), temp %s", n,
                    USERS, DOMAIN, PRODUCERS, root));

            long t = System.nanoTime();
            Traffic traffic = new Traffic(n, 42);
            line("traffic generated", String.format(Locale.ROOT, "%.1f s (bodies %d-%d chars, avg %.0f; %,d "
                            + "conversations, ~%.0f msgs each)", secs(System.nanoTime() - t), traffic.minLen,
                    traffic.maxLen, traffic.avgLen, traffic.conversations, (double) n / traffic.conversations));

            // ---- warm-up: the JIT compiles the same paths before anything is timed ----
            int warmN = Math.min(100_000, Math.max(1, n / 5));
            t = System.nanoTime();
            Path warmDir = root.resolve("warm-up");
            Pool warmPool = Pool.create(warmDir.resolve("db"));
            DomainChat warmCore = DomainChat.start(env(warmPool, warmDir.resolve("data"),
                    Settings.Fixed.defaults()));
            runPipeline(warmCore, traffic, warmN);
            coreSearch(warmCore, traffic.queries(WARMUP_QUERIES + QUERIES, 3));
            warmCore.close();
            warmPool.shutdown();
            deleteTree(warmDir);
            line("warm-up (not timed)", String.format(Locale.ROOT, "%,d messages through a throwaway pipeline + "
                    + "%,d searches, %.1f s", warmN, WARMUP_QUERIES + QUERIES, secs(System.nanoTime() - t)));

            // ---- 1. pipeline, fsync on ----
            Path pipelineDir = root.resolve("pipeline");
            Pool pool = Pool.create(pipelineDir.resolve("db"));
            TestEnvironment env = env(pool, pipelineDir.resolve("data"), Settings.Fixed.defaults());
            DomainChat core = DomainChat.start(env);
            PipelineResult on = runPipeline(core, traffic, n);
            double pipelineRate = n / on.seconds;
            line("1 pipeline, fsync ON", String.format(Locale.ROOT, "%,.0f msgs/s  (%.1f s to DB+searchable; "
                            + "all archive() returned %.1f s, DB done %.1f s, index watermark %.1f s)",
                    pipelineRate, on.seconds, on.acceptedSec, on.dbSec, on.indexedSec));
            line("  pipeline stages", on.stages);
            line("  pipeline backlog", on.backlog);
            line("  check", String.format(Locale.ROOT, "db rows %,d, index docs %,d (expected %,d)",
                    core.store().countMessages(), core.index().status().documents(), n + 1));
            line("  heap used after pipeline", usedHeapAfterGc());

            // ---- 2. search latency through the core ----
            List<BenchQuery> queries = traffic.queries(WARMUP_QUERIES + QUERIES, 7);
            SearchStats coreStats = coreSearch(core, queries);
            // ---- 3. freshness (system otherwise idle) ----
            long[] fresh = freshness(core, traffic);

            t = System.nanoTime();
            core.close();
            double closeSec = secs(System.nanoTime() - t);
            pool.shutdown();
            Path indexDir = currentGeneration(pipelineDir.resolve("data").resolve("index"));
            SearchStats rawStats = rawSearch(indexDir, queries);
            line("2 search searchOwn (core)", coreStats.describe() + String.format(Locale.ROOT,
                    " [%d queries after %d warm-up; %d with no hit; avg %.0f hits]", QUERIES, WARMUP_QUERIES,
                    coreStats.empty, coreStats.avgTotal));
            line("2 search raw Lucene", rawStats.describe() + "  [same index folder, DirectoryReader opened after "
                    + "the core closed (committed); party filter + parsed text, top 20 by id desc, no highlighting, "
                    + "no stored fields]");
            line("  by kind, core (ms)", coreStats.byKind);
            line("  by kind, raw (ms)", rawStats.byKind);
            line("2 search ratio core/raw", String.format(Locale.ROOT, "p50 %.1fx, p99 %.1fx",
                    coreStats.p50 / Math.max(rawStats.p50, 1e-3), coreStats.p99 / Math.max(rawStats.p99, 1e-3)));
            line("3 freshness", freshDescribe(fresh));
            line("  core close (commit)", String.format(Locale.ROOT, "%.1f s", closeSec));
            deleteTree(pipelineDir);

            // ---- 1. raw limit: plain JDBC batch insert + plain IndexWriter ----
            long machine0 = machineBusyNanos();
            long process0 = processCpu();
            RawResult jdbc = rawJdbc(root.resolve("raw-db"), traffic, n);
            String jdbcOthers = othersCpu(machine0, process0);
            machine0 = machineBusyNanos();
            process0 = processCpu();
            double luceneSec = rawLucene(root.resolve("raw-index"), traffic, n);
            String luceneOthers = othersCpu(machine0, process0);
            double rawRate = n / (jdbc.seconds + luceneSec);
            line("1 raw JDBC only", String.format(Locale.ROOT, "%,.0f msgs/s  (%.1f s; of which building "
                    + "Message+toXML+pairKey %.1f s; other processes %s CPU s)", n / jdbc.seconds, jdbc.seconds,
                    jdbc.buildSeconds, jdbcOthers));
            line("1 raw Lucene only", String.format(Locale.ROOT, "%,.0f msgs/s  (%.1f s, one commit; other processes %s "
                    + "CPU s)", n / luceneSec, luceneSec, luceneOthers));
            line("1 raw limit N/(jdbc+lucene)", String.format(Locale.ROOT, "%,.0f msgs/s", rawRate));
            line("1 pipeline / raw", String.format(Locale.ROOT, "%.0f %%  (target >= 70 %%)",
                    100 * pipelineRate / rawRate));

            // ---- 1. extra: pipeline with fsync off ----
            String offLine = "skipped";
            if (fsyncOffN > 0) {
                Path offDir = root.resolve("pipeline-nofsync");
                Pool offPool = Pool.create(offDir.resolve("db"));
                Settings.Fixed d = Settings.Fixed.defaults();
                TestEnvironment offEnv = env(offPool, offDir.resolve("data"), new Settings.Fixed(d.conversationIdleMillis(),
                        d.maxBodyBytes(), false, d.queueCapacity()));
                DomainChat offCore = DomainChat.start(offEnv);
                PipelineResult off = runPipeline(offCore, traffic, fsyncOffN);
                offCore.close();
                offPool.shutdown();
                deleteTree(offDir);
                offLine = String.format(Locale.ROOT, "%,.0f msgs/s  (N=%,d, %.1f s; archive() done %.1f s, DB %.1f "
                                + "s)  [%s]", fsyncOffN / off.seconds, fsyncOffN, off.seconds, off.acceptedSec,
                        off.dbSec, off.stages);
            }
            line("1 pipeline, fsync OFF", offLine);

            // ---- 4. heap and machine ----
            traffic = null;
            line("4 heap used after run", usedHeapAfterGc() + " (after GC, databases shut down, max heap "
                    + mb(rt.maxMemory()) + ")");
            line("total run time", String.format(Locale.ROOT, "%.0f s", secs(System.nanoTime() - runStart)));

            System.out.println();
            System.out.println("==== domainchat archive benchmark summary ====");
            SUMMARY.forEach(System.out::println);
            System.out.println("==============================================");
        } finally {
            deleteTree(root);
        }
        System.exit(0); // HSQLDB / Lucene leave no non-daemon threads, but do not let a stray one hang the build
    }

    // ------------------------------------------------------------------ pipeline

    private record PipelineResult(double seconds, double acceptedSec, double dbSec, double indexedSec, String stages,
                                  String backlog) {
    }

    private static PipelineResult runPipeline(DomainChat core, Traffic traffic, int n) throws Exception {
        AtomicInteger next = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicLong producerCpu = new AtomicLong();
        CountDownLatch ready = new CountDownLatch(PRODUCERS);
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> producers = new ArrayList<>();
        for (int p = 0; p < PRODUCERS; p++) {
            Thread th = new Thread(() -> {
                ready.countDown();
                try {
                    go.await();
                    int i;
                    while ((i = next.getAndIncrement()) < n && failure.get() == null) {
                        if (core.archiver().archive(traffic.message(i), MessageCapture.Source.CLIENT).isEmpty()) {
                            throw new IllegalStateException("message " + i + " was not archived");
                        }
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                } finally {
                    producerCpu.addAndGet(THREADS.getCurrentThreadCpuTime());
                }
            }, "bench-producer-" + p);
            producers.add(th);
            th.start();
        }
        ready.await();
        long cpu0 = processCpu();
        long machine0 = machineBusyNanos();
        long gc0 = gcMillis();
        long jit0 = jitMillis();
        double hsqldb0 = threadCpu("HSQLDB Timer");
        Monitor monitor = new Monitor(core);
        long t0 = System.nanoTime();
        go.countDown();
        monitor.start();
        for (Thread th : producers) {
            th.join();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("producer failed", failure.get());
        }
        long tAccepted = System.nanoTime();
        // A last message with a unique word: it has the highest id, so once it is searchable every message is.
        String token = "zzsentinel" + Long.toString(System.nanoTime(), 36);
        Message sentinel = traffic.message(0);
        sentinel.setBody("benchmark sentinel " + token);
        long lastId = core.archiver().archive(sentinel, MessageCapture.Source.CLIENT).orElseThrow().id();
        String owner = sentinel.getFrom().toBareJID();
        while (core.archive().status().lastStoredId() < lastId) {
            Thread.sleep(1);
        }
        long tDb = System.nanoTime();
        while (core.index().status().watermark() < lastId) {
            Thread.sleep(5);
        }
        long tIndexed = System.nanoTime();
        while (!found(core, owner, token)) {
            Thread.sleep(5);
        }
        long tSearchable = System.nanoTime();
        monitor.stop();
        String others = othersCpu(machine0, cpu0);
        long cpu = processCpu() - cpu0;
        long gc = gcMillis() - gc0;
        long jit = jitMillis() - jit0;
        double hsqldb = threadCpu("HSQLDB Timer") - hsqldb0;
        double wall = secs(tSearchable - t0);
        double journal = threadCpu("domainchat-journal");
        double writer = threadCpu("domainchat-archive-writer");
        double indexer = threadCpu("domainchat-indexer");
        double rest = secs(cpu - producerCpu.get()) - journal - writer - indexer - hsqldb;
        String stages = String.format(Locale.ROOT, "CPU s: producers %.1f, journal %.1f, db-writer %.1f, indexer "
                        + "%.1f, HSQLDB timer (log sync, checkpoints) %.1f, rest (JIT, GC, Lucene merges) %.1f; "
                        + "process %.1f of %.1f available; JIT compiling %.1f s; GC pauses %.1f s; other processes "
                        + "on the machine %s", secs(producerCpu.get()), journal, writer, indexer, hsqldb, rest,
                secs(cpu), wall * Runtime.getRuntime().availableProcessors(), jit / 1000.0, gc / 1000.0, others);
        return new PipelineResult(wall, secs(tAccepted - t0), secs(tDb - t0), secs(tIndexed - t0), stages,
                monitor.describe());
    }

    /** Samples the backlogs every 200 ms while the pipeline runs. */
    private static final class Monitor implements Runnable {
        private final DomainChat core;
        private final Thread thread;
        private volatile boolean stop;
        private long maxWriterQueue;
        private long maxIndexLag;
        private long samples;
        private long blockedSamples;

        Monitor(DomainChat core) {
            this.core = core;
            this.thread = new Thread(this, "bench-monitor");
            thread.setDaemon(true);
        }

        void start() {
            thread.start();
        }

        void stop() throws InterruptedException {
            stop = true;
            thread.join();
        }

        @Override
        public void run() {
            int capacity = core.settings().queueCapacity();
            while (!stop) {
                long queued = core.archive().status().queued();
                maxWriterQueue = Math.max(maxWriterQueue, queued);
                maxIndexLag = Math.max(maxIndexLag, core.index().status().lastLagMillis());
                samples++;
                if (queued >= capacity * 0.95) {
                    blockedSamples++;
                }
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        String describe() {
            return String.format(Locale.ROOT, "max DB-writer queue %,d msgs (capacity %,d; at capacity in %d%% of "
                            + "samples), max index lag at refresh %,d ms", maxWriterQueue,
                    core.settings().queueCapacity(), samples == 0 ? 0 : 100 * blockedSamples / samples, maxIndexLag);
        }
    }

    // ------------------------------------------------------------------ search

    private record BenchQuery(String owner, String text, int kind) {
    }

    private static final String[] KINDS = {"1 word", "2 words", "umlaut word", "phrase"};

    private static final class SearchStats {
        double p50;
        double p99;
        double max;
        int empty;
        double avgTotal;
        String byKind = "";
        long gcMillis;
        String others = "n/a";

        static SearchStats of(long[] nanos) {
            SearchStats s = new SearchStats();
            Arrays.sort(nanos);
            s.p50 = pct(nanos, 50) / 1e6;
            s.p99 = pct(nanos, 99) / 1e6;
            s.max = nanos[nanos.length - 1] / 1e6;
            return s;
        }

        String describe() {
            return String.format(Locale.ROOT, "p50 %.2f ms, p99 %.2f ms, max %.1f ms (meanwhile GC pauses %,d ms, "
                    + "other processes %s CPU s)", p50, p99, max, gcMillis, others);
        }
    }

    private static SearchStats coreSearch(DomainChat core, List<BenchQuery> queries) {
        long[] nanos = new long[QUERIES];
        long gc0 = gcMillis();
        long machine0 = machineBusyNanos();
        long process0 = processCpu();
        int empty = 0;
        long totals = 0;
        for (int q = 0; q < queries.size(); q++) {
            BenchQuery query = queries.get(q);
            long t = System.nanoTime();
            SearchOutcome outcome = core.search().searchOwn(query.owner(), SearchRequest.of(query.text()));
            long took = System.nanoTime() - t;
            if (!(outcome instanceof SearchOutcome.Page page)) {
                throw new IllegalStateException("search '" + query.text() + "' failed: " + outcome);
            }
            if (q >= WARMUP_QUERIES) {
                nanos[q - WARMUP_QUERIES] = took;
                if (page.hits().isEmpty()) {
                    empty++;
                }
                totals += page.totalHits();
            }
        }
        SearchStats s = SearchStats.of(nanos.clone());
        s.gcMillis = gcMillis() - gc0;
        s.others = othersCpu(machine0, process0);
        s.byKind = byKind(queries, nanos);
        s.empty = empty;
        s.avgTotal = (double) totals / QUERIES;
        return s;
    }

    private static SearchStats rawSearch(Path indexDir, List<BenchQuery> queries) throws Exception {
        Analyzer analyzer = LuceneBenchSupport.analyzer();
        Sort sort = LuceneBenchSupport.newestFirst();
        long[] nanos = new long[QUERIES];
        long gc0 = gcMillis();
        long machine0 = machineBusyNanos();
        long process0 = processCpu();
        try (Directory dir = FSDirectory.open(indexDir); DirectoryReader reader = DirectoryReader.open(dir)) {
            IndexSearcher searcher = new IndexSearcher(reader);
            for (int q = 0; q < queries.size(); q++) {
                BenchQuery query = queries.get(q);
                long t = System.nanoTime();
                Query lucene = LuceneBenchSupport.ownQuery(analyzer, query.owner(), query.text());
                TopFieldDocs top = searcher.search(lucene, 20, sort);
                long took = System.nanoTime() - t;
                if (top.totalHits.value < 0) {
                    throw new IllegalStateException();
                }
                if (q >= WARMUP_QUERIES) {
                    nanos[q - WARMUP_QUERIES] = took;
                }
            }
        } finally {
            analyzer.close();
        }
        SearchStats s = SearchStats.of(nanos.clone());
        s.gcMillis = gcMillis() - gc0;
        s.others = othersCpu(machine0, process0);
        s.byKind = byKind(queries, nanos);
        return s;
    }

    /** p50/p99 per kind of query; {@code nanos} in query order (after the warm-up). */
    private static String byKind(List<BenchQuery> queries, long[] nanos) {
        StringBuilder out = new StringBuilder();
        for (int k = 0; k < KINDS.length; k++) {
            List<Long> own = new ArrayList<>();
            for (int q = 0; q < nanos.length; q++) {
                if (queries.get(q + WARMUP_QUERIES).kind() == k) {
                    own.add(nanos[q]);
                }
            }
            long[] sorted = own.stream().mapToLong(Long::longValue).sorted().toArray();
            if (sorted.length > 0) {
                out.append(out.length() == 0 ? "" : "; ").append(String.format(Locale.ROOT,
                        "%s (%d) p50 %.2f p99 %.2f", KINDS[k], sorted.length, pct(sorted, 50) / 1e6,
                        pct(sorted, 99) / 1e6));
            }
        }
        return out.toString();
    }

    private static Path currentGeneration(Path indexRoot) throws IOException {
        return indexRoot.resolve(Files.readString(indexRoot.resolve("current"), StandardCharsets.UTF_8).strip());
    }

    private static boolean found(DomainChat core, String owner, String token) {
        return core.search().searchOwn(owner, SearchRequest.of(token)) instanceof SearchOutcome.Page page
                && !page.hits().isEmpty();
    }

    // ------------------------------------------------------------------ freshness

    private record Pending(String owner, String token, long archivedAt) {
    }

    private static long[] freshness(DomainChat core, Traffic traffic) throws Exception {
        ConcurrentLinkedQueue<Pending> pending = new ConcurrentLinkedQueue<>();
        long[] latencies = new long[FRESH_MESSAGES];
        Arrays.fill(latencies, -1);
        AtomicInteger sent = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Pending> all = new ArrayList<>();
        Random rnd = new Random(99);
        ScheduledExecutorService exec = Executors.newScheduledThreadPool(2);
        try {
            exec.scheduleAtFixedRate(() -> {
                int i = sent.getAndIncrement();
                if (i >= FRESH_MESSAGES) {
                    return;
                }
                try {
                    int from;
                    int to;
                    synchronized (rnd) {
                        from = rnd.nextInt(USERS);
                        to = (from + 1 + rnd.nextInt(USERS - 1)) % USERS;
                    }
                    String token = "frsh" + i + "q" + Long.toString(System.nanoTime() & 0xffffff, 36);
                    Message m = traffic.message(from, to, 0, "f" + i, "quick check " + token + " bitte schön");
                    core.archiver().archive(m, MessageCapture.Source.CLIENT).orElseThrow();
                    Pending p = new Pending(traffic.bare[from], token, System.nanoTime());
                    synchronized (all) {
                        all.add(p);
                    }
                    pending.add(p);
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            }, 0, 50, TimeUnit.MILLISECONDS);
            exec.scheduleWithFixedDelay(() -> {
                for (Pending p : pending) {
                    if (found(core, p.owner(), p.token())) {
                        long latency = System.nanoTime() - p.archivedAt();
                        pending.remove(p);
                        synchronized (all) {
                            latencies[all.indexOf(p)] = latency;
                        }
                        done.incrementAndGet();
                    } else if (System.nanoTime() - p.archivedAt() > TimeUnit.SECONDS.toNanos(30)) {
                        pending.remove(p);
                        done.incrementAndGet();
                    }
                }
            }, 5, 5, TimeUnit.MILLISECONDS);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(FRESH_MESSAGES / 20 + 40);
            while (done.get() < FRESH_MESSAGES && System.nanoTime() < deadline && failure.get() == null) {
                Thread.sleep(20);
            }
        } finally {
            exec.shutdownNow();
            exec.awaitTermination(5, TimeUnit.SECONDS);
        }
        if (failure.get() != null) {
            throw new IllegalStateException("freshness sender failed", failure.get());
        }
        return latencies;
    }

    private static String freshDescribe(long[] latencies) {
        long[] ok = Arrays.stream(latencies).filter(l -> l >= 0).sorted().toArray();
        if (ok.length == 0) {
            return "no message became searchable within 30 s";
        }
        return String.format(Locale.ROOT, "p50 %.0f ms, p99 %.0f ms, max %.0f ms  (%d of %d found; 20 msgs/s, "
                        + "polled every 5 ms; target <= 1000 ms)", pct(ok, 50) / 1e6, pct(ok, 99) / 1e6,
                ok[ok.length - 1] / 1e6, ok.length, latencies.length);
    }

    // ------------------------------------------------------------------ raw limit

    private record RawResult(double seconds, double buildSeconds) {
    }

    private static RawResult rawJdbc(Path dir, Traffic traffic, int n) throws Exception {
        Pool pool = Pool.create(dir);
        long build = 0;
        long t0 = System.nanoTime();
        try (Connection c = pool.getConnection(); PreparedStatement ps = c.prepareStatement(RAW_INSERT)) {
            c.setAutoCommit(false);
            long now = System.currentTimeMillis();
            long baseId = now * 1000;
            for (int i = 0; i < n; i++) {
                long b = System.nanoTime();
                Message m = traffic.message(i);
                String stanza = m.toXML();
                String pairKey = PartyPair.of(traffic.bare[traffic.from[i]], traffic.bare[traffic.to[i]]).key();
                build += System.nanoTime() - b;
                long id = baseId + i;
                ps.setLong(1, id);
                ps.setLong(2, id);
                ps.setLong(3, now);
                ps.setString(4, traffic.bare[traffic.from[i]]);
                ps.setString(5, Traffic.RESOURCES[traffic.res[i]]);
                ps.setString(6, traffic.bare[traffic.to[i]]);
                ps.setNull(7, java.sql.Types.VARCHAR);
                ps.setString(8, traffic.body[i]);
                ps.setInt(9, 0);
                ps.setNull(10, java.sql.Types.VARCHAR);
                ps.setString(11, "chat");
                ps.setString(12, Traffic.clientId(i));
                ps.setString(13, pairKey);
                ps.setString(14, stanza);
                ps.addBatch();
                if ((i + 1) % 1000 == 0 || i == n - 1) {
                    ps.executeBatch();
                    c.commit();
                }
            }
            c.setAutoCommit(true);
        }
        double seconds = secs(System.nanoTime() - t0);
        pool.shutdown();
        deleteTree(dir);
        return new RawResult(seconds, secs(build));
    }

    private static double rawLucene(Path dir, Traffic traffic, int n) throws IOException {
        Files.createDirectories(dir);
        Analyzer analyzer = LuceneBenchSupport.analyzer();
        long t0 = System.nanoTime();
        double seconds;
        try (Directory directory = FSDirectory.open(dir)) {
            // The same RAM buffer as the core's writer (IndexGeneration), otherwise Lucene's defaults.
            IndexWriterConfig config = new IndexWriterConfig(analyzer)
                    .setOpenMode(IndexWriterConfig.OpenMode.CREATE).setRAMBufferSizeMB(64);
            IndexWriter writer = new IndexWriter(directory, config);
            long now = System.currentTimeMillis();
            long baseId = now * 1000;
            for (int i = 0; i < n; i++) {
                long id = baseId + i;
                ArchivedMessage m = new ArchivedMessage(id, id, now, traffic.bare[traffic.from[i]],
                        Traffic.RESOURCES[traffic.res[i]], traffic.bare[traffic.to[i]], null, traffic.body[i], false,
                        null, "chat", Traffic.clientId(i), null);
                writer.addDocument(LuceneBenchSupport.document(m));
            }
            writer.commit();
            seconds = secs(System.nanoTime() - t0);
            writer.close();
        } finally {
            analyzer.close();
        }
        deleteTree(dir);
        return seconds;
    }

    // ------------------------------------------------------------------ traffic

    /**
     * Deterministic chat traffic: random pairs of the 2,000 users, each pair talking in a burst of about a dozen
     * alternating lines while some 400 conversations run at once; bodies of 20-200 characters drawn (Zipf-like) from
     * an English/German word list with umlauts.
     */
    static final class Traffic {
        static final String[] RESOURCES = {"laptop", "phone", "webmail"};
        private static final int ACTIVE = 400;

        final int n;
        final short[] from;
        final short[] to;
        final byte[] res;
        final String[] body;
        final String[] bare = new String[USERS];
        final JID[] bareJid = new JID[USERS];
        final JID[][] fullJid = new JID[USERS][RESOURCES.length];
        final Words words = new Words();
        int minLen = Integer.MAX_VALUE;
        int maxLen;
        double avgLen;
        int conversations;

        Traffic(int n, long seed) {
            this.n = n;
            from = new short[n];
            to = new short[n];
            res = new byte[n];
            body = new String[n];
            for (int u = 0; u < USERS; u++) {
                String node = String.format(Locale.ROOT, "user%04d", u);
                bare[u] = node + "@" + DOMAIN;
                bareJid[u] = new JID(node, DOMAIN, null);
                for (int r = 0; r < RESOURCES.length; r++) {
                    fullJid[u][r] = new JID(node, DOMAIN, RESOURCES[r]);
                }
            }
            Random rnd = new Random(seed);
            int[][] active = new int[ACTIVE][];
            for (int s = 0; s < ACTIVE; s++) {
                active[s] = randomPair(rnd);
            }
            conversations = ACTIVE;
            long total = 0;
            for (int i = 0; i < n; i++) {
                int s = rnd.nextInt(ACTIVE);
                boolean swap = rnd.nextBoolean();
                from[i] = (short) active[s][swap ? 1 : 0];
                to[i] = (short) active[s][swap ? 0 : 1];
                res[i] = (byte) rnd.nextInt(RESOURCES.length);
                String b = words.body(rnd);
                body[i] = b;
                minLen = Math.min(minLen, b.length());
                maxLen = Math.max(maxLen, b.length());
                total += b.length();
                if (rnd.nextInt(12) == 0) {
                    active[s] = randomPair(rnd);
                    conversations++;
                }
            }
            avgLen = n == 0 ? 0 : (double) total / n;
        }

        private static int[] randomPair(Random rnd) {
            int a = rnd.nextInt(USERS);
            int b = (a + 1 + rnd.nextInt(USERS - 1)) % USERS;
            return new int[]{a, b};
        }

        static String clientId(int i) {
            return "m" + Integer.toString(i, 36) + "-c";
        }

        Message message(int i) {
            return message(from[i], to[i], res[i], clientId(i), body[i]);
        }

        Message message(int fromUser, int toUser, int resource, String id, String text) {
            Message m = new Message();
            m.setType(Message.Type.chat);
            m.setID(id);
            m.setFrom(fullJid[fromUser][resource]);
            m.setTo(bareJid[toUser]);
            m.setBody(text);
            return m;
        }

        /**
         * Search queries: one common word, two common words, a German word with or without its umlauts, or a
         * two-word phrase taken from a message of the searching user.
         */
        List<BenchQuery> queries(int count, long seed) {
            Random rnd = new Random(seed);
            List<BenchQuery> out = new ArrayList<>(count);
            for (int q = 0; q < count; q++) {
                int kind = rnd.nextInt(100);
                String owner = bare[rnd.nextInt(USERS)];
                String text;
                int type;
                if (kind < 45) {
                    type = 0;
                    text = words.common(rnd);
                } else if (kind < 75) {
                    type = 1;
                    text = words.common(rnd) + " " + words.common(rnd);
                } else if (kind < 85) {
                    type = 2;
                    String w = Words.GERMAN_UMLAUT[rnd.nextInt(Words.GERMAN_UMLAUT.length)];
                    text = rnd.nextBoolean() ? w : Words.fold(w);
                } else {
                    type = 3;
                    int i = rnd.nextInt(n);
                    owner = bare[from[i]];
                    String[] tokens = body[i].replaceAll("[^\\p{L}\\s]", "").trim().split("\\s+");
                    int at = tokens.length < 2 ? 0 : rnd.nextInt(tokens.length - 1);
                    text = tokens.length < 2 ? tokens[0] : "\"" + tokens[at] + " " + tokens[at + 1] + "\"";
                }
                out.add(new BenchQuery(owner, text, type));
            }
            return out;
        }
    }

    static final class Words {
        /** Roughly in order of frequency: earlier words are drawn more often. */
        static final String[] LIST = (
                "the I you to a and is it that in for ok ja we of on this be have not can do"
                        + " with ich are will just so what at was me my no but und ist das nicht die"
                        + " der du es wir mit auf meeting today tomorrow heute morgen call thanks danke"
                        + " please bitte now jetzt later später about über für schön gut good time"
                        + " Termin Angebot Rechnung Kunde customer invoice project Projekt email mail"
                        + " send schicken can kannst könntest möchte würde können müssen Grüße viele"
                        + " lunch Mittag coffee Kaffee office Büro report Bericht update review check"
                        + " file Datei version release deploy server Server login password Passwort"
                        + " Größe Straße Müller Bäcker Brötchen Frühstück Käse Äpfel Fußball Mädchen"
                        + " Öffnungszeiten Übersetzung natürlich zurück hören sehen gehen kommen fertig"
                        + " ready done finished almost soon bald gleich sure sicher maybe vielleicht"
                        + " yes nein no problem Problem issue ticket bug fix Fehler Lösung solution idea"
                        + " Idee plan Plan week Woche Montag Dienstag Mittwoch Donnerstag Freitag Monday"
                        + " Tuesday Wednesday Thursday Friday weekend Wochenende holiday Urlaub sick"
                        + " krank home Homeoffice train Zug late spät early früh budget numbers Zahlen"
                        + " sales Vertrieb team Team manager Chef boss contract Vertrag signed"
                        + " unterschrieben draft Entwurf slides Folien presentation Präsentation agenda"
                        + " minutes Protokoll question Frage answer Antwort help Hilfe urgent dringend"
                        + " important wichtig price Preis discount Rabatt order Bestellung delivery"
                        + " Lieferung warehouse Lager München Köln Düsseldorf Nürnberg Zürich Berlin"
                        + " Hamburg London Paris weather Wetter rain Regen sun Sonne birthday Geburtstag"
                        + " cake Kuchen party Feier dinner Abendessen beer Bier tschüss cheers ciao"
                ).split(" ");
        static final String[] GERMAN_UMLAUT = {"Grüße", "schön", "später", "über", "für", "möchte", "würde",
                "können", "müssen", "Größe", "Straße", "Müller", "Bäcker", "Brötchen", "Frühstück", "Käse", "Äpfel",
                "Fußball", "Öffnungszeiten", "Übersetzung", "natürlich", "zurück", "hören", "früh", "spät",
                "München", "Köln", "Düsseldorf", "Nürnberg", "Zürich", "Büro", "tschüss", "Präsentation"};
        private final double[] cumulative = new double[LIST.length];

        Words() {
            double sum = 0;
            for (int r = 0; r < LIST.length; r++) {
                sum += 1.0 / Math.pow(r + 1, 0.8);
                cumulative[r] = sum;
            }
            for (int r = 0; r < LIST.length; r++) {
                cumulative[r] /= sum;
            }
        }

        String word(Random rnd) {
            int at = Arrays.binarySearch(cumulative, rnd.nextDouble());
            return LIST[Math.min(at < 0 ? -at - 1 : at, LIST.length - 1)];
        }

        /** A frequent but not trivial word (ranks 5-90). */
        String common(Random rnd) {
            return LIST[5 + rnd.nextInt(85)];
        }

        String body(Random rnd) {
            int target = 20 + rnd.nextInt(181);
            StringBuilder sb = new StringBuilder(target + 16);
            while (true) {
                String w = word(rnd);
                int sep = sb.length() == 0 ? 0 : 1;
                if (sb.length() + sep + w.length() > 199) {
                    if (sb.length() >= 20) {
                        break;
                    }
                    continue;
                }
                if (sb.length() >= 20 && sb.length() + sep + w.length() > target) {
                    break;
                }
                if (sep == 1) {
                    sb.append(rnd.nextInt(14) == 0 ? ", " : " ");
                    if (sb.length() + w.length() > 199) {
                        sb.setLength(sb.length() - 2);
                        break;
                    }
                }
                sb.append(sb.length() == 0 ? Character.toUpperCase(w.charAt(0)) + w.substring(1) : w);
            }
            int end = rnd.nextInt(4);
            if (end > 0) {
                sb.append(end == 1 ? "." : end == 2 ? "?" : "!");
            }
            return sb.toString();
        }

        /** How a user without umlauts on the keyboard types it; the analyzer folds both to the same term. */
        static String fold(String w) {
            return w.replace("ä", "a").replace("ö", "o").replace("ü", "u").replace("Ä", "A").replace("Ö", "O")
                    .replace("Ü", "U").replace("ß", "ss");
        }
    }

    // ------------------------------------------------------------------ environment and database

    /** The benchmark's users, user0000 … user1999, on the shared test environment. */
    private static TestEnvironment env(ConnectionSource database, Path data, Settings settings) {
        String[] users = new String[USERS];
        for (int u = 0; u < USERS; u++) {
            users[u] = String.format(Locale.ROOT, "user%04d", u);
        }
        return new TestEnvironment(database, data, settings, System::currentTimeMillis, users);
    }

    /** A fixed pool of reused HSQLDB connections; close() on a lent connection returns it. */
    static final class Pool implements ConnectionSource {
        private final BlockingQueue<Connection> idle;
        private final List<Connection> all = new ArrayList<>();

        private Pool(String url, int size) throws SQLException {
            idle = new ArrayBlockingQueue<>(size);
            for (int i = 0; i < size; i++) {
                Connection c = DriverManager.getConnection(url, "SA", "");
                all.add(c);
                idle.add(c);
            }
        }

        /** A new file database in {@code dir} with Openfire's embedded settings and the plugin's schema. */
        static Pool create(Path dir) throws Exception {
            return create(dir, "");
        }

        /** As {@link #create(Path)}, with more connection properties ({@code ;name=value…}) for a new database. */
        static Pool create(Path dir, String properties) throws Exception {
            Files.createDirectories(dir);
            String url = "jdbc:hsqldb:file:" + dir.toAbsolutePath().resolve("db")
                    + ";hsqldb.write_delay_millis=1000;hsqldb.log_size=20" + properties;
            Pool pool = new Pool(url, POOL_SIZE);
            try (Connection c = pool.getConnection(); Statement st = c.createStatement()) {
                // What Openfire's openfire_hsqldb.sql sets for its embedded database.
                st.execute("SET FILES WRITE DELAY 1000 MILLIS");
                st.execute("SET FILES LOG SIZE 20");
                st.execute("CREATE TABLE ofVersion (name VARCHAR(50) NOT NULL, version INTEGER NOT NULL, "
                        + "PRIMARY KEY(name))");
                for (String sql : schema()) {
                    st.execute(sql);
                }
                try (ResultSet rs = st.executeQuery("SELECT HSQLDB_TYPE FROM INFORMATION_SCHEMA.SYSTEM_TABLES "
                        + "WHERE TABLE_NAME = 'DCMESSAGE'")) {
                    String type = rs.next() ? rs.getString(1) : "?";
                    System.out.println("dcMessage table type: " + type);
                }
            }
            return pool;
        }

        /** A database {@link #create} made before, in {@code dir}, as it is. */
        static Pool open(Path dir) throws SQLException {
            return new Pool("jdbc:hsqldb:file:" + dir.toAbsolutePath().resolve("db")
                    + ";hsqldb.write_delay_millis=1000;hsqldb.log_size=20;ifexists=true", POOL_SIZE);
        }

        private static List<String> schema() throws IOException {
            return org.domainchat.testing.OpenfireSchemaRunner.statements("database/domainchat_hsqldb.sql", false);
        }

        @Override
        public Connection getConnection() throws SQLException {
            Connection real;
            try {
                real = idle.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SQLException("interrupted while waiting for a connection", e);
            }
            boolean[] closed = {false};
            InvocationHandler handler = (proxy, method, args) -> {
                switch (method.getName()) {
                    case "close":
                        if (!closed[0]) {
                            closed[0] = true;
                            try {
                                if (!real.getAutoCommit()) {
                                    real.rollback();
                                    real.setAutoCommit(true);
                                }
                            } finally {
                                idle.add(real);
                            }
                        }
                        return null;
                    case "isClosed":
                        return closed[0];
                    default:
                        if (closed[0]) {
                            throw new SQLException("connection already returned to the pool");
                        }
                        try {
                            return method.invoke(real, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                }
            };
            return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
                    new Class<?>[]{Connection.class}, handler);
        }

        /** Shuts the database down without a final checkpoint (its files are deleted next). */
        void shutdown() {
            try (Statement st = all.get(0).createStatement()) {
                st.execute("SHUTDOWN IMMEDIATELY");
            } catch (SQLException e) {
                System.out.println("note: HSQLDB shutdown: " + e.getMessage());
            }
            for (Connection c : all) {
                try {
                    c.close();
                } catch (SQLException ignored) {
                    // already closed by the shutdown
                }
            }
        }
    }

    // ------------------------------------------------------------------ helpers

    /** A system property; unset, blank or an unresolved Maven {@code ${...}} means the default. */
    private static String property(String name, String defaultValue) {
        String value = System.getProperty(name);
        return value == null || value.isBlank() || value.startsWith("${") ? defaultValue : value.strip();
    }

    private static void line(String label, String value) {
        String text = String.format(Locale.ROOT, "%-30s %s", label, value);
        System.out.println(text);
        System.out.flush();
        SUMMARY.add(text);
    }

    private static double pct(long[] sorted, int percentile) {
        int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(index, sorted.length - 1))];
    }

    private static double secs(long nanos) {
        return nanos / 1e9;
    }

    private static String mb(long bytes) {
        return String.format(Locale.ROOT, "%,d MB", bytes >> 20);
    }

    private static String usedHeapAfterGc() {
        System.gc();
        System.gc();
        Runtime rt = Runtime.getRuntime();
        return mb(rt.totalMemory() - rt.freeMemory());
    }

    private static long processCpu() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return 0;
    }

    /** CPU time (ns) that the whole machine spent busy, from /proc/stat; -1 where unavailable. */
    private static long machineBusyNanos() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long busy = 0;
            for (int i : new int[]{1, 2, 3, 6, 7, 8}) { // user nice system irq softirq steal
                busy += Long.parseLong(f[i]);
            }
            return busy * 10_000_000L; // USER_HZ = 100
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** CPU seconds other processes used since the marks were taken. */
    private static String othersCpu(long machine0, long process0) {
        long machine = machineBusyNanos();
        if (machine < 0 || machine0 < 0) {
            return "n/a";
        }
        return String.format(Locale.ROOT, "%.1f", Math.max(0, secs(machine - machine0 - (processCpu() - process0))));
    }

    private static long gcMillis() {
        long sum = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            sum += Math.max(0, gc.getCollectionTime());
        }
        return sum;
    }

    private static long jitMillis() {
        var jit = ManagementFactory.getCompilationMXBean();
        return jit != null && jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() : 0;
    }

    /** CPU seconds of the live thread whose name starts with {@code name}. */
    private static double threadCpu(String name) {
        for (Thread th : Thread.getAllStackTraces().keySet()) {
            if (th.getName().startsWith(name)) {
                long cpu = THREADS.getThreadCpuTime(th.getId());
                return cpu < 0 ? 0 : secs(cpu);
            }
        }
        return 0;
    }

    private static void deleteTree(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.out.println("note: could not delete " + dir + ": " + e.getMessage());
        }
    }
}
